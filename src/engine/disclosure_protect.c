/* disclosure_protect.c - secondary suppression: the local rules (one
 * relation at a time, to a fixpoint), the repairs of the cells the audit
 * finds exposed, and disc_protect, which alternates them until the audit
 * proves every confidential cell safe. See disclosure_internal.h. */
#include "disclosure_internal.h"

#include <stdlib.h>
#include <string.h>

#define MAX_ROUNDS 500

/* ------------------------------------------------------------ local rules */

/* A worklist of relations to look at again (a stack: deterministic). */
typedef struct disc_work {
	int *stack, n;
	unsigned char *in;
} disc_work;

static void work_push(disc_work *w, int r)
{
	if (w->in[r])
		return;
	w->in[r] = 1;
	w->stack[w->n++] = r;
}

static void suppress(disc_table *t, int c, disc_work *w)
{
	if (t->state[c] != DISC_PUBLISHED)
		return;
	t->state[c] = DISC_SECONDARY;
	if (w)
		for (int k = t->cstart[c]; k < t->cstart[c + 1]; k++)
			work_push(w, t->crel[k]);
}

/* Information loss of suppressing a cell (t->cost): by default its
 * persons plus one, so that a suppressed zero is not free (a "-" hidden is
 * a loss too). */
static double cost(const disc_table *t, int c)
{
	return disc_cost(t, c);
}

/* Is a better than b as a candidate: lower cost, then lower index. */
static int cheaper(const disc_table *t, int a, int b)
{
	if (b < 0)
		return 1;
	double ca = cost(t, a), cb = cost(t, b);
	if (fabs(ca - cb) > EPS)
		return ca < cb;
	if (fabs(t->value[a] - t->value[b]) > EPS) /* cells cost: fewer persons */
		return t->value[a] < t->value[b];
	return a < b;
}

/* How far cell c[i] can move up and down within this one relation alone,
 * with the current pattern (the other relations can only narrow this). */
static void room(const disc_table *t, const int *c, int k, int i, double *up, double *down)
{
	double v = t->value[c[i]], sum = 0;
	int any = 0;
	for (int j = 1; j < k; j++)
		if (j != i && t->state[c[j]]) {
			any = 1;
			sum += t->value[c[j]];
		}
	if (i == 0) { /* the total: parts may grow without bound, shrink to 0 */
		*up = any ? HUGE_VAL : 0;
		*down = any ? fmin(v, sum) : 0;
		return;
	}
	int total_hidden = t->state[c[0]] != DISC_PUBLISHED;
	*up = total_hidden ? HUGE_VAL : sum;
	*down = (total_hidden || any) ? v : 0;
}

/* The cell to suppress so that c[i] gains `deficit` of room in this
 * relation: the cheapest single cell that is enough; when the only single
 * cell enough is the (dearer) total, the largest part if the parts can make
 * up the deficit together. */
static int pick_for(const disc_table *t, const int *c, int k, int i, double deficit, double down)
{
	if (i == 0) { /* a total alone: any part gives it unbounded room up */
		int best = -1;
		for (int j = 1; j < k; j++)
			if (t->state[c[j]] == DISC_PUBLISHED && cheaper(t, c[j], best))
				best = c[j];
		return best;
	}
	double bonus = down > EPS ? 0 : t->value[c[i]];
	int best = -1, largest = -1;
	double parts_gain = bonus;
	for (int j = 1; j < k; j++) {
		int p = c[j];
		if (j == i || t->state[p] != DISC_PUBLISHED)
			continue;
		parts_gain += t->value[p];
		if (t->value[p] + bonus >= deficit - EPS && cheaper(t, p, best))
			best = p;
		if (largest < 0 || t->value[p] > t->value[largest] + EPS)
			largest = p;
	}
	if (best >= 0)
		return best;
	int total = c[0];
	if (t->state[total] != DISC_PUBLISHED)
		return largest; /* cannot happen: a hidden total gives unbounded room */
	if (largest >= 0 && parts_gain >= deficit - EPS && cost(t, largest) < cost(t, total))
		return largest;
	return total;
}

/* Applies the rules to one relation until it holds; returns 1 if it
 * suppressed anything. */
static int relation_fix(disc_table *t, int r, disc_work *w)
{
	const int *c = t->rcells + t->rstart[r];
	int k = t->rstart[r + 1] - t->rstart[r];
	int changed = 0;
	for (;;) {
		int pick = -1;
		for (int i = 0; i < k && pick < 0; i++) {
			int x = c[i];
			if (t->state[x] != DISC_PRIMARY || t->width[x] <= 0)
				continue;
			double up, down;
			room(t, c, k, i, &up, &down);
			if (isinf(up) || up + down >= t->width[x] - EPS)
				continue;
			pick = pick_for(t, c, k, i, t->width[x] - up - down, down);
		}
		if (pick < 0) {
			/* a suppressed cell alone in a relation is its difference */
			int hidden = 0, lone = -1;
			for (int i = 0; i < k; i++)
				if (t->state[c[i]]) {
					hidden++;
					lone = i;
				}
			if (hidden == 1) {
				/* the partner must be able to carry a confidential cell's
				 * uncertainty on: the cheapest worth the width, else the
				 * largest (a hidden zero only moves one way) */
				double want = t->width[c[lone]] > 0 ? t->width[c[lone]] : t->max_width;
				int largest = -1;
				for (int i = 0; i < k; i++) {
					int y = c[i];
					if (i == lone || t->state[y] != DISC_PUBLISHED)
						continue;
					if (t->value[y] >= want - EPS && cheaper(t, y, pick))
						pick = y;
					if (largest < 0 || t->value[y] > t->value[largest] + EPS)
						largest = y;
				}
				if (pick < 0)
					pick = largest;
			}
		}
		if (pick < 0)
			return changed;
		suppress(t, pick, w);
		changed = 1;
	}
}

static void local_fixpoint(disc_table *t, disc_work *w)
{
	while (w->n) {
		int r = w->stack[--w->n];
		w->in[r] = 0;
		relation_fix(t, r, w);
	}
}


/* ----------------------------------------------------------------- repair */

/* The best published cell of relation r to give a cell `deficit` more room:
 * the cheapest one worth at least the deficit, else the largest. */
static int repair_pick(const disc_table *t, int r, double deficit, int *best, int *largest)
{
	int found = 0;
	for (int k = t->rstart[r]; k < t->rstart[r + 1]; k++) {
		int c = t->rcells[k];
		if (t->state[c] != DISC_PUBLISHED)
			continue;
		found = 1;
		if (t->value[c] >= deficit - EPS && cheaper(t, c, *best))
			*best = c;
		if (*largest < 0 || t->value[c] > t->value[*largest] + EPS)
			*largest = c;
	}
	return found;
}

/* Last resort for an exposed cell whose binding relations are all hidden:
 * the best published cell in any relation of its component. */
static int repair_search(const disc_table *t, int x, double deficit)
{
	unsigned char *seen = xcalloc((size_t)t->n + 1, 1), *rseen = xcalloc((size_t)t->nr + 1, 1);
	int *queue = xmalloc(((size_t)t->n + 1) * sizeof *queue), qh = 0, qt = 0;
	int best = -1, largest = -1;
	queue[qt++] = x;
	seen[x] = 1;
	while (qh < qt) {
		int c = queue[qh++];
		for (int k = t->cstart[c]; k < t->cstart[c + 1]; k++) {
			int r = t->crel[k];
			if (rseen[r])
				continue;
			rseen[r] = 1;
			repair_pick(t, r, deficit, &best, &largest);
			for (int m = t->rstart[r]; m < t->rstart[r + 1]; m++) {
				int d = t->rcells[m];
				if (t->state[d] && !seen[d]) {
					seen[d] = 1;
					queue[qt++] = d;
				}
			}
		}
	}
	free(seen);
	free(rseen);
	free(queue);
	return best >= 0 ? best : largest;
}

/* One cell per exposed cell, from the relations that bound it (the LP's
 * duals); a cell still exposed after four rounds gets one from each. */
static int repair(disc_table *t, disc_work *w, unsigned char *tries)
{
	int added = 0;
	for (int e = 0; e < t->n_exp; e++) {
		const disc_exposure *x = &t->exp[e];
		double width = isinf(x->hi) ? HUGE_VAL : x->hi - x->lo;
		double deficit = x->required - width;
		if (tries[x->cell] < 255)
			tries[x->cell]++;
		if (tries[x->cell] > 4) {
			for (int b = t->bstart[e]; b < t->bstart[e + 1]; b++) {
				int best = -1, largest = -1;
				repair_pick(t, t->bind[b], deficit, &best, &largest);
				int pick = best >= 0 ? best : largest;
				if (pick >= 0 && t->state[pick] == DISC_PUBLISHED) {
					suppress(t, pick, w);
					added++;
				}
			}
		}
		int best = -1, largest = -1;
		for (int b = t->bstart[e]; b < t->bstart[e + 1]; b++)
			repair_pick(t, t->bind[b], deficit, &best, &largest);
		if (best < 0 && largest < 0)
			for (int k = t->cstart[x->cell]; k < t->cstart[x->cell + 1]; k++)
				repair_pick(t, t->crel[k], deficit, &best, &largest);
		int pick = best >= 0 ? best : largest;
		if (pick < 0)
			pick = repair_search(t, x->cell, deficit);
		if (pick >= 0 && t->state[pick] == DISC_PUBLISHED) {
			suppress(t, pick, w);
			added++;
		}
	}
	return added;
}

/* ------------------------------------------------------------------ exact */

/* Branch-and-bound nodes per MIP (deterministic: never a time). Most
 * components close at the root: all 2 843 redos of bench/scale.sh's
 * 500 000-figure store did. 100 until method 18: with 50 the years 2010,
 * 2016 and 2024 of bench/disclosure.sh take 3,7 % fewer instructions for 2
 * more secondary cells (of 10 296), and its small instances hide 280 cells
 * instead of 273 (the optimum: 269; m20 81 instead of 75), 1,04 times the
 * optimum in total and 1,13 at worst, within issue 18's 1,15 and 1,4;
 * with 70, 274 cells and half the gain. The time: that benchmark's 15
 * years on 2 threads in 9,95 s instead of 10,60 s (its target: 10 s). */
#define EXACT_NODES 50
/* Candidates (hidden and published cells around a component) per MIP: a
 * component's neighbours grow with the areas of its relations (every
 * municipality of an arrondissement), and one MIP with GLPK's cuts with
 * their square or worse. A fixed bound keeps the redo's work per component
 * constant, so protection stays linear in the cells: the 1 700
 * municipalities of that bench's 2 million figures under the same 22
 * arrondissements took 131 s of CPU to import with 600, 12 with 300, the
 * most a real arrondissement needs (291 on its store of 100 000 figures,
 * the real municipalities). The price where more is left to the
 * heuristic: 42 761 secondary cells instead of 31 925 on that store, 11 448
 * instead of 7 759 on the one of 500 000 (20 municipalities an
 * arrondissement); GLPK without its Gomory cuts at 600 was slower still.
 * Method 9: 400 (and components of up to 300 hidden cells, not 200): since
 * every map is in the table (method 7) the small instances of
 * bench/disclosure.sh have one component of 208-231 hidden cells, which
 * the redo left to the heuristic (1,47 times the optimum's secondary
 * cells in total, 2,0 at worst; now 1,17 and 1,38); the import of
 * bench/sheets.sh hides 6 808 instead of 7 921 for about 0,2 s more CPU
 * (1,33 -> 1,56 s). With 50 nodes a MIP instead of 100 that import cost
 * no more (1,34 s, 6 825 cells), but the small instances lost most of it
 * (1,51 times the optimum) - then; see EXACT_NODES for now. */
#define EXACT_CANDIDATES 400
/* Branch-and-bound nodes of all the redos of one table, per 10 cells: a
 * budget in proportion to the table keeps the whole linear whatever its
 * components are like; the components after it is spent keep the
 * heuristic's pattern. */
#define EXACT_NODES_PER_10_CELLS 1

/* The component of hidden cells around a confidential cell, redone
 * exactly: the MIP of disclosure_opt.c over its secondary cells and every
 * published cell in a relation with it (every other cell as it is), kept
 * when it costs less. Safe for the rest of the table too: a relation that
 * held hidden cells of two components would have made them one, so no
 * other component loses a hidden neighbour, and hiding more never narrows
 * an interval. Sets todo for the confidential cells of every component it
 * changed (the next audit proves them again); returns how many changed. */
static int exact_components(disc_table *t, unsigned char *todo)
{
	int n = t->n, changed = 0;
	/* every member of a component, also the secondary cells before its
	 * first confidential one */
	disc_components comp = disc_components_new(t);
	const int *start = comp.start, *members = comp.members;
	int *cand = xmalloc(((size_t)n + 1) * sizeof *cand), *prot = xmalloc(((size_t)n + 1) * sizeof *prot);
	unsigned char *in = xcalloc((size_t)n + 1, 1), *saved = xmalloc((size_t)n + 1), *done = xcalloc((size_t)n + 1, 1);
	long budget = (long)n * EXACT_NODES_PER_10_CELLS / 10 + EXACT_NODES;
	disc_scratch ws;
	disc_scratch_init(&ws, t);
	for (int x = 0; x < n && budget >= 0; x++) {
		int root = t->state[x] == DISC_PRIMARY ? comp.root[x] : -1;
		if (root < 0 || done[root] || start[root + 1] - start[root] > t->exact_cells)
			continue;
		done[root] = 1;
		int nc = 0, np = 0;
		double before = 0;
		for (int q = start[root]; q < start[root + 1]; q++) {
			int c = members[q];
			if (t->state[c] == DISC_PRIMARY) {
				if (t->width[c] > 0)
					prot[np++] = c;
			} else if (!t->forced[c] && !in[c]) {
				in[c] = 1;
				cand[nc++] = c;
				before += disc_cost(t, c);
			}
			for (int k = t->cstart[c]; k < t->cstart[c + 1]; k++)
				for (int m = t->rstart[t->crel[k]]; m < t->rstart[t->crel[k] + 1]; m++) {
					int y = t->rcells[m];
					if (t->state[y] == DISC_PUBLISHED && !in[y]) {
						in[y] = 1;
						cand[nc++] = y;
					}
				}
		}
		for (int q = 0; q < nc; q++) {
			saved[q] = t->state[cand[q]];
			in[cand[q]] = 0;
		}
		int optimal;
		lerr e;
		if (!np || nc > EXACT_CANDIDATES || disc_exact(t, &ws, cand, nc, prot, np, EXACT_NODES, &budget, 1, &optimal, &e) < 0)
			continue; /* the states are unchanged: the heuristic's pattern stays */
		double after = 0;
		for (int q = 0; q < nc; q++)
			if (t->state[cand[q]])
				after += disc_cost(t, cand[q]);
		if (after < before - EPS) {
			changed++;
			for (int q = 0; q < np; q++)
				todo[prot[q]] = 1;
		} else {
			for (int q = 0; q < nc; q++)
				t->state[cand[q]] = saved[q];
		}
	}
	disc_components_free(&comp);
	free(cand);
	free(prot);
	free(in);
	free(saved);
	free(done);
	disc_scratch_free(&ws);
	return changed;
}

int disc_protect(disc_table *t, lerr *err)
{
	disc_index_cells(t);
	disc_mark_primary(t);
	disc_work w = {xmalloc(((size_t)t->nr + 1) * sizeof(int)), 0, xcalloc((size_t)t->nr + 1, 1)};
	for (int r = 0; r < t->nr; r++) {
		int any = 0;
		for (int k = t->rstart[r]; k < t->rstart[r + 1] && !any; k++)
			any = t->state[t->rcells[k]] != DISC_PUBLISHED;
		if (any)
			work_push(&w, r);
	}
	/* pushed in relation order, popped last first: reverse so that the
	 * first relations are handled first */
	for (int i = 0, j = w.n - 1; i < j; i++, j--) {
		int tmp = w.stack[i];
		w.stack[i] = w.stack[j];
		w.stack[j] = tmp;
	}
	unsigned char *todo = xcalloc((size_t)t->n + 1, 1), *tries = xcalloc((size_t)t->n + 1, 1);
	for (int i = 0; i < t->n; i++)
		todo[i] = t->state[i] == DISC_PRIMARY;
	int rc = 0, solves = 0, fulls = 0, round, exact = 0, exact_done = 0;
	t->stats.reduced_lps = 0;
	t->stats.exact_mips = 0;
	t->stats.exact_nodes = 0;
	disc_seen sv = disc_seen_new(t);
	disc_warm warm;
	disc_warm_init(&warm, t);
	t->n_pts = 0;
	t->n_pv = 0;
	t->recording = 1;
	for (round = 1;; round++) {
			local_fixpoint(t, &w);
		t->stats.lp_solves = t->stats.full_lps = t->stats.block_lps = 0;
		if ((rc = disc_audit_run(t, todo, exact, tries, &sv, 1, &warm, err)) < 0)
			break;
		solves += t->stats.lp_solves;
		fulls += t->stats.full_lps;
		if (t->n_exp == 0) {
			if (exact_done || !t->exact_cells)
				break;
			/* the heuristic's pattern is safe: now the small components
			 * exactly, then the audit proves what changed (the values
			 * seen so far moved cells that may be published again) */
			exact_done = 1;
			if (!exact_components(t, todo))
				break;
			disc_seen_free(&sv);
			sv = disc_seen_new(t);
			continue;
		}
		int added = round < MAX_ROUNDS ? repair(t, &w, tries) : 0;
		if (added == 0 && !exact && round < MAX_ROUNDS) {
			/* guesses from restrictions that nothing near can fix: ask
			 * the exact LPs (they never find a cell exposed that every
			 * cell around hides) */
			exact = 1;
			continue;
		}
		if (added == 0) {
			rc = lerr_set(err, LERR_CONFLICT, "disclosure: no safe pattern found after %d rounds (%d cells still exposed)",
				      round, t->n_exp);
			break;
		}
		exact = 0;
	}
	t->recording = 0;
	glp_free_env(); /* see disc_audit_run: the exact redo may come last */
	disc_seen_free(&sv);
	disc_warm_free(&warm);
	free(todo);
	free(tries);
	free(w.stack);
	free(w.in);
	int components = t->stats.components, exposed = t->stats.exposed;
	disc_count_states(t);
	t->stats.components = components;
	t->stats.exposed = exposed;
	t->stats.lp_solves = solves;
	t->stats.full_lps = fulls;
	t->stats.rounds = round;
	return rc;
}

