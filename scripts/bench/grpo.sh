#!/usr/bin/env bash
# GRPO benchmark (issue: RLHF). Prints GRPO updates per second at K = 8 (8 prompts × K
# completions, 2 gradient steps each, verifier rewards) on one thread, and generated tokens per
# second. Arguments: repetitions (default 3), K (default 8).
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
echo "== GRPO updates per second, one thread (OMP_NUM_THREADS=1)"
OMP_NUM_THREADS=1 MKL_CBWR=AUTO,STRICT "${pin[@]}" java -Xmx512m \
  -Dai.djl.offline=true -DOPT_OUT_TRACKING=true \
  -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
  -cp "$cp" dev.rlx.algorithms.rlhf.GrpoBench "${1:-3}" "${2:-8}" 2> >(grep -v -e "AutoNonVariableTypeMode" -e "^SLF4J" >&2)
