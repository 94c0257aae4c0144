# tests/cli/sheets_lib.sh - for t1500/t1510: PY, a python3 that has openpyxl
# (Debian's python3-openpyxl lives in /usr/bin/python3's path; a python3
# earlier on PATH may not see it). Source after lib.sh.
PY=""
for p in python3 /usr/bin/python3; do
	if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import openpyxl' 2>/dev/null; then
		PY=$p
		break
	fi
done
if [[ -z $PY ]]; then
	in_ci && die "python3-openpyxl not found, and CI must run this test (scripts/install-deps.sh installs it)"
	printf '%s: SKIPPED, NOT RUN: python3-openpyxl not found (scripts/install-deps.sh installs it)\n' "$T_NAME" >&2
	exit "$T_SKIP"
fi
# figures_dump DB : the stored figures with their rows (the line column)
figures_dump() {
	sqlite3 "$1" "SELECT e.code, f.year, a.code, w.code, quote(f.persons), f.flag, f.note, f.line
		FROM figure f JOIN edition e ON e.id = f.edition JOIN area a ON a.id = f.area
		JOIN work_form w ON w.id = f.work_form ORDER BY 1, 2, 3, 4"
}
