-- ladder store, schema version 2: context indicators get their age band and
-- source; published claims become data that `ladder check` verifies.
ALTER TABLE indicator ADD COLUMN age_band TEXT NOT NULL DEFAULT '';
ALTER TABLE indicator ADD COLUMN source TEXT NOT NULL DEFAULT '';

-- A sentence of a publication and what it says about the figures: expr
-- computes the quantity from stored figures (see docs/claims.md), stated is
-- what the text says it is ("20,1 %", "56.721", "bijna één op vijf").
CREATE TABLE claim (
  id TEXT PRIMARY KEY,
  text TEXT NOT NULL,
  area TEXT NOT NULL DEFAULT '',
  year INTEGER NOT NULL,
  edition TEXT NOT NULL DEFAULT '',
  expr TEXT NOT NULL,
  stated TEXT NOT NULL,
  tolerance REAL,
  source TEXT NOT NULL DEFAULT '',
  batch INTEGER NOT NULL REFERENCES batch (id),
  line INTEGER NOT NULL
) STRICT;
