/* model_epoch.c - the spans of years whose maps are the same (see
 * model_map_epoch in model.h). */
#include "model.h"

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
