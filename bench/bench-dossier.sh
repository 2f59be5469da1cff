#!/bin/sh
# dossier over a large agency's records folder: 10,000 files of 200
# clients (50 files a client), then the same with 20,000 files of 400
# clients, where the client asked for keeps the same records: the time
# grows with the folder, the memory should not.  Target: under one
# second for 10,000 files, each file read once.
. bench/lib.sh
for n in ${DOSSIER_N:-10000 20000}; do
	d="$BENCH_DIR/dossier-$n"
	if [ ! -d "$d/clients" ]; then
		mkdir -p "$d"
		awk -v n="$n" -v out="$d" -f bench/gen-dossier.awk
	fi
	files=$(find "$d" -type f | wc -l)
	echo "input: $files files, $(du -sk "$d" | cut -f1) KiB"
	measure "dossier -f json ($n files)" "$files" dossier --client 华美食品 \
	    --as-of 2026-12-31 -f json "$d"
	measure "dossier -f html ($n files)" "$files" dossier --client 华美食品 \
	    --as-of 2026-12-31 -f html "$d"
	measure "dossier --check ($n files)" "$files" sh -c \
	    "dossier --client 华美食品 --as-of 2026-12-31 --check '$d' || [ \$? = 1 ]"
	if command -v strace >/dev/null 2>&1; then
		strace -f -e trace=openat -o "$BENCH_DIR/.opens" dossier \
		    --client 华美食品 --as-of 2026-12-31 -f json "$d" >/dev/null
		grep -E '\.(csv|json)", O_RDONLY' "$BENCH_DIR/.opens" |
		    sed 's/.*openat([^"]*"\([^"]*\)".*/\1/' | sort | uniq -c |
		    awk -v f="$files" '{ opens += $1; distinct++ }
		    END { printf "record files opened: %d times, %d distinct, of %d\n",
		    opens, distinct, f }'
	fi
done
