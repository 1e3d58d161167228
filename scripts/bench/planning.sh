#!/usr/bin/env bash
# Benchmark: planning a 10,000-trial sweep (grid × random × seeds, every trial validated)
# and `rlx validate` of one spec, JVM start included. Goals (issue: foundation): both < 1 s.
# Usage: scripts/bench/planning.sh [runs]   (default 5; prints the median)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
rlx="$root/scripts/rlx"
runs="${1:-5}"
"$rlx" --version >/dev/null # build if needed, and record the class-data-sharing archive

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
wall() { # seconds of wall time of one command
  local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}'
}

echo "== in-process planning of scripts/bench/plan-10k.yaml (10,000 trials), $runs runs"
for _ in $(seq "$runs"); do
  "$rlx" plan --stats --format csv "$root/scripts/bench/plan-10k.yaml" 2>&1 >/dev/null | sed -E 's/.* in ([0-9.]+) ms.*/\1/'
done | median | xargs printf "median %.1f ms (parse + schema + plugin checks + expansion + per-trial validation)\n"

echo "== rlx plan of the 10,000-trial spec, JVM start and CSV output included"
for _ in $(seq "$runs"); do wall "$rlx" plan --format csv "$root/scripts/bench/plan-10k.yaml"; done \
  | median | xargs printf "median %.3f s\n"

echo "== rlx validate experiments/gae-lambda.yaml, JVM start included"
for _ in $(seq "$runs"); do wall "$rlx" validate "$root/experiments/gae-lambda.yaml"; done \
  | median | xargs printf "median %.3f s\n"

echo "== the same without class-data sharing (plain java -jar), for comparison"
for _ in $(seq "$runs"); do
  wall java -Dai.djl.offline=true -DOPT_OUT_TRACKING=true -jar "$root/platform/cli/target/rlx.jar" validate "$root/experiments/gae-lambda.yaml"
done | median | xargs printf "median %.3f s\n"
