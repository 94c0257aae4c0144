/* test_survey.c - the survey's store (store_survey.c) and secrets
 * (crypt.c): an invite found by its token's hash only, the form's rows with
 * last year's figure, answers saved as versions, the "two tabs" signal and
 * a round that closed. */
#include "harness.h"
#include "fixture.h"
#include "base/crypt.h"
#include "model/survey.h"

#include <stdio.h>
#include <string.h>

static const char providers[] = "provider,name,contact\n"
				"azi-brugge,AZI Brugge,info@azi.be\n"
				"azi-gent,AZI Gent,info@azig.be\n";
/* doorstroom_arbeidszorg of Brugge (31005) was 15 in 2017 (demo) */
static const char sites[] = "provider,site,name,area,work_form,valid_to\n"
			    "azi-brugge,hoofd,Hoofdzetel,31005,doorstroom_arbeidszorg,\n"
			    "azi-brugge,hoofd,Hoofdzetel,31005,arbeidszorg_welzijn,\n"
			    "azi-brugge,oud,Gesloten,31022,doorstroom_arbeidszorg,2017-06-30\n"
			    "azi-gent,c,Centrum,44021,arbeidszorg_ggz,\n";

static void test_crypt(void)
{
	char a[CRYPT_TOKEN_LEN + 1], b[CRYPT_TOKEN_LEN + 1];
	lerr e;
	CHECK_EQ_INT(crypt_token(a, &e), 0);
	CHECK_EQ_INT(crypt_token(b, &e), 0);
	CHECK_EQ_INT(strlen(a), CRYPT_TOKEN_LEN);
	CHECK(strcmp(a, b) != 0);
	CHECK(crypt_token_shape(a));
	CHECK(!crypt_token_shape("short"));
	a[5] = '/';
	CHECK(!crypt_token_shape(a));
	unsigned char h[32];
	char hex[65];
	crypt_sha256("abc", 3, h);
	crypt_hex(h, 32, hex);
	CHECK_EQ_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	unsigned char g[32];
	memcpy(g, h, 32);
	CHECK(crypt_equal(g, h, 32));
	g[31] ^= 1;
	CHECK(!crypt_equal(g, h, 32));
}

typedef struct rows_seen {
	int n, open, last_figure, last_value, given;
	long long year_sum;
	int site, form;
	char codes[256];
} rows_seen;

static void saw_row(void *p, const store_survey_row *r)
{
	rows_seen *x = p;
	x->n++;
	x->open += r->site_open;
	if (r->has_last && strcmp(r->last_source, "figure") == 0)
		x->last_figure++;
	x->given += r->has_year;
	x->year_sum += r->persons_year;
	if (r->site_open && strcmp(r->form_code, "doorstroom_arbeidszorg") == 0)
		x->site = r->site, x->form = r->work_form, x->last_value = (int)r->last;
	snprintf(x->codes + strlen(x->codes), sizeof x->codes - strlen(x->codes), "%s.%s ", r->site_code, r->form_code);
}

typedef struct first_invite {
	int invite;
	char code[64];
} first_invite;

static void saw_invite(void *p, const store_invite_row *r)
{
	first_invite *x = p;
	if (!x->invite)
		x->invite = r->invite, snprintf(x->code, sizeof x->code, "%s", r->provider_code);
}

static void test_round(void)
{
	model *m;
	store *s = unit_demo_model(&m);
	if (!m) {
		store_close(s);
		return;
	}
	lerr e;
	CHECK_EQ_INT(unit_load(s, "providers.csv", providers), 0);
	CHECK_EQ_INT(unit_load(s, "sites.csv", sites), 0);
	int ia = model_node_index(m, "doorstroom_arbeidszorg"), ib = model_node_index(m, "arbeidszorg_welzijn");
	CHECK(ia >= 0 && ib >= 0);
	if (ia < 0 || ib < 0) {
		model_free(m);
		store_close(s);
		return;
	}
	int forms[] = {m->nodes[ia].id, m->nodes[ib].id};
	model_free(m);
	int round, invited;
	CHECK_EQ_INT(store_survey_open(s, 2018, "2019", forms, 2, "2019-03-31", &round, &invited, &e), 0);
	CHECK_EQ_INT(invited, 1); /* Gent runs only arbeidszorg_ggz */
	CHECK_EQ_INT(store_survey_open(s, 2018, "2019", forms, 2, "", &round, &invited, &e), LERR_CONFLICT);
	int r2, many;
	CHECK_EQ_INT(store_survey_round(s, 0, NULL, &r2, &many, &e), 0);
	CHECK(r2 > 0 && !many);

	first_invite fi = {0};
	CHECK_EQ_INT(store_survey_invites(s, r2, saw_invite, &fi, &e), 0);
	CHECK_EQ_STR(fi.code, "azi-brugge");
	char token[CRYPT_TOKEN_LEN + 1];
	unsigned char hash[32], other[32];
	CHECK_EQ_INT(crypt_token(token, &e), 0);
	crypt_sha256(token, strlen(token), hash);
	CHECK_EQ_INT(store_survey_set_token(s, fi.invite, hash, &e), 0);

	store_invite inv;
	int found;
	memcpy(other, hash, 32);
	other[0] ^= 0x80;
	CHECK_EQ_INT(store_survey_invite(s, other, "2019-01-10", &inv, &found, &e), 0);
	CHECK_EQ_INT(found, 0);
	CHECK_EQ_INT(store_survey_invite(s, hash, "2019-01-10", &inv, &found, &e), 0);
	CHECK_EQ_INT(found, 1);
	CHECK_EQ_INT(inv.year, 2018);
	CHECK_EQ_STR(inv.edition, "2019");
	CHECK_EQ_STR(inv.provider_code, "azi-brugge");
	CHECK_EQ_INT(inv.open, 1);
	CHECK_EQ_INT(inv.version, 0);
	CHECK_EQ_INT(store_survey_invite(s, hash, "2019-04-01", &inv, &found, &e), 0);
	CHECK_EQ_INT(inv.open, 0); /* past its closes date */

	/* the closed site is listed (to say so), last year's figure of Brugge */
	rows_seen rs = {0};
	CHECK_EQ_INT(store_survey_rows(s, fi.invite, 0, saw_row, &rs, &e), 0);
	CHECK_EQ_STR(rs.codes, "hoofd.arbeidszorg_welzijn hoofd.doorstroom_arbeidszorg oud.doorstroom_arbeidszorg ");
	CHECK_EQ_INT(rs.open, 2);
	CHECK_EQ_INT(rs.last_figure, 2); /* Oostkamp's too: the closed site was its only one */
	CHECK_EQ_INT(rs.last_value, 15);
	CHECK_EQ_INT(rs.given, 0);

	/* two tabs: both based on no version; the second learns of the first */
	store_survey_value v = {rs.site, rs.form, 1, 1, 17, 12, "meer plaatsen"};
	store_survey_saved sv;
	CHECK_EQ_INT(store_survey_save(s, fi.invite, "draft", "web", 0, "", &v, 1, "2019-01-10", &sv, &e), 0);
	CHECK_EQ_INT(sv.version, 1);
	CHECK_EQ_INT(sv.newer, 0);
	v.persons_year = 18;
	CHECK_EQ_INT(store_survey_save(s, fi.invite, "final", "web", 0, "", &v, 1, "2019-01-10", &sv, &e), 0);
	CHECK_EQ_INT(sv.version, 2);
	CHECK_EQ_INT(sv.newer, 1);
	memset(&rs, 0, sizeof rs);
	CHECK_EQ_INT(store_survey_rows(s, fi.invite, 0, saw_row, &rs, &e), 0);
	CHECK_EQ_INT(rs.given, 1);
	CHECK_EQ_INT(rs.year_sum, 18);
	memset(&rs, 0, sizeof rs);
	CHECK_EQ_INT(store_survey_rows(s, fi.invite, 1, saw_row, &rs, &e), 0);
	CHECK_EQ_INT(rs.year_sum, 17); /* version 1 is kept as it was */

	/* a pair not on the form, and a form past its date, save nothing */
	store_survey_value bad = {rs.site, forms[1] + 100000, 1, 0, 1, 0, ""};
	CHECK_EQ_INT(store_survey_save(s, fi.invite, "final", "web", 2, "", &bad, 1, "2019-01-10", &sv, &e), LERR_PARSE);
	CHECK_EQ_INT(store_survey_save(s, fi.invite, "final", "web", 2, "", &v, 1, "2019-04-01", &sv, &e), LERR_CONFLICT);
	CHECK_EQ_INT(store_survey_save(s, fi.invite, "final", "spreadsheet", 2, "", &v, 1, "2019-04-01", &sv, &e), 0);
	CHECK_EQ_INT(sv.version, 3);
	CHECK_EQ_INT(sv.newer, 0);
	CHECK_EQ_INT(store_survey_invite(s, hash, "2019-01-10", &inv, &found, &e), 0);
	CHECK_EQ_INT(inv.version, 3);
	CHECK_EQ_STR(inv.kind, "final");
	store_close(s);
}

static void test_checks(void)
{
	int given;
	long long v;
	CHECK_EQ_INT(survey_parse_persons("  ", &given, &v), SURVEY_OK);
	CHECK_EQ_INT(given, 0);
	CHECK_EQ_INT(survey_parse_persons(" 17 ", &given, &v), SURVEY_OK);
	CHECK(given && v == 17);
	CHECK_EQ_INT(survey_parse_persons("0", &given, &v), SURVEY_OK);
	CHECK(given && v == 0);
	const char *bad[] = {"-3", "1.234", "12,0", "1e3", "12 3", "x", "+4"};
	for (int i = 0; i < 7; i++)
		CHECK_EQ_INT(survey_parse_persons(bad[i], &given, &v), SURVEY_NOT_WHOLE);
	CHECK_EQ_INT(survey_parse_persons("99999999999999999999999", &given, &v), SURVEY_TOO_LARGE);
	/* more than half: 10 -> 15 is half (fine), 10 -> 16 is more */
	CHECK_EQ_INT(survey_check(1, 1, 15, 1, 10, "", 1), SURVEY_OK);
	CHECK_EQ_INT(survey_check(1, 1, 16, 1, 10, "", 1), SURVEY_NEEDS_COMMENT);
	CHECK_EQ_INT(survey_check(1, 1, 4, 1, 10, " ", 1), SURVEY_NEEDS_COMMENT);
	CHECK_EQ_INT(survey_check(1, 1, 4, 1, 10, "afdeling gesloten", 1), SURVEY_OK);
	CHECK_EQ_INT(survey_check(1, 1, 3, 1, 0, "", 0), SURVEY_NEEDS_COMMENT);
	CHECK_EQ_INT(survey_check(1, 1, 300, 0, 0, "", 1), SURVEY_OK); /* nothing to compare with */
	CHECK_EQ_INT(survey_check(0, 1, 3, 1, 10, "", 1), SURVEY_SITE_CLOSED);
	CHECK_EQ_INT(survey_check(0, 1, 0, 1, 10, "", 1), SURVEY_OK);
	CHECK_EQ_INT(survey_check(0, 0, 0, 1, 10, "", 1), SURVEY_OK);
	CHECK_EQ_INT(survey_check(1, 0, 0, 1, 10, "", 1), SURVEY_MISSING);
	CHECK_EQ_INT(survey_check(1, 0, 0, 1, 10, "", 0), SURVEY_OK); /* a draft may leave fields open */
}

void suite_survey(void)
{
	RUN(test_checks);
	RUN(test_crypt);
	RUN(test_round);
}
