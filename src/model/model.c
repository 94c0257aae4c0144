/* model.c - in-memory ladder, work-form tree and geography. See model.h. */
#define _POSIX_C_SOURCE 200809L
#include "model.h"
#include "../base/vocab.h"
#include "profile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const model_subcategories_rung3[] = {"se", "ggz", "vaph", "welzijn", NULL};
const char *const model_subcategories_rung5[] = {"collectief", "individueel", NULL};

int model_subcategory_valid(int rung, const char *sub)
{
	if (!sub || !*sub)
		return 1;
	const char *const *list = rung == 3 ? model_subcategories_rung3
				 : rung == 5 ? model_subcategories_rung5
					     : NULL;
	for (; list && *list; list++)
		if (strcmp(*list, sub) == 0)
			return 1;
	return 0;
}

/* the words of the catalogue (po/nl.po, level_*); read back as input too */
static const char *const level_nl[] = {VOCAB_level_region_nl, VOCAB_level_province_nl, VOCAB_level_arrondissement_nl,
				       VOCAB_level_municipality_nl, VOCAB_level_grouping_nl};
static const char *const level_en[] = {VOCAB_level_region_en, VOCAB_level_province_en, VOCAB_level_arrondissement_en,
				       VOCAB_level_municipality_en, VOCAB_level_grouping_en};

const char *model_level_name(enum model_level l, int english)
{
	return english ? level_en[l] : level_nl[l];
}

int model_level_parse(const char *s, enum model_level *out)
{
	for (int i = 0; i < 5; i++)
		if (strcmp(s, level_en[i]) == 0 || strcmp(s, level_nl[i]) == 0) {
			*out = (enum model_level)i;
			return 0;
		}
	return LERR_PARSE;
}

static const char *const unit_names[] = {"persons", "percent", "number"};

const char *model_unit_name(enum model_unit u)
{
	return unit_names[u];
}

int model_unit_parse(const char *s, enum model_unit *out)
{
	for (int i = 0; i < 3; i++)
		if (strcmp(s, unit_names[i]) == 0) {
			*out = (enum model_unit)i;
			return 0;
		}
	return LERR_PARSE;
}

static const char *const form_unit_codes[MODEL_FORM_UNITS] = {"persons", "places", "trajectories", "fte"};
static const char *const form_unit_dutch[MODEL_FORM_UNITS] = {"personen", "plaatsen", "trajecten", "vte"};

const char *model_form_unit_code(enum model_form_unit u)
{
	return (unsigned)u < MODEL_FORM_UNITS ? form_unit_codes[u] : form_unit_codes[0];
}

int model_form_unit_parse(const char *s, enum model_form_unit *out)
{
	for (int i = 0; i < MODEL_FORM_UNITS; i++)
		if (strcasecmp(s, form_unit_codes[i]) == 0 || strcasecmp(s, form_unit_dutch[i]) == 0) {
			*out = (enum model_form_unit)i;
			return 0;
		}
	*out = FORM_PERSONS;
	return LERR_PARSE;
}

int model_list_has(const char *list, const char *code)
{
	size_t n = strlen(code);
	for (const char *p = list; p && *p;) {
		while (*p == ' ' || *p == '|' || *p == ',')
			p++;
		size_t k = strcspn(p, " |,");
		if (k == n && n && strncmp(p, code, n) == 0)
			return 1;
		p += k;
	}
	return 0;
}

int model_validity_overlap(const model_node *a, const model_node *b, int *from_year, int *to_year)
{
	/* ISO dates compare as text; an open start is before every date, an open end after */
	const char *from = strcmp(a->valid_from, b->valid_from) > 0 ? a->valid_from : b->valid_from;
	const char *to = !*a->valid_to ? b->valid_to : !*b->valid_to ? a->valid_to
			 : strcmp(a->valid_to, b->valid_to) < 0 ? a->valid_to : b->valid_to;
	if (*from && *to && strcmp(from, to) > 0)
		return 0;
	*from_year = *from ? atoi(from) : 0;
	*to_year = *to ? atoi(to) : 9999;
	return 1;
}

const char *model_total_code(arena *a, int rung, const char *sub)
{
	if (sub && *sub)
		return arena_printf(a, "trede%d.%s", rung, sub);
	return arena_printf(a, "trede%d", rung);
}

model *model_new(void)
{
	model *m = xcalloc(1, sizeof *m);
	arena_init(&m->mem);
	strmap_init(&m->node_by_code);
	strmap_init(&m->area_by_code);
	strmap_init(&m->indicator_by_code);
	m->headline = m->flanders = -1;
	for (int i = 0; i < 7; i++)
		m->rung_node[i] = -1;
	return m;
}

void model_free(model *m)
{
	if (!m)
		return;
	for (int i = 0; i < m->n_nodes; i++)
		free(m->nodes[i].children);
	for (int i = 0; i < m->n_areas; i++) {
		free(m->areas[i].children);
		free(m->areas[i].members);
		free(m->areas[i].crossing);
	}
	free(m->successions);
	free(m->terr_bits);
	free(m->lineage);
	free(m->nodes);
	free(m->areas);
	free(m->indicators);
	strmap_release(&m->node_by_code);
	strmap_release(&m->area_by_code);
	strmap_release(&m->indicator_by_code);
	arena_release(&m->mem);
	free(m);
}

void model_reserve(model *m, int nodes, int areas, int indicators)
{
	m->nodes = xrealloc(m->nodes, sizeof *m->nodes * (size_t)(nodes + m->n_nodes + 1));
	m->areas = xrealloc(m->areas, sizeof *m->areas * (size_t)(areas + m->n_areas + 1));
	m->indicators = xrealloc(m->indicators, sizeof *m->indicators * (size_t)(indicators + m->n_indicators + 1));
}

static const char *keep(model *m, const char *s)
{
	return arena_strdup(&m->mem, s ? s : "");
}

int model_add_node(model *m, const model_node *src)
{
	int i = m->n_nodes++;
	model_node *n = &m->nodes[i];
	*n = *src;
	n->code = keep(m, src->code);
	n->name_nl = keep(m, src->name_nl);
	n->name_en = keep(m, src->name_en);
	n->abbr = keep(m, src->abbr);
	n->subcategory = keep(m, src->subcategory);
	n->source = keep(m, src->source);
	n->counting_rule = keep(m, src->counting_rule);
	n->valid_from = keep(m, src->valid_from);
	n->valid_to = keep(m, src->valid_to);
	n->successors = keep(m, src->successors);
	n->note = keep(m, src->note);
	n->programme = keep(m, src->programme);
	n->transition = keep(m, src->transition);
	n->children = NULL;
	n->n_children = 0;
	strmap_put(&m->node_by_code, n->code, i);
	if (n->kind == KIND_HEADLINE)
		m->headline = i;
	if (n->kind == KIND_RUNG && n->rung >= 1 && n->rung <= 6)
		m->rung_node[n->rung] = i;
	return i;
}

int model_add_area(model *m, const model_area *src)
{
	int i = m->n_areas++;
	model_area *a = &m->areas[i];
	*a = *src;
	a->code = keep(m, src->code);
	a->name_nl = keep(m, src->name_nl);
	a->name_en = keep(m, src->name_en);
	a->valid_from = keep(m, src->valid_from);
	a->valid_to = keep(m, src->valid_to);
	a->children = a->members = a->crossing = NULL;
	a->n_children = a->n_members = a->n_crossing = 0;
	strmap_put(&m->area_by_code, a->code, i);
	if (a->level == LEVEL_REGION && m->flanders < 0)
		m->flanders = i;
	return i;
}

int model_add_indicator(model *m, const model_indicator *src)
{
	int i = m->n_indicators++;
	model_indicator *d = &m->indicators[i];
	*d = *src;
	d->code = keep(m, src->code);
	d->name_nl = keep(m, src->name_nl);
	d->name_en = keep(m, src->name_en);
	d->definition = keep(m, src->definition);
	strmap_put(&m->indicator_by_code, d->code, i);
	return i;
}

static void push(int **arr, int *n, int v)
{
	*arr = xrealloc(*arr, sizeof **arr * (size_t)(*n + 1));
	(*arr)[(*n)++] = v;
}

static void link_areas(model *m)
{
	for (int i = 0; i < m->n_areas; i++)
		if (m->areas[i].parent >= 0 && m->areas[i].level != LEVEL_GROUPING &&
		    model_area_valid_in_year(&m->areas[i], m->map_year))
			push(&m->areas[m->areas[i].parent].children, &m->areas[m->areas[i].parent].n_children, i);
}

void model_link(model *m)
{
	for (int i = 0; i < m->n_nodes; i++)
		if (m->nodes[i].parent >= 0)
			push(&m->nodes[m->nodes[i].parent].children, &m->nodes[m->nodes[i].parent].n_children, i);
	link_areas(m);
	model_index_territory(m);
}

void model_set_map(model *m, int year)
{
	if (year == m->map_year)
		return;
	m->map_year = year;
	for (int i = 0; i < m->n_areas; i++)
		if (m->areas[i].level != LEVEL_GROUPING) {
			free(m->areas[i].children);
			m->areas[i].children = NULL;
			m->areas[i].n_children = 0;
		}
	link_areas(m);
	model_link_groupings(m);
}

void model_add_succession(model *m, const model_succession *src)
{
	m->successions = xrealloc(m->successions, sizeof *m->successions * (size_t)(m->n_successions + 1));
	model_succession *s = &m->successions[m->n_successions++];
	*s = *src;
	s->effective = keep(m, src->effective);
}

void model_add_lineage(model *m, const model_lineage *src)
{
	m->lineage = xrealloc(m->lineage, sizeof *m->lineage * (size_t)(m->n_lineage + 1));
	model_lineage *l = &m->lineage[m->n_lineage++];
	*l = *src;
	l->date = keep(m, src->date);
	l->note_nl = keep(m, src->note_nl);
	l->note_en = keep(m, src->note_en);
}

static const char *const lineage_kind_names[] = {"renamed", "merged_into", "split_into", "replaced_by"};

const char *model_lineage_kind_name(enum model_lineage_kind k)
{
	return (unsigned)k < 4 ? lineage_kind_names[k] : "";
}

int model_lineage_kind_parse(const char *s, enum model_lineage_kind *out)
{
	for (int k = 0; k < 4; k++)
		if (strcmp(s, lineage_kind_names[k]) == 0) {
			*out = (enum model_lineage_kind)k;
			return 0;
		}
	return -1;
}

static int in_list(const int *list, int n, int v)
{
	for (int i = 0; i < n; i++)
		if (list[i] == v)
			return 1;
	return 0;
}

int model_lineage_chain(const model *m, int node, int *out, int cap)
{
	/* breadth first over the links into the chain; the importer refuses
	 * cycles, and in_list keeps a form from being taken twice anyway */
	int *seen = xmalloc(sizeof *seen * (size_t)(m->n_lineage + 1));
	int n = 0;
	seen[n++] = node;
	for (int head = 0; head < n; head++)
		for (int i = 0; i < m->n_lineage; i++) {
			const model_lineage *l = &m->lineage[i];
			if (l->to == seen[head] && l->kind != LINEAGE_SPLIT_INTO && !in_list(seen, n, l->from))
				seen[n++] = l->from;
		}
	for (int i = 0; i < n && i < cap; i++)
		out[i] = seen[i];
	free(seen);
	return n;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

int model_lineage_breaks(const model *m, int node, int *years, int cap)
{
	int *chain = xmalloc(sizeof *chain * (size_t)(m->n_lineage + 1));
	int *all = xmalloc(sizeof *all * (size_t)(m->n_lineage + 1));
	int nc = model_lineage_chain(m, node, chain, m->n_lineage + 1), n = 0;
	for (int i = 0; i < m->n_lineage; i++) {
		const model_lineage *l = &m->lineage[i];
		if (l->kind != LINEAGE_SPLIT_INTO && in_list(chain, nc, l->to))
			all[n++] = atoi(l->date);
	}
	qsort(all, (size_t)n, sizeof *all, cmp_int);
	int k = 0;
	for (int i = 0; i < n; i++)
		if (i == 0 || all[i] != all[i - 1]) {
			if (k < cap)
				years[k] = all[i];
			k++;
		}
	free(all);
	free(chain);
	return k;
}

int model_lineage_breaks_in(const model *m, int node, int year)
{
	int years[64];
	int n = model_lineage_breaks(m, node, years, 64);
	return in_list(years, n < 64 ? n : 64, year);
}

/* Marks in `in` the links reached from node going one way: backward
 * follows links into the forms reached, forward links out of them. */
static void lineage_walk(const model *m, int node, int backward, char *in)
{
	int *forms = xmalloc(sizeof *forms * (size_t)(m->n_lineage + 1));
	int n = 0;
	forms[n++] = node;
	for (int head = 0; head < n; head++)
		for (int i = 0; i < m->n_lineage; i++) {
			const model_lineage *l = &m->lineage[i];
			int near = backward ? l->to : l->from, far = backward ? l->from : l->to;
			if (near == forms[head] && !in[i]) {
				in[i] = 1;
				if (!in_list(forms, n, far))
					forms[n++] = far;
			}
		}
	free(forms);
}

int model_lineage_links(const model *m, int node, int *out, unsigned char *pred, int cap)
{
	char *in = xcalloc((size_t)m->n_lineage + 1, 1), *before = xcalloc((size_t)m->n_lineage + 1, 1);
	lineage_walk(m, node, 1, before);
	memcpy(in, before, (size_t)m->n_lineage);
	lineage_walk(m, node, 0, in);
	int n = 0;
	for (int i = 0; i < m->n_lineage; i++)
		if (in[i]) {
			if (n < cap) {
				out[n] = i;
				if (pred)
					pred[n] = (unsigned char)before[i];
			}
			n++;
		}
	free(before);
	free(in);
	return n;
}

int model_lineage_linked(const model *m, int a, int b)
{
	for (int i = 0; i < m->n_lineage; i++)
		if ((m->lineage[i].from == a && m->lineage[i].to == b) || (m->lineage[i].from == b && m->lineage[i].to == a))
			return 1;
	return 0;
}

int model_area_valid_in_year(const model_area *a, int year)
{
	if (year == 0)
		return !*a->valid_to;
	char day[16] = "0000-01-01"; /* by hand in the usual case: the importer asks once per figure */
	if (year < 1 || year > 9999)
		snprintf(day, sizeof day, "%04d-01-01", year);
	else
		for (int i = 3, y = year; i >= 0; i--, y /= 10)
			day[i] = (char)('0' + y % 10);
	return (!*a->valid_from || strcmp(a->valid_from, day) <= 0) && (!*a->valid_to || strcmp(a->valid_to, day) >= 0);
}

void model_day_before(const char *date, char *out)
{
	int y = 0, mo = 0, d = 0;
	sscanf(date, "%d-%d-%d", &y, &mo, &d);
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (--d < 1) {
		if (--mo < 1) {
			mo = 12;
			y--;
		}
		int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
		d = days[mo - 1] + (mo == 2 && leap);
	}
	char tmp[32];
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, mo, d);
	memcpy(out, tmp, 10);
	out[10] = '\0';
}

void model_add_member(model *m, int group, int member)
{
	push(&m->areas[group].members, &m->areas[group].n_members, member);
}

/* The last year area a is valid (0: its lifetime is open). */
static int last_year(const model_area *a)
{
	return *a->valid_to ? atoi(a->valid_to) : 0;
}

/* The year a grouping's members are read in: the latest year they are all
 * valid (0: today); -1 when they never all are (each its own last year). */
static int grouping_year(const model *m, const model_area *g)
{
	int year = 0, first = 0;
	for (int i = 0; i < g->n_members; i++) {
		const model_area *x = &m->areas[g->members[i]];
		int last = last_year(x), from = *x->valid_from ? atoi(x->valid_from) : 0;
		if (last && (!year || last < year))
			year = last;
		if (from > first)
			first = from;
	}
	return year && year < first ? -1 : year;
}

/* Marks in `in` the 1977 municipalities (the atoms every later one is made
 * of) that lie in grouping g as defined; atom_map[x] is -2 for a non-atom. */
static void grouping_atoms(const model *m, const model_area *g, const int *atom_map, unsigned char *in)
{
	int year = grouping_year(m, g);
	unsigned char *member = xcalloc((size_t)m->n_areas + 1, 1);
	for (int i = 0; i < g->n_members; i++)
		member[g->members[i]] = 1;
	for (int x = 0; x < m->n_areas; x++) {
		if (atom_map[x] < -1)
			continue;
		if (year >= 0) { /* one year for all: where x lay then */
			int t = model_area_on_map(m, x, 1977, year);
			in[x] = t >= 0 && member[t];
			continue;
		}
		for (int i = 0; i < g->n_members && !in[x]; i++)
			in[x] = model_area_on_map(m, x, 1977, last_year(&m->areas[g->members[i]])) == g->members[i];
	}
	free(member);
}

static int members_are_municipalities(const model *m, const model_area *g)
{
	for (int i = 0; i < g->n_members; i++)
		if (m->areas[g->members[i]].level != LEVEL_MUNICIPALITY)
			return 0;
	return 1;
}

static void regroup(model *m, model_area *g, const int *atom_map, const int *atoms_of, unsigned char *in, int *in_of)
{
	free(g->children);
	free(g->crossing);
	g->children = g->crossing = NULL;
	g->n_children = g->n_crossing = 0;
	memset(in, 0, (size_t)m->n_areas);
	memset(in_of, 0, sizeof *in_of * (size_t)m->n_areas);
	grouping_atoms(m, g, atom_map, in);
	for (int x = 0; x < m->n_areas; x++)
		if (in[x] && atom_map[x] >= 0)
			in_of[atom_map[x]]++;
	for (int t = 0; t < m->n_areas; t++) {
		if (!in_of[t])
			continue;
		if (in_of[t] == atoms_of[t])
			push(&g->children, &g->n_children, t);
		else
			push(&g->crossing, &g->n_crossing, t);
	}
	if (g->n_crossing) { /* never a sum over part of a municipality */
		free(g->children);
		g->children = NULL;
		g->n_children = 0;
	}
}

void model_link_groupings(model *m)
{
	int n = m->n_areas;
	/* atom_map[x]: the area of the map a 1977 municipality lies in (-1:
	 * none), -2 for every other area */
	int *atom_map = xmalloc(sizeof(int) * (size_t)(n + 1)), *atoms_of = xcalloc((size_t)n + 1, sizeof(int));
	int *in_of = xmalloc(sizeof(int) * (size_t)(n + 1));
	unsigned char *in = xmalloc((size_t)n + 1);
	for (int x = 0; x < n; x++) {
		const model_area *a = &m->areas[x];
		int atom = a->level == LEVEL_MUNICIPALITY && model_area_valid_in_year(a, 1977);
		atom_map[x] = atom ? model_area_on_map(m, x, 1977, m->map_year) : -2;
		if (atom_map[x] >= 0)
			atoms_of[atom_map[x]]++;
	}
	for (int i = 0; i < n; i++) {
		model_area *g = &m->areas[i];
		if (g->level != LEVEL_GROUPING)
			continue;
		if (members_are_municipalities(m, g)) {
			regroup(m, g, atom_map, atoms_of, in, in_of);
			continue;
		}
		free(g->children); /* other members: as defined */
		g->children = g->n_members ? xmalloc(sizeof(int) * (size_t)g->n_members) : NULL;
		if (g->n_members)
			memcpy(g->children, g->members, sizeof(int) * (size_t)g->n_members);
		g->n_children = g->n_members;
	}
	free(atom_map);
	free(atoms_of);
	free(in_of);
	free(in);
}

int model_node_index(const model *m, const char *code)
{
	int v;
	return strmap_get(&m->node_by_code, code, &v) ? v : -1;
}

int model_area_index(const model *m, const char *code)
{
	int v;
	return strmap_get(&m->area_by_code, code, &v) ? v : -1;
}

int model_indicator_index(const model *m, const char *code)
{
	int v;
	return strmap_get(&m->indicator_by_code, code, &v) ? v : -1;
}

const char *model_area_name(const model_area *a, int english)
{
	return english && *a->name_en ? a->name_en : a->name_nl;
}

const char *model_node_name(const model_node *n, int english)
{
	return english && *n->name_en ? n->name_en : n->name_nl;
}

/* U+00C0..U+00FF (UTF-8 C3 80..BF) without their accents; 0: no letter */
static const char latin1_base[64] = "aaaaaaaceeeeiiii" "dnooooo\0ouuuuyts" "aaaaaaaceeeeiiii" "dnooooo\0ouuuuyty";

void model_fold(const char *query, char *out, size_t cap)
{
	size_t n = 0;
	int space = 1; /* drops leading separators */
	for (const unsigned char *p = (const unsigned char *)query; *p && n + 1 < cap; p++) {
		char c = 0;
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
			c = (char)*p;
		else if (*p >= 'A' && *p <= 'Z')
			c = (char)(*p - 'A' + 'a');
		else if (*p == 0xC3 && p[1] >= 0x80 && p[1] <= 0xBF)
			c = latin1_base[*++p - 0x80];
		else if (*p >= 0x80)
			continue; /* other non-ASCII bytes: dropped, not separators */
		if (c) {
			out[n++] = c;
			space = 0;
		} else if (!space) {
			out[n++] = ' ';
			space = 1;
		}
	}
	if (n && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
}

static int name_match(const char *name, const char *folded_query)
{
	char f[256];
	model_fold(name, f, sizeof f);
	const char *hit = strstr(f, folded_query);
	return !hit ? 0 : hit == f ? 2 : 1;
}

int model_area_match(const model_area *a, const char *query)
{
	char q[256];
	model_fold(query, q, sizeof q);
	if (!*q)
		return 0;
	if (strncmp(a->code, query, strlen(query)) == 0)
		return 2;
	int nl = name_match(a->name_nl, q), en = *a->name_en ? name_match(a->name_en, q) : 0;
	return nl > en ? nl : en;
}

int model_find_area(const model *m, const char *key, lerr *err)
{
	return model_find_area_msg(m, key, 1, err);
}

/* The areas of a level (-1: any) named key in Dutch or English, case
 * aside: how many, the last one in *found, and "name (level code)" of each
 * in list. */
static int areas_named(const model *m, const char *key, int level, int *found, buf *list)
{
	int count = 0;
	for (int k = 0; k < m->n_areas; k++) {
		const model_area *a = &m->areas[k];
		if (level >= 0 && (int)a->level != level)
			continue;
		if (strcasecmp(a->name_nl, key) == 0 || (*a->name_en && strcasecmp(a->name_en, key) == 0)) {
			*found = k;
			count++;
			buf_printf(list, "%s%s (%s %s)", count > 1 ? ", " : "", a->name_nl, model_level_name(a->level, 0),
				   a->code);
		}
	}
	return count;
}

int model_find_area_msg(const model *m, const char *key, int english, lerr *err)
{
	int i = model_area_index(m, key);
	if (i >= 0)
		return i;
	/* the whole key as a name first: "Regio Brugge" is a grouping's name,
	 * though "regio" is also the grouping level's word */
	const char *name = key;
	int found = -1;
	buf list = BUF_INIT;
	int count = areas_named(m, key, -1, &found, &list);
	/* "arrondissement Brugge", "gemeente Brugge": a level word narrows a name */
	for (int lv = 0; lv <= LEVEL_GROUPING && count == 0; lv++)
		for (int en = 0; en <= 1; en++) {
			const char *word = model_level_name((enum model_level)lv, en);
			size_t n = strlen(word);
			if (strncasecmp(key, word, n) == 0 && key[n] == ' ') {
				name = key + n + 1;
				count = areas_named(m, name, lv, &found, &list);
				break;
			}
		}
	if (count == 1) {
		buf_release(&list);
		return found;
	}
	if (count == 0 && english)
		lerr_set(err, LERR_NOTFOUND, "unknown area '%s': give a NIS code or a name (see 'ladder areas list')", key);
	else if (count == 0)
		lerr_set(err, LERR_NOTFOUND, "onbekend gebied '%s': geef een NIS-code of een naam", key);
	else if (english)
		lerr_set(err, LERR_AMBIGUOUS, "area name '%s' is ambiguous: %s; give the NIS code or the level (e.g. 'gemeente %s')",
			 name, list.ptr, name);
	else
		lerr_set(err, LERR_AMBIGUOUS, "meer dan een gebied heet '%s': %s; geef de NIS-code of het niveau (bijvoorbeeld 'gemeente %s')",
			 name, list.ptr, name);
	buf_release(&list);
	return -1;
}

int model_node_valid_in_year(const model_node *n, int year)
{
	/* ISO dates compare as strings; a year overlaps [from, to] if
	 * from <= "YYYY-12-31" and to >= "YYYY-01-01". */
	char lo[16], hi[16];
	snprintf(lo, sizeof lo, "%04d-01-01", year);
	snprintf(hi, sizeof hi, "%04d-12-31", year);
	if (*n->valid_from && strcmp(n->valid_from, hi) > 0)
		return 0;
	if (*n->valid_to && strcmp(n->valid_to, lo) < 0)
		return 0;
	return 1;
}

/* Areas whose folded name is folded (at most cap kept in out). */
static int areas_folded(const model *m, const char *folded, int *out, int cap)
{
	int n = 0;
	for (int k = 0; k < m->n_areas; k++) {
		const model_area *a = &m->areas[k];
		char f[256], g[256] = "";
		model_fold(a->name_nl, f, sizeof f);
		if (*a->name_en)
			model_fold(a->name_en, g, sizeof g);
		if ((strcmp(f, folded) == 0 || strcmp(g, folded) == 0) && n < cap)
			out[n++] = k;
	}
	return n;
}

/* Keeps the candidates for which keep() holds, when any does. */
static int narrow(const model *m, int *c, int n, int year, int (*holds)(const model_area *, int))
{
	int k = 0;
	for (int i = 0; i < n; i++)
		if (holds(&m->areas[c[i]], year))
			c[k++] = c[i];
	return k ? k : n;
}

static int is_municipality(const model_area *a, int year)
{
	(void)year;
	return a->level == LEVEL_MUNICIPALITY;
}

int model_area_by_label(const model *m, const char *label, int year, int en, lerr *err)
{
	int i = model_area_index(m, label);
	if (i >= 0)
		return i;
	char folded[256];
	model_fold(label, folded, sizeof folded);
	int c[16], n = *folded ? areas_folded(m, folded, c, 16) : 0;
	const char *paren = strrchr(label, '(');
	if (n == 0 && paren && paren > label) {
		char *bare = xstrndup(label, (size_t)(paren - label));
		model_fold(bare, folded, sizeof folded);
		free(bare);
		n = *folded ? areas_folded(m, folded, c, 16) : 0;
	}
	if (n == 0)
		return lerr_set(err, LERR_NOTFOUND, V(en, model_no_area_called), label), -1;
	n = narrow(m, c, n, year, model_area_valid_in_year);
	n = narrow(m, c, n, year, is_municipality);
	if (n == 1)
		return c[0];
	buf list = BUF_INIT;
	for (int k = 0; k < n; k++)
		buf_printf(&list, "%s%s (%s %s)", k ? ", " : "", m->areas[c[k]].name_nl, model_level_name(m->areas[c[k]].level, en),
			   m->areas[c[k]].code);
	lerr_set(err, LERR_AMBIGUOUS, V(en, model_label_many_areas), label, list.ptr);
	buf_release(&list);
	return -1;
}

int model_form_by_label(const model *m, const char *label)
{
	int i = model_node_index(m, label);
	if (i >= 0)
		return i;
	char want[256], f[256];
	prof_fold(label, want, sizeof want);
	int found = -1; /* a name two forms share names neither */
	for (int k = 0; k < m->n_nodes; k++) {
		const model_node *n = &m->nodes[k];
		const char *names[] = {n->name_nl, n->name_en, n->abbr};
		for (size_t j = 0; j < 3 && n->kind == KIND_FORM; j++) {
			prof_fold(names[j] ? names[j] : "", f, sizeof f);
			if (*f && strcmp(f, want) == 0) {
				if (found >= 0 && found != k)
					return -1;
				found = k;
			}
		}
	}
	return found;
}
