#!/usr/bin/env bash
# A real MLflow 2.17.0 tracking server (REST API and web UI) on 127.0.0.1 for the MLflow
# integration tests and benchmarks, run by the team's shared recipe (shared/mlflow/mlflow-server.sh:
# MLflow from its release sources on Debian's Python, sqlite backend, 2 gunicorn workers).
#
#   local-mlflow.sh start [PORT]   start it (default port 5077, a fresh data dir); prints
#                                  `export RLX_MLFLOW_REAL_URI=http://127.0.0.1:PORT` for eval
#   local-mlflow.sh stop [PORT]
#   local-mlflow.sh resume [PORT]  start again a server stopped here, keeping its data (the outage tests)
#
# The recipe is looked for at $RLX_MLFLOW_SERVER_SH, then ../shared/mlflow/ beside this checkout,
# then /work/shared/mlflow/. Without it, start says so and exits 3 (the tests that need the server
# then skip themselves, saying why).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
find_recipe() {
  local c
  for c in "${RLX_MLFLOW_SERVER_SH:-}" "$root/../shared/mlflow/mlflow-server.sh" /work/shared/mlflow/mlflow-server.sh; do
    [[ -n "$c" && -f "$c" ]] && { echo "$c"; return 0; }
  done
  return 1
}
cmd="${1:-start}"
port="${2:-5077}"
recipe="$(find_recipe)" || { echo "local-mlflow.sh: no shared/mlflow/mlflow-server.sh here (set RLX_MLFLOW_SERVER_SH)" >&2; exit 3; }
export MLFLOW_DATA="${MLFLOW_DATA:-/tmp/rlx-mlflow-$port}"
case "$cmd" in
  start)
    # A fresh server each time: tests count runs per experiment name.
    bash "$recipe" stop "$port" >/dev/null 2>&1 || true
    rm -rf "$MLFLOW_DATA"
    bash "$recipe" start "$port" >&2
    echo "export RLX_MLFLOW_REAL_URI=http://127.0.0.1:$port"
    ;;
  stop) bash "$recipe" stop "$port" >&2 ;;
  resume) bash "$recipe" start "$port" >&2 ;;
  *) echo "usage: local-mlflow.sh start|stop|resume [PORT]" >&2; exit 2 ;;
esac
