#!/usr/bin/env bash
# Runs a benchmark main from the algorithms module's test classes on one thread, as a trial
# worker runs (OMP_NUM_THREADS=1, one intra- and inter-op thread, DJL offline), pinned to one
# core where taskset exists. Usage: java-on-algorithms.sh "TITLE" MAIN_CLASS [ARGS...]
# Builds only the algorithms module (test classes included); installs nothing.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
title="$1"
main="$2"
shift 2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
./mvnw -q -B -o test-compile dependency:build-classpath -pl algorithms -am \
  -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt"
cp="$root/algorithms/target/test-classes:$root/algorithms/target/classes:$(cat "$work/cp.txt")"
pin=()
command -v taskset >/dev/null && pin=(taskset -c 0)
echo "== $title, one thread (OMP_NUM_THREADS=1)"
OMP_NUM_THREADS=1 MKL_CBWR=AUTO,STRICT "${pin[@]}" java -Xmx512m \
  -Dai.djl.offline=true -DOPT_OUT_TRACKING=true \
  -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
  -cp "$cp" "$main" "$@" 2> >(grep -v -e "AutoNonVariableTypeMode" -e "^SLF4J" >&2)
