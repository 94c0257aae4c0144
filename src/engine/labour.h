/* labour.h - the labour-market context around the ladder: the seed's
 * "1-2-3" account (1 people at work, 2 job seekers, 3 people outside the
 * labour force) and the series behind its evolution charts. Prefix: labour_.
 *
 * Figures come from the context table (calc_context): the edition asked for
 * where it has them, else the latest. A policy target is stored in its
 * target year (76 % in 2020) and applies to every earlier year; an area
 * without its own target takes its parent's. The gap to the target in
 * persons uses the population of the employment rate's age band; when only
 * another band is known the view says so (band_mismatch).
 *
 * Ownership: labour_view_new and labour_series_new return values freed with
 * labour_view_free / labour_series_free; they borrow the model.
 */
#ifndef LADDER_LABOUR_H
#define LADDER_LABOUR_H

#include "calc.h"

enum { LABOUR_GROUPS = 5 };
extern const char *const labour_group_indicators[LABOUR_GROUPS];

typedef struct labour_view {
	const model *m;
	int area, year;
	calc_value employment_rate, employment_target, target_gap_pp, target_gap_persons;
	int target_year;
	calc_value population;
	const char *population_indicator; /* population_20_64 or population_18_64 */
	int band_mismatch;
	calc_value employed;
	calc_value job_seekers, kansengroep_share, groups[LABOUR_GROUPS], unemployment_rate;
	calc_value outside_labour_force, outside_share, sick_or_invalid, sick_share;
	unsigned flags;
} labour_view;

labour_view *labour_view_new(store *s, const model *m, int area, int year, const char *edition, lerr *err);
void labour_view_free(labour_view *v);

typedef struct labour_point {
	int year;
	calc_value employment_rate, employment_target, employed, job_seekers, outside_labour_force, sick_or_invalid;
} labour_point;

typedef struct labour_series {
	const model *m;
	int area;
	labour_point *points;
	int n;
	unsigned flags;
} labour_series;

labour_series *labour_series_new(store *s, const model *m, int area, int from, int to, const char *edition, lerr *err);
void labour_series_free(labour_series *s);

#endif
