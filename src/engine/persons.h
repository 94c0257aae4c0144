/* persons.h - unique persons per rung on a date, and their moves between
 * rungs, from person-level episode records. Prefix: prs_.
 *
 * Input: CSV with the columns person, work_form, area, start, end and
 * optionally rung, found by header name (order free, extra columns
 * ignored; ',' or ';' decided by the header, UTF-8 BOM, CRLF, quoted
 * fields without a line break inside, blank lines). The contract
 * (docs/persons.md): an episode is active on d when start <= d and (end is
 * empty or end >= d); a person's chosen episode on d is the active one with
 * the highest rung (PRS_LOWEST: the lowest), ties to the smallest work_form
 * in byte order, then the smallest area code (as a number).
 *
 * Speed: the input is read in large blocks by the calling thread and parsed
 * by two worker threads (each block holds whole lines); each worker keeps
 * its own per-person table (keyed on the id's bytes, hashed), merged at the
 * end. Only persons with an episode active on one of the dates are kept,
 * with their chosen episode per date (a few bytes each).
 *
 * Privacy: person ids are held in memory only while the file is read; they
 * never appear in results or messages (an error names the line and column).
 *
 * Ownership: prs_run* return a prs_result freed with prs_result_free; its
 * strings and arrays belong to it.
 */
#ifndef LADDER_PERSONS_H
#define LADDER_PERSONS_H

#include "../base/base.h"

enum prs_precedence { PRS_HIGHEST = 0, PRS_LOWEST = 1 };

/* The rung of a work form when the file has no rung column: 1..6, 0 when
 * the catalogue does not know it, <0 (err set) when it cannot be read.
 * Called at most once per distinct label, under a lock. */
typedef int (*prs_rung_fn)(void *ctx, const char *work_form, lerr *err);

typedef struct prs_opts {
	int dates[2]; /* yyyymmdd */
	int n_dates;  /* 1, or 2: flows from dates[0] to dates[1] */
	int snapshot; /* the snapshot of the last date too */
	enum prs_precedence precedence;
	prs_rung_fn rung_of;
	void *rung_ctx;
	/* called after each block read: bytes so far, and in all (0: unknown) */
	void (*progress)(void *ctx, long long done, long long total);
	void *progress_ctx;
	int sha256;   /* hash the bytes read (prs_result.sha256) */
	int english;  /* messages in English (default: Dutch) */
} prs_opts;

/* One row of a snapshot: persons (chosen episodes) and places (all active
 * episodes) per (area, rung) or (area, work form). */
typedef struct prs_snap_row {
	int is_form; /* 0: key is the rung, 1: key is the work form */
	unsigned area;
	int rung;        /* the rung (is_form 0) */
	const char *key; /* the rung as text, or the work form */
	long persons, places;
} prs_snap_row;

typedef struct prs_flow_row {
	unsigned area;
	int rung1, rung2; /* 0: nothing active */
	long persons;
} prs_flow_row;

typedef struct prs_area_moves {
	unsigned area;
	long risers, fallers, stayers, entries, exits;
} prs_area_moves;

/* Completed episodes (an end date between the two dates) per rung, their
 * length in days: count, quartiles (nearest rank). */
typedef struct prs_spells {
	long n;
	int q1, median, q3;
} prs_spells;

typedef struct prs_result {
	arena mem;
	long rows;              /* episodes read */
	long persons_seen;      /* persons active on some date */
	prs_snap_row *snap;     /* snapshot of dates[n_dates - 1] (opts.snapshot) */
	int n_snap;
	prs_flow_row *flows;    /* n_dates 2 */
	int n_flows;
	prs_area_moves *moves;  /* per area, by area */
	int n_moves;
	prs_spells spells[7];   /* by rung */
	char sha256[65];        /* when opts.sha256 */
} prs_result;

/* Parses "YYYY-MM-DD" (exactly) into yyyymmdd; 0 or -1. */
int prs_parse_date(const char *s, size_t n, int *out);

/* Reads path ("-": standard input) and computes. 0, or <0 with err set
 * ("file:line:col: column 'start': expected ..."); *out only on success. */
int prs_run_file(const char *path, const prs_opts *o, prs_result **out, lerr *err);
/* The same over memory (one thread; the fuzz target and tests use it). */
int prs_run_mem(const char *name, const char *data, size_t n, const prs_opts *o, prs_result **out, lerr *err);
void prs_result_free(prs_result *r);

#endif
