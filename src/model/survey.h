/* survey.h - the checks of one survey answer, the same for the web form
 * and the spreadsheets (`ladder survey import`). Prefix: survey_.
 *
 * Answers are data: a check returns what is wrong as an enum survey_problem,
 * and the layer that shows it words it (po/nl.po, survey_problem_*).
 */
#ifndef LADDER_SURVEY_H
#define LADDER_SURVEY_H

enum survey_problem {
	SURVEY_OK = 0,
	SURVEY_NOT_WHOLE,     /* not a whole number of persons, 0 or more (digits only) */
	SURVEY_TOO_LARGE,     /* more than SURVEY_MAX_PERSONS */
	SURVEY_NEEDS_COMMENT, /* changed by more than half against last year, and no comment says why */
	SURVEY_SITE_CLOSED,   /* a number for a site that was closed all year */
	SURVEY_MISSING,       /* a final answer without this number */
};

#define SURVEY_MAX_PERSONS 1000000000LL

/* The text of one field: blanks around it are ignored; "" is not given
 * (*given = 0). Otherwise digits only: "12", not "12,0", "1.234" or "-3". */
enum survey_problem survey_parse_persons(const char *text, int *given, long long *out);

/* One field against last year and its site: a site closed all year takes
 * no number (0 is allowed: "nobody"); a change of more than half against
 * last year (|value - last| > last / 2; from 0, any value above it) needs a
 * comment; a final answer gives every open site's number. */
enum survey_problem survey_check(int site_open, int given, long long value, int has_last, long long last,
				 const char *comment, int final);

#endif
