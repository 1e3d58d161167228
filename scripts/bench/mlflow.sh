#!/usr/bin/env bash
# MLflow mirroring benchmarks (issue: MLflow tracking). Prints:
#  1. metric points per second from the results store to an MLflow server (the in-process test
#     server), batched 1,000 a request through the MLflow Java client (goal: >= 50,000/s)
#  2. the wall-time overhead mirroring adds to a sweep: the same CPU-bound sweep (8 TD(λ)
#     trials, 320,000 metric points) with --no-mlflow and with --mlflow-uri, alternated, at
#     --jobs 2 and 1 on this machine (goal: < 5%); also the rlx process's CPU time
#  RUNS=N sets the alternations (default 3).
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
runs="${RUNS:-3}"

echo "== 1. metric points per second to the MLflow test server (200,000 points, 1,000 per log-batch)"
(cd "$work" && java -cp "$cp" "$root/scripts/bench/MlflowThroughput.java" "$work" 200000)

echo "== 2. overhead of mirroring: 8 CPU-bound TD(λ) trials (320,000 metric points), without and with MLflow, alternated $runs times"
mkfifo "$work/server-in"
java -cp "$cp" "$root/scripts/bench/MlflowServe.java" 0 < "$work/server-in" > "$work/server-out" &
server_pid=$!
exec 3> "$work/server-in"
for _ in $(seq 50); do [[ -s "$work/server-out" ]] && break; sleep 0.2; done
uri="$(head -1 "$work/server-out")"
spec="$root/scripts/bench/specs/td-lambda-cpu.yaml"
# Wall and CPU (user + sys) seconds of one `rlx sweep`, in a fresh store.
measure() { rm -rf "$work/.rlx"; (cd "$work" && /usr/bin/time -f "%e %U %S" -o "$work/time" java -Dai.djl.offline=true \
    -DOPT_OUT_TRACKING=true -cp "$cp" dev.rlx.cli.RlxCommand sweep "$spec" "$@" >/dev/null); awk '{printf "%.3f %.3f", $1, $2 + $3}' "$work/time"; }
for jobs in 2 1; do
  echo "-- --jobs $jobs$([[ $jobs == 2 ]] && echo ' (every core busy with trials; the test server shares them)' || echo ' (a core left for the mirror and the server)')"
  sum="0 0 0 0"
  for round in $(seq "$runs"); do
    read -r w0 c0 <<<"$(measure --jobs "$jobs" --no-mlflow)"
    read -r w1 c1 <<<"$(measure --jobs "$jobs" --mlflow-uri "$uri")"
    synced=$(rlx mlflow sync 2>&1 | head -1)
    awk -v r="$round" -v w0="$w0" -v w1="$w1" -v c0="$c0" -v c1="$c1" -v s="$synced" 'BEGIN {printf "round %d: wall %.2f s -> %.2f s (%+.1f%%), rlx CPU %.2f s -> %.2f s (%+.1f%%); then `rlx mlflow sync`: %s\n", r, w0, w1, (w1 - w0) / w0 * 100, c0, c1, (c1 - c0) / c0 * 100, s}'
    sum=$(awk -v s="$sum" -v w0="$w0" -v w1="$w1" -v c0="$c0" -v c1="$c1" 'BEGIN {split(s, a, " "); print a[1] + w0, a[2] + w1, a[3] + c0, a[4] + c1}')
  done
  awk -v s="$sum" 'BEGIN {split(s, a, " "); printf "--jobs %s overall: wall %.2f s -> %.2f s: overhead %+.1f%% (ratio %.3f); rlx CPU %+.1f%%\n", "'"$jobs"'", a[1], a[2], (a[2] - a[1]) / a[1] * 100, a[2] / a[1], (a[4] - a[3]) / a[3] * 100}'
done
exec 3>&-
wait "$server_pid" 2>/dev/null || true
server_pid=
cat "$work/server-out" | tail -n +2
