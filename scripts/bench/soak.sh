#!/usr/bin/env bash
# Fault soak (issue: many drivers, one store). Kills sweep drivers with SIGKILL at random
# moments, reruns, and compares the final store with what an uninterrupted run writes:
#   1. ROUNDS rounds of a thread sweep (40 trials × 20 metric rows, 50 ms each) and of a process
#      sweep (6 trials, a worker JVM each): one driver, killed at a random moment, then rerun;
#   2. ROUNDS/5 rounds each with two and with three concurrent drivers on one store, one of
#      them killed at a random moment, the others left to finish (they take its trials over).
# After every round: trials COMPLETED (expected all), RUNNING (expected 0), metric rows lost and
# duplicated (expected 0), for a total at the end. Arguments: ROUNDS (default 50), SEED, and
# the rounds of part 2 (default ROUNDS/5).
# Uses the testkit's scripted algorithm, so it runs rlx with the testkit jar on the classpath.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
rounds="${1:-50}"
RANDOM="${2:-7}"
[[ -f platform/cli/target/rlx.jar && -f platform/testkit/target/rlx-testkit-0.1.0.jar ]] || ./mvnw -q -B -o -DskipTests install
cp="$root/platform/cli/target/rlx.jar:$root/platform/testkit/target/rlx-testkit-0.1.0.jar"
h2="$(ls "$HOME"/.m2/repository/com/h2database/h2/*/h2-*.jar | head -1)"
driver() { # STORE SPEC [OUT]: a driver in the background; its pid in $!
  (cd "$work" && exec java -Xshare:auto -XX:TieredStopAtLevel=1 -Dai.djl.offline=true -DOPT_OUT_TRACKING=true -cp "$cp" \
    dev.rlx.cli.RlxCommand sweep "$2" --store "$1" --jobs 2 --retry-backoff 0s >"${3:-/dev/null}" 2>&1) &
}
sql() { # STORE QUERY → the single value it selects
  java -cp "$h2" org.h2.tools.Shell -url "jdbc:h2:file:$1/results;AUTO_SERVER=TRUE;MAX_COMPACT_TIME=0" -user rlx -password "" \
    -sql "$2" | sed -n 2p | sed 's/ *$//'
}
soak_spec() { # ISOLATION SLEEP_MS SEEDS → the soak's spec for that isolation
  printf '%s\n' "name: soak-$1" "environment: {id: null-env}" \
    "algorithm: {id: scripted, params: {mode: sleep, duration_ms: $2, metrics: 20}}" "budget: {episodes: 1}" \
    "resources: {isolation: $1}" "sweep: {seeds: $3}" > "$work/$1.yaml"
}
soak_spec thread 50 40
soak_spec process 300 6
kills=0; compared=0; lost=0; duplicated=0; stuck=0; incomplete=0
check() { # STORE EXPERIMENT TRIALS ROWS_PER_TRIAL LABEL
  local store="$1" e="$2" n="$3" per="$4" done running rows distinct claims
  read -r done running rows distinct claims < <(sql "$store" "SELECT
    (SELECT COUNT(*) FROM trials WHERE experiment = '$e' AND status = 'COMPLETED') || ' ' ||
    (SELECT COUNT(*) FROM trials WHERE experiment = '$e' AND status = 'RUNNING') || ' ' ||
    (SELECT COUNT(*) FROM metrics m JOIN trials t ON t.pk = m.trial_pk WHERE t.experiment = '$e') || ' ' ||
    (SELECT COUNT(*) FROM (SELECT DISTINCT m.trial_pk, m.key_id, m.step FROM metrics m JOIN trials t ON t.pk = m.trial_pk
      WHERE t.experiment = '$e')) || ' ' || (SELECT MAX(claims) FROM trials WHERE experiment = '$e')" | tr -d "'") || true
  [[ "$done $running $rows $distinct" =~ ^[0-9]+\ [0-9]+\ [0-9]+\ [0-9]+$ ]] || { done=0 running=0 rows=0 distinct=0 claims="(no store)"; }
  compared=$((compared + rows))
  lost=$((lost + n * per - distinct)); duplicated=$((duplicated + rows - distinct))
  stuck=$((stuck + running)); incomplete=$((incomplete + n - done))
  printf '%-46s completed %3d/%d, running %d, rows %5d (expected %d, distinct %d), most claims of a trial %s\n' \
    "$5" "$done" "$n" "$running" "$rows" $((n * per)) "$distinct" "$claims"
}
one_driver_round() { # KIND TRIALS ROWS MAX_KILL_TENTHS ROUND
  local store="$work/store-$1-$5"
  driver "$store" "$work/$1.yaml"; local pid=$!
  sleep "$(awk -v r=$RANDOM -v m="$4" 'BEGIN {printf "%.2f", 1.2 + (r % (m * 100)) / 100}')"
  kill -KILL "$pid" 2>/dev/null && kills=$((kills + 1)) || true
  wait "$pid" 2>/dev/null || true
  driver "$store" "$work/$1.yaml" "$work/rerun.out"; wait $! || true
  local at
  at=$(grep -o '[0-9]* skipped' "$work/rerun.out" | grep -o '[0-9]*' || echo 0)
  check "$store" "soak-$1" "$2" "$3" "$1 round $5, killed at $at/$2"
  rm -rf "$store"
}
many_drivers_round() { # KIND TRIALS ROWS DRIVERS ROUND
  local store="$work/store-many-$1-$5" pids=() d
  for d in $(seq "$4"); do driver "$store" "$work/$1.yaml" "$work/many-$d.out"; pids+=($!); sleep 0.2; done
  sleep "$(awk -v r=$RANDOM 'BEGIN {printf "%.2f", 1 + (r % 200) / 100}')"
  local victim=${pids[$((RANDOM % $4))]}
  kill -KILL "$victim" 2>/dev/null && kills=$((kills + 1)) || true
  for d in "${pids[@]}"; do wait "$d" 2>/dev/null || true; done
  check "$store" "soak-$1" "$2" "$3" "$1, $4 drivers, one killed, round $5"
  for d in $(seq "$4"); do  # a survivor that did not end cleanly says why
    if [ "${pids[$((d - 1))]}" != "$victim" ] && grep -q "rlx: error" "$work/many-$d.out"; then
      echo "  driver $d: $(grep -m1 'rlx: error' "$work/many-$d.out")"
    fi
  done
  rm -rf "$store"
}
# Rows per trial: the metric rows plus what the trial's host metrics add, read from one clean run.
for kind in thread process; do
  driver "$work/clean-$kind" "$work/$kind.yaml"; wait $!
  n=$(sql "$work/clean-$kind" "SELECT COUNT(*) FROM trials")
  per=$(( $(sql "$work/clean-$kind" "SELECT COUNT(*) FROM metrics") / n ))
  eval "n_$kind=$n per_$kind=$per"
  echo "uninterrupted $kind sweep: $n trials, $per metric rows each"
done
start=$(date +%s)
for r in $(seq "$rounds"); do
  one_driver_round thread "$n_thread" "$per_thread" 2 "$r"
  one_driver_round process "$n_process" "$per_process" 4 "$r"
done
for r in $(seq "${3:-$((rounds / 5))}"); do
  many_drivers_round thread "$n_thread" "$per_thread" 2 "$r"
  many_drivers_round thread "$n_thread" "$per_thread" 3 "$r"
  many_drivers_round process "$n_process" "$per_process" 2 "$r"
done
echo "== soak: $kills kills in $((rounds * 2 + ${3:-$((rounds / 5))} * 3)) rounds, $compared metric rows compared:" \
  "lost $lost, duplicated $duplicated, trials stuck RUNNING $stuck, trials not completed $incomplete ($(( $(date +%s) - start )) s)"
[ "$lost" = 0 ] && [ "$duplicated" = 0 ] && [ "$stuck" = 0 ] && [ "$incomplete" = 0 ]
