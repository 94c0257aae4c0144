/* draft_match.c - a delivery's labels against the model: areas (NIS codes,
 * names, old names of merged municipalities), work forms (codes, names,
 * abbreviations), months and years. Labels are compared folded (case,
 * accents, hyphens, punctuation and spaces aside). */
#define _POSIX_C_SOURCE 200809L
#include "draft.h"
#include "../model/profile.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void draft_fold(const char *s, char *out, size_t cap)
{
	model_fold(s, out, cap);
	char *w = out;
	for (const char *p = out; *p; p++)
		if (*p != ' ')
			*w++ = *p;
	*w = '\0';
}

/* "Brugge (stad)", "Antwerpen [gemeente]": the label without its suffix,
 * or NULL when it has none. */
static const char *without_suffix(const char *label, char *out, size_t cap)
{
	const char *open = strpbrk(label, "([");
	if (!open || open == label)
		return NULL;
	snprintf(out, cap, "%.*s", (int)(open - label), label);
	return out;
}

/* NIS codes typed as numbers lose their leading zero (02000 -> 2000). */
static int area_by_code(const model *m, const char *label)
{
	size_t n = strlen(label);
	if (n == 0 || n > 5 || strspn(label, "0123456789") != n)
		return -1;
	char code[6] = "00000";
	memcpy(code + 5 - n, label, n);
	return model_area_index(m, code);
}

/* The better of two areas with the same name for figures of year: a
 * municipality before other levels, then the one valid in year (0: the
 * one still valid). 0: neither is better. */
static int prefer(const model *m, int a, int b, int year)
{
	const model_area *x = &m->areas[a], *y = &m->areas[b];
	int mx = x->level == LEVEL_MUNICIPALITY, my = y->level == LEVEL_MUNICIPALITY;
	if (mx != my)
		return mx ? a : b;
	int vx = year ? model_area_valid_in_year(x, year) : !*x->valid_to;
	int vy = year ? model_area_valid_in_year(y, year) : !*y->valid_to;
	if (vx != vy)
		return vx ? a : b;
	return -1;
}

static int name_is(const char *name, const char *key)
{
	char f[256];
	if (!*name)
		return 0;
	draft_fold(name, f, sizeof f);
	return strcmp(f, key) == 0;
}

static int area_by_name(const model *m, const char *label, int year)
{
	char key[256];
	draft_fold(label, key, sizeof key);
	if (!*key)
		return -1;
	int best = -1, tie = 0;
	for (int i = 0; i < m->n_areas; i++) {
		const model_area *a = &m->areas[i];
		if (a->level == LEVEL_GROUPING || !(name_is(a->name_nl, key) || name_is(a->name_en, key)))
			continue;
		if (best < 0) {
			best = i;
			continue;
		}
		int p = prefer(m, best, i, year);
		tie = p < 0 ? 1 : p == i ? 0 : tie;
		best = p < 0 ? best : p;
	}
	return tie ? -2 : best;
}

int draft_match_area(const model *m, const char *label, int year)
{
	int i = area_by_code(m, label);
	if (i >= 0)
		return i;
	i = area_by_name(m, label, year);
	char bare[256];
	if (i == -1 && without_suffix(label, bare, sizeof bare))
		i = area_by_name(m, bare, year);
	return i;
}

/* The parenthesis of a name: "Maatwerkbedrijven (collectief maatwerk)"
 * gives "Maatwerkbedrijven" and "collectief maatwerk". */
static int form_key_is(const model_node *n, const char *key)
{
	char code[128];
	snprintf(code, sizeof code, "%s", n->code);
	if (name_is(code, key) || name_is(n->name_nl, key) || name_is(n->name_en, key) || name_is(n->abbr, key))
		return 1;
	char part[256];
	const char *open = strchr(n->name_nl, '(');
	if (!open || !without_suffix(n->name_nl, part, sizeof part))
		return 0;
	if (name_is(part, key))
		return 1;
	snprintf(part, sizeof part, "%.*s", (int)strcspn(open + 1, ")"), open + 1);
	return name_is(part, key);
}

int draft_match_form(const model *m, const char *label)
{
	char key[256];
	draft_fold(label, key, sizeof key);
	if (!*key)
		return -1;
	int found = -1;
	for (int i = 0; i < m->n_nodes; i++)
		if (form_key_is(&m->nodes[i], key)) {
			if (found >= 0)
				return -2;
			found = i;
		}
	return found;
}

int draft_month(const char *label)
{
	/* a bare 1 .. 12 names a month only where a profile says so: as a
	 * header it is as likely a rung or a number */
	const char *p = label + strspn(label, " ");
	if (*p && !p[strspn(p, "0123456789")])
		return 0;
	return prof_month(label);
}

int draft_year(const char *s)
{
	while (*s == ' ')
		s++;
	size_t n = strspn(s, "0123456789");
	if (n != 4 || (s[n] && s[n] != ' '))
		return 0;
	int y = atoi(s);
	return y >= 1990 && y <= 2100 ? y : 0;
}

/* ---- a work form named in a title: its name or abbreviation as words */

static int has_words(const char *folded_text, const char *phrase)
{
	char p[256];
	model_fold(phrase, p, sizeof p);
	size_t n = strlen(p);
	if (n < 3)
		return 0;
	for (const char *h = strstr(folded_text, p); h; h = strstr(h + 1, p))
		if ((h == folded_text || h[-1] == ' ') && (h[n] == ' ' || h[n] == '\0'))
			return 1;
	return 0;
}

/* A catalogue code as words of a title ("werkplekleren", "duaal_leren" as
 * "duaal leren"); short codes (tat, pwa, lde) are too likely other words. */
static int has_code(const char *folded_text, const char *code)
{
	char words[128];
	size_t n = strlen(code);
	if (n < 6 || n >= sizeof words)
		return 0;
	for (size_t i = 0; i <= n; i++)
		words[i] = code[i] == '_' ? ' ' : code[i];
	return has_words(folded_text, words);
}

int draft_form_in_text(const model *m, const char *text)
{
	char t[1024];
	model_fold(text, t, sizeof t);
	int found = -1;
	for (int i = 0; i < m->n_nodes; i++) {
		const model_node *n = &m->nodes[i];
		char bare[256];
		if (n->kind != KIND_FORM)
			continue;
		int hit = has_words(t, n->name_nl) || (*n->abbr && has_words(t, n->abbr)) || has_code(t, n->code) ||
			  (without_suffix(n->name_nl, bare, sizeof bare) && has_words(t, bare));
		if (hit && found >= 0 && found != i)
			return -2;
		if (hit)
			found = i;
	}
	return found;
}

int draft_year_in_text(const char *text, int *second)
{
	int first = 0;
	*second = 0;
	for (const char *p = text; *p; p++) {
		if ((p > text && isdigit((unsigned char)p[-1])) || strspn(p, "0123456789") != 4)
			continue;
		int y = atoi(p);
		if (y < 1990 || y > 2100)
			continue;
		if (!first)
			first = y;
		else if (y != first && !*second)
			*second = y;
	}
	return first;
}
