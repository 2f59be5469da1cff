# `timed CMD...` runs CMD once, output thrown away, and leaves its wall
# time, peak RSS (KiB), user and system CPU in $BENCH_DIR/.time.
timed() {
	if ! /usr/bin/time -f "%e %M %U %S" -o "$BENCH_DIR/.time" "$@" >/dev/null; then
		echo "FAILED ($*)"
		return 1
	fi
	read -r secs kb user sys <"$BENCH_DIR/.time"
}

# Shared by the bench scripts: `measure LABEL RECORDS CMD...` runs CMD once
# and prints wall time, records/s and peak RSS.
measure() {
	label=$1 records=$2
	shift 2
	timed "$@" || return 1
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

# DuckDB beside us, when node and npm are there.  `duckdb_ready` installs
# @duckdb/node-api into $BENCH_NODE (build/bench) once, or says why it is
# skipped; `duckdb QUERY.sql NAME=VALUE...` runs a query kept in bench/
# (bench/duckdb.js) and prints its result as CSV.
duckdb_ready() {
	if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
		echo "duckdb: skipped (node and npm are needed)"
		return 1
	fi
	if [ ! -d "$BENCH_NODE/node_modules/@duckdb/node-api" ]; then
		mkdir -p "$BENCH_NODE"
		if ! (cd "$BENCH_NODE" && npm install --no-audit --no-fund \
		    --silent @duckdb/node-api >/dev/null 2>&1); then
			echo "duckdb: skipped (npm install @duckdb/node-api failed)"
			return 1
		fi
	fi
}

duckdb() {
	NODE_PATH="$BENCH_NODE/node_modules" node bench/duckdb.js "$@"
}

# `versus RUNS LABEL1 CMD1 LABEL2 CMD2`: RUNS interleaved runs of each
# command (sh -c, output thrown away), then each one's median wall time
# and median peak RSS, and how many times faster the first is.
versus() {
	runs=$1 l1=$2 c1=$3 l2=$4 c2=$5
	: >"$BENCH_DIR/.v1"
	: >"$BENCH_DIR/.v2"
	i=0
	while [ "$i" -lt "$runs" ]; do
		/usr/bin/time -f "%e %M" -a -o "$BENCH_DIR/.v1" sh -c "$c1" >/dev/null 2>&1
		/usr/bin/time -f "%e %M" -a -o "$BENCH_DIR/.v2" sh -c "$c2" >/dev/null 2>&1
		i=$((i + 1))
	done
	awk -v l1="$l1" -v l2="$l2" -v f1="$BENCH_DIR/.v1" -v f2="$BENCH_DIR/.v2" \
	    -v ratio="$BENCH_DIR/.ratio" '
	function med(a, n,   i, j, t) {
		for (i = 2; i <= n; i++)
			for (j = i; j > 1 && a[j - 1] > a[j]; j--) {
				t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
			}
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	function load(f, s, m,   n) {
		n = 0
		while ((getline line < f) > 0)
			if (split(line, p, " ") == 2 && p[1] ~ /^[0-9.]+$/) {
				n++; s[n] = p[1]; m[n] = p[2]
			}
		return n
	}
	BEGIN {
		n1 = load(f1, s1, m1); n2 = load(f2, s2, m2)
		t1 = med(s1, n1); t2 = med(s2, n2)
		printf "%-40s %6.2f s %8.1f MiB (median of %d)\n", l1, t1, med(m1, n1) / 1024, n1
		printf "%-40s %6.2f s %8.1f MiB (median of %d)\n", l2, t2, med(m2, n2) / 1024, n2
		if (t1 > 0)
			printf "ratio: %s is %.2fx faster than %s\n", l1, t2 / t1, l2
		r = t1 > 0 ? t2 / t1 : 0
		printf "%.4f\n", r > ratio
	}'
}

# `target TEXT at-least|at-most N`: the last versus ratio (how many times
# the second command's median is the first's) against a target.
target() {
	awk -v t="$1" -v how="$2" -v n="$3" -v f="$BENCH_DIR/.ratio" 'BEGIN {
		getline r < f
		ok = how == "at-least" ? r >= n : r <= n
		printf "target: %s: %.2fx (%s %s) %s\n", t, r, how, n,
		    ok ? "met" : "NOT met"
	}'
}

# `scale LABEL N CMD...`: one run of CMD as a row of the scaling table:
# wall, peak RSS, user and system CPU.
scale() {
	label=$1 n=$2
	shift 2
	timed "$@" || return 1
	printf '| %9d | %-5s | %6.2f s | %7.1f MiB | %5.2f s | %5.2f s |\n' \
		"$n" "$label" "$secs" "$(awk -v kb="$kb" 'BEGIN { print kb / 1024 }')" "$user" "$sys"
}
