/* survey.c - the checks of one survey answer (see survey.h). */
#include "survey.h"

#include <string.h>

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
