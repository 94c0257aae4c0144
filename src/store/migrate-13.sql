-- ladder store, schema version 13: context figures found by area, year and
-- indicator. Applied by store.c inside one transaction on top of version 12.
--
-- store_context_value asks for one (area, year, indicator) across editions;
-- the primary key starts with the edition, so every question scanned the
-- whole table: with the context of every municipality (`ladder demo
-- --full`, 118 000 rows) a province's page took minutes. The index makes
-- each question a seek.
CREATE INDEX context_area_year ON context (area, year, indicator);
