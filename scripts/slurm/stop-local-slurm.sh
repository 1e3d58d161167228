#!/usr/bin/env bash
# Vendored from the team's shared/slurm/stop-local-slurm.sh (tested recipe; see scripts/slurm/README.md).
# Keep in sync with the original rather than editing here.
# Stop the daemons that start-local-slurm.sh started (recorded as pid files in /run/local-slurm).
# Daemons it did not start (e.g. a munged that was already running) are left alone.
# Jobs still queued or running are cancelled first unless SLURM_LOCAL_KEEP_JOBS=1.
# Safe to re-run.
set -uo pipefail
export PATH="/usr/sbin:/usr/bin:/sbin:/bin:$PATH"

STATE_DIR=/run/local-slurm
log() { echo "[stop-local-slurm] $*"; }

# pid_of NAME -> prints the pid recorded for NAME if that process is alive and is NAME
pid_of() {
  local f="$STATE_DIR/$1.pid" pid
  [ -s "$f" ] || return 1
  pid="$(tr -dc 0-9 < "$f")"
  [ -n "$pid" ] && [ -r "/proc/$pid/comm" ] && [ "$(cat "/proc/$pid/comm")" = "$1" ] || return 1
  echo "$pid"
}

if [ "${SLURM_LOCAL_KEEP_JOBS:-0}" != 1 ] && pid_of slurmctld >/dev/null; then
  jobs="$(squeue -h -o %A 2>/dev/null | sort -u | tr '\n' ' ')"
  if [ -n "${jobs// /}" ]; then
    log "cancelling jobs: $jobs"
    # shellcheck disable=SC2086
    scancel $jobs 2>/dev/null || true
    for _ in $(seq 40); do [ -z "$(squeue -h 2>/dev/null)" ] && break; sleep 0.25; done
  fi
fi

# stop in groups (each daemon takes ~2 s to exit); later groups depend on earlier ones
stop_group() {
  local name pid pids=()
  for name in "$@"; do
    if pid="$(pid_of "$name")"; then
      log "stopping $name (pid $pid)"; kill "$pid" 2>/dev/null || true; pids+=("$pid")
    else
      log "$name: not started by start-local-slurm.sh or not running"
    fi
  done
  for pid in "${pids[@]:-}"; do
    [ -n "$pid" ] || continue
    for _ in $(seq 150); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
    if [ -d "/proc/$pid" ]; then log "pid $pid still alive after 15 s, sending SIGKILL"; kill -9 "$pid" 2>/dev/null || true; fi
  done
  for name in "$@"; do rm -f "$STATE_DIR/$name.pid"; done
}
stop_group slurmd slurmctld
stop_group slurmdbd
stop_group mariadbd munged
log "done"
