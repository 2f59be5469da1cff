#!/bin/sh
# Build each fuzz/fuzz_NAME.c with libFuzzer against the library sources and
# run it for SECONDS, seeded from tests/fuzz/NAME/.  The library is compiled
# once into build/fuzz/obj; FUZZ_JOBS targets run at once (default 1).
set -eu
secs=${1:-60}
jobs=${FUZZ_JOBS:-1}
out=build/fuzz
mkdir -p "$out/obj"
CFLAGS="-std=c11 -g -O1 -fsanitize=fuzzer-no-link,address,undefined -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DAEKIT_VERSION=\"fuzz\" -DAEKIT_LOCALEDIR=\"/nonexistent\" -Ilib -Ibuild/gen $(pkg-config --cflags jansson libutf8proc xlsxwriter libical)"
LIBS="$(pkg-config --libs jansson libutf8proc xlsxwriter libical) -lcsv"
make -s build/gen/templates.c build/gen/templates.h
objs=
for src in lib/*.c build/gen/templates.c; do
	obj=$out/obj/$(basename "$src" .c).o
	if [ ! -f "$obj" ] || [ -n "$(find lib "$src" -newer "$obj" \( -name '*.[ch]' \) | head -1)" ]; then
		clang $CFLAGS -c -o "$obj" "$src"
	fi
	objs="$objs $obj"
done

# run NAME: one target for SECS seconds; its log in build/fuzz/NAME.log.
run() {
	name=$1
	corpus="$out/corpus-$name"
	mkdir -p "$corpus"
	seeds=tests/fuzz/$name
	[ -d "$seeds" ] || seeds=
	dict=
	if [ -f "tests/fuzz/$name.dict" ]; then
		dict=-dict=tests/fuzz/$name.dict
	elif grep -q fuzz_tool.h "fuzz/fuzz_$name.c"; then
		dict=-dict=tests/fuzz/tool.dict
	fi
	if "$out/$name" $dict -max_total_time="$secs" -max_len=${FUZZ_MAX_LEN:-262144} -timeout=10 \
		-rss_limit_mb=2048 -artifact_prefix="$out/$name-" -print_final_stats=1 $corpus $seeds 2>"$out/$name.log"; then
		echo "fuzz: $name ok: $(grep -o 'cov: [0-9]* ft: [0-9]*' "$out/$name.log" | tail -1), $(grep -o 'exec/s: [0-9]*' "$out/$name.log" | tail -1)"
	else
		tail -40 "$out/$name.log"
		echo "fuzz: $name FAILED"
		return 1
	fi
}

names=
for src in ${FUZZ_TARGETS:-fuzz/fuzz_*.c}; do
	[ -f "$src" ] || continue
	name=$(basename "$src" .c)
	name=${name#fuzz_}
	clang $CFLAGS -Wall -Wextra -Werror -fsanitize=fuzzer -o "$out/$name" "$src" $objs $LIBS
	names="$names $name"
done
echo "fuzz:$names (${secs}s each, $jobs at once)"
failed=0
set -- $names
while [ $# -gt 0 ]; do
	pids=
	i=0
	while [ $i -lt "$jobs" ] && [ $# -gt 0 ]; do
		run "$1" &
		pids="$pids $!"
		shift
		i=$((i + 1))
	done
	for p in $pids; do
		wait "$p" || failed=1
	done
done
[ $failed -eq 0 ] || { echo "fuzz: FAILED"; exit 1; }
