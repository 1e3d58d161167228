#!/usr/bin/env bash
# Tabular-suite benchmarks (issue: tabular suite). Prints:
#  1. the full Fig. 7.2 reproduction: 10 n × 11 α × 100 runs × 10 episodes = 11,000 trials,
#     `rlx sweep` end to end (JVM start, planning, store, report and checks included), twice
#  2. environment steps per second, random actions, one thread
set -euo pipefail
source "$(dirname "$0")/lib.sh"
[[ -f platform/cli/target/rlx.jar ]] || ./mvnw -q -B -DskipTests install
fig72() { (cd "$work" && rm -rf .rlx && RLX_NO_BUILD=1 "$root/scripts/rlx" sweep "$root/scripts/bench/specs/fig-7-2.yaml" --max-trials 11000 --check); }
c2() { RLX_JAVA_OPTS=-XX:TieredStopAtLevel=4 fig72; }

echo "== 1. Fig. 7.2 in full: 11,000 trials, rlx sweep end to end (goal < 10 s): the launcher's C1-only driver, and C2, alternated"
fig72 >/dev/null # warm-up: records the class-data-sharing archive, fills the page cache
for round in 1 2 3; do
  echo "round $round: default (C1) $(secs 2 fig72) s, RLX_JAVA_OPTS=-XX:TieredStopAtLevel=4 $(secs 2 c2) s"
done
(cd "$work" && RLX_NO_BUILD=1 "$root/scripts/rlx" status | head -3)

echo "== 2. environment steps per second (uniformly random actions, one thread)"
java -cp "$root/platform/cli/target/rlx.jar" "$root/scripts/bench/EnvSteps.java"
