#!/usr/bin/env bash
# Language-model generation benchmark (issue: RLHF). Prints generated tokens per second of
# CausalLm.generate on one thread, at batch 1 and batch 64, with the KV cache (one token per
# row per step) and without it (the whole sequence re-run every step), and the cache's speed-up.
# Builds only the algorithms module (test classes included); installs nothing.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
./mvnw -q -B -o test-compile dependency:build-classpath -pl algorithms -am \
  -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt"
cp="$root/algorithms/target/test-classes:$root/algorithms/target/classes:$(cat "$work/cp.txt")"
pin=()
command -v taskset >/dev/null && pin=(taskset -c 0)
echo "== generated tokens per second, one thread (OMP_NUM_THREADS=1)"
OMP_NUM_THREADS=1 MKL_CBWR=AUTO,STRICT "${pin[@]}" java -Xmx512m \
  -Dai.djl.offline=true -DOPT_OUT_TRACKING=true \
  -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
  -cp "$cp" dev.rlx.algorithms.lm.LmGenerateBench "${1:-5}" 2> >(grep -v -e "AutoNonVariableTypeMode" -e "^SLF4J" >&2)
