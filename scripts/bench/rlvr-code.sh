#!/usr/bin/env bash
# RLVR training with the code verifier as its reward: wall time of one GRPO trial on text-code
# (scripts/bench/specs/grpo-text-code.yaml), pinned to one core, with a fresh store each time.
# With BEFORE=<another rlx checkout>, runs its scripts/rlx too, interleaved, for a ratio.
# Argument: repetitions (default 2). Needs root for the full sandbox.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
spec="$root/scripts/bench/specs/grpo-text-code.yaml"
pin=()
command -v taskset >/dev/null && pin=(taskset -c 1)
run() { # NAME RLX
  local store
  store="$(mktemp -d)"
  local start end
  start=$(date +%s.%N)
  (cd "$store" && "${pin[@]}" "$2" sweep "$spec" --store "$store/store" --jobs 1 >"$store/log" 2>&1) \
    || { tail -20 "$store/log"; exit 1; }
  end=$(date +%s.%N)
  local final
  final=$(cd "$store" && "$2" runs bench-grpo-text-code --store "$store/store" --format csv \
    --metric eval/sample_reward --metric charts/reward 2>/dev/null | tail -1 | rev | cut -d, -f1-4 | rev)
  printf '%-8s %6.1f s  final/best eval/sample_reward, charts/reward: %s\n' "$1" "$(echo "$end - $start" | bc)" "$final"
  rm -rf "$store"
}
"$root/scripts/rlx" --version >/dev/null  # build first, outside the timing
[ -z "${BEFORE:-}" ] || "$BEFORE/scripts/rlx" --version >/dev/null
for i in $(seq "${1:-2}"); do
  [ -z "${BEFORE:-}" ] || run before "$BEFORE/scripts/rlx"
  run now "$root/scripts/rlx"
done
