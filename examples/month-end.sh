#!/bin/sh
# The month-end receivables run (每月25日汇总结帐), fit for cron:
#
#	sh examples/month-end.sh RECORDS_DIR [CLOSE_DATE]
#
# 1. validates every record in RECORDS_DIR with `recs --check`, and stops
#    (exit 65) naming the bad records if any fail;
# 2. writes the aging for the close (CLOSE_DATE, default the latest 25th)
#    to out/receivables-YYYY-MM-DD.xlsx (chart, summary, detail),
#    out/receivables-YYYY-MM-DD.csv (summary by client, with totals) and
#    out/receivables-YYYY-MM-DD-detail.csv (one row per open invoice),
#    under the current directory;
# 3. prints the overdue invoices of each account executive, to chase;
# 4. when RECORDS_DIR holds complaints, prints the month's complaint
#    summary per owner and per client (受理、督办、反馈、回访) and the
#    call-backs due, and writes the summary to out/complaints-YYYY-MM.md;
# 5. when RECORDS_DIR holds forecasts, prints the billing forecast against
#    what was invoiced (广告费/收入预报, weighted by probability) for the
#    closing month and its quarter, and writes them to
#    out/forecast-YYYY-MM.csv, out/forecast-YYYY-Qn.csv and
#    out/forecast-YYYY-MM.xlsx (monthly and quarterly sheets);
# 6. exits 1 when anything is more than 90 days overdue, 0 otherwise.
#
# Invoices are RECORDS_DIR/invoices.csv (or .json, .jsonl), payments
# RECORDS_DIR/payments.csv (or .json, .jsonl); complaints, call-backs and
# the job register RECORDS_DIR/complaints.*, callbacks.*, jobs.*;
# forecasts RECORDS_DIR/forecasts.*.
set -u
prog=month-end
usage() {
	echo "usage: $prog RECORDS_DIR [CLOSE_DATE]" >&2
	exit 64
}
[ $# -ge 1 ] && [ $# -le 2 ] || usage
dir=$1
if [ $# -eq 2 ]; then
	close=$2
else
	# The latest 25th on or before today.
	set -- $(date +'%Y %m %d')
	y=$1 m=${2#0} d=${3#0}
	if [ "$d" -lt 25 ]; then
		m=$((m - 1))
		[ "$m" -eq 0 ] && m=12 y=$((y - 1))
	fi
	close=$(printf '%04d-%02d-25' "$y" "$m")
fi
case $close in
[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]) ;;
*) echo "$prog: close date '$close' is not YYYY-MM-DD" >&2; exit 64 ;;
esac
[ -d "$dir" ] || { echo "$prog: '$dir': no such records folder" >&2; exit 66; }

invoices= payments= records= complaints= jobs= forecasts=
for f in "$dir"/*.csv "$dir"/*.json "$dir"/*.jsonl; do
	[ -f "$f" ] || continue
	records="$records $f"
	case ${f##*/} in
	invoices.*) invoices="$invoices $f" ;;
	payments.*) payments="$payments $f" ;;
	complaints.* | callbacks.*) complaints="$complaints $f" ;;
	jobs.*) jobs="$jobs $f" ;;
	forecasts.*) forecasts="$forecasts $f" ;;
	esac
done
[ -n "$invoices" ] || { echo "$prog: no invoices.csv in '$dir'" >&2; exit 66; }

# 1. Every record must pass its type's check before anything is reported.
# (Record paths are split on blanks: keep them free of spaces.)
# shellcheck disable=SC2086
if ! problems=$(recs --check $records); then
	echo "$prog: records fail the check; nothing written:" >&2
	printf '%s\n' "$problems" >&2
	exit 65
fi

# 2. The aging at the close, for finance.
mkdir -p out || exit 73
base=out/receivables-$close
# shellcheck disable=SC2086
set -- --as-of "$close" $invoices $payments
receivables "$@" -f xlsx -o "$base.xlsx" || exit
receivables "$@" -f csv --totals -o "$base.csv" 2>/dev/null || exit
receivables "$@" -f csv --by invoice -o "$base-detail.csv" 2>/dev/null || exit
echo "$prog: aging at $close in $base.xlsx, $base.csv, $base-detail.csv"

# 3. Overdue invoices, one list per account executive.
receivables "$@" -f csv --overdue --by ae 2>/dev/null |
	sed '1d; s/,[A-Z][A-Z][A-Z],[^"]*$//; s/^"\(.*\)"$/\1/; s/""/"/g' |
	uniq | while IFS= read -r ae; do
		echo
		echo "== ${ae:-(no account executive)}"
		receivables "$@" --overdue --by invoice --ae "$ae" 2>/dev/null |
			tail -n +3
	done

# 4. The month's complaints and the call-backs due, for the manager.
if [ -n "$complaints" ]; then
	month=${close%-*}
	echo
	# shellcheck disable=SC2086
	feedback --as-of "$close" --month "$month" $complaints || exit
	# shellcheck disable=SC2086
	feedback --as-of "$close" --month "$month" -f md \
	    -o "out/complaints-$month.md" $complaints || exit
	echo
	# shellcheck disable=SC2086
	feedback --as-of "$close" --callbacks $complaints $jobs || exit
	echo "$prog: complaint summary for $month in out/complaints-$month.md"
fi

# 5. The forecast against actuals: the closing month and its quarter.
if [ -n "$forecasts" ]; then
	month=${close%-*}
	y=${month%-*} m=${month#*-}
	q=$(( (${m#0} + 2) / 3 ))
	qfrom=$(printf '%s-%02d' "$y" $((q * 3 - 2)))
	qto=$(printf '%s-%02d' "$y" $((q * 3)))
	# shellcheck disable=SC2086
	set -- --as-of "$close" --weighted --invoices $invoices $forecasts
	echo
	forecast "$@" --from "$month" --to "$month" || exit
	forecast "$@" --from "$month" --to "$month" -f csv \
	    -o "out/forecast-$month.csv" || exit
	echo
	forecast "$@" --quarterly --from "$qfrom" --to "$qto" || exit
	forecast "$@" --quarterly --from "$qfrom" --to "$qto" -f csv \
	    -o "out/forecast-$y-Q$q.csv" || exit
	forecast "$@" --from "$qfrom" --to "$qto" -f xlsx \
	    -o "out/forecast-$month.xlsx" || exit
	echo "$prog: forecast against invoiced in out/forecast-$month.csv," \
	    "out/forecast-$y-Q$q.csv, out/forecast-$month.xlsx"
	# The aging's arguments again, for the last step.
	# shellcheck disable=SC2086
	set -- --as-of "$close" $invoices $payments
fi

# 6. Anything more than 90 days past due fails the run.
if ! receivables "$@" -f csv --fail-over 90 >/dev/null 2>&1; then
	echo
	echo "$prog: balances more than 90 days overdue at $close"
	exit 1
fi
exit 0
