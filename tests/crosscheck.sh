#!/bin/sh
# The gate and the tools agree: every record a tool refuses as bad data
# (exit 65), `recs --check` refuses too.  Runs the CLI cases that expect
# exit 65 and every file under tests/data/TOOL/ given to TOOL alone, with
# each tool behind a shim that, when the tool exits 65, gives the same
# inputs to `recs --check`: a main input as the tool's type (unless its
# file name or its records say theirs), a side file (--rates, --jobs...)
# as the type that option reads.  Fails when the tool refused and
# `recs --check` passed every input.  Refusals that are not a record's
# own fault (an option, two files that disagree, a record of another
# type) are listed in tests/crosscheck.skip with the reason; a refusal
# that names no FILE:LINE (an empty input) refuses no record.  A refusal that recs reports
# with another message, line or field is counted as "differ" and shown
# with CROSSCHECK_VERBOSE=1.
if [ "$1" != --shim ]; then
	B=${1:-build}
	top=$(pwd)
	case "$B" in /*) ;; *) B="$top/$B" ;; esac
	export B
fi
TZ=Asia/Shanghai
LC_ALL=C.UTF-8
LANG=C.UTF-8
export TZ LC_ALL LANG
unset LANGUAGE LC_MESSAGES

# The record type each tool reads as its own.
tool_type() {
	case $1 in
	actions) echo action ;;
	agenda) echo meeting ;;
	compete) echo competitor ;;
	feedback) echo complaint ;;
	jobcard) echo job ;;
	receivables) echo invoice ;;
	timesheet) echo time ;;
	dossier) echo "" ;;
	*) echo "$1" ;;
	esac
}

# The type of records a file option of TOOL reads; "-" for a file that
# holds no records (a template, an output); empty for no file option.
option_type() {
	case $1:$2 in
	*:--template | *:--context | *:-o | *:--output | *:--rejects) echo - ;;
	*:--rates | *:--rate-card) [ "$1" = timesheet ] && echo staff ||
	    echo rate ;;
	*:--cost-rates | *:--staff) echo staff ;;
	*:--actual | *:--costs) echo cost ;;
	*:--time) echo time ;;
	*:--invoices) echo invoice ;;
	*:--jobs) echo job ;;
	*:--brief) echo brief ;;
	*:--estimate) echo estimate ;;
	*:--payments) echo payment ;;
	*:--holidays) echo holiday ;;
	*:--append) echo action ;;
	esac
}

# recs --check of FILE (a folder: its files) as TYPE when its name and
# records do not say their own; prints the findings, returns recs' status.
gate() {
	g_type=$2 g_force=$3
	if [ -d "$1" ]; then
		set -- $(find "$1" -type f | sort)
	else
		set -- "$1"
	fi
	if [ -n "$g_force" ] && [ -n "$g_type" ]; then
		"$B/bin/recs" --check --type "$g_type" "$@" 2>&1
		return $?
	fi
	g_out=$("$B/bin/recs" --check "$@" 2>&1)
	g_rc=$?
	if [ -n "$g_type" ] && printf '%s\n' "$g_out" |
	    grep -q ': type: record has no type'; then
		"$B/bin/recs" --check --type "$g_type" "$@" 2>&1
		return $?
	fi
	printf '%s\n' "$g_out"
	return $g_rc
}

# The shim: runs the real tool; when it exits 65, runs the gate over its
# inputs and writes a verdict to the log folder.
shim() {
	tool=$1
	shift
	n=$(ls "$CC_LOG" | wc -l)
	v="$CC_LOG/$n"
	cat >"$v.in"
	"$B/bin/$tool" "$@" <"$v.in" 2>"$v.err"
	rc=$?
	cat "$v.err" >&2
	[ "$rc" = 65 ] || { rm -f "$v.in" "$v.err"; return "$rc"; }
	type=$(tool_type "$tool")
	for a in "$@"; do
		[ "$a" = --callbacks ] && type=callback
	done
	: >"$v.gate"
	caught=0 inputs=0 side=
	for a in "$@"; do
		if [ -n "$side" ]; then
			if [ "$side" != - ] && [ -e "$a" ]; then
				inputs=$((inputs + 1))
				gate "$a" "$side" force >>"$v.gate" || caught=1
			fi
			side=
			continue
		fi
		case $a in
		-*) side=$(option_type "$tool" "$a") ;;
		*)
			[ -e "$a" ] || continue
			inputs=$((inputs + 1))
			gate "$a" "$type" >>"$v.gate" || caught=1 ;;
		esac
	done
	if [ "$inputs" = 0 ]; then
		cp "$v.in" "$CC_LOG/stdin.$n"
		(cd "$CC_LOG" && gate "stdin.$n" "$type") >>"$v.gate" || caught=1
	fi
	printf '%s\t%s\t%s\n' "$caught" "$tool" "$*" >"$v.verdict"
	return 65
}

if [ "$1" = --shim ]; then
	shift
	shim "$@"
	exit
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
skip="$top/tests/crosscheck.skip"
mkdir "$tmp/shim" "$tmp/log"

for t in "$B"/bin/*; do
	t=${t##*/}
	case $t in recs | render) continue ;; esac
	printf '#!/bin/sh\nexec sh "%s" --shim %s "$@"\n' \
	    "$top/tests/crosscheck.sh" "$t" >"$tmp/shim/$t"
	chmod +x "$tmp/shim/$t"
done

pass=0 fail=0 differ=0 skipped=0
: >"$tmp/cases"

# Whether the gate said what the tool said: the tool's first message
# "TOOL: FILE:LINE: text" is a finding "recs: FILE:LINE: RULE: text".
same_message() {
	msg=$(grep -m 1 "^$1: [^ ]*:[0-9]*: " "$2" | sed "s/^$1: //")
	[ -n "$msg" ] || return 0
	place=${msg%%: *}
	text=${msg#*: }
	grep -q -F -x "recs: $place: $(sed -n "s|^recs: $place: \([a-z-]*\): .*|\1|p" "$3" |
	    head -n 1): $text" "$3"
}

# Judges the verdicts of one run named NAME.
judge() {
	for vd in "$CC_LOG"/*.verdict; do
		[ -f "$vd" ] || continue
		v=${vd%.verdict}
		IFS='	' read -r caught tool args <"$vd"
		if awk -F '\t' -v k="$1" '$1 == k { f = 1 } END { exit !f }' \
		    "$skip"; then
			skipped=$((skipped + 1))
		elif ! grep -q "^$tool: [^ ]*:[0-9]" "$v.err"; then
			# No FILE:LINE: no record was refused (an empty input).
			skipped=$((skipped + 1))
		elif [ "$caught" = 1 ]; then
			pass=$((pass + 1))
			if ! same_message "$tool" "$v.err" "$v.gate"; then
				differ=$((differ + 1))
				if [ -n "$CROSSCHECK_VERBOSE" ]; then
					echo "differ: $1: $tool $args"
					sed 's/^/  tool: /' "$v.err"
					sed 's/^/  gate: /' "$v.gate"
				fi
			fi
		else
			fail=$((fail + 1))
			echo "FAIL: $1: $tool $args: refused, and recs --check passed it"
			sed 's/^/  /' "$v.err"
		fi
	done
}

# Runs the command line in file CMD in folder WORK (where `data` is
# tests/data) with the tools behind the shim, and judges it as NAME.
run() {
	rm -rf "$tmp/log"
	mkdir "$tmp/log"
	input=/dev/null
	[ -f "$1/in" ] && input="$1/in"
	(cd "$2" && PATH="$tmp/shim:$PATH" CC_LOG="$tmp/log" \
	    sh "$1/cmd" <"$input" >/dev/null 2>&1)
	CC_LOG="$tmp/log"
	judge "$3"
}

# The CLI cases that expect exit 65.
for dir in tests/cli/*/*/; do
	dir=${dir%/}
	[ -f "$dir/cmd" ] && [ -f "$dir/rc" ] && [ "$(cat "$dir/rc")" = 65 ] ||
	    continue
	cat "$dir/cmd" >>"$tmp/cases"
	rm -rf "$tmp/work"
	cp -r "$dir" "$tmp/work"
	ln -s "$top/tests/data" "$tmp/work/data"
	run "$top/$dir" "$tmp/work" "${dir#tests/cli/}"
done

# Every other file of tests/data/TOOL/ given to TOOL alone.
mkdir -p "$tmp/one" "$tmp/sweep"
ln -s "$top/tests/data" "$tmp/sweep/data"
for f in tests/data/*/*; do
	[ -f "$f" ] || continue
	d=${f#tests/data/}
	tool=${d%%/*}
	[ -x "$tmp/shim/$tool" ] || continue
	case $f in *.mustache) continue ;; esac
	grep -q -F "data/$d" "$tmp/cases" && continue
	printf '%s --as-of 2026-11-25 data/%s\n' "$tool" "$d" >"$tmp/one/cmd"
	run "$tmp/one" "$tmp/sweep" "data/$d"
done

echo "crosscheck: $pass passed, $fail failed ($differ with another message, $skipped skipped)"
[ "$fail" -eq 0 ]
