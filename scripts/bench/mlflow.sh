#!/usr/bin/env bash
# MLflow mirroring benchmarks (issue: MLflow tracking). Prints:
#  1. metric points per second from the results store to an MLflow server (the in-process test
#     server), batched 1,000 a request (goal: >= 50,000/s)
#  2. the wall-time overhead mirroring adds to a sweep (goal: < 5%), run as users run it:
#     through scripts/rlx (C1-only driver, class-data sharing), for two sweeps:
#       deep-RL-like: 8 Mountain Car SARSA(λ) trials of ~3 s of compute, 3,000 metric points each
#       firehose:     8 CPU-bound TD(λ) trials, 320,000 metric points in all
#     each at --jobs 2 (every core busy with trials; the test server shares them) and 1.
#     Runs with --no-mlflow and with --mlflow-uri alternate (which goes first alternates too),
#     RUNS rounds (default 5); the overhead is the median over rounds of the per-round
#     wall-time ratio, with the lowest and highest ratio as its spread; likewise the rlx
#     process's CPU time (user + sys).
#  3. (with RLX_MLFLOW_REAL_URI) the 7,200-trial td-lambda sweep against a real MLflow server.
#  SPECS="mc td" picks the sweeps (mcl: the deep-RL-like one with 5× longer trials, not run by
#  default), JOBS="2 1" the slot counts.
# The test server runs in a JVM of its own, as a real server would, on the same machine.
# Needs a built rlx: ./mvnw -q -B -DskipTests package
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
if [[ ! -f platform/cli/target/rlx.jar || ! -f platform/testkit/target/rlx-testkit-0.1.0.jar ]]; then
  echo "build rlx first: ./mvnw -q -B -DskipTests package" >&2
  exit 1
fi
cp="$root/platform/cli/target/rlx.jar:$root/platform/testkit/target/rlx-testkit-0.1.0.jar"
work="$(mktemp -d)"
server_pid=
cleanup() { [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
rlx() { (cd "$work" && RLX_NO_BUILD=1 "$root/scripts/rlx" "$@"); }
runs="${RUNS:-5}"

echo "== 1. metric points per second to the MLflow test server (200,000 points, 1,000 per log-batch)"
(cd "$work" && java -cp "$cp" "$root/scripts/bench/MlflowThroughput.java" "$work" 200000)

echo "== 2. wall-time overhead of mirroring, through scripts/rlx, $runs alternated rounds"
mkfifo "$work/server-in"
java -cp "$cp" "$root/scripts/bench/MlflowServe.java" 0 < "$work/server-in" > "$work/server-out" &
server_pid=$!
exec 3> "$work/server-in"
for _ in $(seq 50); do [[ -s "$work/server-out" ]] && break; sleep 0.2; done
uri="$(head -1 "$work/server-out")"
rlx validate "$root/scripts/bench/specs/td-lambda-cpu.yaml" >/dev/null # records the class-data archive first
# Wall and CPU (user + sys) seconds of one `rlx sweep`, in a fresh store.
measure() { rm -rf "$work/.rlx/results"*; (cd "$work" && RLX_NO_BUILD=1 /usr/bin/time -f "%e %U %S" -o "$work/time" \
    "$root/scripts/rlx" sweep "$@" >"$work/out" 2>"$work/stderr") || { cat "$work/stderr" >&2; exit 1; }
    awk '{printf "%.3f %.3f", $1, $2 + $3}' "$work/time"; }
# median, min and max of the numbers on stdin
stats() { sort -g | awk '{a[NR] = $1} END {m = NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%+.1f%% (range %+.1f%% .. %+.1f%%)", (m - 1) * 100, (a[1] - 1) * 100, (a[NR] - 1) * 100}'; }
for name in ${SPECS:-mc td}; do
  case "$name" in
    mc) spec="$root/scripts/bench/specs/mountain-car-mlflow.yaml"; what="deep-RL-like: 8 Mountain Car trials of seconds, 24,000 points" ;;
    mcl) spec="$root/scripts/bench/specs/mountain-car-mlflow-long.yaml"; what="deep-RL-like, 5× longer: 8 Mountain Car trials of ~15 s, 120,000 points" ;;
    td) spec="$root/scripts/bench/specs/td-lambda-cpu.yaml"; what="firehose: 8 TD(λ) trials, 320,000 points" ;;
  esac
  for jobs in ${JOBS:-2 1}; do
    echo "-- $what, --jobs $jobs"
    : > "$work/ratios"
    for round in $(seq "$runs"); do
      if (( round % 2 )); then
        read -r w0 c0 <<<"$(measure "$spec" --jobs "$jobs" --no-mlflow)"
        read -r w1 c1 <<<"$(measure "$spec" --jobs "$jobs" --mlflow-uri "$uri")"
      else
        read -r w1 c1 <<<"$(measure "$spec" --jobs "$jobs" --mlflow-uri "$uri")"
        read -r w0 c0 <<<"$(measure "$spec" --jobs "$jobs" --no-mlflow)"
      fi
      unsynced=$(rlx mlflow sync 2>&1 | head -1)
      echo "$w0 $w1 $c0 $c1" >> "$work/ratios"
      awk -v r="$round" -v w0="$w0" -v w1="$w1" -v c0="$c0" -v c1="$c1" -v s="$unsynced" 'BEGIN {printf "round %d: wall %.2f s -> %.2f s (%+.1f%%), rlx CPU %.2f s -> %.2f s (%+.1f%%); then `rlx mlflow sync`: %s\n", r, w0, w1, (w1 - w0) / w0 * 100, c0, c1, (c1 - c0) / c0 * 100, s}'
    done
    printf -- "--jobs %s: wall overhead median %s; rlx CPU median %s\n" "$jobs" \
      "$(awk '{print $2 / $1}' "$work/ratios" | stats)" "$(awk '{print $4 / $3}' "$work/ratios" | stats)"
  done
done
exec 3>&-
wait "$server_pid" 2>/dev/null || true
server_pid=
tail -n +2 "$work/server-out"

# 3. Against a real MLflow 2.17.0 server (scripts/mlflow/local-mlflow.sh; skipped without
# RLX_MLFLOW_REAL_URI), alternated with --no-mlflow, --jobs 2, RUNS rounds:
#   experiments/td-lambda-random-walk.yaml (7,200 trials) with tracking.mlflow.runs as it is
#   (auto: 72 group runs), and forced to trials with REAL_TRIALS=1 (a run per trial: minutes);
#   scripts/bench/specs/ppo-cartpole-mlflow.yaml (deep RL: 2 PPO trials, metrics streamed live).
# Each MLflow round says what `rlx sweep` left unsent for `rlx mlflow sync`, if anything.
if [[ -n "${RLX_MLFLOW_REAL_URI:-}" ]]; then
  echo "== 3. against the real MLflow server at $RLX_MLFLOW_REAL_URI, $runs alternated rounds"
  layouts="${REAL_LAYOUTS:-auto ppo}"; [[ -n "${REAL_TRIALS:-}" ]] && layouts="auto trials ppo"
  for layout in $layouts; do
    spec="$work/td-lambda-$layout.yaml"
    sed "s/^name: td-lambda-random-walk/name: td-lambda-$layout/" "$root/experiments/td-lambda-random-walk.yaml" > "$spec"
    [[ "$layout" == trials ]] && printf 'tracking: {mlflow: {runs: trials}}\n' >> "$spec"
    label="td-lambda-random-walk, runs: $layout"
    [[ "$layout" == ppo ]] && { spec="$root/scripts/bench/specs/ppo-cartpole-mlflow.yaml"; label="ppo-cartpole-mlflow (deep RL)"; }
    : > "$work/ratios"
    for round in $(seq "$runs"); do
      read -r w0 c0 <<<"$(measure "$spec" --jobs 2 --no-mlflow)"
      read -r w1 c1 <<<"$(measure "$spec" --jobs 2 --mlflow-uri "$RLX_MLFLOW_REAL_URI")"
      left=$(grep -o '[0-9]* trials are not yet in MLflow' "$work/stderr" "$work/out" 2>/dev/null | head -1 || true)
      echo "$w0 $w1" >> "$work/ratios"
      echo "$label, round $round: wall $w0 s -> $w1 s${left:+; $left}"
    done
    printf -- "%s: wall overhead median %s\n" "$label" "$(awk '{print $2 / $1}' "$work/ratios" | stats)"
  done
fi
