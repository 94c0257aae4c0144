-- ladder store, schema version 14: what a dashboard page reads of the
-- context, found without reading all of it, and a grid cached per map.
-- Applied by store.c inside one transaction on top of version 13.
--
-- A page of a province or the Flemish Region adds up the context of its
-- municipalities (persons are stored for municipalities only): it asked
-- each municipality for each indicator, hundreds of lookups, and the map
-- and the checks read an indicator's values of a year through the index
-- of version 13, which does not start with the indicator: a scan of the
-- whole table (118 000 rows on the full demo) each time. The engine now
-- reads an indicator's values of a year at once (store_context_of_year)
-- and adds them up in memory; this index serves that in its order and
-- holds every column it reads.
CREATE INDEX context_indicator_year ON context (indicator, year, area, edition, value, flag);

-- The checks look for context values that cannot be (negative; a
-- percentage over 100) on every page: two ranges per indicator instead
-- of every row (store_context_out_of_range).
CREATE INDEX context_indicator_value ON context (indicator, value);

-- A cached grid is kept per map as well (its opts name the map's epoch,
-- model_map_epoch): the area page of a year reads the grids of every year
-- of its series on that year's map, so with one row per (edition, year)
-- the pages of 2024 and 2025 overwrote each other's grids and each
-- recomputed some twenty of them (a second or so a page on the full demo).
-- A cache: the old rows are dropped, not converted.
DROP TABLE grid_cache;
CREATE TABLE grid_cache (
  edition INTEGER NOT NULL REFERENCES edition (id),
  year INTEGER NOT NULL,
  stamp TEXT NOT NULL,
  opts TEXT NOT NULL,
  grid BLOB NOT NULL,
  PRIMARY KEY (edition, year, opts)
) STRICT; -- with rowid: the blob is large, WITHOUT ROWID wants small rows
