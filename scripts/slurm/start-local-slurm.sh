#!/usr/bin/env bash
# Vendored from the team's shared/slurm/start-local-slurm.sh (tested recipe; see scripts/slurm/README.md).
# Keep in sync with the original rather than editing here.
# Start a single-machine Slurm cluster (munged + slurmctld + slurmd, optionally
# slurmdbd + MariaDB for sacct) without systemd. Debian bookworm, slurm-wlm 22.05.
# Idempotent: safe to re-run; restarts only what its configuration change needs.
# Must run as root. Stop with stop-local-slurm.sh (same folder).
#
# Environment knobs (all optional):
#   SLURM_LOCAL_CPUS         CPUs the node advertises (default 8; may exceed real cores)
#   SLURM_LOCAL_MEM_MB       RealMemory of the node in MB (default: the machine's memory)
#   SLURM_LOCAL_GPUS         number of fake GPUs (gres/gpu) on the node (default 2; 0 = none)
#   SLURM_LOCAL_PARTITION    name of the default partition (default "debug")
#   SLURM_LOCAL_MIN_JOB_AGE  seconds finished jobs stay visible in squeue/scontrol (default 3600)
#   SLURM_LOCAL_ACCOUNTING=1 also run slurmdbd + MariaDB so that sacct works (+~30 s first time)
#   SLURM_LOCAL_DB_PORT      TCP port of that MariaDB on 127.0.0.1 (default 3307)
#   SLURM_LOCAL_CLEAN=1      restart slurmctld with -c: forget saved jobs and node states
#                            (job ids keep counting up)
#   SLURM_LOCAL_WAIT_S       how long to wait for the node to become ready (default 60)
set -euo pipefail
export PATH="/usr/sbin:/usr/bin:/sbin:/bin:$PATH"

STATE_DIR=/run/local-slurm            # pid files of the daemons this script started
SPOOL=/var/spool/slurm-local
LOG_DIR=/var/log/slurm
LIB=/var/lib/slurm-local
FAKEGPU_DIR=$LIB/fakegpu
DB_DIR=$LIB/mysql
DB_RUN=$STATE_DIR/mysql
DB_SOCK=$DB_RUN/mysqld.sock
CONF=/etc/slurm/slurm.conf
GRES_CONF=/etc/slurm/gres.conf
DBD_CONF=/etc/slurm/slurmdbd.conf
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

CPUS="${SLURM_LOCAL_CPUS:-8}"
GPUS="${SLURM_LOCAL_GPUS:-2}"
PART="${SLURM_LOCAL_PARTITION:-debug}"
MIN_JOB_AGE="${SLURM_LOCAL_MIN_JOB_AGE:-3600}"
ACCT="${SLURM_LOCAL_ACCOUNTING:-0}"
DB_PORT="${SLURM_LOCAL_DB_PORT:-3307}"
WAIT_S="${SLURM_LOCAL_WAIT_S:-60}"

log() { echo "[start-local-slurm] $*"; }
die() { echo "[start-local-slurm] ERROR: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "must run as root"

# ---------------------------------------------------------------- install
pkgs=()
for b in munged munge slurmctld slurmd sbatch squeue scontrol scancel sinfo; do
  command -v "$b" >/dev/null 2>&1 || { pkgs=(slurmctld slurmd slurm-client munge); break; }
done
if [ "$ACCT" = 1 ]; then
  for b in slurmdbd mariadbd mariadb-install-db sacct sacctmgr; do
    command -v "$b" >/dev/null 2>&1 || { pkgs+=(slurmdbd mariadb-server); break; }
  done
fi
if [ "${#pkgs[@]}" -gt 0 ]; then
  log "installing ${pkgs[*]} (apt)"
  export DEBIAN_FRONTEND=noninteractive
  # keep package scripts from starting daemons (there is no systemd; we start our own)
  made_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; made_policy=1
  fi
  apt-get -o DPkg::Lock::Timeout=600 -q update >/dev/null
  apt-get -o DPkg::Lock::Timeout=600 -y -q --no-install-recommends install "${pkgs[@]}" >/dev/null
  if [ "$made_policy" = 1 ]; then rm -f /usr/sbin/policy-rc.d; fi
fi

# ---------------------------------------------------------------- helpers
mkdir -p "$STATE_DIR" "$SPOOL/ctld" "$SPOOL/d" "$LOG_DIR" /etc/slurm "$FAKEGPU_DIR"

pid_alive() {  # NAME -> 0 if $STATE_DIR/NAME.pid holds a live process whose name is NAME
  local f="$STATE_DIR/$1.pid" pid
  [ -s "$f" ] || return 1
  pid="$(tr -dc 0-9 < "$f")"
  [ -n "$pid" ] && [ -r "/proc/$pid/comm" ] && [ "$(cat "/proc/$pid/comm")" = "$1" ]
}
stop_ours() {  # NAME: stop a daemon only if this script started it
  local f="$STATE_DIR/$1.pid" pid
  if pid_alive "$1"; then
    pid="$(tr -dc 0-9 < "$f")"; log "stopping $1 (pid $pid)"; kill "$pid" 2>/dev/null || true
    for _ in $(seq 150); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
    if [ -d "/proc/$pid" ]; then kill -9 "$pid" 2>/dev/null || true; fi
  fi
  rm -f "$f"
}
changed_files=()
write_if_changed() {  # FILE MODE CONTENT
  local f="$1" mode="$2" content="$3"
  if [ ! -f "$f" ] || [ "$(cat "$f")" != "$content" ]; then
    if [ -f "$f" ] && ! grep -q 'start-local-slurm.sh' "$f"; then
      cp -p "$f" "$f.orig.$(date +%s)"     # keep a config we did not write
    fi
    (umask 077; printf '%s\n' "$content" > "$f"); chmod "$mode" "$f"
    changed_files+=("$f")
  fi
}
is_changed() { local x; for x in "${changed_files[@]:-}"; do [ "$x" = "$1" ] && return 0; done; return 1; }

# ---------------------------------------------------------------- munge
install -d -o munge -g munge -m 0755 /run/munge
install -d -o munge -g munge -m 0700 /var/log/munge /var/lib/munge /etc/munge
if [ ! -s /etc/munge/munge.key ]; then
  log "creating munge key"
  runuser -u munge -- mungekey --create --keyfile=/etc/munge/munge.key
fi
chown munge:munge /etc/munge/munge.key; chmod 0600 /etc/munge/munge.key

if munge -n </dev/null 2>/dev/null | unmunge >/dev/null 2>&1; then
  log "munged is running"
else
  log "starting munged"
  rm -f /run/munge/munged.pid
  runuser -u munge -- /usr/sbin/munged --force
  for _ in $(seq 50); do [ -s /run/munge/munged.pid ] && break; sleep 0.1; done
  cp /run/munge/munged.pid "$STATE_DIR/munged.pid"
  munge -n </dev/null | unmunge >/dev/null || die "munged does not answer (see /var/log/munge/munged.log)"
fi

# ---------------------------------------------------------------- configuration
H="$(hostname -s)"
MEM="${SLURM_LOCAL_MEM_MB:-$(awk '/^MemTotal:/ {print int($2/1024)}' /proc/meminfo)}"
gres_node=""; gres_lines="AutoDetect=off"
if [ "$GPUS" -gt 0 ]; then
  gres_node=" Gres=gpu:$GPUS"
  # gres/gpu needs File= naming character devices; the number at the end of each name
  # becomes the index put in CUDA_VISIBLE_DEVICES. Symlinks to /dev/null are enough.
  for i in $(seq 0 $((GPUS - 1))); do ln -sfn /dev/null "$FAKEGPU_DIR/nvidia$i"; done
  gres_lines="$gres_lines
NodeName=$H Name=gpu File=$FAKEGPU_DIR/nvidia[0-$((GPUS - 1))]"
fi
if [ "$ACCT" = 1 ]; then
  acct_lines="AccountingStorageType=accounting_storage/slurmdbd
AccountingStorageHost=localhost
AccountingStoragePort=6819
AccountingStorageTRES=gres/gpu
JobAcctGatherType=jobacct_gather/linux
JobAcctGatherFrequency=30"
else
  acct_lines="AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none"
fi

write_if_changed "$CONF" 0644 "# Written by start-local-slurm.sh: single-node test cluster. Re-run the script to regenerate.
ClusterName=local
SlurmctldHost=$H(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
MpiDefault=none
MailProg=/bin/true
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
ReturnToService=2
SlurmctldPidFile=$STATE_DIR/slurmctld.pid
SlurmdPidFile=$STATE_DIR/slurmd.pid
SlurmctldPort=6817
SlurmdPort=6818
StateSaveLocation=$SPOOL/ctld
SlurmdSpoolDir=$SPOOL/d
SlurmctldLogFile=$LOG_DIR/slurmctld.log
SlurmdLogFile=$LOG_DIR/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
GresTypes=gpu
$acct_lines
JobCompType=jobcomp/filetxt
JobCompLoc=$LOG_DIR/jobcomp.log
MinJobAge=$MIN_JOB_AGE
KillWait=5
MaxArraySize=10001
SlurmdParameters=config_overrides
NodeName=$H NodeAddr=127.0.0.1 CPUs=$CPUS RealMemory=$MEM$gres_node State=UNKNOWN
PartitionName=$PART Nodes=ALL Default=YES MaxTime=INFINITE State=UP"
write_if_changed "$GRES_CONF" 0644 "# Written by start-local-slurm.sh
$gres_lines"
if [ "$ACCT" = 1 ]; then
  write_if_changed "$DBD_CONF" 0600 "# Written by start-local-slurm.sh
AuthType=auth/munge
DbdHost=localhost
DbdAddr=127.0.0.1
DbdPort=6819
SlurmUser=root
StorageType=accounting_storage/mysql
StorageHost=127.0.0.1
StoragePort=$DB_PORT
StorageUser=slurm
StoragePass=slurm
StorageLoc=slurm_acct_db
LogFile=$LOG_DIR/slurmdbd.log
PidFile=$STATE_DIR/slurmdbd.pid"
fi

# ---------------------------------------------------------------- accounting (optional)
if [ "$ACCT" = 1 ]; then
  install -d -o mysql -g mysql "$DB_RUN" "$LOG_DIR/mariadb"
  if [ ! -d "$DB_DIR/mysql" ]; then
    log "initialising MariaDB data dir $DB_DIR"
    install -d -o mysql -g mysql "$DB_DIR"
    mariadb-install-db --no-defaults --user=mysql --datadir="$DB_DIR" \
      --auth-root-authentication-method=socket --skip-test-db >"$LOG_DIR/mariadb/install-db.log" 2>&1 \
      || die "mariadb-install-db failed (see $LOG_DIR/mariadb/install-db.log)"
  fi
  if pid_alive mariadbd; then
    log "mariadbd is running (pid $(cat "$STATE_DIR/mariadbd.pid"))"
  else
    log "starting mariadbd on 127.0.0.1:$DB_PORT"
    rm -f "$DB_RUN/mariadbd.pid"
    setsid /usr/sbin/mariadbd --no-defaults --user=mysql --datadir="$DB_DIR" \
      --socket="$DB_SOCK" --port="$DB_PORT" --bind-address=127.0.0.1 --skip-name-resolve \
      --pid-file="$DB_RUN/mariadbd.pid" --log-error="$LOG_DIR/mariadb/error.log" \
      --innodb-buffer-pool-size=128M --innodb-lock-wait-timeout=900 </dev/null >/dev/null 2>&1 &
    for _ in $(seq 300); do
      [ -s "$DB_RUN/mariadbd.pid" ] && mariadb --no-defaults -S "$DB_SOCK" -u root -e 'select 1' >/dev/null 2>&1 && break
      sleep 0.1
    done
    cp "$DB_RUN/mariadbd.pid" "$STATE_DIR/mariadbd.pid" 2>/dev/null || die "mariadbd did not start (see $LOG_DIR/mariadb/error.log)"
  fi
  mariadb --no-defaults -S "$DB_SOCK" -u root -e \
    "CREATE USER IF NOT EXISTS 'slurm'@'127.0.0.1' IDENTIFIED BY 'slurm';
     GRANT ALL ON slurm_acct_db.* TO 'slurm'@'127.0.0.1';" || die "cannot set up the slurm DB user"
  if is_changed "$DBD_CONF"; then stop_ours slurmdbd; fi
  if pid_alive slurmdbd; then
    log "slurmdbd is running (pid $(cat "$STATE_DIR/slurmdbd.pid"))"
  else
    log "starting slurmdbd"
    slurmdbd || die "slurmdbd failed to start (see $LOG_DIR/slurmdbd.log)"
  fi
  for _ in $(seq 150); do sacctmgr -n -P list cluster >/dev/null 2>&1 && break; sleep 0.2; done
  if ! sacctmgr -n -P list cluster format=cluster 2>/dev/null | grep -qx local; then
    sacctmgr -i add cluster local >/dev/null || die "sacctmgr add cluster failed (see $LOG_DIR/slurmdbd.log)"
  fi
else
  # accounting switched off: stop the accounting daemons if we had started them
  stop_ours slurmdbd; stop_ours mariadbd
fi

# ---------------------------------------------------------------- slurmctld + slurmd
if is_changed "$CONF" || is_changed "$GRES_CONF" || [ "${SLURM_LOCAL_CLEAN:-0}" = 1 ]; then
  if pid_alive slurmctld || pid_alive slurmd; then log "configuration changed or clean start asked: restarting slurmd and slurmctld"; fi
  stop_ours slurmd; stop_ours slurmctld
fi
if pid_alive slurmctld; then
  log "slurmctld is running (pid $(cat "$STATE_DIR/slurmctld.pid"))"
else
  if scontrol ping 2>/dev/null | grep -q 'is UP'; then
    die "a slurmctld not started by this script answers on port 6817; stop it first"
  fi
  ctld_flags=(-i)
  if [ "${SLURM_LOCAL_CLEAN:-0}" = 1 ]; then ctld_flags=(-c -i); fi
  log "starting slurmctld"
  slurmctld "${ctld_flags[@]}" || die "slurmctld failed to start (see $LOG_DIR/slurmctld.log)"
fi
d_started_at=0
if pid_alive slurmd; then
  log "slurmd is running (pid $(cat "$STATE_DIR/slurmd.pid"))"
else
  log "starting slurmd"
  d_started_at="$(date +%s)"
  slurmd || die "slurmd failed to start (see $LOG_DIR/slurmd.log)"
fi

# ---------------------------------------------------------------- wait for the node
resumed_at=-10; state=""
deadline=$((SECONDS + WAIT_S))
while [ $SECONDS -lt $deadline ]; do
  state="$(sinfo -h -n "$H" -o %T 2>/dev/null | head -1 || true)"
  if [ "$d_started_at" != 0 ]; then
    # a restarted controller first shows the saved node state: wait until the new slurmd
    # has registered (it reports SlurmdStartTime when it does)
    reg="$(scontrol show node "$H" 2>/dev/null | grep -o 'SlurmdStartTime=[^ ]*' | cut -d= -f2 || true)"
    reg_s="$(date -d "$reg" +%s 2>/dev/null || echo 0)"
    if [ "$reg_s" -lt "$d_started_at" ]; then state="registering:$state"; fi
  fi
  if [ $((SECONDS + WAIT_S - deadline)) -ge 3 ]; then
    # daemons fork before reading all config: catch the ones that died right after
    pid_alive slurmctld || die "slurmctld exited: $(tail -n 3 "$LOG_DIR/slurmctld.log" 2>/dev/null)"
    pid_alive slurmd || die "slurmd exited: $(tail -n 3 "$LOG_DIR/slurmd.log" 2>/dev/null)"
  fi
  case "$state" in
    idle|mixed|allocated|completing) break ;;
    registering:*) ;;
    *drain*|down*|*fail*)
      if [ $((SECONDS - resumed_at)) -ge 2 ]; then
        log "node is '$state' (left from an earlier run): resuming it"
        scontrol update NodeName="$H" State=RESUME 2>/dev/null || true; resumed_at=$SECONDS
      fi ;;
    inval*) die "node is INVALID: $(sinfo -h -n "$H" -o %E); see $LOG_DIR/slurmctld.log" ;;
  esac
  sleep 0.3
done
case "$state" in
  idle|mixed|allocated|completing) ;;
  *) die "node not ready after ${WAIT_S}s (state '$state'); see $LOG_DIR/slurmctld.log, $LOG_DIR/slurmd.log" ;;
esac

log "ready: node $H is $state ($CPUS CPUs, $MEM MB, $GPUS fake GPUs, partition $PART, accounting=$ACCT)"
sinfo
log "logs: $LOG_DIR/{slurmctld,slurmd}.log; finished jobs are appended to $LOG_DIR/jobcomp.log"
log "to stop: $HERE/stop-local-slurm.sh"
