-- ladder store, schema version 8: the providers' survey (issue 17). Applied
-- by store.c inside one transaction on top of version 7.
--
-- Nothing here is published: the dashboard, the API and the exports read
-- figures, never these tables (contacts, token hashes and answers stay with
-- the analyst until `ladder survey close` turns answers into figures).

-- An organisation that provides places; code as in the providers file.
CREATE TABLE provider (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  contact TEXT NOT NULL DEFAULT '',
  enterprise_number TEXT NOT NULL DEFAULT ''
) STRICT;

-- A site of a provider (code unique within the provider, as in the sites
-- file), in one municipality, open from valid_from to valid_to (dates,
-- '' = open-ended) like every other thing with a lifetime.
CREATE TABLE site (
  id INTEGER PRIMARY KEY,
  provider INTEGER NOT NULL REFERENCES provider (id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  area INTEGER NOT NULL REFERENCES area (id),
  valid_from TEXT NOT NULL DEFAULT '',
  valid_to TEXT NOT NULL DEFAULT '',
  UNIQUE (provider, code)
) STRICT;

-- The work forms a site runs (one row of the sites file each).
CREATE TABLE site_work_form (
  site INTEGER NOT NULL REFERENCES site (id),
  work_form INTEGER NOT NULL REFERENCES work_form (id),
  PRIMARY KEY (site, work_form)
) STRICT, WITHOUT ROWID;

-- A yearly round: figures of `year` for `edition`, asked for the work forms
-- of survey_round_work_form. closes: the last day the form accepts answers
-- ('' = until closed); closed_at: when `survey close` made figures of it.
-- The edition is a code: the edition itself is made by the close's import,
-- so an open round shows nowhere (an empty edition would be listed).
CREATE TABLE survey_round (
  id INTEGER PRIMARY KEY,
  year INTEGER NOT NULL,
  edition TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  closes TEXT NOT NULL DEFAULT '',
  closed_at TEXT NOT NULL DEFAULT '',
  batch INTEGER REFERENCES batch (id),
  UNIQUE (year, edition)
) STRICT;

CREATE TABLE survey_round_work_form (
  round INTEGER NOT NULL REFERENCES survey_round (id),
  work_form INTEGER NOT NULL REFERENCES work_form (id),
  PRIMARY KEY (round, work_form)
) STRICT, WITHOUT ROWID;

-- A provider asked in a round. Only the SHA-256 of its secret token is kept
-- (NULL until `survey links` issues one; issuing again replaces it, so the
-- old link stops working). opened_at: when the form was first shown.
CREATE TABLE survey_invite (
  id INTEGER PRIMARY KEY,
  round INTEGER NOT NULL REFERENCES survey_round (id),
  provider INTEGER NOT NULL REFERENCES provider (id),
  token_hash BLOB UNIQUE CHECK (token_hash IS NULL OR length(token_hash) = 32),
  issued_at TEXT NOT NULL DEFAULT '',
  opened_at TEXT NOT NULL DEFAULT '',
  UNIQUE (round, provider)
) STRICT;

-- Every answer is a new version (1, 2, ... per invite), never overwritten:
-- a draft or a final answer, from the web form or a spreadsheet. The latest
-- version is the current one.
CREATE TABLE survey_submission (
  id INTEGER PRIMARY KEY,
  invite INTEGER NOT NULL REFERENCES survey_invite (id),
  version INTEGER NOT NULL CHECK (version >= 1),
  kind TEXT NOT NULL CHECK (kind = 'draft' OR kind = 'final'),
  channel TEXT NOT NULL CHECK (channel = 'web' OR channel = 'spreadsheet'),
  submitted_at TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  UNIQUE (invite, version)
) STRICT;

-- The values of a version, per site and work form: persons during the year
-- (what the inventory counts: the catalogue's counting rules say "in het
-- jaar") and persons on the reference date (31 December of the year, kept
-- beside it); NULL when not given. comment: why a figure changed.
CREATE TABLE survey_value (
  submission INTEGER NOT NULL REFERENCES survey_submission (id),
  site INTEGER NOT NULL REFERENCES site (id),
  work_form INTEGER NOT NULL REFERENCES work_form (id),
  persons_year INTEGER CHECK (persons_year >= 0),
  persons_ref INTEGER CHECK (persons_ref >= 0),
  comment TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (submission, site, work_form)
) STRICT, WITHOUT ROWID;

-- Where a figure made by `survey close` came from: every submission whose
-- values were summed into (edition, year, area, work form).
CREATE TABLE survey_provenance (
  round INTEGER NOT NULL REFERENCES survey_round (id),
  area INTEGER NOT NULL REFERENCES area (id),
  work_form INTEGER NOT NULL REFERENCES work_form (id),
  provider INTEGER NOT NULL REFERENCES provider (id),
  submission INTEGER REFERENCES survey_submission (id),
  estimated INTEGER NOT NULL DEFAULT 0 CHECK (estimated IN (0, 1)),
  PRIMARY KEY (round, area, work_form, provider)
) STRICT, WITHOUT ROWID;
