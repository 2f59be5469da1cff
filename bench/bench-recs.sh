#!/bin/sh
# recs CSV→JSON and JSON→CSV on 1,000,000 invoices, beside Miller.
. bench/lib.sh
n=${RECS_N:-1000000}
d=$(gen "$n")
recs "$d/invoices.csv" >"$d/invoices.jsonl"
echo "input: $(wc -c <"$d/invoices.csv") bytes of CSV, $n records"
measure "recs -f json (csv in)" "$n" recs -f json "$d/invoices.csv"
command -v mlr >/dev/null && measure "mlr --icsv --ojsonl cat" "$n" mlr --icsv --ojsonl cat "$d/invoices.csv"
measure "recs -f csv (json in)" "$n" recs -f csv "$d/invoices.jsonl"
command -v mlr >/dev/null && measure "mlr --ijsonl --ocsv cat" "$n" mlr --ijsonl --ocsv cat "$d/invoices.jsonl"
measure "recs -f csv (csv in)" "$n" recs -f csv "$d/invoices.csv"
measure "recs --check --type invoice" "$n" recs --check --type invoice "$d/invoices.csv"

# JSON Lines in against CSV in (the target: within 2x, and the same CSV
# out), and recs --check against recs -f json (the target: within 2x):
# medians of interleaved runs; the ratio is how many times slower the
# second is.
recs -f csv "$d/invoices.csv" >"$BENCH_DIR/recs-from-csv.csv"
recs -f csv "$d/invoices.jsonl" >"$BENCH_DIR/recs-from-jsonl.csv"
if cmp -s "$BENCH_DIR/recs-from-csv.csv" "$BENCH_DIR/recs-from-jsonl.csv"; then
	echo "records: recs -f csv writes the same bytes from CSV and JSON Lines"
else
	echo "records: recs -f csv from CSV and from JSON Lines DIFFER"
	exit 1
fi
versus "${RUNS:-5}" "recs -f csv (csv in)" "recs -f csv $d/invoices.csv" \
	"recs -f csv (json in)" "recs -f csv $d/invoices.jsonl"
target "recs -f csv JSON Lines time over its CSV time" at-most 2
versus "${RUNS:-5}" "recs -f json (csv in)" "recs -f json $d/invoices.csv" \
	"recs --check --type invoice" "recs --check --type invoice $d/invoices.csv"
target "recs --check time over recs -f json time" at-most 2

# DuckDB writing the same CSV as JSON Lines (bench/recs.sql), 2 threads:
# medians of interleaved runs, and the same number of records out.
if duckdb_ready; then
	recs -f json "$d/invoices.csv" >"$BENCH_DIR/recs-ours.jsonl"
	duckdb bench/recs.sql "IN=$d/invoices.csv" "OUT=$BENCH_DIR/recs-duckdb.jsonl" >/dev/null 2>&1
	a=$(wc -l <"$BENCH_DIR/recs-ours.jsonl") b=$(wc -l <"$BENCH_DIR/recs-duckdb.jsonl")
	if [ "$a" = "$b" ]; then
		echo "records: recs and DuckDB both write $a"
	else
		echo "records: recs writes $a, DuckDB $b: DIFFER"
		exit 1
	fi
	versus "${RUNS:-5}" "recs -f json (csv in)" "recs -f json $d/invoices.csv" \
		"DuckDB 2 threads, COPY to JSON" \
		"NODE_PATH=$BENCH_NODE/node_modules node bench/duckdb.js bench/recs.sql IN=$d/invoices.csv OUT=$BENCH_DIR/recs-duckdb.jsonl"
fi
