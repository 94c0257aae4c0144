/* model_epoch.c - the geography through time: an area's versions, the
 * successions and the territory they move, the area of one year on the map
 * of another (model_map_targets), and the spans of years whose maps are the
 * same (model_map_epoch). See model.h. */
#include "model.h"
#include "../base/vocab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The first year whose 1 January is on or after date (after it: strictly). */
static int first_year_from(const char *date, int after)
{
	int y = atoi(date);
	return after || strcmp(date + 4, "-01-01") != 0 ? y + 1 : y;
}

static void raise_to(int *epoch, int boundary, int year)
{
	if (boundary <= year && boundary > *epoch)
		*epoch = boundary;
}

int model_map_epoch(const model *m, int year)
{
	if (year == 0) /* today's map: that of a year after every date */
		year = 9999;
	/* the map of a year is read from these dates only (validity on
	 * 1 January, same_territory, map_target): between two of them it is
	 * the same */
	int epoch = 1;
	for (int i = 0; i < m->n_successions; i++)
		raise_to(&epoch, first_year_from(m->successions[i].effective, 0), year);
	for (int a = 0; a < m->n_areas; a++) {
		if (*m->areas[a].valid_from)
			raise_to(&epoch, first_year_from(m->areas[a].valid_from, 0), year);
		if (*m->areas[a].valid_to)
			raise_to(&epoch, first_year_from(m->areas[a].valid_to, 1), year);
	}
	return epoch;
}

/* Is area x area a or below it in the tree? (Parents are for life.) */
static int within(const model *m, int a, int x)
{
	for (; x >= 0; x = m->areas[x].parent)
		if (x == a)
			return 1;
	return 0;
}

/* Does a succession on this date move territory into or out of area a? */
static int territory_changes(const model *m, int a, const char *date)
{
	for (int i = 0; i < m->n_successions; i++) {
		const model_succession *s = &m->successions[i];
		if (s->from != s->to && !strcmp(s->effective, date) && within(m, a, s->from) != within(m, a, s->to))
			return 1;
	}
	return 0;
}

int model_area_version(const model *m, int a, int year, model_version *out)
{
	const model_area *x = &m->areas[a];
	if (!model_area_valid_in_year(x, year))
		return -1;
	char day[16];
	snprintf(day, sizeof day, "%04d-01-01", year);
	snprintf(out->valid_from, sizeof out->valid_from, "%s", x->valid_from);
	snprintf(out->valid_to, sizeof out->valid_to, "%s", x->valid_to);
	if (x->level == LEVEL_GROUPING)
		return 0;
	for (int i = 0; i < m->n_successions; i++) {
		const char *d = m->successions[i].effective;
		/* a break strictly inside the lifetime, each date once */
		if ((*x->valid_from && strcmp(d, x->valid_from) <= 0) || (*x->valid_to && strcmp(d, x->valid_to) > 0) ||
		    (i > 0 && !strcmp(d, m->successions[i - 1].effective)) || !territory_changes(m, a, d))
			continue;
		if (year == 0 || strcmp(d, day) <= 0) {
			if (strcmp(d, out->valid_from) > 0)
				snprintf(out->valid_from, sizeof out->valid_from, "%s", d);
		} else {
			char before[11];
			model_day_before(d, before);
			if (!*out->valid_to || strcmp(before, out->valid_to) < 0)
				snprintf(out->valid_to, sizeof out->valid_to, "%s", before);
		}
	}
	return 0;
}

/* 1 January of a map year; today's map (0) as a date after every other. */
static void map_day(int year, char out[16])
{
	snprintf(out, 16, "%04d-01-01", year ? year : 9999);
}

/* Does area a have the same territory on the maps of years y1 and y2? */
static int same_territory(const model *m, int a, int y1, int y2)
{
	if (m->terr_bits && a < m->terr_areas && m->n_successions == m->terr_successions) {
		int d1 = (y1 ? y1 : 9999) * 10000 + 101, d2 = (y2 ? y2 : 9999) * 10000 + 101;
		int lo = d1 < d2 ? d1 : d2, hi = d1 < d2 ? d2 : d1;
		for (int k = 0; k < m->n_terr_days; k++)
			if (m->terr_day[k] > lo && m->terr_day[k] <= hi && (m->terr_bits[a] >> k & 1))
				return 0;
		return 1;
	}
	char d1[16], d2[16];
	map_day(y1, d1);
	map_day(y2, d2);
	const char *lo = strcmp(d1, d2) < 0 ? d1 : d2, *hi = lo == d1 ? d2 : d1;
	for (int i = 0; i < m->n_successions; i++) {
		const char *d = m->successions[i].effective;
		if (strcmp(d, lo) > 0 && strcmp(d, hi) <= 0 && (i == 0 || strcmp(d, m->successions[i - 1].effective)) &&
		    territory_changes(m, a, d))
			return 0;
	}
	return 1;
}

/* The area of map `map` that municipality a of year y lies in, -1 if none
 * (a later territory cannot be split back onto an earlier map). */
int model_area_on_map(const model *m, int a, int year, int map)
{
	int later = !map || (year && map > year);
	if (model_area_valid_in_year(&m->areas[a], map))
		return later || same_territory(m, a, year, map) ? a : -1;
	if (!later)
		return -1;
	for (int hops = 0; hops < 16; hops++) {
		const model_succession *s = model_area_successor(m, a);
		if (!s)
			return -1;
		a = s->to;
		if (model_area_valid_in_year(&m->areas[a], map))
			return a;
	}
	return -1;
}

int model_map_targets(const model *m, int year, int *target, unsigned char *recomputed, int *npred)
{
	int remapped = 0;
	for (int a = 0; a < m->n_areas; a++) {
		const model_area *x = &m->areas[a];
		recomputed[a] = 0;
		npred[a] = 0;
		if (x->level == LEVEL_GROUPING)
			target[a] = a;
		else if (!model_area_valid_in_year(x, year))
			target[a] = -1;
		else if (x->level != LEVEL_MUNICIPALITY)
			target[a] = same_territory(m, a, year, m->map_year) ? a : -1;
		else
			target[a] = model_area_on_map(m, a, year, m->map_year);
		remapped |= target[a] != a && model_area_valid_in_year(x, year);
	}
	for (int a = 0; a < m->n_areas; a++)
		if (target[a] >= 0 && m->areas[a].level == LEVEL_MUNICIPALITY) {
			int t = target[a];
			npred[t]++;
			if (t != a || !same_territory(m, t, year, m->map_year))
				recomputed[t] = 1;
		}
	for (int a = 0; a < m->n_areas; a++)
		remapped |= recomputed[a];
	return remapped;
}

int model_map_label_year(const model *m)
{
	if (m->map_year)
		return m->map_year;
	int y = 0; /* today's map: that of the last change */
	for (int i = 0; i < m->n_successions; i++)
		if (atoi(m->successions[i].effective) > y)
			y = atoi(m->successions[i].effective);
	return y;
}

const model_succession *model_area_successor(const model *m, int a)
{
	for (int i = 0; i < m->n_successions; i++)
		if (m->successions[i].from == a && m->successions[i].to != a)
			return &m->successions[i];
	return NULL;
}

int model_area_predecessors(const model *m, int a, const char *effective, int *out, int cap)
{
	int n = 0;
	for (int i = 0; i < m->n_successions; i++) {
		const model_succession *s = &m->successions[i];
		if (s->to == a && s->from != a && !strcmp(s->effective, effective)) {
			if (n < cap)
				out[n] = s->from;
			n++;
		}
	}
	return n;
}

void model_area_off_map_reason(const model *m, int a, int year, int english, buf *b)
{
	const model_area *x = &m->areas[a];
	size_t start = b->len;
	const model_succession *s = *x->valid_to ? model_area_successor(m, a) : NULL;
	for (int hops = 0; s && hops < 8; hops++) { /* follow the chain to the area of the year */
		const model_area *to = &m->areas[s->to];
		buf_printf(b, V(english, geo_part_since), hops ? "; " : "", x->code, x->name_nl, to->code, to->name_nl,
			   s->effective);
		if (model_area_valid_in_year(to, year))
			break;
		x = to;
		s = model_area_successor(m, s->to);
	}
	if (b->len > start)
		return;
	x = &m->areas[a];
	enum { PRED_MAX = 16 };
	int pred[PRED_MAX];
	int np = *x->valid_from ? model_area_predecessors(m, a, x->valid_from, pred, PRED_MAX) : 0;
	if (np > PRED_MAX)
		np = PRED_MAX;
	if (np > 0) {
		buf_printf(b, V(english, geo_exists_from_before_its_territory), x->code, x->name_nl, x->valid_from);
		for (int i = 0; i < np; i++)
			buf_printf(b, "%s %s %s", i == 0 ? "" : i == np - 1 ? V(english, geo_and) : ",", m->areas[pred[i]].code,
				   m->areas[pred[i]].name_nl);
	} else if (*x->valid_to) {
		buf_printf(b, V(english, geo_valid_from_to), x->code, x->name_nl, *x->valid_from ? x->valid_from : "-",
			   x->valid_to);
	} else {
		buf_printf(b, V(english, geo_valid_from), x->code, x->name_nl, x->valid_from);
	}
}

/* "2019-01-01" as 20190101; -1 if it is not an ISO date */
static int iso_day(const char *d)
{
	if (strlen(d) != 10 || d[4] != '-' || d[7] != '-')
		return -1;
	return atoi(d) * 10000 + atoi(d + 5) * 100 + atoi(d + 8);
}

/* same_territory asked territory_changes of every succession for every
 * area and map, each time (6 % of an import's instructions): a succession
 * moves territory into or out of exactly the areas that contain one of its
 * two sides and not the other, so one walk up both parent chains per
 * succession marks them all. */
void model_index_territory(model *m)
{
	free(m->terr_bits);
	m->terr_bits = NULL;
	m->n_terr_days = 0;
	for (int i = 0; i < m->n_successions; i++) {
		int day = iso_day(m->successions[i].effective);
		if (day < 0 || (m->n_terr_days && day < m->terr_day[m->n_terr_days - 1]))
			return; /* not by date: the slow way */
		if (m->n_terr_days && day == m->terr_day[m->n_terr_days - 1])
			continue;
		if (m->n_terr_days == 64)
			return;
		m->terr_day[m->n_terr_days++] = day;
	}
	m->terr_bits = xcalloc((size_t)m->n_areas + 1, sizeof *m->terr_bits);
	for (int i = 0, k = -1; i < m->n_successions; i++) {
		const model_succession *s = &m->successions[i];
		if (k < 0 || iso_day(s->effective) != m->terr_day[k])
			k++;
		if (s->from == s->to)
			continue;
		for (int x = s->from; x >= 0; x = m->areas[x].parent)
			if (!within(m, x, s->to))
				m->terr_bits[x] |= 1ULL << k;
		for (int x = s->to; x >= 0; x = m->areas[x].parent)
			if (!within(m, x, s->from))
				m->terr_bits[x] |= 1ULL << k;
	}
	m->terr_areas = m->n_areas;
	m->terr_successions = m->n_successions;
}
