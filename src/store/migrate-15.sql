-- ladder store, schema version 15: the totals a supplier's delivery gives,
-- kept to check later. Applied by store.c inside one transaction on top of
-- version 14. See docs/sources.md and docs/checks.md.
--
-- A delivery read through a source profile may have a "Totaal" row or
-- column (`total row`, `total column`): never imported as a figure, only
-- checked against the sum of its parts. The import says a difference; the
-- store keeps each total with where it stood (file, sheet, cell) and the
-- figures it adds up, so that `ladder check` compares it with the stored
-- figures of the same edition whenever it runs: after a later import
-- revised a part as much as right away.
--
-- A delivery imported again replaces its totals (same file and sheet).
CREATE TABLE supplier_total (
  id INTEGER PRIMARY KEY,
  file TEXT NOT NULL,
  sheet TEXT NOT NULL,           -- '' for a CSV file
  line INTEGER NOT NULL,         -- the total's row (a CSV file's line)
  col INTEGER NOT NULL,          -- its column, A = 1
  kind TEXT NOT NULL CHECK (kind = 'row' OR kind = 'column'),
  label TEXT NOT NULL,           -- the total row's label ("Totaal"), or the total column's header
  value REAL NOT NULL,           -- what the supplier's total says
  profile TEXT NOT NULL,         -- as batch.profile: 'NAME v3', or the profile file's path
  imported_at TEXT NOT NULL,
  UNIQUE (file, sheet, line, col)
) STRICT;

-- The figures a total adds up, by their key.
CREATE TABLE supplier_total_part (
  total INTEGER NOT NULL REFERENCES supplier_total (id) ON DELETE CASCADE,
  edition INTEGER NOT NULL REFERENCES edition (id),
  year INTEGER NOT NULL,
  area INTEGER NOT NULL REFERENCES area (id),
  work_form INTEGER NOT NULL REFERENCES work_form (id),
  PRIMARY KEY (total, edition, year, area, work_form)
) STRICT, WITHOUT ROWID;
