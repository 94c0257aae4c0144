/* check_supplier.c - rule supplier_total: a delivery's "Totaal" row or
 * column (kept by the import, schema v15) against the stored figures of the
 * same edition that it adds up. The import says a difference once; this
 * says it whenever the checks run, also after a later import revised a
 * part. See check_internal.h and docs/checks.md. */
#include "check_internal.h"
#include "../base/sheet.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* One total's parts as the store gives them. */
typedef struct stot {
	checker *C;
	long long id; /* 0: none yet */
	char *file, *sheet, *kind, *label, *edition;
	long line;
	int col;
	double value, sum;
	int checkable;
	check_ref *parts;
	int n_parts;
} stot;

static void stot_clear(stot *t)
{
	for (int k = 0; k < t->n_parts; k++) {
		free(t->parts[k].area_code);
		free(t->parts[k].item);
	}
	free(t->parts);
	free(t->file);
	free(t->sheet);
	free(t->kind);
	free(t->label);
	free(t->edition);
	checker *C = t->C;
	memset(t, 0, sizeof *t);
	t->C = C;
}

/* The smallest area holding both (-1: none). */
static int common_area(const model *m, int a, int b)
{
	for (int x = a; x >= 0; x = m->areas[x].parent)
		for (int y = b; y >= 0; y = m->areas[y].parent)
			if (x == y)
				return x;
	return -1;
}

/* The finding of a total whose parts are all known and add up to another
 * number; nothing when it holds or cannot be checked. */
static void stot_flush(stot *t)
{
	checker *C = t->C;
	const model *m = C->m;
	if (!t->id || !t->checkable || fabs(t->sum - t->value) <= 1e-6)
		return;
	int area = t->parts[0].area, node = model_node_index(m, t->parts[0].item), year = 0, in_year = !C->o->year;
	for (int k = 0; k < t->n_parts; k++) {
		const check_ref *p = &t->parts[k];
		area = area >= 0 && p->area >= 0 ? common_area(m, area, p->area) : -1;
		if (node >= 0 && strcmp(p->item, m->nodes[node].code) != 0)
			node = -1;
		year = p->year > year ? p->year : year;
		in_year |= p->year == C->o->year;
	}
	if (!in_year || (C->o->area >= 0 && (area < 0 || !check_in_scope(m, area, C->o->area))))
		return;
	check_finding *f = check_add_finding(C, "supplier_total", CHECK_SUPPLIER_TOTAL, SEV_WARNING, area, year);
	f->node = node;
	f->editions[0] = xstrdup(t->edition);
	buf where = BUF_INIT;
	sheet_place(&where, t->file, t->sheet, t->col, t->line);
	f->source = xstrdup(buf_cstr(&where));
	buf_release(&where);
	f->label = xstrdup(t->label);
	f->total_row = strcmp(t->kind, "row") == 0;
	check_add_figure(f, "supplier_total", t->value, 1);
	check_add_figure(f, "sum_of_stored", t->sum, 1);
	check_add_figure(f, "parts", t->n_parts, 1);
	f->refs = t->parts; /* the finding takes them over */
	f->n_refs = t->n_parts;
	t->parts = NULL;
	t->n_parts = 0;
}

static void on_part(void *ctx, const store_supplier_part *p)
{
	stot *t = ctx;
	if (p->total != t->id) {
		stot_flush(t);
		stot_clear(t);
		t->id = p->total;
		t->file = xstrdup(p->file);
		t->sheet = xstrdup(p->sheet);
		t->kind = xstrdup(p->kind);
		t->label = xstrdup(p->label);
		t->edition = xstrdup(p->edition);
		t->line = p->line;
		t->col = p->col;
		t->value = p->value;
		t->checkable = 1;
	}
	/* a part without a number, or one that is no evidence (estimated,
	 * synthetic), leaves the total unchecked */
	if (!p->present || !p->known || *p->flag)
		t->checkable = 0;
	t->sum += p->persons;
	t->parts = xrealloc(t->parts, sizeof *t->parts * (size_t)(t->n_parts + 1));
	t->parts[t->n_parts++] =
		(check_ref){1, model_area_index(t->C->m, p->area), xstrdup(p->area), xstrdup(p->work_form), p->year};
}

int check_rule_supplier_totals(checker *C)
{
	stot t = {0};
	t.C = C;
	int rc = store_supplier_totals(C->s, C->o->edition, on_part, &t, C->err);
	if (rc == 0)
		stot_flush(&t);
	stot_clear(&t);
	return rc;
}
