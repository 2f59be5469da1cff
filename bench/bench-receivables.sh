#!/bin/sh
# receivables on 1,000,000 invoices and their payments, beside the
# equivalent Miller pipeline: sum the payments up to the as-of date, join
# them to the invoices, compute days and buckets, aggregate by client and
# currency.  Miller works in integer cents (its float sums would leave
# phantom balances); both results are compared figure by figure.  Then
# peak RSS at 4,000,000 invoices, which must grow with invoices only.
. bench/lib.sh
n=${RECV_N:-1000000}
big=${RECV_BIG:-4000000}
asof=2026-11-25
d=$(gen "$n")
echo "input: $(cat "$d/invoices.csv" "$d/payments.csv" | wc -c) bytes of CSV," \
	"$n invoices, $(($(wc -l <"$d/payments.csv") - 1)) payments"

# The Miller pipeline, in cents.  Step 1 sums the payments per invoice.
cat >"$BENCH_DIR/mlr-receivables.sh" <<MLR
mlr --icsv --ocsv filter '\$date <= "$asof"' \\
	then put '\$cents = int(sub(string(\$amount), "\\.", ""))' \\
	then stats1 -a sum -f cents -g invoice \\
	"\$1/payments.csv" >"\$2/paid.csv"
mlr --icsv --ocsv join --ur -j invoice -f "\$2/paid.csv" \\
	then filter '\$issued <= "$asof"' \\
	then put -q '
		asof = strptime("$asof", "%Y-%m-%d");
		cents = int(sub(string(\$amount), "\\.", ""));
		paid = is_present(\$cents_sum) ? int(\$cents_sum) : 0;
		bal = cents - paid;
		due = is_empty(\$due) ? strptime(\$issued, "%Y-%m-%d") + int(\$terms) * 86400
		    : strptime(\$due, "%Y-%m-%d");
		days = int(round((asof - due) / 86400));
		if (bal != 0) {
			o = {"client": \$client, "currency": \$currency,
			    "current": 0, "1-30": 0, "31-60": 0, "61-90": 0, "91+": 0, "total": bal};
			if (days <= 0) { o["current"] = bal }
			elif (days <= 30) { o["1-30"] = bal }
			elif (days <= 60) { o["31-60"] = bal }
			elif (days <= 90) { o["61-90"] = bal }
			else { o["91+"] = bal }
			emit o
		}' \\
	then stats1 -a sum -f current,1-30,31-60,61-90,91+,total -g client,currency \\
	then rename -r '^(.*)_sum\$,\\1' \\
	then sort -f client,currency \\
	"\$1/invoices.csv"
MLR

measure "receivables -f csv (1 core)" "$n" taskset -c 0 receivables --as-of "$asof" -f csv \
	"$d/invoices.csv" "$d/payments.csv"
if command -v mlr >/dev/null 2>&1; then
measure "Miller pipeline, cents (1 core)" "$n" taskset -c 0 sh "$BENCH_DIR/mlr-receivables.sh" "$d" "$BENCH_DIR"

# Same figures?  Our decimals become cents; rows compared sorted.
receivables --as-of "$asof" -f csv "$d/invoices.csv" "$d/payments.csv" |
	awk -F, -v OFS=, 'NR > 1 {
		for (i = 3; i <= NF; i++) {
			s = $i; sub(/\./, "", s); neg = sub(/^-/, "", s)
			sub(/^0+/, "", s); if (s == "") s = "0"
			$i = (neg && s != "0" ? "-" : "") s
		}
		print
	}' |
	LC_ALL=C sort >"$BENCH_DIR/ours.csv"
sh "$BENCH_DIR/mlr-receivables.sh" "$d" "$BENCH_DIR" | tail -n +2 | LC_ALL=C sort >"$BENCH_DIR/mlr.csv"
if cmp -s "$BENCH_DIR/ours.csv" "$BENCH_DIR/mlr.csv"; then
	echo "figures: receivables and Miller agree ($(wc -l <"$BENCH_DIR/ours.csv") rows)"
else
	echo "figures: receivables and Miller DIFFER"
	diff "$BENCH_DIR/ours.csv" "$BENCH_DIR/mlr.csv" | head
	exit 1
fi
else
	echo "Miller: skipped (mlr is not installed)"
fi

# DuckDB on the same files (2 threads, exact DECIMAL; the query is
# bench/receivables.sql), CSV and JSON Lines: medians of interleaved runs,
# the ratios, and the figures compared line by line.
runs=${RUNS:-5}
if duckdb_ready; then
	if [ ! -f "$d/invoices.jsonl" ]; then
		recs -f json "$d/invoices.csv" >"$d/invoices.jsonl"
		recs -f json "$d/payments.csv" >"$d/payments.jsonl"
	fi
	echo "input: $(cat "$d/invoices.jsonl" "$d/payments.jsonl" | wc -c) bytes of JSON Lines"
	csv_inv="INVOICES=read_csv('$d/invoices.csv', all_varchar=true)"
	csv_pay="PAYMENTS=read_csv('$d/payments.csv', all_varchar=true)"
	js_inv="INVOICES=read_json('$d/invoices.jsonl', format='newline_delimited')"
	js_pay="PAYMENTS=read_json('$d/payments.jsonl', format='newline_delimited')"
	q="bench/receivables.sql"
	for form in csv jsonl; do
		if [ $form = csv ]; then inv=$csv_inv pay=$csv_pay; else inv=$js_inv pay=$js_pay; fi
		receivables --as-of "$asof" -f csv "$d/invoices.$form" \
			"$d/payments.$form" >"$BENCH_DIR/ours-$form.csv"
		duckdb "$q" "$inv" "$pay" "ASOF=$asof" >"$BENCH_DIR/duckdb-$form.csv" 2>/dev/null
		if [ -s "$BENCH_DIR/ours-$form.csv" ] &&
		    cmp -s "$BENCH_DIR/ours-$form.csv" "$BENCH_DIR/duckdb-$form.csv"; then
			echo "figures ($form): receivables and DuckDB agree ($(wc -l <"$BENCH_DIR/ours-$form.csv") lines)"
		else
			echo "figures ($form): receivables and DuckDB DIFFER"
			diff "$BENCH_DIR/ours-$form.csv" "$BENCH_DIR/duckdb-$form.csv" | head
			exit 1
		fi
		versus "$runs" "receivables -f csv ($form)" \
			"receivables --as-of $asof -f csv $d/invoices.$form $d/payments.$form" \
			"DuckDB 2 threads ($form)" \
			"NODE_PATH=$BENCH_NODE/node_modules node bench/duckdb.js $q \"$inv\" \"$pay\" ASOF=$asof"
		# 2x DuckDB on CSV; ahead of it on JSON Lines.
		goal=1
		[ $form = csv ] && goal=2
		target "receivables ($form) against DuckDB ($form), times faster" at-least $goal
	done
	# JSON Lines against CSV (the target: within 2x), the same figures.
	if cmp -s "$BENCH_DIR/ours-csv.csv" "$BENCH_DIR/ours-jsonl.csv"; then
		echo "figures: receivables gives the same from CSV and JSON Lines"
	else
		echo "figures: receivables from CSV and from JSON Lines DIFFER"
		exit 1
	fi
	versus "$runs" "receivables -f csv (csv)" \
		"receivables --as-of $asof -f csv $d/invoices.csv $d/payments.csv" \
		"receivables -f csv (jsonl)" \
		"receivables --as-of $asof -f csv $d/invoices.jsonl $d/payments.jsonl"
	target "receivables JSON Lines time over its CSV time" at-most 2
fi

# Time and memory grow with invoices, linearly: one run of each size
# and form (RECV_SCALE), as a table.
echo "scaling (load: $(uptime | sed 's/.*load average: //')):"
echo "| invoices | form | wall | peak RSS | user CPU | sys CPU |"
echo "| --- | --- | --- | --- | --- | --- |"
for k in ${RECV_SCALE:-100000 $n $big}; do
	dk=$(gen "$k")
	if [ ! -f "$dk/invoices.jsonl" ]; then
		recs -f json "$dk/invoices.csv" >"$dk/invoices.jsonl"
		recs -f json "$dk/payments.csv" >"$dk/payments.jsonl"
	fi
	for form in csv jsonl; do
		scale "$form" "$k" receivables --as-of "$asof" -f csv \
			"$dk/invoices.$form" "$dk/payments.$form"
	done
done
