/* calc_internal.h - what calc.c (resolving, the ladder), calc_protect.c
 * (the protected grid) and calc_cache.c (the grid cache, the read
 * transaction's memo) share of a grid: not for other modules, which see
 * calc.h only. */
#ifndef LADDER_CALC_INTERNAL_H
#define LADDER_CALC_INTERNAL_H

#include "calc.h"

typedef calc_diff diff;

/* The figures of one (edition, year) as read from the store (store ids,
 * flag bits), so that the protection loads them on every map of its table
 * with one query instead of one a map (calc_grid_load_figs). */
typedef struct calc_fig {
	int area, work_form, known;
	unsigned flags;
	double persons;
} calc_fig;
typedef struct calc_figs {
	calc_fig *f;
	size_t n, cap;
	int complete; /* every figure read: loads take them from here */
} calc_figs;
/* calc_grid_load on the model's map; the first call reads the store and
 * fills figs, the next ones read figs (same edition and year). Free figs->f. */
calc_grid *calc_grid_load_figs(store *s, const model *m, int edition, int year, calc_figs *figs, lerr *err);
/* Frees g->figs (the protection is done with them). */
void calc_grid_free_figs(calc_grid *g);

struct calc_grid {
	const model *m;
	int edition, year;
	int na, nn;
	double *rep;
	unsigned *rflags;
	unsigned char *has;   /* reported figure present */
	calc_figs *figs;      /* the figures as read, until the protection built its table (or NULL) */
	calc_value *res;
	unsigned char *state; /* 0 todo, 1 busy, 2 done */
	unsigned char *below; /* 0 todo, 1 no, 2 yes: a figure is reported at this area for the node or under it */
	diff *diffs;
	int n_diffs;
	unsigned char *within; /* NULL, or per area: its figures were read (calc_grid_load_within) */
	/* protection (calc_grid_protect) */
	int protection;          /* PROT_RAW, PROT_ON or PROT_OFF */
	unsigned char *supp;     /* per cell: suppressed */
	unsigned char *supp_gap; /* per cell: its "not specified" gap suppressed */
	disc_table *dt;          /* every map's cells (build_table) */
	int *dcell, *dgap;       /* per cell of the grid's map: disc index of the cell / of its gap, -1 */
	int *dref;               /* per disc index: (map slot * cells + cell index) * 2 + is_gap */
	int n_dref;              /* dref's capacity */
	int n_maps, self;        /* the maps the table covers; the slot of the grid's own */
	int map_year[CALC_MAX_MAPS];
	int *mcell[CALC_MAX_MAPS], *mgap[CALC_MAX_MAPS]; /* dcell and dgap per map slot */
	/* with keep_maps, the grids build_table loaded for the other map slots
	 * (owned; calc_grid_sibling takes them), else NULL */
	int keep_maps;
	calc_grid *map_grid[CALC_MAX_MAPS];
	int shares; /* owners besides the first: a grid of the transaction's memo is shared, never changed */
	/* A grid read from the cache is decoded an area at a time, when a cell
	 * of it is first asked for: a page reads a few areas of most of the
	 * grids it opens (the evolution of one area over every year). */
	unsigned char *blob;   /* the cached blob (owned); NULL for a computed grid */
	size_t *row_at;        /* per area: where its cells begin in blob */
	unsigned char *row_in; /* per area: decoded */
};

enum { PROT_RAW, PROT_ON, PROT_OFF };

#define GRID_MEMO_MAX 48
typedef struct grid_memo {
	int n, next;
	struct {
		const model *m;
		int edition, year;
		char key[160];
		calc_grid *g;
	} e[GRID_MEMO_MAX];
} grid_memo;

/* An indicator's context figures of one year, every area (store ids mapped
 * to model indices), as read for one read transaction: a page of a region
 * adds up its municipalities' context, which one query per indicator and
 * year and sums in memory answer instead of a lookup per municipality. */
#define CONTEXT_MEMO_MAX 128
typedef struct context_all {
	const model *m;
	int indicator, edition, year; /* store ids, year */
	calc_value *v;		      /* [area] */
	unsigned char *has;	      /* a row was found */
} context_all;

/* What the engine keeps for one read transaction (store_memo). */
typedef struct calc_memo {
	grid_memo grids;
	int n_ctx, next_ctx;
	context_all *ctx[CONTEXT_MEMO_MAX];
} calc_memo;

/* calc.c */
/* A grid of edition and year with its cells allocated, nothing resolved;
 * zeroed 0 leaves the cells as they come (a grid whose every cell is
 * written before it is read: one decoded from the cache). */
calc_grid *calc_grid_alloc(const model *m, int edition, int year, int zeroed);
/* Frees the protection table and its index arrays (not the grid). */
void calc_grid_free_table(calc_grid *g);
/* The resolved value of area a and node n (resolving on first use). */
calc_value calc_resolve(calc_grid *g, int a, int n);
/* Sum over node n's children at area a; known only if every one is. */
calc_value calc_node_sum(calc_grid *g, int a, int n);
/* v as published: unknown when hidden. */
calc_value calc_shown(const calc_grid *g, calc_value v, int hidden);

/* calc_protect.c */
/* Does node child count towards parent's total (not a "waarvan" part)? */
int calc_counted(const model *m, int parent, int child);
/* calc_grid_protect in three steps, so that calc_grids_refresh solves
 * several grids' tables at once: begin reads from the store what the table
 * needs (a kept previous pattern, a stored pattern for the same input) and
 * says in *solve whether disc_protect must still run; solve runs it,
 * touching neither the store nor the model (any thread); end stores a
 * solved pattern and marks the hidden cells (the thread of the store). */
int calc_grid_protect_begin(calc_grid *g, store *s, const calc_protect_opts *o, int *solve, lerr *err) LADDER_WARN_UNUSED;
int calc_grid_protect_solve(calc_grid *g, lerr *err) LADDER_WARN_UNUSED;
void calc_grid_protect_end(calc_grid *g, store *s, const calc_protect_opts *o, int solved);
/* The grid of g's edition and year on the map of map_year (the model on
 * it), hidden as g's protected table hides it: that table covers every
 * map, so this is the grid calc_grid_protect makes there, without loading
 * the figures or building and solving the same table again. Takes it from
 * g (built with keep_maps); NULL when g kept none for that map. The
 * caller owns the result. */
calc_grid *calc_grid_sibling(calc_grid *g, int map_year);

/* calc_cache.c */
/* Decodes area a's cells of a grid read from the cache. */
void calc_grid_decode_area(calc_grid *g, int a);
/* Makes area a's cells readable (a grid read from the cache decodes them on
 * first use); every reader of a cell's arrays calls it first. */
static inline void calc_area_in(const calc_grid *g, int a)
{
	if (g->row_in && !g->row_in[a])
		calc_grid_decode_area((calc_grid *)g, a);
}

/* The read transaction's memo, made when create; NULL outside one. */
calc_memo *calc_memo_of(store *s, int create);
void calc_context_all_free(context_all *c);

#endif
