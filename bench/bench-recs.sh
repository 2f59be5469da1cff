#!/bin/sh
# recs CSV→JSON and JSON→CSV on 1,000,000 invoices, beside Miller.
. bench/lib.sh
n=${RECS_N:-1000000}
d=$(gen "$n")
recs "$d/invoices.csv" >"$d/invoices.jsonl"
echo "input: $(wc -c <"$d/invoices.csv") bytes of CSV, $n records"
measure "recs -f json (csv in)" "$n" recs -f json "$d/invoices.csv"
measure "mlr --icsv --ojsonl cat" "$n" mlr --icsv --ojsonl cat "$d/invoices.csv"
measure "recs -f csv (json in)" "$n" recs -f csv "$d/invoices.jsonl"
measure "mlr --ijsonl --ocsv cat" "$n" mlr --ijsonl --ocsv cat "$d/invoices.jsonl"
measure "recs -f csv (csv in)" "$n" recs -f csv "$d/invoices.csv"
measure "recs --check --type invoice" "$n" recs --check --type invoice "$d/invoices.csv"
