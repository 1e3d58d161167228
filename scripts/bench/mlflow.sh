#!/usr/bin/env bash
# MLflow mirroring benchmarks (issue: MLflow tracking). Prints:
#  1. metric points per second from the results store to an MLflow server (the in-process test
#     server), batched 1,000 a request through the MLflow Java client (goal: >= 50,000/s)
#  2. the wall-time overhead mirroring adds to a sweep: the same CPU-bound sweep (8 TD(λ)
#     trials, 320,000 metric points) with --no-mlflow and with --mlflow-uri, alternated
#     (goal: < 5%)
# The test server runs in a JVM of its own, as a real server would, on the same machine.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
[[ -f platform/cli/target/rlx.jar && -f platform/testkit/target/rlx-testkit-0.1.0.jar ]] || ./mvnw -q -B -DskipTests install
cp="$root/platform/cli/target/rlx.jar:$root/platform/testkit/target/rlx-testkit-0.1.0.jar"
work="$(mktemp -d)"
server_pid=
cleanup() { [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
rlx() { (cd "$work" && java -Dai.djl.offline=true -DOPT_OUT_TRACKING=true -cp "$cp" dev.rlx.cli.RlxCommand "$@"); }
rlx_new() { rm -rf "$work/.rlx"; rlx "$@"; }
secs() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null; t1=$(date +%s.%N); awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", b - a}'; }
runs="${RUNS:-2}"

echo "== 1. metric points per second to the MLflow test server (200,000 points, 1,000 per log-batch)"
(cd "$work" && java -cp "$cp" "$root/scripts/bench/MlflowThroughput.java" "$work" 200000)

echo "== 2. wall-time overhead of mirroring: 8 CPU-bound TD(λ) trials, --jobs 2, without and with MLflow, alternated $runs times"
mkfifo "$work/server-in"
java -cp "$cp" "$root/scripts/bench/MlflowServe.java" 0 < "$work/server-in" > "$work/server-out" &
server_pid=$!
exec 3> "$work/server-in"
for _ in $(seq 50); do [[ -s "$work/server-out" ]] && break; sleep 0.2; done
uri="$(head -1 "$work/server-out")"
spec="$root/scripts/bench/specs/td-lambda-cpu.yaml"
total_off=0; total_on=0
for round in $(seq "$runs"); do
  off=$(secs rlx_new sweep "$spec" --jobs 2 --no-mlflow)
  on=$(secs rlx_new sweep "$spec" --jobs 2 --mlflow-uri "$uri")
  synced=$(rlx mlflow sync 2>&1 | head -1)
  awk -v r="$round" -v a="$off" -v b="$on" 'BEGIN {printf "round %d: without %.2f s, with %.2f s end to end: overhead %+.1f%%\n", r, a, b, (b - a) / a * 100}'
  echo "  after it: $synced"
  total_off=$(awk -v t="$total_off" -v a="$off" 'BEGIN {print t + a}')
  total_on=$(awk -v t="$total_on" -v b="$on" 'BEGIN {print t + b}')
done
awk -v a="$total_off" -v b="$total_on" 'BEGIN {printf "overall: without %.2f s, with %.2f s: overhead %+.1f%% (ratio %.3f)\n", a, b, (b - a) / a * 100, b / a}'
exec 3>&-
wait "$server_pid" 2>/dev/null || true
server_pid=
cat "$work/server-out" | tail -n +2
