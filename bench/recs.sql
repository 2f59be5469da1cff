-- recs -f json (CSV to JSON Lines, every value a string) in DuckDB, for
-- bench/bench-recs.sh:
--   node bench/duckdb.js bench/recs.sql IN=invoices.csv OUT=out.jsonl
COPY (SELECT * FROM read_csv('${IN}', all_varchar = true))
TO '${OUT}' (FORMAT json);
