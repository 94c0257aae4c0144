/* sheet_name.c - which files are spreadsheets, by name: apart from the
 * readers (sheet.c) so that the lean program can tell without linking
 * libzip, expat and libfreexl. See sheet.h. */
#include "sheet.h"

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
