/* draft_internal.h - what the parts of the drafting share (src/engine/
 * draft*.c only). */
#ifndef LADDER_DRAFT_INTERNAL_H
#define LADDER_DRAFT_INTERNAL_H

#include "draft.h"

int draft_typed(const draft_grid *g, long row, int col);
/* Is the cell a number (typed, or text a count or decimal)? style: the
 * style its text shows (left alone for typed cells and plain digits). */
int draft_is_number(const draft_grid *g, long row, int col, num_style *style);
int draft_row_count(const draft_grid *g, long row);
int draft_row_first(const draft_grid *g, long row);
int draft_is_total_label(const char *s);
const char *draft_total_label(const draft_grid *g, long row);
#define DRAFT_MAX_TEXTS 16
/* Adds s to a list of distinct texts (at most DRAFT_MAX_TEXTS, in r's arena). */
void draft_add_text(draft_result *r, const char ***list, int *n, const char *s);
void draft_issue_add(draft_result *r, enum draft_what what, long row, int col, const char *text, const char *other);
/* Columns, layout, labels, markers, unit, fixed fields (draft_layout.c). */
void draft_layout(const draft_grid *g, const model *m, draft_result *r);

#endif
