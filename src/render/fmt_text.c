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

static int right_aligned(const rnd_table *t, int col)
{
	for (int r = 0; r < t->n_rows; r++) {
		enum rnd_kind k = t->cells[(size_t)r * (size_t)t->n_cols + (size_t)col].kind;
		if (k == CELL_TEXT)
			return 0;
	}
	return 1;
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
		right[c] = right_aligned(t, c);
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
	if (t->title)
		buf_printf(out, md ? "### %s\n\n" : "%s\n\n", t->title);
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
	for (int r = 0; r < t->n_rows; r++) {
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
	if (l->n_notes) {
		buf_printf(out, md ? "\n### %s\n\n" : "\n%s\n", V(en, text_notes));
		for (int i = 0; i < l->n_notes; i++)
		{
			buf_adds(out, "- ");
			rnd_ladder_note(out, l, &l->notes[i], en);
			buf_addc(out, '\n');
		}
	}
	char *legend = rnd_flag_legend(l->flags, en);
	if (legend) {
		buf_printf(out, md ? "\n*%s: %s*\n" : "\n%s: %s\n", V(en, annex_symbols), legend);
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
