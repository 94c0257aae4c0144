/* fuzz_ods.c - libFuzzer target for the .ods reader (src/base/sheet_ods.c):
 * the input is content.xml of a workbook with a fixed manifest. Build and
 * run with tests/fuzz/run.sh. */
#include "fuzz_sheet.h"

static const char mimetype[] = "application/vnd.oasis.opendocument.spreadsheet";
static const char manifest[] =
	"<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">"
	"<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>";

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	part parts[] = {
		{"mimetype", mimetype, sizeof mimetype - 1},
		{"META-INF/manifest.xml", manifest, sizeof manifest - 1},
		{"content.xml", data, size},
	};
	size_t len;
	unsigned char *zip = make_zip(parts, 3, &len);
	read_all("ods", zip, len);
	free(zip);
	return 0;
}
