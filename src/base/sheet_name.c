/* sheet_name.c - which files are spreadsheets, by name: apart from the
 * readers (sheet.c) so that the lean program can tell without linking
 * libzip, expat and libfreexl (and name cells, which a CSV delivery read
 * through a profile does too). See sheet.h. */
#include "sheet.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

int sheet_is_spreadsheet(const char *path)
{
	static const char *const ext[] = {"xlsx", "xlsm", "ods", "xls"};
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash : path, '.');
	for (size_t i = 0; dot && i < sizeof ext / sizeof ext[0]; i++)
		if (strcasecmp(dot + 1, ext[i]) == 0)
			return 1;
	return 0;
}

void sheet_cell_name(char *out, size_t cap, int col, long row)
{
	char letters[8];
	int n = 0;
	for (int c = col; c > 0 && n < 7; c = (c - 1) / 26)
		letters[n++] = (char)('A' + (c - 1) % 26);
	char rev[8];
	for (int i = 0; i < n; i++)
		rev[i] = letters[n - 1 - i];
	rev[n] = '\0';
	snprintf(out, cap, "%s%ld", rev, row);
}

/* Excel's rule: a sheet name with anything but letters, digits, '_' and
 * '.' (or starting with a digit) is quoted, quotes doubled. */
static void quoted_sheet(buf *o, const char *name)
{
	int plain = *name && !isdigit((unsigned char)*name);
	for (const unsigned char *p = (const unsigned char *)name; *p && plain; p++)
		plain = isalnum(*p) || *p == '_' || *p == '.' || *p >= 0x80;
	if (plain) {
		buf_adds(o, name);
		return;
	}
	buf_addc(o, '\'');
	for (const char *p = name; *p; p++) {
		if (*p == '\'')
			buf_addc(o, '\'');
		buf_addc(o, *p);
	}
	buf_addc(o, '\'');
}

void sheet_place(buf *o, const char *file, const char *sheet, int col, long row)
{
	buf_adds(o, file);
	if (sheet && *sheet) {
		buf_addc(o, ':');
		quoted_sheet(o, sheet);
	}
	if (col > 0) {
		char cell[24];
		sheet_cell_name(cell, sizeof cell, col, row);
		buf_printf(o, "%s%s", sheet && *sheet ? "!" : ":", cell);
	}
}
