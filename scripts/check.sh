#!/bin/sh
# Run every unit test program, the CLI tests, the cross-check of the
# tools against `recs --check` and the install test.  Each prints one line
# "N passed, N failed" counting test cases (cmocka's own counts for the
# unit tests); a unit program's output is shown only when it fails.
B=${1:-build}
pass=0 fail=0 progs=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for t in "$B"/tests/test_*; do
	[ -x "$t" ] || continue
	progs=$((progs + 1))
	B="$B" "$t" >"$log" 2>&1
	rc=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	p=${p:-0} f=${f:-0}
	# A program that died before its summary counts as one failure.
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	pass=$((pass + p)) fail=$((fail + f))
	if [ "$rc" -ne 0 ]; then
		cat "$log"
		echo "FAIL: $t (exit $rc)"
	fi
done
echo "unit: $progs programs"
echo "unit: $pass passed, $fail failed"
sh tests/cli.sh "$B"
cli=$?
sh tests/crosscheck.sh "$B"
cross=$?
sh tests/install.sh "$B"
inst=$?
[ "$fail" -eq 0 ] && [ "$cli" -eq 0 ] && [ "$cross" -eq 0 ] &&
    [ "$inst" -eq 0 ]
