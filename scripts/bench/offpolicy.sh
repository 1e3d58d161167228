#!/usr/bin/env bash
# Off-policy continuous-control benchmark (issue: continuous control, "Performance"): gradient
# updates per second of SAC and TD3 on Pendulum-v1 at CleanRL's settings, one core, one thread,
# rlx beside a PyTorch peer (scripts/bench/peers/: plain PyTorch, CleanRL's settings, no CleanRL
# code). For each algorithm, in the same run:
#   peer: scripts/bench/peers/{sac,td3}_continuous.py
#   rlx:  `rlx sweep` of a one-trial spec (process isolation, cpus 1); its trial logs
#         perf/updates_per_second and perf/update_seconds at the end of training
# Both count updates per second since learning started, environment steps included, as a user
# sees them; the peer also prints the time inside its update function alone ("pure").
#   STEPS (default 15000) environment steps, LEARNING_STARTS (default 5000): STEPS - LEARNING_STARTS
#   updates; CPU (default 1) the core everything is pinned to; ALGOS (default "sac td3").
#   RLX_BENCH_VENV (default scripts/bench/.venv): the peers' Python environment, created when
#   missing (torch 2.13.0 CPU, gymnasium 1.3.0, numpy).
# Needs a built rlx for the rlx side (./mvnw -q -B -DskipTests install); without it, or without
# the sac / td3 plugins, the peer numbers are still printed.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
steps="${STEPS:-15000}"
starts="${LEARNING_STARTS:-5000}"
cpu="${CPU:-1}"
venv="${RLX_BENCH_VENV:-$root/scripts/bench/.venv}"
packages=(torch==2.13.0 gymnasium==1.3.0 numpy)
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1

if ! "$venv/bin/python" -c "import torch, gymnasium, numpy" 2>/dev/null; then
  echo "== creating the peers' Python environment $venv: pip install ${packages[*]}"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "${packages[@]}"
fi
"$venv/bin/python" -c "import torch, gymnasium; print('peer: torch', torch.__version__, '· gymnasium', gymnasium.__version__)"

# Why the rlx side cannot run plugin $1, or nothing when it can.
rlx_missing() {
  local described
  if [[ ! -f platform/cli/target/rlx.jar ]]; then
    echo "rlx not built: run ./mvnw -q -B -DskipTests install"
  elif ! described=$(rlx describe "$1" 2>&1); then
    echo "plugin $1 not found: build main with the continuous-control family ($(tail -1 <<<"$described" | cut -c1-120)...)"
  elif grep -q "^Runs: not yet" <<<"$described"; then
    echo "plugin $1 is declared but cannot run yet: build main with the continuous-control family"
  elif ! grep -q "learning_starts" <<<"$described"; then
    echo "plugin $1 has no parameter learning_starts (rlx describe $1)"
  fi
}

# value of metric $2 in `rlx export $1 --format csv` (its last row; empty when not logged)
metric() {
  rlx export "$1" --format csv | "$venv/bin/python" -c '
import csv, sys
rows = [r for r in csv.DictReader(sys.stdin) if r["key"] == sys.argv[1]]
print(rows[-1]["value"] if rows else "")' "$2"
}

echo "== Pendulum-v1, $steps steps, learning starts $starts ($((steps - starts)) updates), core $cpu, one thread"
table=()
for algo in ${ALGOS:-sac td3}; do
  echo "-- $algo: peer"
  line=$(taskset -c "$cpu" "$venv/bin/python" "$root/scripts/bench/peers/${algo}_continuous.py" \
    --total-steps "$steps" --learning-starts "$starts" --seed 1 | tail -1)
  echo "$line"
  peer=$(sed -E 's/.* updates_per_second=([0-9.]+).*/\1/' <<<"$line")
  pure=$(sed -E 's/.* pure_updates_per_second=([0-9.]+).*/\1/' <<<"$line")

  echo "-- $algo: rlx"
  ours=
  why=$(rlx_missing "$algo")
  if [[ -n "$why" ]]; then
    echo "$why"
  else
    cat > "$work/$algo.yaml" <<SPEC
version: 1
name: bench-$algo
environment: {id: Pendulum-v1}
algorithm: {id: $algo, params: {learning_starts: $starts}}
budget: {env_steps: $steps}
sweep: {seeds: 1}
resources: {cpus: 1, timeout: 30m, isolation: process}
SPEC
    t0=$(date +%s.%N)
    if taskset -c "$cpu" bash -c "cd '$work' && RLX_NO_BUILD=1 '$root/scripts/rlx' sweep $algo.yaml --jobs 1" \
        > "$work/$algo.log" 2>&1; then
      total=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')
      ours=$(metric "bench-$algo" perf/updates_per_second || true)
      seconds=$(metric "bench-$algo" perf/update_seconds || true)
      if [[ -n "$ours" ]]; then
        echo "updates_per_second=$ours update_seconds=$seconds end_to_end=${total}s (JVM, engine, store, report)"
      else
        echo "the trial logged no perf/updates_per_second; rlx runs bench-$algo:"
        rlx runs "bench-$algo" 2>&1 | tail -5 || true
      fi
    else
      echo "rlx sweep of bench-$algo failed; its output's end:"
      tail -15 "$work/$algo.log"
    fi
  fi
  table+=("$algo ${peer:-nan} ${pure:-nan} ${ours:-nan}")
done

echo "== updates per second since learning started (environment steps included); peer pure: update() alone"
printf '%-10s %12s %17s %12s %14s\n' algorithm "peer upd/s" "peer pure upd/s" "rlx upd/s" "rlx/peer"
for row in "${table[@]}"; do
  read -r algo peer pure ours <<<"$row"
  awk -v a="$algo" -v p="$peer" -v q="$pure" -v o="$ours" 'BEGIN {
    r = (o == "nan" || p == "nan" || p == 0) ? "n/a" : sprintf("%.2f", o / p)
    printf "%-10s %12s %17s %12s %14s\n", a, p, q, (o == "nan" ? "n/a" : sprintf("%.1f", o)), r }'
done
