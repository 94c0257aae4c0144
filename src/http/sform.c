/* sform.c - the providers' survey form: who may see it, what a POST must
 * carry, validation and saving. The pages themselves: sform_html.c. See
 * sform.h. */
#include "sform.h"
#include "sform_internal.h"
#include "csrf.h"
#include "form.h"
#include "guard.h"
#include "limiter.h"
#include "../base/crypt.h"
#include "../base/num.h"
#include "../model/survey.h"
#include "../base/vocab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* A client address that failed this many times (wrong links) is refused
 * until its bucket refills, one attempt per LIMIT_REFILL_S. */
#define LIMIT_BURST 10
#define LIMIT_REFILL_S ((double)SFORM_RETRY_AFTER_S)
/* How long a rendered form may be sent back (a morning's work and more). */
#define CSRF_LIFETIME_S (12 * 3600.0)

static lim failures;
static csrf forms;

static int message_page(http_req *r, http_resp *out, int status, const char *msg);

int sform_start(lerr *err)
{
	unsigned char key[32];
	if (crypt_random(key, sizeof key, err) < 0)
		return LERR_IO;
	csrf_init(&forms, key, CSRF_LIFETIME_S);
	memset(key, 0, sizeof key);
	lim_init(&failures, LIMIT_BURST, LIMIT_REFILL_S);
	return 0;
}

void sform_stop(void)
{
	csrf_destroy(&forms);
	lim_destroy(&failures);
}

int sform_blocked(const unsigned char client[16])
{
	double now = guard_now();
	if (!lim_blocked(&failures, client, now))
		return 0;
	/* a request refused meanwhile counts as a failed one too: a client
	 * that keeps guessing stays out, one that stops gets back in */
	lim_failed(&failures, client, now);
	return 1;
}

int sform_refuse(http_req *r, http_resp *out)
{
	return message_page(r, out, 429, V(r->english, sform_too_many_attempts));
}

int sform_target(const char *raw)
{
	return raw && strncmp(raw, "/survey/", 8) == 0;
}

/* ------------------------------------------------------------ the rows */

static void add_row(void *ctx, const store_survey_row *sr)
{
	sform_page *p = ctx;
	if (p->n == p->cap) {
		int cap = p->cap ? 2 * p->cap : 16;
		sform_row *rows = arena_alloc(p->a, (size_t)cap * sizeof *rows);
		if (p->n)
			memcpy(rows, p->rows, (size_t)p->n * sizeof *rows);
		p->rows = rows;
		p->cap = cap;
	}
	sform_row *r = &p->rows[p->n++];
	memset(r, 0, sizeof *r);
	r->site = sr->site;
	r->work_form = sr->work_form;
	r->site_code = arena_strdup(p->a, sr->site_code);
	r->site_name = arena_strdup(p->a, sr->site_name);
	r->area_name = arena_strdup(p->a, sr->area_name ? sr->area_name : "");
	r->form_code = arena_strdup(p->a, sr->form_code);
	r->form_name = arena_strdup(p->a, p->en && sr->form_name_en && *sr->form_name_en ? sr->form_name_en : sr->form_name_nl);
	r->site_to = arena_strdup(p->a, sr->site_to ? sr->site_to : "");
	r->site_open = sr->site_open;
	r->has_last = sr->has_last;
	r->last = sr->last;
	r->has_value = sr->has_year;
	r->value = sr->persons_year;
	r->has_ref = sr->has_ref;
	r->ref = sr->persons_ref;
	r->comment = arena_strdup(p->a, sr->comment ? sr->comment : "");
	r->field = arena_printf(p->a, "persons.%s.%s", sr->site_code, sr->form_code);
	r->comment_field = arena_printf(p->a, "comment.%s.%s", sr->site_code, sr->form_code);
	r->ref_field = arena_printf(p->a, "reference.%s.%s", sr->site_code, sr->form_code);
}

static int load_rows(http_ctx *c, sform_page *p, int version, lerr *err)
{
	p->n = 0;
	return store_survey_rows(c->s, p->inv.invite, version, add_row, p, err);
}

void sform_error(sform_page *p, int row, char target, const char *msg)
{
	if (p->n_errors == SFORM_MAX_ERRORS)
		return;
	p->errors[p->n_errors++] = (sform_err){row, target, arena_strdup(p->a, msg)};
	if (row >= 0 && !p->rows[row].error) {
		p->rows[row].error = p->errors[p->n_errors - 1].msg;
		p->rows[row].error_at = target;
	}
}

/* ------------------------------------------------------------- answers */

static int page_answer(http_resp *out, int status)
{
	out->status = status;
	out->type = "text/html; charset=utf-8";
	out->no_store = 1;
	return status;
}

/* A page with one message (a refused link, a closed round). */
static int message_page(http_req *r, http_resp *out, int status, const char *msg)
{
	buf_reset(&out->body);
	sform_html_message(&out->body, r->english, status, msg);
	return page_answer(out, status);
}

/* The form again, with a fresh csrf: after errors, a refused csrf or a
 * draft. */
static int form_page(sform_page *p, http_resp *out, int status)
{
	unsigned char nonce[16];
	lerr e;
	if (crypt_random(nonce, sizeof nonce, &e) < 0)
		return message_page(p->r, out, 503, e.msg);
	csrf_issue(&forms, p->inv.invite, nonce, time(NULL), p->csrf);
	buf_reset(&out->body);
	sform_html_form(&out->body, p);
	return page_answer(out, status);
}

/* What a problem of survey_check says, before whose field it is. */
static const char *problem_text(int en, enum survey_problem pr)
{
	switch (pr) {
	case SURVEY_NOT_WHOLE:
		return V(en, survey_problem_not_whole);
	case SURVEY_TOO_LARGE:
		return V(en, survey_problem_too_large);
	case SURVEY_NEEDS_COMMENT:
		return V(en, survey_problem_needs_comment);
	case SURVEY_SITE_CLOSED:
		return V(en, survey_problem_site_closed);
	case SURVEY_MISSING:
		return V(en, survey_problem_missing);
	case SURVEY_OK:
		break;
	}
	return "";
}

static void problem(sform_page *p, int row, char target, enum survey_problem pr)
{
	const sform_row *r = &p->rows[row];
	sform_error(p, row, target, arena_printf(p->a, "%s, %s: %s", r->site_name, r->form_name, problem_text(p->en, pr)));
}

/* Takes the posted values into the rows and checks them with the checks
 * the spreadsheets get too (model/survey.h): whole numbers always; for a
 * final answer also every open field filled and every change of more than
 * half explained. The errors go to p. */
static void take_values(sform_page *p, const form *f, int final)
{
	for (int i = 0; i < p->n; i++) {
		sform_row *r = &p->rows[i];
		r->posted = form_get(f, r->field);
		r->posted_ref = form_get(f, r->ref_field);
		const char *comment = form_get(f, r->comment_field);
		r->comment = comment ? comment : "";
		r->edited = 1;
		enum survey_problem pr = survey_parse_persons(r->posted ? r->posted : "", &r->has_value, &r->value);
		if (pr) {
			problem(p, i, 'f', pr);
			continue;
		}
		pr = survey_parse_persons(r->posted_ref ? r->posted_ref : "", &r->has_ref, &r->ref);
		if (!pr)
			pr = survey_check(r->site_open, r->has_ref, r->ref, 0, 0, "", 0);
		if (pr) {
			problem(p, i, 'r', pr);
			continue;
		}
		pr = survey_check(r->site_open, r->has_value, r->value, r->has_last, r->last, r->comment, final);
		if (pr)
			problem(p, i, pr == SURVEY_NEEDS_COMMENT ? 'c' : 'f', pr);
	}
}

/* Every field of the body must be one of the form's. */
static const char *unknown_field(const sform_page *p, const form *f)
{
	for (int k = 0; k < f->n; k++) {
		const char *name = f->fields[k].name;
		if (!strcmp(name, "csrf") || !strcmp(name, "submit") || !strcmp(name, "based_on"))
			continue;
		int known = 0;
		for (int i = 0; i < p->n && !known; i++)
			known = !strcmp(name, p->rows[i].field) || !strcmp(name, p->rows[i].comment_field) ||
				!strcmp(name, p->rows[i].ref_field);
		if (!known)
			return name;
	}
	return NULL;
}

static int save(http_ctx *c, sform_page *p, int final, int based_on, http_resp *out)
{
	store_survey_value *v = arena_alloc(p->a, (size_t)(p->n ? p->n : 1) * sizeof *v);
	for (int i = 0; i < p->n; i++) {
		const sform_row *r = &p->rows[i];
		v[i] = (store_survey_value){r->site, r->work_form, r->has_value, r->has_ref, r->value, r->ref, r->comment};
	}
	store_survey_saved saved;
	lerr e;
	int rc = store_survey_save(c->s, p->inv.invite, final ? "final" : "draft", "web", based_on, "", v, p->n,
				   NULL, &saved, &e);
	if (rc == LERR_CONFLICT)
		return message_page(p->r, out, 410, V(p->en, sform_round_closed_now));
	if (rc < 0) {
		p->notice = arena_printf(p->a, V(p->en, sform_not_saved), e.msg);
		return form_page(p, out, 503);
	}
	p->saved = saved;
	p->inv.version = saved.version;
	p->based_on = saved.version;
	snprintf(p->inv.kind, sizeof p->inv.kind, "%s", final ? "final" : "draft");
	if (final) {
		buf_reset(&out->body);
		sform_html_receipt(&out->body, p);
		return page_answer(out, 200);
	}
	p->notice = arena_printf(p->a, V(p->en, sform_draft_saved), saved.version, sform_time(p->a, saved.submitted_at));
	return form_page(p, out, 200);
}

static int answer_post(http_ctx *c, sform_page *p, const sform_in *in, http_resp *out)
{
	int en = p->en;
	/* a browser says where a POST came from; another site's is refused
	 * before anything else (the csrf field would refuse it too) */
	if (in->fetch_site && strcasecmp(in->fetch_site, "cross-site") == 0)
		return message_page(p->r, out, 403, V(en, sform_cross_site));
	form f;
	lerr e;
	if (form_parse(p->a, in->body, in->body_len, SFORM_MAX_FIELDS, &f, &e) < 0)
		return message_page(p->r, out, 400, arena_printf(p->a, V(en, sform_malformed), e.msg));
	const char *odd = unknown_field(p, &f);
	if (odd)
		return message_page(p->r, out, 400, arena_printf(p->a, V(en, sform_unknown_field), odd));
	const char *submit = form_get(&f, "submit");
	int final = submit && !strcmp(submit, "final");
	if (!submit || (!final && strcmp(submit, "draft") != 0))
		return message_page(p->r, out, 400, V(en, sform_no_submit));
	long long based_on = 0;
	const char *b = form_get(&f, "based_on");
	if (b && *b && num_parse_option_int(b, 0, 1000000000, &based_on) < 0)
		return message_page(p->r, out, 400, arena_printf(p->a, V(en, sform_malformed), "based_on"));
	p->based_on = (int)based_on;

	switch (csrf_spend(&forms, p->inv.invite, form_get(&f, "csrf"), time(NULL))) {
	case CSRF_OK:
		break;
	case CSRF_REPLAYED:
		/* sent before (a double click, "resend"): what it said is saved or
		 * was refused then; show the current answer */
		p->notice = V(en, sform_replayed);
		p->based_on = p->inv.version;
		return form_page(p, out, 409);
	case CSRF_FULL:
		return message_page(p->r, out, 503, V(en, sform_busy));
	default: /* missing, not ours, expired: the values come back to be sent again */
		take_values(p, &f, 0);
		p->n_errors = 0;
		for (int i = 0; i < p->n; i++)
			p->rows[i].error = NULL;
		p->notice = V(en, sform_csrf_refused);
		return form_page(p, out, 403);
	}
	take_values(p, &f, final);
	if (p->n_errors)
		return form_page(p, out, 422);
	return save(c, p, final, p->based_on, out);
}

int sform_answer(http_ctx *c, http_req *r, const sform_in *in, http_resp *out)
{
	lerr e;
	if (url_parse(&r->mem, r->raw, &r->url, &e) < 0)
		return message_page(r, out, 400, e.msg);
	const char *lang = url_param_get(&r->url, "lang");
	r->english = lang && !strcmp(lang, "en");
	int en = r->english;
	const url_target *u = &r->url;
	int copy = u->n_segments == 3 && !strcmp(u->segments[2], "copy");
	if (u->n_segments != 2 && !copy)
		return message_page(r, out, 404, V(en, server_no_such_page));
	int post = !strcmp(in->method, "POST");
	if (post && copy)
		return message_page(r, out, 405, V(en, server_only_get_and_head));
	/* a client that keeps trying wrong links is not even looked up */
	if (sform_blocked(in->client))
		return message_page(r, out, 429, V(en, sform_too_many_attempts));
	const char *token = u->segments[1];
	sform_page p;
	memset(&p, 0, sizeof p);
	p.a = &r->mem;
	p.r = r;
	p.en = en;
	p.token = token;
	int found = 0;
	if (crypt_token_shape(token)) {
		unsigned char hash[CRYPT_HASH_BYTES];
		crypt_sha256(token, strlen(token), hash);
		if (store_survey_invite(c->s, hash, NULL, &p.inv, &found, &e) < 0)
			return message_page(r, out, 503, e.msg);
	}
	if (!found) {
		lim_failed(&failures, in->client, guard_now());
		return message_page(r, out, 404, V(en, sform_bad_link));
	}
	if (!p.inv.open) {
		if (p.inv.closed_at[0] || !p.inv.closes[0])
			return message_page(r, out, 410, arena_printf(p.a, V(en, sform_round_closed), p.inv.year));
		return message_page(r, out, 410, arena_printf(p.a, V(en, sform_round_expired), p.inv.year, p.inv.closes));
	}
	if (load_rows(c, &p, 0, &e) < 0)
		return message_page(r, out, 503, e.msg);
	if (post)
		return answer_post(c, &p, in, out);
	if (copy) {
		buf_reset(&out->body);
		sform_html_copy(&out->body, &p);
		return page_answer(out, 200);
	}
	p.based_on = p.inv.version;
	if (!p.inv.opened_at[0] && store_survey_opened(c->s, p.inv.invite, &e) < 0)
		return message_page(r, out, 503, e.msg);
	return form_page(&p, out, 200);
}
