-- ladder store, schema version 3: settings and stored suppression patterns.
-- Applied by store.c inside one transaction on top of version 2
-- (migrate-2.sql; earlier migrations are never edited).

-- Settings as key/value text; keys are checked by whoever reads them (for
-- example disclosure.threshold.municipality, see docs/disclosure.md).
CREATE TABLE setting (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- Suppression patterns of the disclosure rules, one per (edition, year), so
-- that show need not compute them again: a pattern is reused only while its
-- fingerprint (a hash of the cells, relations and settings it was computed
-- from) matches. states: one byte per cell of the engine's table.
CREATE TABLE disclosure_pattern (
  edition INTEGER NOT NULL REFERENCES edition (id),
  year INTEGER NOT NULL,
  fingerprint TEXT NOT NULL,
  states BLOB NOT NULL,
  PRIMARY KEY (edition, year)
) STRICT, WITHOUT ROWID;
