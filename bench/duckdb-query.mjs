// Runs one SQL file in DuckDB (2 threads) and prints the result as CSV:
//   node bench/duckdb-query.mjs FILE.sql
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const db = await DuckDBInstance.create(':memory:', { threads: '2' });
const con = await db.connect();
const reader = await con.runAndReadAll(readFileSync(process.argv[2], 'utf8'));
const out = [reader.columnNames().join(',')];
for (const row of reader.getRows())
	out.push(row.map((v) => String(v)).join(','));
process.stdout.write(out.join('\n') + '\n');
