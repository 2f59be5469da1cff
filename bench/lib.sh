# Shared by the bench scripts: `measure LABEL RECORDS CMD...` runs CMD once
# and prints wall time, records/s and peak RSS.
measure() {
	label=$1 records=$2
	shift 2
	if ! /usr/bin/time -f "%e %M" -o "$BENCH_DIR/.time" "$@" >/dev/null; then
		echo "$label: FAILED ($*)"
		return 1
	fi
	read -r secs kb <"$BENCH_DIR/.time"
	awk -v l="$label" -v n="$records" -v s="$secs" -v kb="$kb" 'BEGIN {
		rate = s > 0 ? n / s : 0
		printf "%-34s %8.2f s %12.0f rec/s %8.1f MiB\n", l, s, rate, kb / 1024
	}'
}

# `gen N` makes N invoices and their payments in $BENCH_DIR/N/ once.
gen() {
	d="$BENCH_DIR/$1"
	if [ ! -f "$d/invoices.csv" ]; then
		mkdir -p "$d"
		awk -v n="$1" -v out="$d" -f bench/gen.awk
	fi
	echo "$d"
}
