/* gen_figures.c - benchmark input generator for bench/import.sh and
 * bench/scale.sh.
 *
 * usage: gen_figures AREAS FORMS ROWS YEAR_FROM YEAR_TO LAST_EDITION OUT [REVISED]
 *
 * AREAS and FORMS hold one code a line (municipality NIS codes, work-form
 * codes); a FORMS line may add the work form's validity as years,
 * "code,FROM,TO" (0: open), and then the form gets no figures outside it. Writes a figures CSV (year,area,work_form,persons,edition) of
 * exactly ROWS rows with unique keys to OUT: editions run upward so that the
 * last one is LAST_EDITION, loop order edition -> year -> area -> work form;
 * the rows past ROWS (the tail of the last edition) are left out. persons is
 * a deterministic pseudo-random number 0..500.
 *
 * With REVISED (per mille), the figures look like a real series instead:
 * each key (area, work form) keeps its level from year to year (a drift of
 * at most 5 %, so no year-on-year jumps), and a later edition repeats the
 * earlier one except for REVISED per mille of the keys, whose figure is
 * revised by 1..20 persons. bench/scale.sh uses it so that `ladder check`
 * reports a realistic number of findings.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char **read_lines(const char *path, long *n)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		perror(path);
		exit(2);
	}
	char **v = NULL, line[256];
	long cap = 0;
	*n = 0;
	while (fgets(line, sizeof line, f)) {
		size_t len = strcspn(line, "\r\n");
		line[len] = '\0';
		if (!len)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			v = realloc(v, sizeof *v * (size_t)cap);
			if (!v)
				exit(2);
		}
		v[(*n)++] = strdup(line);
	}
	fclose(f);
	return v;
}

static char obuf[1 << 20];
static size_t olen;
static FILE *out;

static void flush_out(void)
{
	if (olen && fwrite(obuf, 1, olen, out) != olen) {
		perror("write");
		exit(2);
	}
	olen = 0;
}

static void put(const char *s, size_t n)
{
	memcpy(obuf + olen, s, n);
	olen += n;
}

static void put_uint(unsigned long v)
{
	char t[24];
	int i = sizeof t;
	do
		t[--i] = (char)('0' + v % 10);
	while (v /= 10);
	put(t + i, sizeof t - (size_t)i);
}

static uint64_t mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ull;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

/* A figure of the REVISED mode: level of the key, drift of the year,
 * revision of the edition (never in the first one). */
static unsigned long series_value(long a, long f, long y, long ed, long ed0, long revised)
{
	uint64_t key = (uint64_t)a << 20 ^ (uint64_t)f;
	unsigned long base = (unsigned long)(mix(key) % 501);
	unsigned long span = base / 10 + 1;
	unsigned long v = base - base / 20 + (unsigned long)(mix(key ^ (uint64_t)y << 40) % span);
	if (ed > ed0 && (long)(mix(key ^ (uint64_t)y << 40 ^ (uint64_t)ed << 52) % 1000) < revised)
		v += 1 + (unsigned long)(mix(key ^ (uint64_t)ed << 44) % 20);
	return v;
}

int main(int argc, char **argv)
{
	if (argc != 8 && argc != 9) {
		fprintf(stderr, "usage: gen_figures AREAS FORMS ROWS YEAR_FROM YEAR_TO LAST_EDITION OUT [REVISED]\n");
		return 2;
	}
	long revised = argc == 9 ? atol(argv[8]) : -1;
	long na, nf;
	char **areas = read_lines(argv[1], &na);
	char **forms = read_lines(argv[2], &nf);
	long rows = atol(argv[3]), y0 = atol(argv[4]), y1 = atol(argv[5]), ed_last = atol(argv[6]);
	long years = y1 - y0 + 1;
	long per_ed = na * nf * years;
	if (na <= 0 || nf <= 0 || years <= 0 || rows <= 0) {
		fprintf(stderr, "gen_figures: nothing to generate (areas %ld, forms %ld, years %ld)\n", na, nf, years);
		return 2;
	}
	/* validity of the work forms, when FORMS gives it */
	long *ffrom = calloc((size_t)nf, sizeof *ffrom), *fto = calloc((size_t)nf, sizeof *fto);
	for (long i = 0; i < nf; i++) {
		char *comma = strchr(forms[i], ',');
		if (comma) {
			*comma = '\0';
			sscanf(comma + 1, "%ld,%ld", &ffrom[i], &fto[i]);
		}
	}
	per_ed = 0;
	for (long y = y0; y <= y1; y++)
		for (long f = 0; f < nf; f++)
			per_ed += (!ffrom[f] || y >= ffrom[f]) && (!fto[f] || y <= fto[f]) ? na : 0;
	if (per_ed <= 0) {
		fprintf(stderr, "gen_figures: no work form is valid in %ld..%ld\n", y0, y1);
		return 2;
	}
	long editions = (rows + per_ed - 1) / per_ed;
	long ed0 = ed_last - editions + 1;
	size_t *alen = malloc(sizeof *alen * (size_t)na), *flen = malloc(sizeof *flen * (size_t)nf);
	for (long i = 0; i < na; i++)
		alen[i] = strlen(areas[i]);
	for (long i = 0; i < nf; i++)
		flen[i] = strlen(forms[i]);
	out = fopen(argv[7], "wb");
	if (!out) {
		perror(argv[7]);
		return 2;
	}
	static const char header[] = "year,area,work_form,persons,edition\n";
	put(header, sizeof header - 1);
	long done = 0;
	for (long ed = ed0; ed <= ed_last && done < rows; ed++) {
		char edtxt[24];
		int edn = snprintf(edtxt, sizeof edtxt, ",%ld\n", ed);
		for (long y = y0; y <= y1 && done < rows; y++) {
			char ytxt[24];
			int yn = snprintf(ytxt, sizeof ytxt, "%ld,", y);
			for (long a = 0; a < na && done < rows; a++) {
				for (long f = 0; f < nf && done < rows; f++) {
					if ((ffrom[f] && y < ffrom[f]) || (fto[f] && y > fto[f]))
						continue;
					if (olen > sizeof obuf - 512)
						flush_out();
					put(ytxt, (size_t)yn);
					put(areas[a], alen[a]);
					put(",", 1);
					put(forms[f], flen[f]);
					put(",", 1);
					put_uint(revised >= 0 ? series_value(a, f, y, ed, ed0, revised)
							      : (unsigned long)(mix((uint64_t)done * 2654435761u ^ (uint64_t)ed << 40) % 501));
					put(edtxt, (size_t)edn);
					done++;
				}
			}
		}
	}
	flush_out();
	if (fclose(out) != 0) {
		perror(argv[7]);
		return 2;
	}
	fprintf(stderr, "gen_figures: %ld rows, editions %ld..%ld, years %ld..%ld, %ld areas x %ld work forms\n", done,
		ed0, ed_last, y0, y1, na, nf);
	return 0;
}
