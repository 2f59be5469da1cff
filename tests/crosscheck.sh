#!/bin/sh
# The gate and the tools agree: every record a tool refuses as bad data
# (exit 65), `recs --check` refuses too, with the same message at the
# same place.  Runs the CLI cases that expect exit 65 and every file
# under tests/data/TOOL/ given to TOOL alone, with each tool behind a
# shim that, when the tool exits 65, gives the same inputs to
# `recs --check`: a main input typed the way the tool types it (its
# records' `type`, else the types the tool takes from a file's name,
# else the tool's own type), a side file (--rates, --jobs...) as the
# type that option reads.  Fails when the tool refused and
# `recs --check` passed every input, and when none of the gate's
# findings is the tool's first message ("TOOL: FILE:LINE[:COL]: text"
# against "recs: FILE:LINE[:COL]: RULE: text").  Refusals that are not a
# record's own fault (an option, two files that disagree, a record of
# another type) are listed in tests/crosscheck.skip with the reason; so
# are, as `differ:CASE`, the ones the gate refuses with another message
# for a reason given there.  A refusal that names no FILE:LINE (an empty
# input) refuses no record.  CROSSCHECK_VERBOSE=1 shows those listed as
# differing.  The other way too, against false alarms: the inputs of
# every CLI case that expects exit 0 go to `recs --check` as well, which
# must not refuse as bad data a record the tool took (listed exceptions:
# `accepted:CASE`).
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

# The types TOOL takes from a file's name when its records carry no
# `type`; empty when the tool takes every record without one as its own
# type (agenda reads bad-minutes.json as a meeting).
tool_reads() {
	case $1 in
	receivables) echo invoice payment ;;
	forecast) echo forecast invoice job ;;
	timesheet) echo time staff leave holiday ;;
	feedback) echo complaint callback job ;;
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

# The type TOOL gives FILE's records that carry none and whose file's
# name says none: feedback tells a callback by its `by` field.
guess_type() {
	if [ "$1" = feedback ] && [ "$3" != - ] &&
	    grep -q -E '(^|,)by(,|$)|"by" *:' "$3" &&
	    ! grep -q received "$3"; then
		echo callback
	else
		echo "$2"
	fi
}

# recs --check of FILE (a folder: its files) as TYPE, typed the way
# TOOL types it (FORCE: as TYPE unless a record says its own; else by
# the file's name when it names one of the types TOOL reads); prints the
# findings, returns recs' status.
gate() {
	g_type=$2 g_tool=$3 g_in=${g_stdin:-/dev/null}
	if [ -d "$1" ]; then
		set -- $(find "$1" -type f | sort)
	else
		set -- "$1"
	fi
	g_reads=
	[ "$g_tool" = force ] || g_reads=$(tool_reads "$g_tool")
	if [ -n "$g_type" ] && [ -z "$g_reads" ]; then
		"$B/bin/recs" --check --type "$g_type" "$@" <"$g_in" 2>&1
		return $?
	fi
	g_out=$("$B/bin/recs" --check "$@" <"$g_in" 2>&1)
	g_rc=$?
	g_named=$(printf '%s\n' "$g_out" |
	    sed -n "s/.*(taken as '\([a-z]*\)' from the file name)$/\1/p" |
	    head -n 1)
	if [ -n "$g_type" ] && { printf '%s\n' "$g_out" |
	    grep -q ': type: record has no type' ||
	    { [ -n "$g_named" ] &&
	    ! printf ' %s \n' "$g_reads" | grep -q " $g_named "; }; }; then
		g_type=$(guess_type "$g_tool" "$g_type" "$1")
		"$B/bin/recs" --check --type "$g_type" "$@" <"$g_in" 2>&1
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
	# Named by the shim's process: two tools of one pipeline run at once.
	v="$CC_LOG/$$"
	cat >"$v.in"
	"$B/bin/$tool" "$@" <"$v.in" 2>"$v.err"
	rc=$?
	cat "$v.err" >&2
	if [ "$rc" != 65 ] && { [ "$rc" -gt 1 ] || [ -z "$CC_ACCEPTED" ]; }; then
		rm -f "$v.in" "$v.err"
		return "$rc"
	fi
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
			gate "$a" "$type" "$tool" >>"$v.gate" || caught=1 ;;
		esac
	done
	if [ "$inputs" = 0 ]; then
		g_stdin=$v.in gate - "$type" "$tool" >>"$v.gate" || caught=1
	fi
	if [ "$rc" = 65 ]; then
		printf '%s\t%s\t%s\n' "$caught" "$tool" "$*" >"$v.verdict"
	else
		printf '%s\t%s\t%s\n' "$caught" "$tool" "$*" >"$v.accepted"
	fi
	return "$rc"
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

pass=0 fail=0 differ=0 skipped=0 quiet=0
: >"$tmp/cases"

# Whether the gate said what the tool said: the tool's first message
# "TOOL: FILE:LINE[:COL]: text" is one of the gate's findings
# "recs: FILE:LINE[:COL]: RULE: text".
same_message() {
	msg=$(grep -m 1 "^$1: [^ ]*:[0-9]*: " "$2" | sed "s/^$1: //")
	[ -n "$msg" ] || return 0
	place=${msg%%: *}
	text=${msg#*: }
	awk -v p="recs: $place: " -v t="$text" '
	    index($0, p) == 1 {
		rest = substr($0, length(p) + 1)
		if (match(rest, /^[a-z-]+: /) &&
		    substr(rest, RLENGTH + 1) == t)
			f = 1
	    }
	    END { exit !f }' "$3"
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
			if same_message "$tool" "$v.err" "$v.gate"; then
				:
			elif awk -F '\t' -v k="differ:$1" \
			    '$1 == k { f = 1 } END { exit !f }' "$skip"; then
				differ=$((differ + 1))
				if [ -n "$CROSSCHECK_VERBOSE" ]; then
					echo "differ: $1: $tool $args"
					sed 's/^/  tool: /' "$v.err"
					sed 's/^/  gate: /' "$v.gate"
				fi
			else
				pass=$((pass - 1))
				fail=$((fail + 1))
				echo "FAIL: $1: $tool $args: recs --check" \
				    "says another thing"
				sed 's/^/  tool: /' "$v.err"
				sed 's/^/  gate: /' "$v.gate"
			fi
		else
			fail=$((fail + 1))
			echo "FAIL: $1: $tool $args: refused, and recs --check passed it"
			sed 's/^/  /' "$v.err"
		fi
	done
}

# Judges the inputs a tool accepted (exit 0 or 1) in the run named NAME:
# the gate must not refuse as bad data a record the tool took.
judge_accepted() {
	for va in "$CC_LOG"/*.accepted; do
		[ -f "$va" ] || continue
		v=${va%.accepted}
		IFS='	' read -r caught tool args <"$va"
		if ! grep -Eq '^recs: [^ ]*: (required|format|range|type|syntax): ' \
		    "$v.gate"; then
			quiet=$((quiet + 1))
		elif awk -F '\t' -v k="accepted:$1" \
		    '$1 == k { f = 1 } END { exit !f }' "$skip"; then
			skipped=$((skipped + 1))
		else
			fail=$((fail + 1))
			echo "FAIL: $1: $tool $args: accepted, and recs --check" \
			    "refuses it"
			sed 's/^/  gate: /' "$v.gate"
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
	(cd "$2" && PATH="$tmp/shim:$B/bin:$PATH" CC_LOG="$tmp/log" \
	    CC_ACCEPTED=$4 sh "$1/cmd" <"$input" >/dev/null 2>&1)
	CC_LOG="$tmp/log"
	if [ -n "$4" ]; then
		judge_accepted "$3"
	else
		judge "$3"
	fi
}

# The CLI cases that expect exit 65, and those that expect 0, whose
# inputs the tool accepts.
for dir in tests/cli/*/*/; do
	dir=${dir%/}
	[ -f "$dir/cmd" ] || continue
	rc=0
	[ -f "$dir/rc" ] && rc=$(cat "$dir/rc")
	case $rc in
	65) accepted= ;;
	0) accepted=1 ;;
	*) continue ;;
	esac
	[ -z "$accepted" ] && cat "$dir/cmd" >>"$tmp/cases"
	rm -rf "$tmp/work"
	cp -r "$dir" "$tmp/work"
	ln -s "$top/tests/data" "$tmp/work/data"
	run "$top/$dir" "$tmp/work" "${dir#tests/cli/}" "$accepted"
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

echo "crosscheck: $((pass + quiet)) passed, $fail failed ($pass refused by both, $quiet accepted by both; $differ with another message, listed; $skipped skipped)"
[ "$fail" -eq 0 ]
