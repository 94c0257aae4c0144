/* persons_gen.c ROWS SEED AREAS FORMS - realistic person-level episodes on
 * standard output, for bench/persons.sh.
 *
 *   AREAS: one NIS code a line, the largest municipality first (the order
 *          gives the weight: a Zipf law, rank^-0.9, as a stand-in for
 *          population, which data/ does not hold)
 *   FORMS: "code rung" a line (the catalogue's work forms)
 *
 * Persons have 1 to 40 episodes (uniform), mostly in their home
 * municipality; episodes start between 2010 and 2024, last from a week to a
 * few years (so a person's episodes overlap), and 15 % are still open.
 * Rows are ordered by start date, so a person's episodes are spread over
 * the whole file. Columns: person,work_form,area,start,end,rung. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct ep {
	uint32_t person;
	uint16_t form, area;
	uint16_t start; /* days since 2010-01-01 */
	uint16_t len;   /* days; 0: open */
} ep;

static uint64_t rng = 88172645463325252ULL;
static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}
static double unif(void) { return (double)(next() >> 11) / 9007199254740992.0; }

static char areas[400][8];
static int n_areas;
static char forms[100][48];
static int rungs[100], n_forms;
static double cum[400];

static int pick_area(void)
{
	double u = unif() * cum[n_areas - 1];
	int lo = 0, hi = n_areas - 1;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (cum[mid] < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void date_text(int day, char out[11])
{
	/* civil_from_days (H. Hinnant), days since 2010-01-01 */
	long z = day + 14610 + 719468;
	long era = z / 146097, doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1, m = mp + (mp < 10 ? 3 : -9);
	y += m <= 2;
	snprintf(out, 11, "%04ld-%02ld-%02ld", y, m, d);
}

int main(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: persons_gen ROWS SEED AREAS FORMS\n");
		return 2;
	}
	long rows = atol(argv[1]);
	rng ^= (uint64_t)atol(argv[2]) * 0x9E3779B97F4A7C15ULL;
	FILE *f = fopen(argv[3], "r");
	while (f && n_areas < 400 && fscanf(f, "%7s", areas[n_areas]) == 1) {
		cum[n_areas] = (n_areas ? cum[n_areas - 1] : 0) + pow(n_areas + 1, -0.9);
		n_areas++;
	}
	if (f)
		fclose(f);
	f = fopen(argv[4], "r");
	while (f && n_forms < 100 && fscanf(f, "%47s %d", forms[n_forms], &rungs[n_forms]) == 2)
		n_forms++;
	if (f)
		fclose(f);
	if (!n_areas || !n_forms) {
		fprintf(stderr, "persons_gen: no areas or work forms read\n");
		return 2;
	}
	enum { DAYS = 15 * 365 };
	ep *e = malloc((size_t)rows * sizeof *e);
	long n = 0;
	for (uint32_t p = 0; n < rows; p++) {
		int k = 1 + (int)(next() % 40);
		int home = pick_area();
		int t = (int)(unif() * DAYS); /* a career: episodes from here on */
		for (int i = 0; i < k && n < rows; i++) {
			ep *x = &e[n++];
			x->person = p;
			x->area = (uint16_t)(unif() < 0.9 ? home : pick_area());
			x->form = (uint16_t)(next() % (uint64_t)n_forms);
			x->start = (uint16_t)(t % DAYS);
			x->len = unif() < 0.15 ? 0 : (uint16_t)(7 + (int)(-log(1 - unif()) * 300));
			t += (int)(unif() * 200); /* the next starts soon: overlaps */
		}
	}
	/* by start day: a counting sort */
	long *at = calloc(DAYS + 1, sizeof *at);
	for (long i = 0; i < n; i++)
		at[e[i].start + 1]++;
	for (int d = 0; d < DAYS; d++)
		at[d + 1] += at[d];
	ep *s = malloc((size_t)n * sizeof *s);
	for (long i = 0; i < n; i++)
		s[at[e[i].start]++] = e[i];
	free(e);
	static char out[1 << 16];
	setvbuf(stdout, out, _IOFBF, sizeof out);
	fputs("person,work_form,area,start,end,rung\n", stdout);
	char start[11], end[11];
	for (long i = 0; i < n; i++) {
		ep *x = &s[i];
		uint64_t h = (x->person + 1) * 0x9E3779B97F4A7C15ULL;
		h ^= h >> 29;
		date_text(x->start, start);
		if (x->len)
			date_text(x->start + x->len, end);
		else
			end[0] = 0;
		printf("%010llx,%s,%s,%s,%s,%d\n", (unsigned long long)(h & 0xffffffffffULL), forms[x->form], areas[x->area], start, end,
		       rungs[x->form]);
	}
	free(s);
	free(at);
	return 0;
}
