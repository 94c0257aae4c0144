// persons_duckdb.js FILE D1 D2 SNAPSHOT_OUT FLOWS_OUT - the persons contract
// (docs/persons.md) in DuckDB SQL, for bench/persons.sh: read_csv with two
// threads into a table, the chosen episode per person on D1 and D2 (highest
// rung, then the smallest work form in byte order, then the smallest area),
// the snapshot of D2 and the flows from D1 to D2, written as ladder writes
// them. @duckdb/node-api is found in $DUCKDB_DIR (the bench installs it).
'use strict';
const { createRequire } = require('module');
const fs = require('fs');
const req = createRequire((process.env.DUCKDB_DIR || '.') + '/');
const { DuckDBInstance } = req('@duckdb/node-api');

const [file, d1, d2, snapOut, flowsOut] = process.argv.slice(2);
const q = (s) => "'" + String(s).replace(/'/g, "''") + "'";
const field = (s) => (/[,;"\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s);

function chosen(name, d) {
	return `CREATE TEMP TABLE ${name} AS SELECT person, rung, work_form, area FROM e
		WHERE start <= DATE ${q(d)} AND ("end" IS NULL OR "end" >= DATE ${q(d)})
		QUALIFY row_number() OVER (PARTITION BY person ORDER BY rung DESC, work_form, area) = 1`;
}

(async () => {
	const db = await DuckDBInstance.create(':memory:', { threads: '2' });
	const con = await db.connect();
	await con.run(`CREATE TABLE e AS SELECT * FROM read_csv(${q(file)}, header = true, delim = ',', quote = '"',
		columns = {'person': 'VARCHAR', 'work_form': 'VARCHAR', 'area': 'INTEGER', 'start': 'DATE', 'end': 'DATE', 'rung': 'INTEGER'})`);
	await con.run(chosen('c1', d1));
	await con.run(chosen('c2', d2));
	const snap = (await con.runAndReadAll(`SELECT kind, area, key, n FROM (
		SELECT 'rung' AS kind, area, CAST(rung AS VARCHAR) AS key, count(*) AS n FROM c2 GROUP BY ALL
		UNION ALL SELECT 'form', area, work_form, count(*) FROM c2 GROUP BY ALL) ORDER BY kind, area, key`)).getRows();
	fs.writeFileSync(snapOut, 'kind,area,key,persons\n' + snap.map((r) => `${r[0]},${r[1]},${field(r[2])},${r[3]}\n`).join(''));
	const flows = (await con.runAndReadAll(`SELECT coalesce(c2.area, c1.area) AS area, coalesce(c1.rung, 0) AS r1,
		coalesce(c2.rung, 0) AS r2, count(*) AS n FROM c1 FULL OUTER JOIN c2 ON c1.person = c2.person
		GROUP BY ALL ORDER BY area, r1, r2`)).getRows();
	fs.writeFileSync(flowsOut, 'area,rung_d1,rung_d2,persons\n' + flows.map((r) => `${r[0]},${r[1]},${r[2]},${r[3]}\n`).join(''));
})().catch((e) => {
	console.error(e);
	process.exit(1);
});
