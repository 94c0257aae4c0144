-- ladder store, schema version 11: source profiles and where a figure came
-- from in a spreadsheet. Applied by store.c inside one transaction on top of
-- version 10. See docs/sources.md.
--
-- A source profile (how one supplier's delivery maps onto figures), kept
-- with its history: `ladder profiles import` adds a version when the text
-- changed; show and export give the latest unless asked for another.
CREATE TABLE profile (
  name TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version > 0),
  supplier TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  file TEXT NOT NULL DEFAULT '',
  imported_at TEXT NOT NULL,
  PRIMARY KEY (name, version)
) STRICT;

-- The sheet a batch read ('' for CSV) and the profile it was read through
-- ('' without one; 'NAME v3' for a stored one, the file's path otherwise).
ALTER TABLE batch ADD COLUMN sheet TEXT NOT NULL DEFAULT '';
ALTER TABLE batch ADD COLUMN profile TEXT NOT NULL DEFAULT '';

-- A figure's cell: line is its row, col its column (A = 1) in a
-- spreadsheet; 0 for a CSV line (line is the line then).
ALTER TABLE figure ADD COLUMN col INTEGER NOT NULL DEFAULT 0;
ALTER TABLE context ADD COLUMN col INTEGER NOT NULL DEFAULT 0;
