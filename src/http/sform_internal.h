/* sform_internal.h - what sform.c (requests, validation, saving) and
 * sform_html.c (the pages) share; private to src/http/. Prefix: sform_.
 *
 * Ownership: everything of a page lives in the request's arena. */
#ifndef LADDER_SFORM_INTERNAL_H
#define LADDER_SFORM_INTERNAL_H

#include "csrf.h"
#include "http.h"
#include "../store/store.h"

#define SFORM_MAX_ERRORS 256

/* A field of the form: a site and a work form it runs. */
typedef struct sform_row {
	int site, work_form;
	const char *site_code, *site_name, *area_name, *form_code, *form_name, *site_to;
	int site_open;            /* else the site closed: no number asked */
	int has_last;
	long long last;           /* last year's persons */
	int has_value, has_ref;
	long long value, ref;     /* persons during the year (the field), on the reference date (kept) */
	const char *comment;      /* why it changed */
	/* persons.<site>.<form>, comment.<site>.<form>, reference.<site>.<form> */
	const char *field, *comment_field, *ref_field;
	int edited;               /* posted: show posted, not value */
	const char *posted, *posted_ref; /* the fields' text as sent (NULL: not sent) */
	const char *error;        /* the first problem of the row, or NULL */
	char error_at;            /* ... in its field: 'f' the number, 'c' the comment, 'r' the reference date */
} sform_row;

typedef struct sform_err {
	int row;        /* -1: the whole form */
	char target;    /* the row's field: 'f' number, 'c' comment, 'r' reference date */
	const char *msg;
} sform_err;

typedef struct sform_page {
	arena *a;
	http_req *r;
	int en;
	const char *token;
	store_invite inv;
	sform_row *rows;
	int n, cap;
	sform_err errors[SFORM_MAX_ERRORS];
	int n_errors;
	const char *notice;   /* a message above the form (draft saved, not accepted) */
	int based_on;         /* the version the form's values stand on */
	store_survey_saved saved;
	char csrf[CSRF_LEN + 1];
} sform_page;

void sform_error(sform_page *p, int row, char target, const char *msg);
/* "2026-12-06T15:04:05Z" as "2026-12-06 15:04 UTC" (in the arena). */
const char *sform_time(arena *a, const char *iso);

void sform_html_message(buf *b, int en, int status, const char *msg);
void sform_html_form(buf *b, const sform_page *p);
void sform_html_receipt(buf *b, const sform_page *p);
void sform_html_copy(buf *b, const sform_page *p);

#endif
