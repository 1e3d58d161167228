#!/usr/bin/env bash
# Screenshots of a sweep in the real MLflow UI, for docs/mlflow/ (linked from the README):
# docs/mlflow/td-lambda-walk-groups.yaml swept to the server at $RLX_MLFLOW_REAL_URI (start one with
# `eval "$(scripts/mlflow/local-mlflow.sh start)"`), then headless Chromium (Debian's `chromium`):
#   group-means.png  the group runs' rms_error/mean with ci_low and ci_high (the 95% band) per λ
#   group-run.png    one group run: its params, tags (seeds, seeds completed) and metrics
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
uri="${RLX_MLFLOW_REAL_URI:?start a server: eval \"\$(scripts/mlflow/local-mlflow.sh start)\"}"
out="${1:-$root/docs/mlflow}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
(cd "$work" && "$root/scripts/rlx" sweep "$root/docs/mlflow/td-lambda-walk-groups.yaml" --fresh --mlflow-uri "$uri" | tail -1)
exp=$(curl -s "$uri/api/2.0/mlflow/experiments/get-by-name?experiment_name=td-lambda-walk-groups" \
  | python3 -c "import json,sys; print(json.load(sys.stdin)['experiment']['experiment_id'])")
# The newest sweep's group runs.
ids=$(curl -s "$uri/api/2.0/mlflow/runs/search" -H 'Content-Type: application/json' \
  -d "{\"experiment_ids\": [\"$exp\"], \"filter\": \"tags.\`rlx.run\` = 'group'\", \"order_by\": [\"start_time DESC\"], \"max_results\": 3}" \
  | python3 -c "import json,sys; print(json.dumps([r['info']['run_id'] for r in json.load(sys.stdin)['runs']]))")
query=$(python3 - "$ids" "$exp" <<'PY'
import json, sys, urllib.parse as u
ids, exp = json.loads(sys.argv[1]), sys.argv[2]
q = lambda v: u.quote(json.dumps(v))
print(f"runs={q(ids)}&metric={q('rms_error/mean')}&experiments={q([exp])}"
      f"&plot_metric_keys={q(['rms_error/mean', 'rms_error/ci_low', 'rms_error/ci_high'])}"
      "&plot_layout={}&x_axis=step&y_axis_scale=linear&line_smoothness=1&show_point=false&deselected_curves=[]&last_linear_y_axis_range=[]")
PY
)
shot() { chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --window-size="$1" --virtual-time-budget=20000 \
  --screenshot="$2" "$3" >/dev/null 2>&1; echo "$2"; }
mkdir -p "$out"
shot 1600,900 "$out/group-means.png" "$uri/#/metric?$query"
shot 1600,1000 "$out/group-run.png" "$uri/#/experiments/$exp/runs/$(python3 -c "import json; print(json.loads('$ids')[0])")"
