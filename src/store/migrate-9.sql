-- ladder store, schema version 9: the lineage of work forms. Applied by
-- store.c inside one transaction on top of version 8.
--
-- Policy reforms rename, merge, split and replace work forms; each link
-- says which form went into which, how, from which date, and why (a note in
-- Dutch and English for the report's chapter on policy changes). The old
-- free-text `successors` column of work_form stays as it was: this table is
-- what the chain of a series, the series breaks, the checks and the chapter
-- read.
--   renamed      one form continues under another name (PWA -> wijk-werken)
--   merged_into  several forms go into one (BW and SW -> maatwerkbedrijf)
--   split_into   one form goes into several
--   replaced_by  a new form takes over the ended one's place
CREATE TABLE work_form_lineage (
  from_form INTEGER NOT NULL REFERENCES work_form (id),
  to_form INTEGER NOT NULL REFERENCES work_form (id),
  kind TEXT NOT NULL CHECK (kind IN ('renamed', 'merged_into', 'split_into', 'replaced_by')),
  date TEXT NOT NULL,
  note_nl TEXT NOT NULL DEFAULT '',
  note_en TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (from_form, to_form),
  CHECK (from_form <> to_form)
) STRICT, WITHOUT ROWID;
CREATE INDEX work_form_lineage_to ON work_form_lineage (to_form);
