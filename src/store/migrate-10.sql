-- ladder store, schema version 10: editions as a workflow. Applied by
-- store.c inside one transaction on top of version 9.
--
-- An edition's metadata, as its title page and colophon give it: its
-- ordinal in the series (the 2018 edition is the 10th), title, the data year
-- it presents, when it was published (YYYY-MM-DD, or YYYY-MM) and notes.
-- The data year and the publication date are kept apart on purpose: "Editie
-- 2016" named the data year, "Editie 2018 (data 2017)" the publication year
-- (docs/domain.md), so nothing may key on an "edition year".
ALTER TABLE edition ADD COLUMN ordinal INTEGER CHECK (ordinal IS NULL OR ordinal > 0);
ALTER TABLE edition ADD COLUMN title TEXT NOT NULL DEFAULT '';
ALTER TABLE edition ADD COLUMN data_year INTEGER;
ALTER TABLE edition ADD COLUMN published TEXT NOT NULL DEFAULT '';
ALTER TABLE edition ADD COLUMN notes TEXT NOT NULL DEFAULT '';
-- The edition whose figures `ladder editions new E --from PREV` carried into
-- this one (NULL when none).
ALTER TABLE edition ADD COLUMN carried_from INTEGER REFERENCES edition (id);

-- A figure carried forward from the previous edition (1) rather than
-- imported into this one (0): it keeps its batch and line (where it came
-- from) until an import of the edition replaces it, figure by figure.
ALTER TABLE figure ADD COLUMN carried INTEGER NOT NULL DEFAULT 0 CHECK (carried IN (0, 1));
