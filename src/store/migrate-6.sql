-- ladder store, schema version 6: the geography through time. Applied by
-- store.c inside one transaction on top of version 5.
--
-- An area row is a code with its lifetime (valid_from, valid_to). A code's
-- parent does not change in Flanders (a municipality that moves to another
-- arrondissement or province gets a new code), but its territory may:
-- Antwerpen 11002 absorbed Borsbeek 11007 in 2025 and kept its code. So a
-- code is cut into versions at every date its territory changes; the model
-- derives the versions from the lifetimes and these successions (one source
-- of truth, nothing to keep in step).
--
-- A succession: on `effective`, the territory of `from_area` (its version
-- valid the day before) becomes part of `to_area` (its version valid from
-- that day), `share` of it. Flemish mergers are whole unions (share 1); the
-- column keeps a split expressible, and the importer refuses one rather than
-- guess how its figures divide.
CREATE TABLE area_succession (
  effective TEXT NOT NULL,
  from_area INTEGER NOT NULL REFERENCES area (id),
  to_area INTEGER NOT NULL REFERENCES area (id),
  share REAL NOT NULL DEFAULT 1 CHECK (share > 0 AND share <= 1),
  PRIMARY KEY (from_area, to_area, effective)
) STRICT, WITHOUT ROWID;

-- (An import that changes successions bumps the generation through its batch,
-- like every other import.)
