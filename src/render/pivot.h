/* pivot.h - a table of your own (the dashboard's /table and
 * /api/v1/table): areas x years x work-form nodes x measures, chosen by the
 * reader, read from the protected grids every output reads, and pivoted:
 * one dimension to the rows, one to the columns; a dimension with one
 * value is said in the caption, one with several more is nested into the
 * rows. Prefix: pvt_.
 *
 * Measures are what the ladder computes (calc.h): persons; the share of
 * the ladder (% of the headline of the area, for rung 6 % of the wage
 * employees, as the ladder has it); the change on the previous year of the
 * same edition, in persons and in %. A hidden count hides its share and
 * changes (calc_ratio, calc_minus carry the flag); a hidden number never
 * leaves the cube (its value is zeroed there).
 *
 * Ownership: a pvt_spec's arrays live in the arena given to pvt_parse; a
 * cube borrows its spec and the model (both must outlive it) and is freed
 * with pvt_cube_free; pvt_table's result is the caller's (rnd_table_free).
 */
#ifndef LADDER_PIVOT_H
#define LADDER_PIVOT_H

#include "render.h"

enum pvt_dim { PVT_AREA, PVT_YEAR, PVT_FORM, PVT_MEASURE, PVT_N_DIMS };
enum pvt_measure { PVT_PERSONS, PVT_SHARE, PVT_CHANGE, PVT_CHANGE_PCT, PVT_N_MEASURES };

/* A request's bounds: the cells of the cube and the years it reads (each
 * year reads one or two protected grids). */
#define PVT_MAX_CELLS 10000
#define PVT_MAX_YEARS 30

/* One query parameter; a name may come several times (a form's multiple
 * select sends area=a&area=b) and a value may be a comma list. */
typedef struct pvt_param {
	const char *name, *value;
} pvt_param;

typedef struct pvt_spec {
	int *areas, n_areas;       /* model indexes, without repeats */
	int n_listed;              /* the first n_listed were named (area=); the rest came from level= */
	int level, within;         /* level= (enum model_level) and within= (area index); -1: not given */
	int *years, n_years;       /* ascending */
	int *nodes, n_nodes;       /* model node indexes */
	int measures[PVT_N_MEASURES], n_measures;
	enum pvt_dim rows, cols;
	const char *edition;       /* NULL: the latest edition holding each year */
	int english;
	int geography;             /* geography=: the map the figures are put on; 0: the last year's */
} pvt_spec;

/* Reads the parameters into sp: area (codes or names), level (every area
 * of a level, valid in the last year chosen), within (with level: only
 * those under an area or in a grouping), year (a list), from and to (the
 * years of avail in between), form (node codes: totaal, trede3..trede6, a
 * work form), measure (persons, share, change, change_pct), rows and cols
 * (area, year, form, measure), edition, geography (the map: the areas
 * named and listed must be on it, else LERR_USAGE with what became of
 * them). Unknown names are ignored.
 * Defaults: Flanders and its provinces, the last year of avail (the years
 * holding figures, ascending), the headline and rungs 3 to 6, persons,
 * areas in rows and work forms in columns. Returns 0, or with err's
 * message (in the reader's language) naming the parameter: LERR_USAGE for
 * a malformed value or a table over the bounds, LERR_NOTFOUND for an
 * unknown area or work form. */
int pvt_parse(const model *m, const pvt_param *p, int n, const int *avail, int n_avail, int english, arena *mem,
	      pvt_spec *sp, lerr *err) LADDER_WARN_UNUSED;
/* The map of the table (geography=, else its last year): the areas it
 * offers and refuses, the grids' boundaries. */
int pvt_map_year(const pvt_spec *sp);
/* The spec as the one query string that asks for it again (permalink and
 * API query), without '?' and without lang; URL-safe. */
void pvt_query_string(buf *out, const model *m, const pvt_spec *sp);
/* The name of a dimension or measure in parameters (area, share, ...) and
 * for people. */
const char *pvt_dim_code(enum pvt_dim d);
const char *pvt_dim_name(enum pvt_dim d, int english);
const char *pvt_measure_code(enum pvt_measure k);
const char *pvt_measure_name(enum pvt_measure k, int english);

typedef struct pvt_cube {
	const model *m;
	const pvt_spec *sp;
	calc_value *v;            /* [measure][year][area][node], row-major over the spec's order */
	char (*edition)[64];      /* per year: the edition it was read from ("" when none) */
	unsigned flags;           /* union of the flags of every value: the legend */
} pvt_cube;

pvt_cube *pvt_cube_new(store *s, const model *m, const pvt_spec *sp, lerr *err);
/* Indexes into the spec's lists (measure index into sp->measures). */
calc_value pvt_get(const pvt_cube *c, int mi, int yi, int ai, int ni);
void pvt_cube_free(pvt_cube *c);

/* What the table is, for its caption: the measure, and the one value of
 * every dimension that has one, and the edition. Caller frees. */
char *pvt_caption(const pvt_cube *c);
/* The pivoted table for people: a label column per row dimension, a
 * column per value of the column dimension; title = the caption. */
rnd_table *pvt_table(const pvt_cube *c);
/* JSON for machines: the query, the editions, and every cell in long form
 * (area, year, work_form, measure, value or null, flag). */
void pvt_json(buf *out, const pvt_cube *c);
/* JSON-stat 2.0: dimensions measure (metric, a unit each), year (time),
 * area (geo), work_form; status symbols; the editions per year. */
void pvt_jsonstat(buf *out, const pvt_cube *c);

#endif
