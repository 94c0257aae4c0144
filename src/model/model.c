/* model.c - in-memory ladder, work-form tree and geography. See model.h. */
#define _POSIX_C_SOURCE 200809L
#include "model.h"
#include "../base/vocab.h"

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
	for (int i = 0; i < m->n_areas; i++)
		free(m->areas[i].children);
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
	a->children = NULL;
	a->n_children = 0;
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

void model_link(model *m)
{
	for (int i = 0; i < m->n_nodes; i++)
		if (m->nodes[i].parent >= 0)
			push(&m->nodes[m->nodes[i].parent].children, &m->nodes[m->nodes[i].parent].n_children, i);
	for (int i = 0; i < m->n_areas; i++)
		if (m->areas[i].parent >= 0 && m->areas[i].level != LEVEL_GROUPING)
			push(&m->areas[m->areas[i].parent].children, &m->areas[m->areas[i].parent].n_children, i);
}

void model_add_member(model *m, int group, int member)
{
	push(&m->areas[group].children, &m->areas[group].n_children, member);
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
