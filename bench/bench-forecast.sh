#!/bin/sh
# forecast --weighted --quarterly on 1,000,000 forecast records and the
# 1,000,000-invoice ledger of gen.awk, beside the same query in DuckDB
# (2 threads, exact DECIMAL, bench/forecast.sql) on the same CSV files:
# medians of interleaved runs, the ratio, and the figures compared byte
# for byte.  Without node and npm the DuckDB half is skipped.
. bench/lib.sh
n=${FORECAST_N:-1000000}
asof=2026-11-25 from=2025-01 to=2026-12
d=$(gen "$n")
[ -f "$d/forecasts.csv" ] || awk -v n="$n" -v out="$d" -f bench/gen-forecast.awk
echo "input: $(cat "$d/forecasts.csv" "$d/invoices.csv" | wc -c) bytes of CSV," \
	"$n forecast records, $n invoices"
ours="forecast --as-of $asof --weighted --quarterly --from $from --to $to -f csv --invoices $d/invoices.csv $d/forecasts.csv"
measure "forecast --weighted --quarterly" "$((2 * n))" sh -c "$ours"
duckdb_ready || exit 0
q=bench/forecast.sql
vars="FORECASTS=$d/forecasts.csv INVOICES=$d/invoices.csv ASOF=$asof FROM=$from TO=$to"
sh -c "$ours" >"$BENCH_DIR/fc-ours.csv"
# shellcheck disable=SC2086
duckdb "$q" $vars >"$BENCH_DIR/fc-duckdb.csv" 2>/dev/null
if [ -s "$BENCH_DIR/fc-ours.csv" ] && cmp -s "$BENCH_DIR/fc-ours.csv" "$BENCH_DIR/fc-duckdb.csv"; then
	echo "figures: forecast and DuckDB agree ($(($(wc -l <"$BENCH_DIR/fc-ours.csv") - 1)) rows)"
else
	echo "figures: forecast and DuckDB DIFFER"
	diff "$BENCH_DIR/fc-ours.csv" "$BENCH_DIR/fc-duckdb.csv" | head
	exit 1
fi
versus "${RUNS:-5}" "forecast --weighted --quarterly" "$ours" \
	"DuckDB 2 threads, DECIMAL" "NODE_PATH=$BENCH_NODE/node_modules node bench/duckdb.js $q $vars"
