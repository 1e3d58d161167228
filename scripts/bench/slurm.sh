#!/usr/bin/env bash
# Slurm executor benchmarks (issue: Slurm executor). Needs a running cluster
# (sudo bash scripts/slurm/start-local-slurm.sh). Prints:
#  1. submit-to-first-trial-running latency: from sbatch's answer (the driver printing
#     "submitted") to the first array task in RUNNING (squeue polled every 20 ms), 5 rounds
#  2. the driver's overhead per trial: N no-op trials through a job array vs the local executor
#     (process isolation, the same parallelism), end-to-end wall time per trial and the
#     driver's CPU time per trial (for Slurm: the driver and its scontrol calls only; locally
#     the workers are the driver's children, so their CPU counts too), as ratios
# Uses the testkit's scripted plugin, so it runs rlx with the testkit jar on the classpath.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
[[ -f platform/cli/target/rlx.jar && -f platform/testkit/target/rlx-testkit-0.1.0.jar ]] || ./mvnw -q -B -DskipTests install
command -v sbatch >/dev/null || { echo "no sbatch on the PATH: start a cluster with scripts/slurm/start-local-slurm.sh" >&2; exit 1; }
cp="$root/platform/cli/target/rlx.jar:$root/platform/testkit/target/rlx-testkit-0.1.0.jar"
rlx() { (cd "$work" && java -Dai.djl.offline=true -DOPT_OUT_TRACKING=true -cp "$cp" dev.rlx.cli.RlxCommand "$@"); }
now() { date +%s.%N; }
N="${N:-24}"
PAR="${PAR:-8}"

# spec FILE NAME PARAMS LINE...: a sweep of one-episode trials of the scripted plugin on null-env,
# PARAMS its parameters, the LINEs (executor, sweep, ...) after the budget
spec() {
  local file="$1" name="$2" params="$3"
  shift 3
  { printf 'name: %s\nenvironment: {id: null-env}\n' "$name"
    printf 'algorithm: {id: scripted, params: {%s}}\nbudget: {episodes: 1}\n' "$params"
    printf '%s\n' "$@"; } > "$work/$file"
}

spec latency.yaml bench-latency "mode: sleep, duration_ms: 1000" "executor: {type: slurm}" "sweep: {seeds: 1}"
echo "== 1. submit -> first trial RUNNING (one-task array, idle node)"
for round in 1 2 3 4 5; do
  rm -rf "$work/.rlx"
  rlx sweep "$work/latency.yaml" --detach > "$work/detach.out" 2>&1 &
  pid=$!
  until grep -q submitted "$work/detach.out" 2>/dev/null; do sleep 0.005; done
  t_sub=$(now)
  id=$(grep -o 'job array [0-9]*' "$work/detach.out" | awk '{print $3}')
  until [[ -n "$(squeue -h -j "$id" -t R,CG,CD -o %i 2>/dev/null)" ]]; do sleep 0.02; done
  t_run=$(now)
  wait "$pid"
  awk -v a="$t_sub" -v b="$t_run" -v r="$round" 'BEGIN {printf "round %d: %.0f ms\n", r, (b - a) * 1000}'
  while [[ -n "$(squeue -h -j "$id" -t PD,R,CG -o %i 2>/dev/null)" ]]; do sleep 0.2; done
done

spec noop.yaml bench-overhead "mode: complete, metrics: 10" "resources: {isolation: process}" \
  "executor: {type: slurm, max_parallel: $PAR}" "sweep: {seeds: $N}"
measure() {  # prints "wall user+sys" of an rlx sweep in a fresh store
  rm -rf "$work/.rlx"
  local TIMEFORMAT='%R %U %S'
  { time rlx "$@" >/dev/null 2>&1; } 2>&1 | awk '{printf "%s %.3f\n", $1, $2 + $3}'
}
echo "== 2. driver overhead: $N no-op trials (each one worker JVM), $PAR at a time"
for round in 1 2; do
  read -r s_wall s_cpu < <(measure sweep "$work/noop.yaml")
  read -r l_wall l_cpu < <(measure sweep "$work/noop.yaml" --executor local --jobs "$PAR")
  awk -v n="$N" -v sw="$s_wall" -v sc="$s_cpu" -v lw="$l_wall" -v lc="$l_cpu" 'BEGIN {
    printf "slurm: %.2f s wall (%.0f ms/trial), driver CPU %.2f s (%.0f ms/trial)\n", sw, sw / n * 1000, sc, sc / n * 1000
    printf "local: %.2f s wall (%.0f ms/trial), driver+workers CPU %.2f s (%.0f ms/trial)\n", lw, lw / n * 1000, lc, lc / n * 1000
    printf "ratio slurm/local: wall per trial %.2fx; slurm driver CPU per trial is %.2fx the local CPU per trial\n", sw / lw, sc / lc }'
done
