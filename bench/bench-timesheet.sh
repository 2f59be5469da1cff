#!/bin/sh
# timesheet --by person,job on 1,000,000 time records, beside the same
# aggregation in Miller.  The target: at least 10× faster.  Both run on one
# core (taskset), since Miller spreads its work over every core it finds.
. bench/lib.sh
n=${TIMESHEET_N:-1000000}
d="$BENCH_DIR/time-$n"
if [ ! -f "$d/time.csv" ]; then
	mkdir -p "$d"
	awk -v n="$n" 'BEGIN {
		srand(2026)
		split("王小明,李娜,Chen Wei,Zhang Min,Liu Yang,Sarah Lee,赵六,钱七,孙八,周九", p, ",")
		print "date,person,job,hours,task,note"
		for (i = 0; i < n; i++) {
			doy = int(rand() * 365); m = int(doy / 31) + 1
			if (m > 12) m = 12
			printf "2026-%02d-%02d,%s,2026-%04d,%d.%02d,design,\n", m,
			    doy % 28 + 1, p[i % 10 + 1], i % 500,
			    1 + int(rand() * 7), int(rand() * 4) * 25
		}
	}' >"$d/time.csv"
fi
echo "input: $(wc -c <"$d/time.csv") bytes of CSV, $n records"
measure "timesheet --by person,job (1 core)" "$n" taskset -c 0 timesheet --by person,job -f csv "$d/time.csv"
command -v mlr >/dev/null && measure "mlr stats1 sum -g person,job (1 core)" "$n" taskset -c 0 mlr --icsv --ocsv stats1 -a sum -f hours -g person,job "$d/time.csv"
measure "timesheet --by person,week (1 core)" "$n" taskset -c 0 timesheet --by person,week -f csv "$d/time.csv"

# DuckDB on the same file (bench/timesheet.sql), 2 threads: the same sums
# to the hundredth of an hour, medians of interleaved runs.
if duckdb_ready; then
	timesheet --by person,job -f csv "$d/time.csv" >"$BENCH_DIR/ts-ours.csv"
	duckdb bench/timesheet.sql "TIME=$d/time.csv" 2>/dev/null >"$BENCH_DIR/ts-duckdb.csv"
	if [ -s "$BENCH_DIR/ts-ours.csv" ] && cmp -s "$BENCH_DIR/ts-ours.csv" "$BENCH_DIR/ts-duckdb.csv"; then
		echo "figures: timesheet and DuckDB agree ($(wc -l <"$BENCH_DIR/ts-ours.csv") lines)"
	else
		echo "figures: timesheet and DuckDB DIFFER"
		diff "$BENCH_DIR/ts-ours.csv" "$BENCH_DIR/ts-duckdb.csv" | head
		exit 1
	fi
	versus "${RUNS:-5}" "timesheet --by person,job" \
		"timesheet --by person,job -f csv $d/time.csv" \
		"DuckDB 2 threads" \
		"NODE_PATH=$BENCH_NODE/node_modules node bench/duckdb.js bench/timesheet.sql TIME=$d/time.csv"
fi
