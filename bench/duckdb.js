// Runs one SQL file in DuckDB and prints its result as CSV, for the bench's
// side-by-side runs (receivables, recs, timesheet, forecast):
//
//	node bench/duckdb.js QUERY.sql [NAME=VALUE...]
//
// ${NAME} in the SQL is replaced by VALUE (file names, the as-of date).
// DUCKDB_THREADS sets DuckDB's threads (default 2, the bench machine's
// cores).  @duckdb/node-api comes from NODE_PATH (make bench installs it
// into build/bench/node_modules).  The query's own time goes to stderr.
'use strict';
const fs = require('fs');
const { DuckDBInstance } = require('@duckdb/node-api');

function csvCell(v) {
	const s = v === null || v === undefined ? '' : String(v);
	return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

async function main() {
	const [file, ...vars] = process.argv.slice(2);
	if (!file) {
		process.stderr.write('usage: node bench/duckdb.js QUERY.sql [NAME=VALUE...]\n');
		process.exit(64);
	}
	let sql = fs.readFileSync(file, 'utf8');
	for (const kv of vars) {
		const eq = kv.indexOf('=');
		sql = sql.split('${' + kv.slice(0, eq) + '}').join(kv.slice(eq + 1));
	}
	const db = await DuckDBInstance.create(':memory:',
	    { threads: process.env.DUCKDB_THREADS || '2' });
	const con = await db.connect();
	const t0 = process.hrtime.bigint();
	const reader = await con.runAndReadAll(sql);
	const ms = Number(process.hrtime.bigint() - t0) / 1e6;
	const out = [reader.columnNames().map(csvCell).join(',')];
	for (const row of reader.getRows())
		out.push(row.map(csvCell).join(','));
	process.stdout.write(out.join('\n') + '\n');
	process.stderr.write(`duckdb: ${file}: ${ms.toFixed(0)} ms\n`);
}

main().catch((e) => {
	process.stderr.write(`duckdb: ${e.message}\n`);
	process.exit(70);
});
