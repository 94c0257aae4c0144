-- ladder store, schema version 7: counting units, programmes on two rungs
-- and declared transitions in the work-form catalogue. Applied by store.c
-- inside one transaction on top of version 6 (earlier migrations are never
-- edited). See docs/catalogue.md.
--
-- unit: what a work form's figures count. Totals add persons; a form that
-- counts places, trajectories or FTE (doorstroom uit arbeidszorg counts
-- trajecten) is added as the publisher adds it, and every output says so.
-- counting_rule stays as the description of how the unit is counted.
ALTER TABLE work_form ADD COLUMN unit TEXT NOT NULL DEFAULT 'persons'
  CHECK (unit = 'persons' OR unit = 'places' OR unit = 'trajectories' OR unit = 'fte');

-- programme: one funding stream with catalogue entries on more than one
-- rung ("zowel trede 3 als 4"); each entry holds its rung's share of the
-- programme, so the headline counts every person once. At most one entry
-- per rung (the importer checks it).
ALTER TABLE work_form ADD COLUMN programme TEXT NOT NULL DEFAULT '';

-- transition: successors (a subset of successors) whose validity overlaps
-- this form's on purpose, a transition period the reform foresaw; `ladder
-- check` reports any other overlap of a form and its successor.
ALTER TABLE work_form ADD COLUMN transition TEXT NOT NULL DEFAULT '';
