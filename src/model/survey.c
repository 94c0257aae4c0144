/* survey.c - the checks of one survey answer (see survey.h). */
#include "survey.h"

#include <string.h>
#include <strings.h>

static int blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

enum survey_problem survey_parse_persons(const char *text, int *given, long long *out)
{
	*given = 0;
	*out = 0;
	while (blank(*text))
		text++;
	size_t n = strlen(text);
	while (n && blank(text[n - 1]))
		n--;
	if (n == 0)
		return SURVEY_OK;
	long long v = 0;
	for (size_t i = 0; i < n; i++) {
		if (text[i] < '0' || text[i] > '9')
			return SURVEY_NOT_WHOLE;
		if (v > SURVEY_MAX_PERSONS)
			return SURVEY_TOO_LARGE;
		v = v * 10 + (text[i] - '0');
	}
	if (v > SURVEY_MAX_PERSONS)
		return SURVEY_TOO_LARGE;
	*given = 1;
	*out = v;
	return SURVEY_OK;
}

static int has_words(const char *s)
{
	for (; s && *s; s++)
		if (!blank(*s))
			return 1;
	return 0;
}

enum survey_problem survey_check(int site_open, int given, long long value, int has_last, long long last,
				 const char *comment, int final)
{
	if (!site_open)
		return given && value != 0 ? SURVEY_SITE_CLOSED : SURVEY_OK;
	if (!given)
		return final ? SURVEY_MISSING : SURVEY_OK;
	long long change = value > last ? value - last : last - value;
	if (has_last && 2 * change > last && !has_words(comment))
		return SURVEY_NEEDS_COMMENT;
	return SURVEY_OK;
}

static const char *const col_names[SURVEY_N_COLS] = {"provider", "site", "work_form", "persons", "persons_ref", "comment"};
/* columns of the template that only help the reader */
static const char *const aids[] = {"site_name", "municipality", "work_form_name", "last_year", NULL};

const char *survey_sheet_col_name(int c)
{
	return c >= 0 && c < SURVEY_N_COLS ? col_names[c] : "";
}

/* s equals name, ignoring case and blanks around s */
static int name_is(const char *s, size_t n, const char *name)
{
	while (n && blank(*s))
		s++, n--;
	while (n && blank(s[n - 1]))
		n--;
	return n == strlen(name) && strncasecmp(s, name, n) == 0;
}

enum survey_header_problem survey_sheet_header(const csv_row *h, survey_sheet *sh, int *at)
{
	for (int c = 0; c < SURVEY_N_COLS; c++)
		sh->col[c] = -1;
	for (int i = 0; i < h->n; i++) {
		const csv_field *f = &h->f[i];
		int known = 0;
		for (int c = 0; c < SURVEY_N_COLS && !known; c++) {
			if (!name_is(f->s, f->len, col_names[c]))
				continue;
			if (sh->col[c] >= 0)
				return *at = i, SURVEY_HEADER_TWICE;
			sh->col[c] = i;
			known = 1;
		}
		for (int k = 0; aids[k] && !known; k++)
			known = name_is(f->s, f->len, aids[k]);
		if (!known && !name_is(f->s, f->len, "")) /* spreadsheets pad the header with empty cells */
			return *at = i, SURVEY_HEADER_UNKNOWN;
	}
	for (int c = 0; c <= SURVEY_COL_PERSONS; c++)
		if (sh->col[c] < 0)
			return *at = c, SURVEY_HEADER_MISSING;
	return SURVEY_HEADER_OK;
}

void survey_sheet_row(const survey_sheet *sh, const csv_row *r, survey_answer *a)
{
	for (int c = 0; c < SURVEY_N_COLS; c++) {
		int i = sh->col[c];
		a->at[c] = i >= 0 && i < r->n ? &r->f[i] : NULL;
		a->v[c] = a->at[c] ? a->at[c]->s : "";
	}
}

int survey_row_blank(const csv_row *r)
{
	for (int i = 0; i < r->n; i++)
		for (const char *s = r->f[i].s; *s; s++)
			if (!blank(*s))
				return 0;
	return 1;
}
