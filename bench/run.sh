#!/bin/sh
# Runs every bench/bench-*.sh with the built tools first on PATH.  Data is
# generated once into $BENCH_DIR (default /tmp/aekit-bench).
set -eu
B=${1:-build}
case "$B" in /*) ;; *) B="$(pwd)/$B" ;; esac
PATH="$B/bin:$PATH"
BENCH_DIR=${BENCH_DIR:-/tmp/aekit-bench}
BENCH_NODE=${BENCH_NODE:-$B/bench}
export PATH BENCH_DIR BENCH_NODE
mkdir -p "$BENCH_DIR"
# The machine may be shared: the load goes with the figures.
echo "load: $(uptime)"
for s in bench/bench-*.sh; do
	echo "== $s"
	sh "$s"
done
