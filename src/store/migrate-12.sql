-- ladder store, schema version 12: persons counted from person-level
-- episodes (`ladder persons import`, docs/persons.md). Applied by store.c
-- inside one transaction on top of version 11.
--
-- One import of an episode file into an edition, for one date (and, with
-- --flows, the flows from date_from to date): its provenance. The unique
-- persons per (area, work form) are figures of the edition (batch: the
-- batch that wrote them, NULL when the figures were already stored).
-- Person ids never reach these tables: only aggregates do.
CREATE TABLE person_import (
  id INTEGER PRIMARY KEY,
  edition INTEGER NOT NULL REFERENCES edition (id),
  date TEXT NOT NULL,      -- YYYY-MM-DD: the persons, and the end of the flows
  date_from TEXT NOT NULL, -- YYYY-MM-DD: the start of the flows; '' without flows
  file TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  precedence TEXT NOT NULL CHECK (precedence IN ('highest', 'lowest')),
  batch INTEGER REFERENCES batch (id),
  imported_at TEXT NOT NULL,
  UNIQUE (edition, date)
) STRICT;

-- Persons (chosen episodes) beside places (all active episodes) per
-- (area, rung) on the date: places / persons is the double counting.
CREATE TABLE person_rung (
  import INTEGER NOT NULL REFERENCES person_import (id),
  area INTEGER NOT NULL REFERENCES area (id),
  rung INTEGER NOT NULL CHECK (rung BETWEEN 1 AND 6),
  persons INTEGER NOT NULL CHECK (persons >= 0),
  places INTEGER NOT NULL CHECK (places >= persons),
  PRIMARY KEY (import, area, rung)
) STRICT, WITHOUT ROWID;

-- Persons per (area, rung on date_from, rung on date); rung 0: nothing
-- active. The area is that of the chosen episode on date, else on
-- date_from. Published only through the flow table's protection.
CREATE TABLE person_flow (
  import INTEGER NOT NULL REFERENCES person_import (id),
  area INTEGER NOT NULL REFERENCES area (id),
  rung_from INTEGER NOT NULL CHECK (rung_from BETWEEN 0 AND 6),
  rung_to INTEGER NOT NULL CHECK (rung_to BETWEEN 0 AND 6 AND rung_from + rung_to > 0),
  persons INTEGER NOT NULL CHECK (persons > 0),
  PRIMARY KEY (import, area, rung_from, rung_to)
) STRICT, WITHOUT ROWID;

-- What is published changes with them: the server's answers follow the
-- generation (see version 4).
CREATE TRIGGER generation_person_import_ins AFTER INSERT ON person_import
  BEGIN UPDATE generation SET value = value + 1; END;
CREATE TRIGGER generation_person_import_del AFTER DELETE ON person_import
  BEGIN UPDATE generation SET value = value + 1; END;
