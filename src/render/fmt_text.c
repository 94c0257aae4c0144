/* fmt_text.c - aligned plain-text tables for the terminal (and Markdown,
 * which is the same layout with pipes). */
#include "render.h"
#include "../base/vocab.h"

#include <stdlib.h>
#include <string.h>

static size_t utf8_width(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* Drops the blanks a row ends with (empty last cells). */
static void end_line(buf *b, int md)
{
	if (!md)
		while (b->len && b->ptr[b->len - 1] == ' ')
			b->ptr[--b->len] = '\0';
	buf_adds(b, md ? " |\n" : "\n");
}

static void pad(buf *b, size_t n)
{
	while (n--)
		buf_addc(b, ' ');
}

/* Bytes of the first n characters of s (UTF-8). */
static size_t utf8_bytes(const char *s, size_t n)
{
	const char *p = s;
	for (; *p && n; n--)
		for (p++; ((unsigned char)*p & 0xC0) == 0x80; p++)
			;
	return (size_t)(p - s);
}

/* Splits text into lines of at most width characters, at blanks (a word
 * longer than the width is cut). Returns the count; lines are owned by the
 * caller. */
static int wrap_lines(const char *text, size_t width, char ***lines)
{
	int n = 0;
	*lines = NULL;
	const char *p = text;
	do {
		while (*p == ' ' && p != text)
			p++;
		size_t take = strlen(p), chars = utf8_width(p);
		if (chars > width) {
			take = utf8_bytes(p, width);
			size_t k = take;
			while (k > 0 && p[k] != ' ')
				k--;
			if (k > 0)
				take = k; /* break at the last blank that fits */
		}
		*lines = xrealloc(*lines, sizeof **lines * (size_t)(n + 1));
		(*lines)[n++] = xstrndup(p, take);
		p += take;
		while (*p == ' ')
			p++;
	} while (*p);
	return n;
}

/* Text for people outside tables (titles, notes): wrapped to o->width with
 * continuation lines indented; unwrapped when width is 0. */
static void para(buf *out, const char *prefix, const char *text, const rnd_opts *o)
{
	size_t indent = utf8_width(prefix);
	if (!o->width || (size_t)o->width <= indent + 20) {
		buf_printf(out, "%s%s\n", prefix, text);
		return;
	}
	char **lines;
	int n = wrap_lines(text, (size_t)o->width - indent, &lines);
	for (int i = 0; i < n; i++) {
		if (i)
			pad(out, indent);
		else
			buf_adds(out, prefix);
		buf_printf(out, "%s\n", lines[i]);
		free(lines[i]);
	}
	free(lines);
}

/* Narrows the widest text columns until a row fits in width (never below
 * 20 characters, nor a column's heading). Returns 1 if any column changed. */
static int fit_width(size_t *w, const size_t *min_w, const int *right, int nc, int width)
{
	int changed = 0;
	for (;;) {
		size_t total = 0;
		for (int c = 0; c < nc; c++)
			total += w[c] + (c ? 2 : 0);
		if (total <= (size_t)width)
			return changed;
		int widest = -1;
		for (int c = 0; c < nc; c++)
			if (!right[c] && w[c] > min_w[c] && (widest < 0 || w[c] > w[widest]))
				widest = c;
		if (widest < 0)
			return changed;
		size_t excess = total - (size_t)width, room = w[widest] - min_w[widest];
		w[widest] -= excess < room ? excess : room;
		changed = 1;
	}
}

/* One row whose cells may span several lines. */
static void wrapped_row(buf *out, char **cells, const size_t *w, const int *right, int nc)
{
	char ***lines = xcalloc((size_t)nc, sizeof *lines);
	int *n = xcalloc((size_t)nc, sizeof *n), height = 1;
	for (int c = 0; c < nc; c++) {
		n[c] = wrap_lines(cells[c], w[c], &lines[c]);
		if (n[c] > height)
			height = n[c];
	}
	for (int i = 0; i < height; i++) {
		for (int c = 0; c < nc; c++) {
			const char *s = i < n[c] ? lines[c][i] : "";
			size_t cw = utf8_width(s), gap = w[c] > cw ? w[c] - cw : 0;
			buf_adds(out, c ? "  " : "");
			if (right[c])
				pad(out, gap);
			buf_adds(out, s);
			if (!right[c] && c + 1 < nc)
				pad(out, gap);
		}
		end_line(out, 0);
	}
	for (int c = 0; c < nc; c++) {
		for (int i = 0; i < n[c]; i++)
			free(lines[c][i]);
		free(lines[c]);
	}
	free(lines);
	free(n);
}

/* md: 0 text layout, 1 Markdown pipes */
static void layout(buf *out, const rnd_table *t, const rnd_opts *o, int md)
{
	int nc = t->n_cols;
	char ***text = xcalloc((size_t)t->n_rows + 1, sizeof *text);
	size_t *w = xcalloc((size_t)nc, sizeof *w);
	int *right = xcalloc((size_t)nc, sizeof *right);
	for (int c = 0; c < nc; c++) {
		const char *label = o->english ? t->cols[c].label_en : t->cols[c].label_nl;
		w[c] = utf8_width(label);
		right[c] = rnd_column_numeric(t, c);
	}
	for (int r = 0; r < t->n_rows; r++) {
		text[r] = xcalloc((size_t)nc, sizeof **text);
		for (int c = 0; c < nc; c++) {
			buf b = BUF_INIT;
			const rnd_cell *cell = &t->cells[(size_t)r * (size_t)nc + (size_t)c];
			rnd_cell_text(&b, cell, o->english);
			text[r][c] = buf_detach(&b);
			if (md) {
				/* a pipe inside a cell would split it */
				for (char *p = text[r][c]; *p; p++)
					if (*p == '|')
						*p = '/';
			}
			size_t cw = utf8_width(text[r][c]);
			if (cw > w[c])
				w[c] = cw;
		}
	}
	int wrap = !md && o->width > 0;
	if (wrap) {
		size_t *min_w = xcalloc((size_t)nc, sizeof *min_w);
		for (int c = 0; c < nc; c++) {
			size_t lw = utf8_width(o->english ? t->cols[c].label_en : t->cols[c].label_nl);
			min_w[c] = lw > 20 ? lw : 20;
			if (min_w[c] > w[c])
				min_w[c] = w[c];
		}
		wrap = fit_width(w, min_w, right, nc, o->width);
		free(min_w);
	}
	if (t->title && md)
		buf_printf(out, "### %s\n\n", t->title);
	else if (t->title) {
		para(out, "", t->title, o);
		buf_addc(out, '\n');
	}
	for (int c = 0; c < nc; c++) {
		const char *label = o->english ? t->cols[c].label_en : t->cols[c].label_nl;
		size_t gap = w[c] - utf8_width(label);
		buf_adds(out, md ? (c ? " | " : "| ") : (c ? "  " : ""));
		if (right[c])
			pad(out, gap);
		buf_adds(out, label);
		if (!right[c] && (md || c + 1 < nc))
			pad(out, gap);
	}
	buf_adds(out, md ? " |\n" : "\n");
	for (int c = 0; c < nc; c++) {
		buf_adds(out, md ? (c ? " | " : "| ") : (c ? "  " : ""));
		if (md) {
			for (size_t i = 0; i + 1 < w[c]; i++)
				buf_addc(out, '-');
			buf_addc(out, right[c] ? ':' : '-');
		} else {
			for (size_t i = 0; i < w[c]; i++)
				buf_addc(out, '-');
		}
	}
	buf_adds(out, md ? " |\n" : "\n");
	for (int r = 0; r < t->n_rows && wrap; r++) {
		wrapped_row(out, text[r], w, right, nc);
		for (int c = 0; c < nc; c++)
			free(text[r][c]);
		free(text[r]);
	}
	for (int r = 0; r < t->n_rows && !wrap; r++) {
		for (int c = 0; c < nc; c++) {
			size_t gap = w[c] - utf8_width(text[r][c]);
			buf_adds(out, md ? (c ? " | " : "| ") : (c ? "  " : ""));
			if (right[c])
				pad(out, gap);
			buf_adds(out, text[r][c]);
			if (!right[c] && (md || c + 1 < nc))
				pad(out, gap);
			free(text[r][c]);
		}
		free(text[r]);
		end_line(out, md);
	}
	free(text);
	free(w);
	free(right);
}

static void text_table(buf *out, const rnd_table *t, const rnd_opts *o)
{
	layout(out, t, o, 0);
}

static void md_table(buf *out, const rnd_table *t, const rnd_opts *o)
{
	layout(out, t, o, 1);
}

static void ladder(buf *out, const calc_ladder *l, const rnd_opts *o, int md)
{
	int en = o->english;
	char *title = rnd_ladder_title(l, en);
	buf_printf(out, md ? "## %s\n\n" : "%s\n\n", title);
	free(title);
	if (!l->edition)
		buf_printf(out, V(en, text_no_figures_for_n_n), l->year);
	rnd_table *s = rnd_ladder_summary(l, en);
	layout(out, s, o, md);
	rnd_table_free(s);
	rnd_table *f = rnd_ladder_forms(l, en);
	f->title = V(en, report_work_forms);
	buf_addc(out, '\n');
	if (f->n_rows)
		layout(out, f, o, md);
	else
		buf_printf(out, md ? "### %s\n\n%s\n" : "%s\n\n%s\n", f->title,
			   V(en, text_no_figures_per_work_form));
	rnd_table_free(f);
	rnd_opts po = *o;
	if (md)
		po.width = 0;
	if (l->n_notes) {
		buf_printf(out, md ? "\n### %s\n\n" : "\n%s\n", V(en, text_notes));
		for (int i = 0; i < l->n_notes; i++)
		{
			buf note = BUF_INIT;
			rnd_ladder_note(&note, l, &l->notes[i], en);
			para(out, "- ", buf_cstr(&note), &po);
			buf_release(&note);
		}
	}
	char *legend = rnd_flag_legend_map(l->flags, en, model_map_label_year(l->m));
	if (legend) {
		if (md) {
			buf_printf(out, "\n*%s: %s*\n", V(en, annex_symbols), legend);
		} else {
			char *line = xasprintf("%s: %s", V(en, annex_symbols), legend);
			buf_addc(out, '\n');
			para(out, "", line, &po);
			free(line);
		}
		free(legend);
	}
}

static void text_ladder(buf *out, const calc_ladder *l, const rnd_opts *o)
{
	ladder(out, l, o, 0);
}

static void md_ladder(buf *out, const calc_ladder *l, const rnd_opts *o)
{
	ladder(out, l, o, 1);
}

const rnd_backend rnd_text_backend = {"table", text_table, text_ladder};
const rnd_backend rnd_md_backend = {"md", md_table, md_ladder};
