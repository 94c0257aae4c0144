/* export.c - slices of the figures as CSV, JSON and JSON-stat 2.0 (see
 * export.h). The Excel annex is in export_xlsx.c. */
#include "export.h"
#include "../base/vocab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --------------------------------------------------------------- collect */

typedef struct pair {
	int edition;      /* store id */
	const char *code;
	int year;
} pair;

static int in_list(const char *const *list, int n, const char *s)
{
	for (int i = 0; i < n; i++)
		if (strcmp(list[i], s) == 0)
			return 1;
	return 0;
}

static void add_row(exp_data *d, const exp_row *r)
{
	if (d->n_rows == d->cap_rows) {
		d->cap_rows = d->cap_rows ? d->cap_rows * 2 : 1024;
		d->rows = xrealloc(d->rows, sizeof *d->rows * (size_t)d->cap_rows);
	}
	d->rows[d->n_rows++] = *r;
}


/* The (edition, year) pairs a slice reads, collected from the coverage. */
typedef struct pair_pick {
	const exp_slice *sl;
	exp_data *d;
	int all_editions, last_year;
	pair *pairs;
	int np;
} pair_pick;

static void pick_pair(void *ctx, int edition, const char *code, int year)
{
	pair_pick *P = ctx;
	const exp_slice *sl = P->sl;
	if (sl->n_editions && !P->all_editions) {
		if (!in_list(sl->editions, sl->n_editions, code))
			return;
	} else if (!P->all_editions) {
		if (year == P->last_year)
			return; /* only the latest edition of each year */
	}
	P->last_year = year;
	P->pairs = xrealloc(P->pairs, sizeof *P->pairs * (size_t)(P->np + 1));
	P->pairs[P->np++] = (pair){edition, arena_strdup(&P->d->mem, code), year};
}

/* Notes by cell of one (edition, year), in the data's arena. */
typedef struct note_pick {
	exp_data *d;
	const model *m;
	const int *amap, *nmap;
	int amax, nmax;
	const char **notes;
	unsigned char *carried;
} note_pick;

static void pick_note(void *ctx, int a, int n, const char *note, int carried)
{
	note_pick *N = ctx;
	if (a <= N->amax && n <= N->nmax && N->amap[a] >= 0 && N->nmap[n] >= 0) {
		size_t k = (size_t)N->amap[a] * (size_t)N->m->n_nodes + (size_t)N->nmap[n];
		N->notes[k] = *note ? arena_strdup(&N->d->mem, note) : NULL;
		N->carried[k] = (unsigned char)carried;
	}
}

exp_data *exp_collect(store *s, const model *m, const exp_slice *sl, lerr *err)
{
	exp_data *d = xcalloc(1, sizeof *d);
	arena_init(&d->mem);
	d->m = m;
	d->english = sl->english;
	int all_editions = sl->n_editions == 1 && strcmp(sl->editions[0], "all") == 0;
	/* which (edition, year) pairs: coverage knows without scanning figures */
	pair_pick P = {sl, d, all_editions, -1, NULL, 0};
	if (store_coverage(s, "figure", sl->year_from ? sl->year_from : 0, sl->year_to ? sl->year_to : 9999, pick_pair, &P,
			   err) < 0) {
		free(P.pairs);
		exp_free(d);
		return NULL;
	}
	pair *pairs = P.pairs;
	int np = P.np;
	for (int i = 0; i < sl->n_editions && !all_editions; i++) {
		int id;
		if (store_edition(s, sl->editions[i], 0, &id, err) < 0) {
			free(pairs);
			exp_free(d);
			return NULL;
		}
		if (!id) {
			free(pairs);
			exp_free(d);
			lerr_set(err, LERR_NOTFOUND, "unknown edition '%s'", sl->editions[i]);
			return NULL;
		}
	}
	/* editions in the order they appear */
	for (int i = 0; i < np; i++) {
		int k = 0;
		while (k < d->n_editions && strcmp(d->edition_codes[k], pairs[i].code))
			k++;
		if (k == d->n_editions) {
			d->edition_codes = xrealloc(d->edition_codes, sizeof *d->edition_codes * (size_t)(k + 1));
			d->edition_codes[d->n_editions++] = arena_strdup(&d->mem, pairs[i].code);
		}
	}
	/* what the editions' title pages say (schema v10) */
	d->edition_meta = xcalloc((size_t)d->n_editions + 1, sizeof *d->edition_meta);
	for (int i = 0; i < d->n_editions; i++) {
		int found;
		if (store_edition_meta_get(s, d->edition_codes[i], &d->edition_meta[i], &found, err) < 0) {
			free(pairs);
			exp_free(d);
			return NULL;
		}
	}
	/* model indexes from store ids, for the notes */
	int *aid = xmalloc(sizeof(int) * (size_t)(m->n_areas + 1)), *nid = xmalloc(sizeof(int) * (size_t)(m->n_nodes + 1));
	for (int i = 0; i < m->n_areas; i++)
		aid[i] = m->areas[i].id;
	for (int i = 0; i < m->n_nodes; i++)
		nid[i] = m->nodes[i].id;
	int amax, nmax;
	int *amap = xid_index(m->n_areas, aid, &amax), *nmap = xid_index(m->n_nodes, nid, &nmax);
	free(aid);
	free(nid);
	const char **notes = xcalloc((size_t)m->n_areas * (size_t)m->n_nodes, sizeof *notes);
	unsigned char *carried = xcalloc((size_t)m->n_areas * (size_t)m->n_nodes + 1, 1);
	int rc = 0;
	for (int pi = 0; pi < np && !rc; pi++) {
		calc_grid *g = calc_grid_load_protected(s, m, pairs[pi].edition, pairs[pi].year, err);
		if (!g) {
			rc = LERR_DB;
			break;
		}
		memset(notes, 0, sizeof *notes * (size_t)m->n_areas * (size_t)m->n_nodes);
		memset(carried, 0, (size_t)m->n_areas * (size_t)m->n_nodes);
		note_pick N = {d, m, amap, nmap, amax, nmax, notes, carried};
		if (store_figure_notes(s, pairs[pi].edition, pairs[pi].year, pick_note, &N, err) < 0) {
			calc_grid_free(g);
			rc = LERR_DB;
			break;
		}
		int ed = 0;
		while (strcmp(d->edition_codes[ed], pairs[pi].code))
			ed++;
		int na = sl->n_areas ? sl->n_areas : m->n_areas, nn = sl->n_nodes ? sl->n_nodes : m->n_nodes;
		for (int ai = 0; ai < na; ai++) {
			int a = sl->n_areas ? sl->areas[ai] : ai;
			for (int ni = 0; ni < nn; ni++) {
				int n = sl->n_nodes ? sl->nodes[ni] : ni;
				calc_value v = calc_grid_get(g, a, n);
				int flagged = (v.flags & (CALC_CONFIDENTIAL | CALC_MISSING)) != 0;
				if (!v.known && !flagged)
					continue;
				if (sl->reported_only && (v.flags & CALC_ROLLED_UP))
					continue;
				const char *note = notes[(size_t)a * (size_t)m->n_nodes + (size_t)n];
				exp_row r = {ed, pairs[pi].year, a, n, v.v, v.flags,
					     v.known && !(v.flags & CALC_CONFIDENTIAL) && !(v.flags & CALC_MISSING), note ? note : "",
					     !(v.flags & CALC_ROLLED_UP) && carried[(size_t)a * (size_t)m->n_nodes + (size_t)n]};
				if (!r.has_value)
					r.v = 0; /* a confidential number must not travel further */
				add_row(d, &r);
			}
		}
		calc_grid_free(g);
	}
	free(notes);
	free(carried);
	free(amap);
	free(nmap);
	free(pairs);
	if (rc < 0) {
		exp_free(d);
		return NULL;
	}
	for (int i = 0; i < d->n_rows; i++) {
		int y = d->rows[i].year, k = 0;
		while (k < d->n_years && d->years[k] < y)
			k++;
		if (k < d->n_years && d->years[k] == y)
			continue;
		d->years = xrealloc(d->years, sizeof *d->years * (size_t)(d->n_years + 1));
		memmove(d->years + k + 1, d->years + k, sizeof *d->years * (size_t)(d->n_years - k));
		d->years[k] = y;
		d->n_years++;
	}
	char updated[32];
	if (store_last_import(s, updated, err) < 0) {
		exp_free(d);
		return NULL;
	}
	snprintf(d->updated, sizeof d->updated, "%s", updated);
	return d;
}

int exp_add_rung6(store *s, exp_data *d, lerr *err)
{
	const model *m = d->m;
	int node = m->rung_node[6];
	if (node < 0 || m->rung_node[5] < 0)
		return 0;
	calc_value *r6 = xmalloc(sizeof *r6 * (size_t)(m->n_areas + 1));
	int *at = xmalloc(sizeof *at * (size_t)(m->n_areas + 1));
	int rc = 0;
	for (int yi = 0; yi < d->n_years && !rc; yi++) {
		int year = d->years[yi], ed = -1;
		for (int i = 0; i < d->n_rows && ed < 0; i++)
			if (d->rows[i].year == year)
				ed = d->rows[i].edition;
		int id = 0;
		if ((rc = store_edition(s, d->edition_codes[ed], 0, &id, err)) < 0)
			break;
		calc_grid *g = calc_grid_load_protected(s, m, id, year, err);
		if (!g || calc_rung6_year(s, m, g, year, id, r6, err) < 0) {
			calc_grid_free(g);
			rc = LERR_DB;
			break;
		}
		calc_grid_free(g);
		for (int a = 0; a < m->n_areas; a++)
			at[a] = -1;
		for (int i = 0; i < d->n_rows; i++) /* a reported rung 6 yields to the ladder's */
			if (d->rows[i].year == year && d->rows[i].node == node)
				at[d->rows[i].area] = i;
		for (int a = 0; a < m->n_areas; a++) {
			calc_value v = r6[a];
			int hidden = (v.flags & CALC_CONFIDENTIAL) != 0;
			if (!v.known && !hidden)
				continue;
			exp_row row = {ed, year, a, node, hidden ? 0 : v.v, v.flags, !hidden, V(d->english, export_rung6_note), 0};
			if (at[a] >= 0)
				d->rows[at[a]] = row;
			else
				add_row(d, &row);
		}
	}
	free(r6);
	free(at);
	return rc;
}

void exp_free(exp_data *d)
{
	if (!d)
		return;
	free(d->rows);
	free(d->edition_codes);
	free(d->edition_meta);
	free(d->years);
	arena_release(&d->mem);
	free(d);
}

/* ------------------------------------------------------------------- CSV */

static const char *derived_note(const exp_data *d)
{
	return V(d->english, export_sum_of_sub_areas_or_parts_not);
}

void exp_csv(buf *out, const exp_data *d)
{
	buf_adds(out, "year,area,work_form,persons,edition,flag,note\n");
	for (int i = 0; i < d->n_rows; i++) {
		const exp_row *r = &d->rows[i];
		buf_printf(out, "%d,", r->year);
		rnd_csv_field(out, d->m->areas[r->area].code);
		buf_addc(out, ',');
		rnd_csv_field(out, d->m->nodes[r->node].code);
		buf_addc(out, ',');
		if (r->has_value)
			rnd_plain(out, r->v);
		buf_addc(out, ',');
		rnd_csv_field(out, d->edition_codes[r->edition]);
		buf_printf(out, ",%s,", rnd_flag_word(r->flags));
		rnd_csv_field(out, (r->flags & CALC_ROLLED_UP) ? derived_note(d) : r->note);
		buf_addc(out, '\n');
	}
}

static void legend_json(buf *out, int en)
{
	buf_printf(out, "{\"e\": \"%s\", \"s\": \"%s\", \"x\": \"%s\", \".\": \"%s\"}", V(en, flag_estimated_shares),
		   V(en, flag_synthetic_split), V(en, flag_confidential_unpublished), rnd_flag_name(CALC_MISSING, en));
}

/* The editions' metadata as a JSON array of objects (null: not set). */
static void editions_json(buf *out, const exp_data *d)
{
	buf_addc(out, '[');
	for (int i = 0; i < d->n_editions; i++) {
		buf_adds(out, i ? ", {\"code\": " : "{\"code\": ");
		rnd_json_string(out, d->edition_codes[i]);
		buf_adds(out, ", ");
		rnd_edition_meta_json(out, &d->edition_meta[i]);
		buf_addc(out, '}');
	}
	buf_addc(out, ']');
}

void exp_csv_metadata(buf *out, const exp_data *d, const char *csv_name)
{
	int en = d->english;
	buf_adds(out, "{\n  \"@context\": \"http://www.w3.org/ns/csvw\",\n  \"url\": ");
	rnd_json_string(out, csv_name);
	buf_printf(out, ",\n  \"dc:title\": \"%s\",\n  \"dc:creator\": \"ladder\",\n  \"dc:modified\": \"%s\",\n",
		   V(en, export_employment_and_participation_places),
		   d->updated);
	buf_adds(out, "  \"ladder:editions\": [");
	for (int i = 0; i < d->n_editions; i++) {
		if (i)
			buf_adds(out, ", ");
		rnd_json_string(out, d->edition_codes[i]);
	}
	buf_adds(out, "],\n  \"ladder:editionInfo\": ");
	editions_json(out, d);
	buf_adds(out, ",\n  \"ladder:flags\": ");
	legend_json(out, en);
	buf_adds(out, ",\n  \"tableSchema\": {\n    \"columns\": [\n");
	static const struct { const char *name, *type, *nl, *en; } cols[] = {
		{"year", "integer", "jaar", "year"},
		{"area", "string", "NIS-code van het gebied (of code van een groepering)", "NIS code of the area (or code of a grouping)"},
		{"work_form", "string", "code van de werkvorm of van een totaal (totaal, trede3..trede6, ...)", "code of the work form or of a total (totaal, trede3..trede6, ...)"},
		{"persons", "integer", "aantal personen; leeg als het cijfer ontbreekt of vertrouwelijk is", "number of persons; empty when missing or confidential"},
		{"edition", "string", "editie", "edition"},
		{"flag", "string", "missing, confidential, estimated, synthetic of leeg", "missing, confidential, estimated, synthetic or empty"},
		{"note", "string", "opmerking", "note"},
	};
	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
		buf_printf(out, "      {\"name\": \"%s\", \"datatype\": \"%s\", \"dc:description\": \"%s\"%s}%s\n", cols[i].name,
			   cols[i].type, en ? cols[i].en : cols[i].nl, i == 3 ? ", \"null\": \"\"" : "",
			   i + 1 < sizeof cols / sizeof cols[0] ? "," : "");
	buf_adds(out, "    ],\n    \"primaryKey\": [\"edition\", \"year\", \"area\", \"work_form\"]\n  }\n}\n");
}

/* ------------------------------------------------------------------ JSON */


void exp_json(buf *out, const exp_data *d)
{
	int en = d->english;
	const model *m = d->m;
	buf_printf(out, "{\n  \"meta\": {\n    \"title\": \"%s\",\n    \"generator\": \"ladder\",\n    \"language\": \"%s\",\n"
			"    \"updated\": \"%s\",\n    \"editions\": [",
		   V(en, export_employment_and_participation_places),
		   en ? "en" : "nl", d->updated);
	for (int i = 0; i < d->n_editions; i++) {
		if (i)
			buf_adds(out, ", ");
		rnd_json_string(out, d->edition_codes[i]);
	}
	buf_adds(out, "],\n    \"edition_info\": ");
	editions_json(out, d);
	buf_adds(out, ",\n    \"years\": [");
	for (int i = 0; i < d->n_years; i++)
		buf_printf(out, "%s%d", i ? ", " : "", d->years[i]);
	buf_adds(out, "],\n    \"unit\": ");
	rnd_json_string(out, V(en, report_persons));
	buf_adds(out, ",\n    \"flags\": ");
	legend_json(out, en);
	buf_adds(out, ",\n    \"notes\": [");
	rnd_json_string(out, V(en, export_persons_is_null_when_the_figure_is));
	buf_adds(out, ", ");
	rnd_json_string(out, V(en, export_reported_is_false_for_a_sum_of_sub));
	buf_printf(out, "],\n    \"rows\": %d\n  },\n  \"data\": [", d->n_rows);
	for (int i = 0; i < d->n_rows; i++) {
		const exp_row *r = &d->rows[i];
		const model_area *a = &m->areas[r->area];
		const model_node *n = &m->nodes[r->node];
		buf_adds(out, i ? ",\n    {" : "\n    {");
		buf_adds(out, "\"edition\": ");
		rnd_json_string(out, d->edition_codes[r->edition]);
		buf_printf(out, ", \"year\": %d, \"area\": ", r->year);
		rnd_json_string(out, a->code);
		buf_adds(out, ", \"area_name\": ");
		rnd_json_string(out, model_area_name(a, en));
		buf_printf(out, ", \"level\": \"%s\", \"work_form\": ", model_level_name(a->level, 1));
		rnd_json_string(out, n->code);
		buf_adds(out, ", \"work_form_name\": ");
		rnd_json_string(out, model_node_name(n, en));
		if (n->rung)
			buf_printf(out, ", \"rung\": %d", n->rung);
		else
			buf_adds(out, ", \"rung\": null");
		buf_adds(out, ", \"persons\": ");
		if (r->has_value)
			rnd_plain(out, r->v);
		else
			buf_adds(out, "null");
		/* what the count counts: its work form's unit; totals add persons */
		buf_printf(out, ", \"unit\": \"%s\"", model_form_unit_code(n->kind == KIND_FORM ? n->unit : FORM_PERSONS));
		const char *fw = rnd_flag_word(r->flags);
		if (*fw)
			buf_printf(out, ", \"flag\": \"%s\", \"symbol\": \"%s\"", fw, rnd_flag_symbol(r->flags));
		else
			buf_adds(out, ", \"flag\": null, \"symbol\": null");
		buf_printf(out, ", \"reported\": %s", (r->flags & CALC_ROLLED_UP) ? "false" : "true");
		if (r->carried)
			buf_adds(out, ", \"carried\": true");
		if (*r->note) {
			buf_adds(out, ", \"note\": ");
			rnd_json_string(out, r->note);
		}
		buf_addc(out, '}');
	}
	buf_adds(out, "\n  ]\n}\n");
}

/* -------------------------------------------------------------- JSON-stat */

/* Category of a dimension: ids in order, with labels. */
void exp_jsonstat_category(buf *out, const char *const *ids, const char *const *labels, int n)
{
	buf_adds(out, "{\"index\": {");
	for (int i = 0; i < n; i++) {
		if (i)
			buf_adds(out, ", ");
		rnd_json_string(out, ids[i]);
		buf_printf(out, ": %d", i);
	}
	buf_adds(out, "}, \"label\": {");
	for (int i = 0; i < n; i++) {
		if (i)
			buf_adds(out, ", ");
		rnd_json_string(out, ids[i]);
		buf_adds(out, ": ");
		rnd_json_string(out, labels[i]);
	}
	buf_addc(out, '}');
}

void exp_jsonstat_child(buf *out, const model *m, int areas, const int *pos)
{
	int n = areas ? m->n_areas : m->n_nodes, first = 1;
	for (int i = 0; i < n; i++) {
		if (pos[i] < 0 || (areas && m->areas[i].level == LEVEL_GROUPING))
			continue;
		const int *ch = areas ? m->areas[i].children : m->nodes[i].children;
		int nch = areas ? m->areas[i].n_children : m->nodes[i].n_children, any = 0;
		for (int k = 0; k < nch; k++)
			any |= pos[ch[k]] >= 0;
		if (!any)
			continue;
		buf_adds(out, first ? ", \"child\": {" : ", ");
		first = 0;
		rnd_json_string(out, areas ? m->areas[i].code : m->nodes[i].code);
		buf_adds(out, ": [");
		for (int k = 0, c = 0; k < nch; k++)
			if (pos[ch[k]] >= 0) {
				buf_adds(out, c++ ? ", " : "");
				rnd_json_string(out, areas ? m->areas[ch[k]].code : m->nodes[ch[k]].code);
			}
		buf_addc(out, ']');
	}
	if (!first)
		buf_addc(out, '}');
}

void exp_jsonstat(buf *out, const exp_data *d)
{
	int en = d->english;
	const model *m = d->m;
	/* the areas and nodes present, in model order */
	char *area_in = xcalloc((size_t)m->n_areas + 1, 1), *node_in = xcalloc((size_t)m->n_nodes + 1, 1);
	for (int i = 0; i < d->n_rows; i++) {
		area_in[d->rows[i].area] = 1;
		node_in[d->rows[i].node] = 1;
	}
	int *apos = xmalloc(sizeof(int) * (size_t)(m->n_areas + 1)), *npos = xmalloc(sizeof(int) * (size_t)(m->n_nodes + 1));
	int na = 0, nn = 0;
	for (int i = 0; i < m->n_areas; i++)
		apos[i] = area_in[i] ? na++ : -1;
	for (int i = 0; i < m->n_nodes; i++)
		npos[i] = node_in[i] ? nn++ : -1;
	const char **aid = xcalloc((size_t)na + 1, sizeof *aid), **alab = xcalloc((size_t)na + 1, sizeof *alab);
	const char **nid = xcalloc((size_t)nn + 1, sizeof *nid), **nlab = xcalloc((size_t)nn + 1, sizeof *nlab);
	for (int i = 0; i < m->n_areas; i++)
		if (apos[i] >= 0) {
			aid[apos[i]] = m->areas[i].code;
			alab[apos[i]] = model_area_name(&m->areas[i], en);
		}
	for (int i = 0; i < m->n_nodes; i++)
		if (npos[i] >= 0) {
			nid[npos[i]] = m->nodes[i].code;
			nlab[npos[i]] = model_node_name(&m->nodes[i], en);
		}
	int ne = d->n_editions, ny = d->n_years;
	const char **yid = xcalloc((size_t)ny + 1, sizeof *yid), **elab = xcalloc((size_t)ne + 1, sizeof *elab);
	arena tmp;
	arena_init(&tmp);
	for (int i = 0; i < ny; i++)
		yid[i] = arena_printf(&tmp, "%d", d->years[i]);
	for (int i = 0; i < ne; i++)
		elab[i] = arena_printf(&tmp, V(en, export_edition), d->edition_codes[i]);

	buf_printf(out, "{\n\"version\": \"2.0\",\n\"class\": \"dataset\",\n\"label\": \"%s\",\n\"source\": \"ladder\",\n",
		   V(en, export_employment_and_participation_places_2));
	if (*d->updated)
		buf_printf(out, "\"updated\": \"%sZ\",\n", d->updated);
	buf_printf(out, "\"id\": [\"edition\", \"year\", \"area\", \"work_form\"],\n\"size\": [%d, %d, %d, %d],\n", ne, ny, na, nn);
	buf_adds(out, "\"role\": {\"time\": [\"year\"], \"geo\": [\"area\"], \"metric\": [\"work_form\"]},\n\"dimension\": {\n");
	buf_printf(out, "\"edition\": {\"label\": \"%s\", \"category\": ", V(en, page_edition_2));
	exp_jsonstat_category(out, (const char *const *)d->edition_codes, elab, ne);
	buf_printf(out, "}},\n\"year\": {\"label\": \"%s\", \"category\": ", V(en, export_year));
	exp_jsonstat_category(out, yid, yid, ny);
	buf_printf(out, "}},\n\"area\": {\"label\": \"%s\", \"category\": ", V(en, export_area));
	exp_jsonstat_category(out, aid, alab, na);
	exp_jsonstat_child(out, m, 1, apos);
	buf_printf(out, "}},\n\"work_form\": {\"label\": \"%s\", \"category\": ", V(en, export_work_form));
	exp_jsonstat_category(out, nid, nlab, nn);
	exp_jsonstat_child(out, m, 0, npos);
	buf_adds(out, ", \"unit\": {");
	for (int i = 0; i < nn; i++) {
		if (i)
			buf_adds(out, ", ");
		rnd_json_string(out, nid[i]);
		buf_printf(out, ": {\"label\": \"%s\", \"decimals\": 0}", V(en, report_persons));
	}
	buf_adds(out, "}}}\n},\n");
	/* the dense cube: edition, year, area, work form (row-major) */
	size_t total = (size_t)ne * (size_t)ny * (size_t)na * (size_t)nn;
	int *at = xmalloc(sizeof *at * (total ? total : 1));
	for (size_t k = 0; k < total; k++)
		at[k] = -1;
	for (int i = 0; i < d->n_rows; i++) {
		const exp_row *r = &d->rows[i];
		int yi = 0;
		while (d->years[yi] != r->year)
			yi++;
		size_t k = (((size_t)r->edition * (size_t)ny + (size_t)yi) * (size_t)na + (size_t)apos[r->area]) * (size_t)nn +
			   (size_t)npos[r->node];
		at[k] = i;
	}
	buf_adds(out, "\"value\": [");
	for (size_t k = 0; k < total; k++) {
		if (k)
			buf_addc(out, ',');
		if (k % 16 == 0)
			buf_addc(out, '\n');
		if (at[k] >= 0 && d->rows[at[k]].has_value)
			rnd_plain(out, d->rows[at[k]].v);
		else
			buf_adds(out, "null");
	}
	buf_adds(out, "\n],\n\"status\": {");
	int first = 1;
	for (size_t k = 0; k < total; k++) {
		if (at[k] < 0)
			continue;
		const char *sym = rnd_flag_symbol(d->rows[at[k]].flags);
		if (!*sym)
			continue;
		buf_printf(out, "%s\"%zu\": \"%s\"", first ? "" : ", ", k, sym);
		first = 0;
	}
	buf_adds(out, "},\n\"note\": [");
	rnd_json_string(out, V(en, export_persons_null_no_figure_or_a));
	buf_adds(out, "],\n\"extension\": {\"status\": ");
	legend_json(out, en);
	buf_adds(out, ", \"editions\": ");
	editions_json(out, d);
	buf_adds(out, ", \"carried\": ["); /* the cells carried forward from another edition (editions new) */
	first = 1;
	for (size_t k = 0; k < total; k++) {
		if (at[k] < 0 || !d->rows[at[k]].carried)
			continue;
		buf_printf(out, "%s%zu", first ? "" : ", ", k);
		first = 0;
	}
	buf_adds(out, "]}\n}\n");
	free(at);
	arena_release(&tmp);
	free(yid);
	free(elab);
	free(aid);
	free(alab);
	free(nid);
	free(nlab);
	free(apos);
	free(npos);
	free(area_in);
	free(node_in);
}
