#!/usr/bin/env bash
# Deep-RL benchmarks (issue: deep RL on DJL). Prints:
#  1. environment steps per second of CartPole-v1 (goal >= 10 M/s), Acrobot-v1, MountainCar-v0,
#     MountainCarContinuous-v0 and Pendulum-v1, vectorised (8 copies), one thread
#  2. PPO on CartPole-v1 at its defaults, one trial on one core: environment steps per second
#     over the trial's training (JVM and engine start excluded), and end to end
#  3. the wall time of the whole headline sweep, experiments/gae-lambda.yaml, --jobs 2
#  4. SAC and TD3 updates per second beside PyTorch peers (scripts/bench/offpolicy.sh)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
[[ -f platform/cli/target/rlx.jar ]] || ./mvnw -q -B -DskipTests install

echo "== 1. environment steps per second (random actions, one thread): the Gymnasium classic-control ids"
java -cp "$root/platform/cli/target/rlx.jar" "$root/scripts/bench/EnvSteps.java" | grep -E -- "-v[0-9]"

echo "== 2. PPO on CartPole-v1, defaults, 100,000 steps, one core"
cat > "$work/ppo.yaml" <<'SPEC'
version: 1
name: bench-ppo
environment: {id: CartPole-v1}
algorithm: {id: ppo}
budget: {env_steps: 100000}
sweep: {seeds: 1}
resources: {cpus: 1, timeout: 30m, isolation: process}
SPEC
total=$(secs 1 taskset -c 0 bash -c "cd '$work' && RLX_NO_BUILD=1 '$root/scripts/rlx' sweep ppo.yaml --jobs 1")
wall=$(rlx export bench-ppo --format csv | awk -F, '$5 == "charts/learning_rate" {w = $8; s = $6} END {printf "%.2f %d", w, s}')
awk -v w="${wall% *}" -v s="${wall#* }" -v t="$total" 'BEGIN {printf "training: %d steps in %.1f s = %.0f steps/s; end to end (JVM, engine, store, report): %.1f s\n", s, w, s / w, t}'

echo "== 3. the headline sweep: experiments/gae-lambda.yaml (6 λ × 5 seeds), --jobs 2"
echo "wall time: $(secs 1 rlx sweep "$root/experiments/gae-lambda.yaml" --jobs 2) s"
rlx report "$root/experiments/gae-lambda.yaml" | grep -E "^(✓|✗)|claims"

echo "== 4. the off-policy family: SAC and TD3 updates per second on Pendulum-v1 beside PyTorch peers"
bash "$root/scripts/bench/offpolicy.sh"
