/* check_year.c - the rules over one year's figures, the catalogue and the
 * context figures. See check_internal.h. */
#include "check_internal.h"
#include "../base/num.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------ figures of a year */

/* Rule parts_total: a reported total against its reported parts (rung vs
 * work forms, headline vs rungs) and against its sub-areas. */
void check_rule_parts_total(checker *C, year_ctx *y)
{
	const calc_diff *d;
	int n = calc_grid_diffs(y->g, &d);
	for (int i = 0; i < n; i++) {
		if (d[i].flags & (CALC_SYNTHETIC | CALC_ESTIMATED) || !check_in_scope(C->m, d[i].area, C->o->area))
			continue;
		double gap = d[i].reported - d[i].parts;
		check_severity sev = gap > 0 && !d[i].by_area ? SEV_WARNING : SEV_ERROR;
		check_what what = d[i].by_area ? CHECK_SUB_AREAS : gap > 0 ? CHECK_UNSPECIFIED : CHECK_PARTS_EXCEED;
		check_finding *f = check_add_finding(C, "parts_total", what, sev, d[i].area, y->year);
		f->node = d[i].node;
		check_add_figure(f, C->m->nodes[d[i].node].code, d[i].reported, 1);
		check_add_figure(f, d[i].by_area ? "sum_of_sub_areas" : "sum_of_parts", d[i].parts, 1);
	}
}

/* Rules missing_now and jump: the same edition's previous year. */
void check_rule_year_on_year(checker *C, year_ctx *y)
{
	const model *m = C->m;
	for (int ai = 0; ai < m->n_areas; ai++) {
		if (!check_in_scope(m, ai, C->o->area))
			continue;
		for (int n = 0; n < m->n_nodes; n++) {
			calc_value was, now;
			if (!calc_grid_reported(y->prev, ai, n, &was) || !was.known || (was.flags & CALC_SYNTHETIC))
				continue;
			int has_now = calc_grid_reported(y->g, ai, n, &now);
			const model_node *node = &m->nodes[n];
			if (!has_now && !calc_grid_get(y->g, ai, n).known) {
				if (!model_node_valid_in_year(node, y->year))
					continue; /* the work form ended: its successors take over */
				check_finding *f = check_add_finding(C, "missing_now", CHECK_MISSING_NOW, SEV_WARNING, ai, y->year);
				f->node = n;
				f->editions[0] = xstrdup(y->edition_code);
				check_add_figure(f, "previous", was.v, 1);
				continue;
			}
			if (!has_now || !now.known || (now.flags & CALC_SYNTHETIC) || was.v == 0)
				continue;
			double delta = now.v - was.v, pct = 100.0 * delta / was.v;
			if (fabs(pct) <= C->o->jump_pct || fabs(delta) < C->o->jump_min)
				continue;
			check_finding *f = check_add_finding(C, "jump", CHECK_JUMP, SEV_WARNING, ai, y->year);
			f->node = n;
			check_add_figure(f, "previous", was.v, 1);
			check_add_figure(f, "current", now.v, 1);
			check_add_figure(f, "change_pct", pct, 1);
		}
	}
}

/* A work form's figure of the area in a grid: 1 when reported or resolved
 * (known), with its value; synthetic figures are no evidence. */
static int form_figure(calc_grid *g, int area, int node, calc_value *v)
{
	if (!calc_grid_reported(g, area, node, v))
		*v = calc_grid_get(g, area, node);
	return v->known && !(v->flags & CALC_SYNTHETIC);
}

/* Are a and b one series through the lineage (a link, or one in the
 * other's chain)? */
static int one_lineage(const model *m, int a, int b)
{
	if (model_lineage_linked(m, a, b))
		return 1;
	int *chain = xmalloc(sizeof *chain * (size_t)(m->n_lineage + 1)), found = 0;
	for (int pass = 0; pass < 2 && !found; pass++) {
		int n = model_lineage_chain(m, pass ? b : a, chain, m->n_lineage + 1);
		for (int k = 0; k < n && !found; k++)
			found = chain[k] == (pass ? a : b);
	}
	free(chain);
	return found;
}

/* Rule reform_unlinked: a reform without a lineage link. Under one total of
 * an area, a work form's series stops after last year and another's starts
 * this year, at least --jump-min persons on one side: the total's series
 * jumps at a reform, and the catalogue does not say the one went into the
 * other (data/ref/lineage.csv), so the break is neither chained nor shown. */
void check_rule_reform_unlinked(checker *C, year_ctx *y)
{
	const model *m = C->m;
	int *ended = xmalloc(sizeof *ended * (size_t)(m->n_nodes + 1));
	int *began = xmalloc(sizeof *began * (size_t)(m->n_nodes + 1));
	double *was = xmalloc(sizeof *was * (size_t)(m->n_nodes + 1));
	double *now = xmalloc(sizeof *now * (size_t)(m->n_nodes + 1));
	for (int ai = 0; ai < m->n_areas; ai++) {
		if (!check_in_scope(m, ai, C->o->area))
			continue;
		int ne = 0, nb = 0;
		for (int n = 0; n < m->n_nodes; n++) {
			if (m->nodes[n].kind != KIND_FORM)
				continue;
			calc_value a, b;
			int before = form_figure(y->prev, ai, n, &a), after = form_figure(y->g, ai, n, &b);
			if (before && !after && !b.known) {
				was[ne] = a.v;
				ended[ne++] = n;
			} else if (after && !before && !a.known) {
				now[nb] = b.v;
				began[nb++] = n;
			}
		}
		/* a form that the lineage links to one on the other side is explained */
		unsigned char *explained = xcalloc((size_t)(ne + nb) + 1, 1);
		for (int i = 0; i < nb; i++)
			for (int k = 0; k < ne; k++)
				if (one_lineage(m, ended[k], began[i]))
					explained[k] = explained[ne + i] = 1;
		for (int i = 0; i < nb; i++)
			for (int k = 0; k < ne; k++) {
				int e = ended[k], g = began[i];
				if (explained[k] || explained[ne + i] || m->nodes[e].parent != m->nodes[g].parent ||
				    (was[k] < C->o->jump_min && now[i] < C->o->jump_min))
					continue;
				check_finding *f = check_add_finding(C, "reform_unlinked", CHECK_REFORM_UNLINKED, SEV_WARNING, ai, y->year);
				f->node = g;
				check_add_figure(f, m->nodes[e].code, was[k], 1);
				check_add_figure(f, m->nodes[g].code, now[i], 1);
			}
		free(explained);
	}
	free(ended);
	free(began);
	free(was);
	free(now);
}

/* Rule validity: figures for a work form outside its validity period. */
void check_rule_validity(checker *C, year_ctx *y)
{
	const model *m = C->m;
	for (int n = 0; n < m->n_nodes; n++) {
		const model_node *node = &m->nodes[n];
		if (node->kind != KIND_FORM || model_node_valid_in_year(node, y->year))
			continue;
		for (int ai = 0; ai < m->n_areas; ai++) {
			calc_value v;
			if (!check_in_scope(m, ai, C->o->area) || !calc_grid_reported(y->g, ai, n, &v) || (v.flags & CALC_SYNTHETIC))
				continue;
			check_finding *f = check_add_finding(C, "validity", CHECK_OUT_OF_VALIDITY, SEV_WARNING, ai, y->year);
			f->node = n;
			check_add_figure(f, node->code, v.v, v.known);
		}
	}
}

/* The rung a form's count is added into, or -1 when it counts in no total
 * (outside the headline and not on rung 6). */
static int counting_rung(const model *m, const model_node *n)
{
	if (!n->in_headline && n->rung != 6)
		return -1;
	return m->rung_node[n->rung];
}

/* Rule mixed_units: a total that adds a count in another unit than persons
 * (doorstroom uit arbeidszorg counts trajecten). The total keeps what was
 * published; the finding says which count of which unit it holds. */
void check_rule_mixed_units(checker *C, year_ctx *y)
{
	const model *m = C->m;
	for (int n = 0; n < m->n_nodes; n++) {
		const model_node *node = &m->nodes[n];
		int rung = node->kind == KIND_FORM && node->unit != FORM_PERSONS ? counting_rung(m, node) : -1;
		if (rung < 0)
			continue;
		for (int ai = 0; ai < m->n_areas; ai++) {
			calc_value v;
			if (!check_in_scope(m, ai, C->o->area) || !calc_grid_reported(y->g, ai, n, &v) || !v.known ||
			    (v.flags & CALC_SYNTHETIC) || v.v == 0 || !calc_grid_get(y->g, ai, rung).known)
				continue;
			check_finding *f = check_add_finding(C, "mixed_units", CHECK_MIXED_UNITS, SEV_WARNING, ai, y->year);
			f->node = n;
			check_add_figure(f, node->code, v.v, 1);
		}
	}
}

/* Rule programme_twice: one programme's entries on two rungs each hold
 * their rung's share; the same count on both is the programme's whole
 * copied onto each rung, which the headline would count twice. */
void check_rule_programme_twice(checker *C, year_ctx *y)
{
	const model *m = C->m;
	for (int n = 0; n < m->n_nodes; n++) {
		const model_node *a = &m->nodes[n];
		if (a->kind != KIND_FORM || !*a->programme)
			continue;
		for (int k = n + 1; k < m->n_nodes; k++) {
			const model_node *b = &m->nodes[k];
			if (b->kind != KIND_FORM || strcmp(a->programme, b->programme) != 0)
				continue;
			for (int ai = 0; ai < m->n_areas; ai++) {
				calc_value va, vb;
				if (!check_in_scope(m, ai, C->o->area) || !calc_grid_reported(y->g, ai, n, &va) ||
				    !calc_grid_reported(y->g, ai, k, &vb) || !va.known || !vb.known || va.v == 0 ||
				    va.v != vb.v || ((va.flags | vb.flags) & CALC_SYNTHETIC))
					continue;
				check_finding *f = check_add_finding(C, "programme_twice", CHECK_PROGRAMME_TWICE, SEV_WARNING, ai, y->year);
				f->node = n;
				f->node2 = k;
				check_add_figure(f, a->code, va.v, 1);
				check_add_figure(f, b->code, vb.v, 1);
			}
		}
	}
}

/* One finding of rule overlap for form n and its successor k, unless the
 * overlap is declared or absent, or --year lies outside it. */
static void overlap_pair(checker *C, int n, int k)
{
	const model_node *a = &C->m->nodes[n], *b = &C->m->nodes[k];
	int from, to;
	if (k == n || b->kind != KIND_FORM || model_list_has(a->transition, b->code) ||
	    !model_validity_overlap(a, b, &from, &to))
		return;
	if (C->o->year && (C->o->year < from || C->o->year > to))
		return;
	check_finding *f = check_add_finding(C, "overlap", CHECK_OVERLAP, SEV_WARNING, -1, from);
	f->node = n;
	f->node2 = k;
	check_add_figure(f, "from_year", from, 1);
	check_add_figure(f, "to_year", to, 1);
}

/* Rule overlap (the catalogue, once): a work form and its successor valid
 * on the same day count the same persons twice in a year, unless the
 * catalogue declares the overlap a transition period (column transition).
 * Successors are the catalogue's successors column and the lineage's links
 * (data/ref/lineage.csv); a pair named by both is reported once. */
void check_rule_overlap(checker *C)
{
	const model *m = C->m;
	for (int n = 0; n < m->n_nodes; n++) {
		const model_node *a = &m->nodes[n];
		if (a->kind != KIND_FORM)
			continue;
		for (int k = 0; k < m->n_nodes; k++) {
			int named = model_list_has(a->successors, m->nodes[k].code);
			for (int i = 0; i < m->n_lineage && !named; i++)
				named = m->lineage[i].from == n && m->lineage[i].to == k;
			if (named)
				overlap_pair(C, n, k);
		}
	}
}

/* Rule impossible: more persons than the population of their age band. */
void check_rule_population(checker *C, year_ctx *y)
{
	const model *m = C->m;
	for (int ai = 0; ai < m->n_areas; ai++) {
		if (!check_in_scope(m, ai, C->o->area))
			continue;
		calc_value total = calc_grid_get(y->g, ai, m->headline);
		if (!total.known || (total.flags & CALC_SYNTHETIC))
			continue;
		calc_value pop = y->population[ai];
		if (!pop.known || total.v <= pop.v)
			continue;
		check_finding *f = check_add_finding(C, "impossible", CHECK_OVER_POPULATION, SEV_ERROR, ai, y->year);
		check_add_figure(f, "totaal", total.v, 1);
		check_add_figure(f, "population_18_64", pop.v, 1);
	}
}

/* Rule impossible, for context figures: negative values, shares outside 0-100. */
static void context_value_finding(void *ctx, const store_context_row *c)
{
	checker *C = ctx;
	int ai = model_area_index(C->m, c->area);
	if (ai < 0 || !check_in_scope(C->m, ai, C->o->area) || (C->o->year && C->o->year != c->year))
		return;
	const char *ind = c->indicator;
	double v = c->value;
	int share = strcmp(c->unit, "percent") == 0;
	check_finding *f = check_add_finding(C, "impossible", share ? CHECK_CONTEXT_SHARE : CHECK_CONTEXT_COUNT, SEV_ERROR, ai, c->year);
	check_add_figure(f, ind, v, 1);
}

int check_rule_context_values(checker *C)
{
	return store_context_out_of_range(C->s, context_value_finding, C, C->err);
}

