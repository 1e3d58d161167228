#!/usr/bin/env bash
# Execution benchmarks (issue: execution). Prints:
#  1. thread-mode dispatch overhead per no-op trial, and 1,000 no-op trials end to end
#  2. process-mode cost per trial (worker JVM start)
#  3. metric ingest into the H2 file store (rows/s, batched)
#  4. parallel efficiency of a CPU-bound sweep, --jobs 2 vs --jobs 1
# Uses the testkit's no-op plugin, so it runs rlx with the testkit jar on the classpath.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
[[ -f platform/cli/target/rlx.jar && -f platform/testkit/target/rlx-testkit-0.1.0.jar ]] || ./mvnw -q -B -DskipTests install
cp="$root/platform/cli/target/rlx.jar:$root/platform/testkit/target/rlx-testkit-0.1.0.jar"
rlx() { (cd "$work" && java -Dai.djl.offline=true -DOPT_OUT_TRACKING=true -cp "$cp" dev.rlx.cli.RlxCommand "$@"); }
# A sweep into a store of its own, so no run pays for deleting an earlier one's rows.
rlx_new() { rm -rf "$work/.rlx"; rlx "$@"; }

echo "== 1. thread isolation: no-op trials (scheduler + store write per trial)"
sed 's/seeds: 1000/seeds: 1/; s/name: bench-noop/name: bench-noop-one/' scripts/bench/specs/noop-1000.yaml > "$work/noop-1.yaml"
t1=$(secs 3 rlx_new sweep "$work/noop-1.yaml" --jobs 2)
t1000=$(secs 3 rlx_new sweep "$root/scripts/bench/specs/noop-1000.yaml" --jobs 2)
awk -v a="$t1" -v b="$t1000" 'BEGIN {printf "1 trial: %.3f s; 1,000 trials: %.3f s end to end (JVM start included); overhead %.2f ms per trial\n", a, b, (b - a) / 999 * 1000}'

echo "== 2. process isolation: 20 no-op trials, --jobs 2"
t20=$(secs 3 rlx_new sweep "$root/scripts/bench/specs/noop-process.yaml" --jobs 2)
awk -v a="$t1" -v b="$t20" 'BEGIN {printf "20 trials: %.3f s; %.0f ms of wall time per trial at 2 at a time, i.e. %.0f ms per worker JVM\n", b, (b - a) / 20 * 1000, (b - a) / 10 * 1000}'
rlx runs bench-noop-process --format json | awk -F': ' '/"duration_ms"/ {gsub(",", "", $2); s += $2; n++} END {printf "worker lifetime as the driver saw it: mean %.0f ms\n", s / n}'

echo "== 3. metric ingest into the H2 file store (1,000,000 rows per trial, batched)"
(cd "$work" && java -cp "$cp" "$root/scripts/bench/StoreIngest.java" "$work" 1000000)

echo "== 4. parallel efficiency: 8 CPU-bound TD(λ) trials (about 2 s each), jobs 1 and 2 alternated twice"
for isolation in thread process; do
  for round in 1 2; do
    j1=$(secs 3 rlx_new sweep "$root/scripts/bench/specs/td-lambda-cpu.yaml" --jobs 1 --isolation $isolation)
    j2=$(secs 3 rlx_new sweep "$root/scripts/bench/specs/td-lambda-cpu.yaml" --jobs 2 --isolation $isolation)
    awk -v i="$isolation" -v a="$j1" -v b="$j2" 'BEGIN {printf "%s: --jobs 1: %.2f s, --jobs 2: %.2f s end to end, speed-up %.2fx\n", i, a, b, a / b}'
  done
done
echo "== 4b. the sweeps alone (the store's started..finished, without JVM start and planning)"
for isolation in thread process; do
  rlx_new sweep "$root/scripts/bench/specs/td-lambda-cpu.yaml" --jobs 1 --isolation $isolation >/dev/null
  s1=$(rlx status | awk 'NR == 2 {print $6}')
  rlx_new sweep "$root/scripts/bench/specs/td-lambda-cpu.yaml" --jobs 2 --isolation $isolation >/dev/null
  s2=$(rlx status | awk 'NR == 2 {print $6}')
  awk -v i="$isolation" -v a="$s1" -v b="$s2" 'BEGIN {printf "%s: --jobs 1: %.1f s, --jobs 2: %.1f s, speed-up %.2fx\n", i, a, b, a / b}'
done
echo "== 4d. against one core: --jobs 1 pinned to one core (taskset -c 0) vs --jobs 2 on both"
if command -v taskset >/dev/null; then
  for round in 1 2; do
    c1=$(secs 3 taskset -c 0 bash -c "cd '$work' && rm -rf .rlx && java -Dai.djl.offline=true -DOPT_OUT_TRACKING=true -cp '$cp' dev.rlx.cli.RlxCommand sweep '$root/scripts/bench/specs/td-lambda-cpu.yaml' --jobs 1")
    c2=$(secs 3 rlx_new sweep "$root/scripts/bench/specs/td-lambda-cpu.yaml" --jobs 2)
    awk -v a="$c1" -v b="$c2" 'BEGIN {printf "one core: %.2f s, two cores: %.2f s, speed-up %.2fx\n", a, b, a / b}'
  done
fi
echo "== 4c. the ceiling: the same trial code on 1 vs 2 threads, no scheduler or store"
(cd "$work" && java -cp "$cp" "$root/scripts/bench/ParallelCeiling.java")
