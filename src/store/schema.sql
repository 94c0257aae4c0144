-- ladder store, schema version 1. Applied by store.c inside one transaction.
CREATE TABLE rung (
  rung INTEGER PRIMARY KEY CHECK (rung BETWEEN 1 AND 6),
  name_nl TEXT NOT NULL,
  name_en TEXT NOT NULL,
  place TEXT NOT NULL CHECK (place IN ('none', 'participation', 'employment')),
  in_headline INTEGER NOT NULL CHECK (in_headline IN (0, 1))
) STRICT;

-- Work forms and the totals above them (headline, rungs, subcategories).
CREATE TABLE work_form (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('headline', 'rung', 'subcategory', 'form')),
  name_nl TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT '',
  abbr TEXT NOT NULL DEFAULT '',
  rung INTEGER REFERENCES rung (rung),
  subcategory TEXT NOT NULL DEFAULT '',
  parent INTEGER REFERENCES work_form (id),
  source TEXT NOT NULL DEFAULT '',
  counting_rule TEXT NOT NULL DEFAULT '',
  valid_from TEXT NOT NULL DEFAULT '',
  valid_to TEXT NOT NULL DEFAULT '',
  successors TEXT NOT NULL DEFAULT '',
  in_headline INTEGER NOT NULL DEFAULT 1 CHECK (in_headline IN (0, 1)),
  note TEXT NOT NULL DEFAULT '',
  seq INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE area (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name_nl TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT '',
  level TEXT NOT NULL CHECK (level IN ('region', 'province', 'arrondissement', 'municipality', 'grouping')),
  parent INTEGER REFERENCES area (id),
  valid_from TEXT NOT NULL DEFAULT '',
  valid_to TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE area_member (
  grp INTEGER NOT NULL REFERENCES area (id),
  member INTEGER NOT NULL REFERENCES area (id),
  PRIMARY KEY (grp, member)
) STRICT, WITHOUT ROWID;

CREATE TABLE indicator (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name_nl TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT '',
  unit TEXT NOT NULL CHECK (unit IN ('persons', 'percent', 'number')),
  definition TEXT NOT NULL DEFAULT ''
) STRICT;

-- An edition is one publication; its code orders editions (numerically
-- where codes are numbers: "2018" before "2019").
CREATE TABLE edition (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  label TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE batch (
  id INTEGER PRIMARY KEY,
  file TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  kind TEXT NOT NULL,
  rows INTEGER NOT NULL,
  inserted INTEGER NOT NULL,
  unchanged INTEGER NOT NULL,
  replaced INTEGER NOT NULL,
  encoding TEXT NOT NULL,
  delimiter TEXT NOT NULL,
  imported_at TEXT NOT NULL
) STRICT;

-- flag: '' (plain), 'missing', 'confidential', 'estimated', 'synthetic'.
-- (Written with OR: SQLite 3.40 builds a temporary b-tree per row for IN.)
CREATE TABLE figure (
  edition INTEGER NOT NULL REFERENCES edition (id),
  year INTEGER NOT NULL,
  area INTEGER NOT NULL REFERENCES area (id),
  work_form INTEGER NOT NULL REFERENCES work_form (id),
  persons INTEGER CHECK (persons >= 0),
  flag TEXT NOT NULL DEFAULT '' CHECK (flag = '' OR flag = 'missing' OR flag = 'confidential' OR flag = 'estimated' OR flag = 'synthetic'),
  note TEXT NOT NULL DEFAULT '',
  batch INTEGER NOT NULL REFERENCES batch (id),
  line INTEGER NOT NULL,
  PRIMARY KEY (edition, year, area, work_form)
) STRICT, WITHOUT ROWID;

CREATE TABLE context (
  edition INTEGER NOT NULL REFERENCES edition (id),
  year INTEGER NOT NULL,
  area INTEGER NOT NULL REFERENCES area (id),
  indicator INTEGER NOT NULL REFERENCES indicator (id),
  value REAL,
  flag TEXT NOT NULL DEFAULT '' CHECK (flag = '' OR flag = 'missing' OR flag = 'confidential' OR flag = 'estimated' OR flag = 'synthetic'),
  note TEXT NOT NULL DEFAULT '',
  batch INTEGER NOT NULL REFERENCES batch (id),
  line INTEGER NOT NULL,
  PRIMARY KEY (edition, year, area, indicator)
) STRICT, WITHOUT ROWID;

-- Which (edition, year) pairs hold data: answers "latest edition for a year"
-- without scanning the figures.
CREATE TABLE coverage (
  edition INTEGER NOT NULL REFERENCES edition (id),
  year INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('figure', 'context')),
  PRIMARY KEY (kind, year, edition)
) STRICT, WITHOUT ROWID;
