/* fuzz_xlsx.c - libFuzzer target for the .xlsx reader (src/base/sheet_xlsx.c):
 * the input is a worksheet's XML, and after a line "--" the shared strings'
 * XML, in a workbook whose other parts are fixed (a date style among the
 * cell styles). Build and run with tests/fuzz/run.sh. */
#include "fuzz_sheet.h"

static const char workbook[] =
	"<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><workbookPr date1904=\"0\"/>"
	"<sheets><sheet name=\"Blad 1\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"h\" state=\"hidden\" sheetId=\"2\" r:id=\"rId1\"/></sheets></workbook>";
static const char rels[] =
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"/xl/styles.xml\"/>"
	"</Relationships>";
static const char styles[] =
	"<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><numFmts count=\"1\">"
	"<numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy&quot;h&quot;\"/></numFmts><cellXfs count=\"3\"><xf numFmtId=\"0\"/>"
	"<xf numFmtId=\"164\"/><xf numFmtId=\"21\"/></cellXfs></styleSheet>";

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const unsigned char *sep = NULL;
	for (size_t i = 0; i + 4 <= size && !sep; i++)
		if (memcmp(data + i, "\n--\n", 4) == 0)
			sep = data + i;
	size_t sheet_len = sep ? (size_t)(sep - data) : size;
	part parts[] = {
		{"xl/workbook.xml", workbook, sizeof workbook - 1},
		{"xl/_rels/workbook.xml.rels", rels, sizeof rels - 1},
		{"xl/styles.xml", styles, sizeof styles - 1},
		{"xl/worksheets/sheet1.xml", data, sheet_len},
		{"xl/sharedStrings.xml", sep ? sep + 4 : data, sep ? size - sheet_len - 4 : 0},
	};
	size_t len;
	unsigned char *zip = make_zip(parts, sep ? 5 : 4, &len);
	read_all("xlsx", zip, len);
	free(zip);
	return 0;
}
