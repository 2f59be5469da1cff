#!/bin/sh
# Run every unit test and the CLI tests; end with one "N passed, N failed" line.
B=${1:-build}
pass=0 fail=0
for t in "$B"/tests/test_*; do
	[ -x "$t" ] || continue
	if "$t"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $t"; fi
done
echo "unit: $pass passed, $fail failed"
sh tests/cli.sh "$B"
cli=$?
[ "$fail" -eq 0 ] && [ "$cli" -eq 0 ]
