#!/usr/bin/env bash
# Gymnasium bridge benchmark (issue: Gymnasium environments, "Performance"): environment steps
# per second through rlx's bridge (scripts/bench/GymnasiumBridgeBench.java) beside Gymnasium's own
# SyncVectorEnv and AsyncVectorEnv (scripts/bench/peers/gymnasium_vector.py), same task, same
# number of copies, same-step autoreset, random actions drawn in advance, in one run. For each
# task and copy count:
#   sync      SyncVectorEnv: every copy in one Python process
#   bridge/1  rlx, one Python worker hosting every copy    (goal: ≥ 0.9 × sync for MuJoCo tasks)
#   async     AsyncVectorEnv: a Python process per copy
#   bridge/2  rlx, two Python workers, half the copies each (goal: > sync on two cores)
#   IDS (default "HalfCheetah-v5 CartPole-v1"), COPIES (default "1 4"), STEPS (default 5000 batch
#   steps per timing), REPEATS (default 3; the median is quoted).
# The Python is the venv of scripts/gymnasium/setup-venv.sh (made when missing), or $RLX_PYTHON.
# Needs a built rlx (./mvnw -q -B -DskipTests install).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
steps="${STEPS:-5000}"
repeats="${REPEATS:-3}"
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
[[ -f platform/cli/target/rlx.jar ]] || { echo "rlx not built: run ./mvnw -q -B -DskipTests install" >&2; exit 1; }
if [[ -z "${RLX_PYTHON:-}" ]]; then
  eval "$(bash scripts/gymnasium/setup-venv.sh)"
fi
"$RLX_PYTHON" -c "import gymnasium, mujoco; print('gymnasium', gymnasium.__version__, '· mujoco', mujoco.__version__)"

rate() { sed -E 's/.* steps_per_second=([0-9.]+).*/\1/' <<<"$1"; }
peer() { "$RLX_PYTHON" scripts/bench/peers/gymnasium_vector.py --id "$1" --copies "$2" --kind "$3" --steps "$steps" --repeats "$repeats"; }
bridge() {
  java -XX:+UseSerialGC -cp platform/cli/target/rlx.jar scripts/bench/GymnasiumBridgeBench.java \
    "$1" "$2" "$3" "$steps" "$repeats" "$RLX_PYTHON" 2>"$work/bridge.err" \
    || { tail -5 "$work/bridge.err" >&2; echo "steps_per_second=nan"; }
}

table=()
for id in ${IDS:-HalfCheetah-v5 CartPole-v1}; do
  for copies in ${COPIES:-1 4}; do
    echo "== $id, $copies copies, $steps batch steps × $repeats"
    line=$(peer "$id" "$copies" sync); echo "$line"; sync=$(rate "$line")
    line=$(bridge "$id" "$copies" 1); echo "$line"; one=$(rate "$line")
    async=nan; two=nan
    if (( copies > 1 )); then
      line=$(peer "$id" "$copies" async); echo "$line"; async=$(rate "$line")
      line=$(bridge "$id" "$copies" 2); echo "$line"; two=$(rate "$line")
    fi
    table+=("$id $copies $sync $one $async $two")
  done
done

echo "== environment steps per second (median of $repeats); ratios against SyncVectorEnv"
printf '%-16s %6s %10s %10s %10s %10s %10s %10s\n' task copies sync bridge/1 async bridge/2 "b/1÷sync" "b/2÷sync"
for row in "${table[@]}"; do
  read -r id copies sync one async two <<<"$row"
  awk -v i="$id" -v c="$copies" -v s="$sync" -v o="$one" -v a="$async" -v t="$two" 'BEGIN {
    r1 = (o == "nan" || s == 0) ? "n/a" : sprintf("%.2f", o / s)
    r2 = (t == "nan" || s == 0) ? "n/a" : sprintf("%.2f", t / s)
    printf "%-16s %6s %10s %10s %10s %10s %10s %10s\n", i, c, s, o, a, t, r1, r2 }'
done
