#!/bin/sh
# forecast --weighted --quarterly on 1,000,000 forecast records and the
# 1,000,000-invoice ledger of gen.awk, beside the same query in DuckDB
# (2 threads, exact DECIMAL, bench/forecast.sql) on the same CSV files.
# DuckDB comes from the npm registry (@duckdb/node-api) into build/bench/
# when node is there; without node that half is skipped.  Both results
# are compared figure by figure.
. bench/lib.sh
n=${FORECAST_N:-1000000}
asof=2026-11-25 from=2025-01 to=2026-12
d=$(gen "$n")
[ -f "$d/forecasts.csv" ] || awk -v n="$n" -v out="$d" -f bench/gen-forecast.awk
echo "input: $(cat "$d/forecasts.csv" "$d/invoices.csv" | wc -c) bytes of CSV," \
	"$n forecast records, $n invoices"

measure "forecast --weighted --quarterly" "$((2 * n))" forecast --as-of "$asof" \
	--weighted --quarterly --from "$from" --to "$to" -f csv \
	--invoices "$d/invoices.csv" "$d/forecasts.csv"

nm=build/bench
if ! command -v node >/dev/null 2>&1; then
	echo "DuckDB: skipped (no node to run @duckdb/node-api)"
	exit 0
fi
if [ ! -d "$nm/node_modules/@duckdb/node-api" ]; then
	mkdir -p "$nm"
	(cd "$nm" && npm install --no-audit --no-fund --silent @duckdb/node-api) ||
		{ echo "DuckDB: skipped (npm install @duckdb/node-api failed)"; exit 0; }
fi
cp bench/duckdb-query.mjs "$nm/duckdb-query.mjs"
sed -e "s|@FORECASTS@|$d/forecasts.csv|" -e "s|@INVOICES@|$d/invoices.csv|" \
	-e "s|@ASOF@|$asof|g" -e "s|@FROM@|$from|g" -e "s|@TO@|$to|g" \
	bench/forecast.sql >"$BENCH_DIR/forecast.sql"
measure "DuckDB, 2 threads, DECIMAL" "$((2 * n))" node "$nm/duckdb-query.mjs" \
	"$BENCH_DIR/forecast.sql"

forecast --as-of "$asof" --weighted --quarterly --from "$from" --to "$to" \
	-f csv --invoices "$d/invoices.csv" "$d/forecasts.csv" >"$BENCH_DIR/fc-ours.csv"
node "$nm/duckdb-query.mjs" "$BENCH_DIR/forecast.sql" >"$BENCH_DIR/fc-duckdb.csv"
if cmp -s "$BENCH_DIR/fc-ours.csv" "$BENCH_DIR/fc-duckdb.csv"; then
	echo "figures: forecast and DuckDB agree ($(($(wc -l <"$BENCH_DIR/fc-ours.csv") - 1)) rows)"
else
	echo "figures: forecast and DuckDB DIFFER"
	diff "$BENCH_DIR/fc-ours.csv" "$BENCH_DIR/fc-duckdb.csv" | head
	exit 1
fi
