#!/bin/sh
# CLI tests.  Each case is a folder tests/cli/TOOL/CASE holding
#   cmd   the command line, run by sh in the case folder
#   in    standard input (optional; else /dev/null)
#   out   expected standard output (optional; else empty)
#   err   expected standard error (optional; else empty)
#   rc    expected exit status (optional; else 0)
# The case runs in a scratch copy of its folder, where `data` links to
# tests/data, so commands name inputs as data/TOOL/FILE and messages show
# those short paths.  Tools come from $B/bin.  A second argument, a
# shell pattern, runs only the matching TOOL/CASE folders (`agenda/*`).  Extra files a case leaves
# in the case folder are named in `files` (one per line): each must equal
# the file of the same name with `.expected` appended.
B=${1:-build}
top=$(pwd)
case "$B" in /*) ;; *) B="$top/$B" ;; esac
PATH="$B/bin:$PATH"
DATA="$top/tests/data"
TZ=Asia/Shanghai
LC_ALL=C.UTF-8
LANG=C.UTF-8
export PATH DATA TZ LC_ALL LANG
unset LANGUAGE LC_MESSAGES
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
for dir in tests/cli/${2:-*/*}/; do
	dir=${dir%/}
	[ -f "$dir/cmd" ] || continue
	want_rc=0
	[ -f "$dir/rc" ] && want_rc=$(cat "$dir/rc")
	input=/dev/null
	[ -f "$dir/in" ] && input="$top/$dir/in"
	rm -rf "$tmp/work" && cp -r "$dir" "$tmp/work"
	ln -s "$DATA" "$tmp/work/data"
	(cd "$tmp/work" && sh ./cmd <"$input" >"$tmp/out" 2>"$tmp/err")
	rc=$?
	ok=1
	[ "$rc" = "$want_rc" ] || { ok=0; echo "  exit $rc, want $want_rc"; }
	for s in out err; do
		if [ -f "$dir/$s" ]; then want="$dir/$s"; else want=/dev/null; fi
		cmp -s "$want" "$tmp/$s" || { ok=0; diff -u "$want" "$tmp/$s" | head -20; }
	done
	if [ -f "$dir/files" ]; then
		while read -r f; do
			cmp -s "$dir/$f.expected" "$tmp/work/$f" ||
				{ ok=0; echo "  file $f differs"; }
		done <"$dir/files"
	fi
	if [ $ok = 1 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $dir"
	fi
done
echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
