-- ladder store, schema version 4: a generation counter and a cache of
-- resolved, protected grids. Applied by store.c inside one transaction on top
-- of version 3 (earlier migrations are never edited).

-- The generation goes up with every change to what figures are resolved and
-- protected from. Every import (figures, context, catalogue, areas,
-- groupings, claims) writes inside a batch, and the batch row is updated
-- with its totals exactly when the file changed something (a file that
-- changed nothing leaves no batch and no trace); settings change on their
-- own. Triggers keep the counter, so that no write path can forget it, at
-- one update per import or setting instead of one per figure row.
CREATE TABLE generation (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  value INTEGER NOT NULL
) STRICT;
INSERT INTO generation (id, value) VALUES (1, 1);

CREATE TRIGGER generation_batch AFTER UPDATE ON batch
  BEGIN UPDATE generation SET value = value + 1; END;
CREATE TRIGGER generation_setting_ins AFTER INSERT ON setting
  BEGIN UPDATE generation SET value = value + 1; END;
CREATE TRIGGER generation_setting_upd AFTER UPDATE ON setting
  BEGIN UPDATE generation SET value = value + 1; END;
CREATE TRIGGER generation_setting_del AFTER DELETE ON setting
  BEGIN UPDATE generation SET value = value + 1; END;

-- Resolved and protected grids of one (edition, year): every cell of every
-- area and node as the engine's calc_grid holds it after protection, in the
-- engine's own layout (calc.c says which). Valid only for the generation
-- and protection options (opts, a text key) it was made with; anything else
-- is a miss and the grid is computed again. A cache: deleting rows is safe.
CREATE TABLE grid_cache (
  edition INTEGER NOT NULL REFERENCES edition (id),
  year INTEGER NOT NULL,
  generation INTEGER NOT NULL,
  opts TEXT NOT NULL,
  grid BLOB NOT NULL,
  PRIMARY KEY (edition, year)
) STRICT; -- with rowid: the blob is large, WITHOUT ROWID wants small rows
