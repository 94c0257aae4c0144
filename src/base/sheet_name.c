/* sheet_name.c - which files are spreadsheets, by name: apart from the
 * readers (sheet.c) so that the lean program can tell without linking
 * libzip, expat and libfreexl (and name cells, which a CSV delivery read
 * through a profile does too). See sheet.h. */
#include "sheet.h"

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
