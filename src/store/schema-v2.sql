-- ladder store, schema version 2: settings. Applied by store.c inside one
-- transaction on top of version 1 (schema.sql, never edited).

-- Settings as key/value text; keys are checked by whoever reads them (for
-- example disclosure.threshold.municipality, see docs/disclosure.md).
CREATE TABLE setting (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT, WITHOUT ROWID;
