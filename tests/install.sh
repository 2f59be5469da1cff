#!/bin/sh
# Install into a scratch prefix, build a small program on the installed
# library through pkg-config and run it, then uninstall and check that
# nothing install put down is left.  Ends with "install: N passed, N failed".
B=${1:-build}
top=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
pass=0 fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL: install: $*"; }
case $B in
*asan*)	# Packaging is the same with or without sanitizers.
	echo "install: 0 passed, 0 failed, 1 skipped"
	exit 0 ;;
esac
make -s --no-print-directory install PREFIX="$prefix" >"$tmp/log" 2>&1 &&
	ok || { cat "$tmp/log"; no "make install"; }
PKG_CONFIG_PATH=$prefix/lib/pkgconfig
export PKG_CONFIG_PATH
if flags=$(pkg-config --cflags --libs aekit 2>"$tmp/log"); then
	ok
else
	cat "$tmp/log"; no "pkg-config --cflags --libs aekit"
fi
# shellcheck disable=SC2086
cc -std=c11 -o "$tmp/amount" tests/install/amount.c $flags 2>"$tmp/log" &&
	ok || { cat "$tmp/log"; no "cc -laekit"; }
out=$(LD_LIBRARY_PATH=$prefix/lib "$tmp/amount" 1234567.5 2>&1)
[ "$out" = "1,234,567.50" ] && ok || no "amount 1234567.5 printed '$out'"
for h in cli.h document.h; do
	[ -e "$prefix/include/aekit/$h" ] && no "$h is installed (the tools' side)"
done
[ -e "$prefix/include/aekit/money.h" ] && ok || no "money.h not installed"
[ -n "$(ls "$prefix/share/man/man1" 2>/dev/null)" ] && ok || no "no man pages"
make -s --no-print-directory uninstall PREFIX="$prefix" >"$tmp/log" 2>&1 &&
	ok || { cat "$tmp/log"; no "make uninstall"; }
left=$(cd "$prefix" 2>/dev/null && find . ! -type d)
[ -z "$left" ] && ok || no "left after uninstall: $left"
cd "$top" || exit 1
echo "install: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
