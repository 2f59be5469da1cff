#!/bin/sh
# Build each fuzz/fuzz_NAME.c with libFuzzer against the library sources and
# run it for SECONDS, seeded from tests/fuzz/NAME/.
set -eu
secs=${1:-60}
out=build/fuzz
mkdir -p "$out"
CFLAGS="-std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DAEKIT_VERSION=\"fuzz\" -DAEKIT_LOCALEDIR=\"/nonexistent\" -Ilib -Ibuild/gen $(pkg-config --cflags jansson libutf8proc xlsxwriter libical)"
LIBS="$(pkg-config --libs jansson libutf8proc xlsxwriter libical) -lcsv"
make -s build/gen/templates.c build/gen/templates.h
for src in ${FUZZ_TARGETS:-fuzz/fuzz_*.c}; do
	[ -f "$src" ] || continue
	name=$(basename "$src" .c)
	name=${name#fuzz_}
	echo "fuzz: $name (${secs}s)"
	clang $CFLAGS -o "$out/$name" "$src" lib/*.c build/gen/templates.c $LIBS
	corpus="$out/corpus-$name"
	mkdir -p "$corpus"
	seeds=tests/fuzz/$name
	[ -d "$seeds" ] || seeds=
	dict=
	[ -f "tests/fuzz/$name.dict" ] && dict=-dict=tests/fuzz/$name.dict
	"$out/$name" $dict -max_total_time="$secs" -max_len=${FUZZ_MAX_LEN:-262144} -timeout=10 \
		-rss_limit_mb=2048 -print_final_stats=0 $corpus $seeds 2>"$out/$name.log" ||
		{ tail -40 "$out/$name.log"; echo "fuzz: $name FAILED"; exit 1; }
	echo "fuzz: $name ok: $(grep -o 'cov: [0-9]*' "$out/$name.log" | tail -1), $(grep -o 'exec/s: [0-9]*' "$out/$name.log" | tail -1)"
done
