#!/usr/bin/env bash
# Code-verifier benchmark (issue: RLVR rewards that cannot be forged). Prints the wall time of
# one verified program (six unit tests, the text-code task's limits) and programs per second on
# one core. With BEFORE=<an older rlx.jar>, runs that build too, interleaved, for a ratio.
# Argument: rounds (default 5). Needs root for the full sandbox.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
[ -f platform/cli/target/rlx.jar ] || ./mvnw -q -B -o package -DskipTests
pin=()
command -v taskset >/dev/null && pin=(taskset -c 1)
for i in 1 2; do
  if [ -n "${BEFORE:-}" ]; then
    echo "== before ($BEFORE)"
    "${pin[@]}" java -cp "$BEFORE" scripts/bench/CodeVerifierBench.java "${1:-5}"
  fi
  echo "== now (platform/cli/target/rlx.jar)"
  "${pin[@]}" java -cp platform/cli/target/rlx.jar scripts/bench/CodeVerifierBench.java "${1:-5}"
  [ -n "${BEFORE:-}" ] || break
done
