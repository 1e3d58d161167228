#!/usr/bin/env bash
# Tabular-suite benchmarks (issue: tabular suite). Prints:
#  1. the full Fig. 7.2 reproduction: 10 n × 11 α × 100 runs × 10 episodes = 11,000 trials,
#     `rlx sweep` end to end (JVM start, planning, store, report and checks included), twice
#  2. environment steps per second, random actions, one thread
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
[[ -f platform/cli/target/rlx.jar ]] || ./mvnw -q -B -DskipTests install
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
secs() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null; t1=$(date +%s.%N); awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", b - a}'; }
fig72() { (cd "$work" && rm -rf .rlx && RLX_NO_BUILD=1 "$root/scripts/rlx" sweep "$root/scripts/bench/specs/fig-7-2.yaml" --max-trials 11000 --check); }
c2() { RLX_JAVA_OPTS=-XX:TieredStopAtLevel=4 fig72; }

echo "== 1. Fig. 7.2 in full: 11,000 trials, rlx sweep end to end (goal < 10 s): the launcher's C1-only driver, and C2, alternated"
fig72 >/dev/null # warm-up: records the class-data-sharing archive, fills the page cache
for round in 1 2 3; do
  echo "round $round: default (C1) $(secs fig72) s, RLX_JAVA_OPTS=-XX:TieredStopAtLevel=4 $(secs c2) s"
done
(cd "$work" && RLX_NO_BUILD=1 "$root/scripts/rlx" status | head -3)

echo "== 2. environment steps per second (uniformly random actions, one thread)"
java -cp "$root/platform/cli/target/rlx.jar" "$root/scripts/bench/EnvSteps.java"
