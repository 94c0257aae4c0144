-- ladder store, schema version 5: a grid is invalidated only by what it was
-- computed from. Applied by store.c inside one transaction on top of version
-- 4 (earlier migrations are never edited).
--
-- Version 4 had one generation for the whole store, so any import (a new
-- edition of 2025, context, claims) made every cached grid of every
-- (edition, year) stale, and the next page recomputed the protection of
-- each (seconds on a store of millions of figures). A grid of (edition,
-- year) depends on the figures of that pair, on those of the editions
-- before it of the same year (the previous edition's pattern is kept), on
-- the model (catalogue, areas, groupings, rungs, indicators) and on the
-- settings. Each of these now has its own counter; the store-wide
-- generation of version 4 stays, for whatever depends on everything (the
-- server's model and response cache).

-- The model and the settings: every import of a kind other than figures,
-- context or claims (which no grid reads), and every setting.
CREATE TABLE reference_generation (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  value INTEGER NOT NULL
) STRICT;
INSERT INTO reference_generation (id, value) VALUES (1, 1);

CREATE TRIGGER reference_generation_batch AFTER UPDATE ON batch
  WHEN NEW.kind <> 'figures' AND NEW.kind <> 'context' AND NEW.kind <> 'claims'
  BEGIN UPDATE reference_generation SET value = value + 1; END;
CREATE TRIGGER reference_generation_setting_ins AFTER INSERT ON setting
  BEGIN UPDATE reference_generation SET value = value + 1; END;
CREATE TRIGGER reference_generation_setting_upd AFTER UPDATE ON setting
  BEGIN UPDATE reference_generation SET value = value + 1; END;
CREATE TRIGGER reference_generation_setting_del AFTER DELETE ON setting
  BEGIN UPDATE reference_generation SET value = value + 1; END;

-- The figures of one (edition, year): the importer counts a pair up once per
-- file that changed something and held figures of it (import_obs.c, beside
-- the coverage it writes; a trigger per figure row would cost every row of
-- an import). A pair without a row is at 0.
CREATE TABLE figure_generation (
  edition INTEGER NOT NULL REFERENCES edition (id),
  year INTEGER NOT NULL,
  value INTEGER NOT NULL,
  PRIMARY KEY (edition, year)
) STRICT, WITHOUT ROWID;

-- Cached grids are now valid for a stamp (store_grid_stamp: the reference
-- generation and the figure generations the grid depends on) instead of the
-- store-wide generation. A cache: the old rows are dropped, not converted.
DROP TABLE grid_cache;
CREATE TABLE grid_cache (
  edition INTEGER NOT NULL REFERENCES edition (id),
  year INTEGER NOT NULL,
  stamp TEXT NOT NULL,
  opts TEXT NOT NULL,
  grid BLOB NOT NULL,
  PRIMARY KEY (edition, year)
) STRICT; -- with rowid: the blob is large, WITHOUT ROWID wants small rows
