/* delivery_lxw.c - t7500's delivery written by libxlsxwriter: layout (c)
 * of docs/sources.md, one column per year, a merged title above the table
 * and footnotes below it. Usage: delivery_lxw OUT.xlsx */
#include <xlsxwriter.h>

int main(int argc, char **argv)
{
	if (argc != 2)
		return 2;
	lxw_workbook *wb = workbook_new(argv[1]);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Arbeidszorg");
	worksheet_merge_range(ws, 0, 0, 0, 3, "Arbeidszorg in de welzijnssector", NULL);
	worksheet_write_string(ws, 2, 0, "Gemeente", NULL);
	for (int y = 0; y < 3; y++)
		worksheet_write_number(ws, 2, (lxw_col_t)(1 + y), 2016 + y, NULL);
	static const char *const area[] = {"31005", "34022"};
	static const double v[2][3] = {{12, 14, 15}, {8, -1, 9}};
	for (int r = 0; r < 2; r++) {
		worksheet_write_string(ws, (lxw_row_t)(3 + r), 0, area[r], NULL);
		for (int y = 0; y < 3; y++) {
			if (v[r][y] < 0)
				worksheet_write_string(ws, (lxw_row_t)(3 + r), (lxw_col_t)(1 + y), "-", NULL);
			else
				worksheet_write_number(ws, (lxw_row_t)(3 + r), (lxw_col_t)(1 + y), v[r][y], NULL);
		}
	}
	worksheet_write_string(ws, 6, 0, "(1) cijfers 2018 voorlopig", NULL);
	worksheet_write_string(ws, 7, 0, "Bron: arbeidszorgbevraging", NULL);
	return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
}
