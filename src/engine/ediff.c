/* ediff.c - what changed from one edition to the next. See ediff.h. */
#define _POSIX_C_SOURCE 200809L
#include "ediff.h"
#include "check.h"
#include "../base/vocab.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* model index of a store id (xid_index over the model's ids) */
typedef struct id_map {
	int *at, max;
} id_map;

static id_map map_of(const void *items, int n, size_t size, size_t id_offset)
{
	int *ids = xmalloc(sizeof *ids * (size_t)(n + 1));
	for (int i = 0; i < n; i++)
		memcpy(&ids[i], (const char *)items + (size_t)i * size + id_offset, sizeof(int));
	id_map map;
	map.at = xid_index(n, ids, &map.max);
	free(ids);
	return map;
}

static int index_of(const id_map *map, int id)
{
	return id >= 0 && id <= map->max ? map->at[id] : -1;
}

typedef struct collect {
	ediff *d;
	id_map areas, nodes;
	int *ids, n_ids;
} collect;

static void add_revision(void *p, const store_revision *r)
{
	collect *c = p;
	int a = index_of(&c->areas, r->area), n = index_of(&c->nodes, r->work_form);
	if (a < 0 || n < 0)
		return; /* not in the model loaded: nothing to name it by */
	ediff *d = c->d;
	d->revisions = xrealloc(d->revisions, sizeof *d->revisions * (size_t)(d->n_revisions + 1));
	ediff_revision *v = &d->revisions[d->n_revisions++];
	memset(v, 0, sizeof *v);
	v->year = r->year;
	v->area = a;
	v->node = n;
	v->level = (int)c->d->m->areas[a].level;
}

static void add_id(void *p, int id)
{
	collect *c = p;
	c->ids = xrealloc(c->ids, sizeof *c->ids * (size_t)(c->n_ids + 1));
	c->ids[c->n_ids++] = id;
}

/* The ids edition in holds and not_in does not, as model indexes (work
 * forms only, for nodes). */
static int only_in(store *s, collect *c, int in, int not_in, int areas, int **out, int *n_out, lerr *err)
{
	c->n_ids = 0;
	if (store_edition_only(s, in, not_in, areas, add_id, c, err) < 0)
		return LERR_DB;
	*out = xmalloc(sizeof **out * (size_t)(c->n_ids + 1));
	*n_out = 0;
	for (int i = 0; i < c->n_ids; i++) {
		int k = index_of(areas ? &c->areas : &c->nodes, c->ids[i]);
		if (k >= 0 && (areas || c->d->m->nodes[k].kind == KIND_FORM))
			(*out)[(*n_out)++] = k;
	}
	return 0;
}

/* Values every revision as the protected grids of its year publish it. */
static int value_revisions(store *s, ediff *d, int ed_a, int ed_b, lerr *err)
{
	for (int i = 0; i < d->n_revisions;) {
		int year = d->revisions[i].year;
		calc_grid *ga = calc_grid_load_protected(s, d->m, ed_a, year, err);
		calc_grid *gb = ga ? calc_grid_load_protected(s, d->m, ed_b, year, err) : NULL;
		if (!gb) {
			calc_grid_free(ga);
			return LERR_DB;
		}
		for (; i < d->n_revisions && d->revisions[i].year == year; i++) {
			ediff_revision *v = &d->revisions[i];
			v->old = calc_grid_get(ga, v->area, v->node);
			v->now = calc_grid_get(gb, v->area, v->node);
			unsigned hidden = (v->old.flags | v->now.flags) & CALC_CONFIDENTIAL;
			v->change = (calc_value){v->now.v - v->old.v, v->old.known && v->now.known,
						 hidden | ((v->old.flags | v->now.flags) & (CALC_ESTIMATED | CALC_SYNTHETIC))};
			if (hidden) { /* nothing of a hidden figure leaves the engine */
				v->old.v = v->old.flags & CALC_CONFIDENTIAL ? 0 : v->old.v;
				v->now.v = v->now.flags & CALC_CONFIDENTIAL ? 0 : v->now.v;
				v->change.v = 0;
			}
		}
		calc_grid_free(ga);
		calc_grid_free(gb);
	}
	return 0;
}

/* Region first; within a level the largest shown difference first, hidden
 * ones last; then year, area and work form in model order. */
static int revision_order(const void *pa, const void *pb)
{
	const ediff_revision *a = pa, *b = pb;
	if (a->level != b->level)
		return a->level - b->level;
	int ha = !a->change.known || (a->change.flags & CALC_CONFIDENTIAL) ? 1 : 0;
	int hb = !b->change.known || (b->change.flags & CALC_CONFIDENTIAL) ? 1 : 0;
	if (ha != hb)
		return ha - hb;
	if (!ha && fabs(a->change.v) != fabs(b->change.v))
		return fabs(a->change.v) > fabs(b->change.v) ? -1 : 1;
	if (a->year != b->year)
		return a->year - b->year;
	return a->area != b->area ? a->area - b->area : a->node - b->node;
}

const char *ediff_verdict_code(ediff_verdict v)
{
	static const char *const code[] = {"holds", "fails", "unchecked"};
	return code[v];
}

/* Every claim's verdict against the figures of edition code. */
typedef struct verdicts {
	char **ids, **texts, **areas;
	int *years;
	ediff_verdict *v;
	int n;
} verdicts;

static void collect_claim(void *p, const store_claim *c)
{
	verdicts *V = p;
	V->ids = xrealloc(V->ids, sizeof *V->ids * (size_t)(V->n + 1));
	V->texts = xrealloc(V->texts, sizeof *V->texts * (size_t)(V->n + 1));
	V->areas = xrealloc(V->areas, sizeof *V->areas * (size_t)(V->n + 1));
	V->years = xrealloc(V->years, sizeof *V->years * (size_t)(V->n + 1));
	V->ids[V->n] = xstrdup(c->id);
	V->texts[V->n] = xstrdup(c->text);
	V->areas[V->n] = xstrdup(c->area);
	V->years[V->n] = c->year;
	V->n++;
}

static int claim_of(const verdicts *V, const char *id)
{
	for (int i = 0; i < V->n; i++)
		if (strcmp(V->ids[i], id) == 0)
			return i;
	return -1;
}

static int verdicts_of(store *s, const model *m, const char *code, const verdicts *V, ediff_verdict *out, lerr *err)
{
	check_options o;
	check_options_default(&o);
	o.claims_edition = code;
	o.claims_only = 1;
	check_report *r = check_run(s, m, &o, err);
	if (!r)
		return LERR_DB;
	for (int i = 0; i < V->n; i++)
		out[i] = EDIFF_HOLDS;
	for (int f = 0; f < r->n_findings; f++) {
		const check_finding *x = &r->findings[f];
		if (x->what != CHECK_CLAIM && x->what != CHECK_CLAIMS_CONFLICT)
			continue;
		for (int k = 0; k < x->n_claims; k++) {
			int i = claim_of(V, x->claims[k].id);
			if (i >= 0 && x->claims[k].role == CLAIM_SUBJECT)
				out[i] = EDIFF_FAILS;
		}
	}
	for (int u = 0; u < r->n_unchecked; u++) {
		int i = claim_of(V, r->unchecked[u].claim);
		if (i >= 0)
			out[i] = EDIFF_UNCHECKED;
	}
	check_report_free(r);
	return 0;
}

static int claim_changes(store *s, ediff *d, lerr *err)
{
	verdicts V = {0};
	int rc = store_claims(s, collect_claim, &V, err);
	ediff_verdict *va = xcalloc((size_t)V.n + 1, sizeof *va), *vb = xcalloc((size_t)V.n + 1, sizeof *vb);
	if (rc == 0)
		rc = verdicts_of(s, d->m, d->a, &V, va, err);
	if (rc == 0)
		rc = verdicts_of(s, d->m, d->b, &V, vb, err);
	for (int i = 0; i < V.n; i++) {
		if (rc == 0 && va[i] != vb[i]) {
			d->claims = xrealloc(d->claims, sizeof *d->claims * (size_t)(d->n_claims + 1));
			d->claims[d->n_claims++] = (ediff_claim){V.ids[i], V.texts[i], V.areas[i], V.years[i], va[i], vb[i]};
		} else {
			free(V.ids[i]);
			free(V.texts[i]);
			free(V.areas[i]);
		}
	}
	free(V.ids);
	free(V.texts);
	free(V.areas);
	free(V.years);
	free(va);
	free(vb);
	return rc;
}

static int edition_of(store *s, const char *code, int *id, store_edition_meta *meta, lerr *err)
{
	if (store_edition(s, code, 0, id, err) < 0)
		return LERR_DB;
	if (!*id)
		return lerr_set(err, LERR_NOTFOUND, V(store_english(s), engine_unknown_edition_list), code);
	return store_edition_meta_of(s, *id, meta, err);
}

static int build(store *s, ediff *d, lerr *err)
{
	int ed_a, ed_b;
	if (edition_of(s, d->a, &ed_a, &d->meta_a, err) < 0 || edition_of(s, d->b, &ed_b, &d->meta_b, err) < 0)
		return err->code;
	const model *m = d->m;
	collect c = {d, map_of(m->areas, m->n_areas, sizeof *m->areas, offsetof(model_area, id)),
		     map_of(m->nodes, m->n_nodes, sizeof *m->nodes, offsetof(model_node, id)), NULL, 0};
	int rc = store_figure_revisions(s, ed_a, ed_b, add_revision, &c, err);
	if (rc == 0)
		rc = value_revisions(s, d, ed_a, ed_b, err);
	if (rc == 0)
		rc = only_in(s, &c, ed_b, ed_a, 0, &d->new_forms, &d->n_new_forms, err);
	if (rc == 0)
		rc = only_in(s, &c, ed_a, ed_b, 0, &d->ended_forms, &d->n_ended_forms, err);
	if (rc == 0)
		rc = only_in(s, &c, ed_b, ed_a, 1, &d->new_areas, &d->n_new_areas, err);
	free(c.areas.at);
	free(c.nodes.at);
	free(c.ids);
	if (rc == 0)
		rc = claim_changes(s, d, err);
	if (rc == 0 && d->n_revisions > 1) {
		qsort(d->revisions, (size_t)d->n_revisions, sizeof *d->revisions, revision_order);
	}
	return rc;
}

ediff *ediff_new(store *s, const model *m, const char *a, const char *b, lerr *err)
{
	ediff *d = xcalloc(1, sizeof *d);
	d->m = m;
	snprintf(d->a, sizeof d->a, "%s", a);
	snprintf(d->b, sizeof d->b, "%s", b);
	if (store_read_begin(s, err) < 0) {
		free(d);
		return NULL;
	}
	int rc = build(s, d, err);
	store_read_end(s);
	if (rc < 0) {
		ediff_free(d);
		return NULL;
	}
	return d;
}

void ediff_free(ediff *d)
{
	if (!d)
		return;
	free(d->revisions);
	free(d->new_forms);
	free(d->ended_forms);
	free(d->new_areas);
	for (int i = 0; i < d->n_claims; i++) {
		free(d->claims[i].id);
		free(d->claims[i].text);
		free(d->claims[i].area);
	}
	free(d->claims);
	free(d);
}

int ediff_previous(store *s, const char *code, char prev[64], lerr *err)
{
	store_edition_ref *eds;
	int n;
	prev[0] = '\0';
	if (store_editions(s, &eds, &n, err) < 0) /* latest first */
		return LERR_DB;
	int rc = 0;
	for (int i = 0; i < n; i++) {
		if (strcmp(eds[i].code, code) != 0)
			continue;
		for (int k = i + 1; k < n && !prev[0] && rc == 0; k++) {
			int *years, n_years;
			rc = store_years(s, "figure", eds[k].code, &years, &n_years, err);
			if (rc == 0 && n_years)
				snprintf(prev, 64, "%s", eds[k].code);
			if (rc == 0)
				free(years);
		}
		break;
	}
	free(eds);
	return rc;
}
