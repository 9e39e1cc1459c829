# shellcheck shell=bash
# Shared helpers for infra/local/*.sh. Sourced, not executed.

INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$INFRA_DIR/../.." && pwd)"

# Downloads/builds (safe to share between checkouts) and per-checkout state.
ILINKS_INFRA_CACHE="${ILINKS_INFRA_CACHE:-$HOME/.cache/ilinks-infra}"
ILINKS_INFRA_STATE="${ILINKS_INFRA_STATE:-$REPO_ROOT/.infra}"
ILINKS_INFRA_TIMEOUT="${ILINKS_INFRA_TIMEOUT:-120}" # seconds, per readiness wait

KAFKA_PORT="${KAFKA_PORT:-19092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-19093}"
FERRETDB_PORT="${FERRETDB_PORT:-27018}"

log() { printf '[infra] %s\n' "$*" >&2; }
die() { printf '[infra] ERROR: %s\n' "$*" >&2; exit 1; }

mkdir -p "$ILINKS_INFRA_CACHE" "$ILINKS_INFRA_STATE"
# Absolute paths: they end up in configs and in process command lines.
ILINKS_INFRA_CACHE="$(cd "$ILINKS_INFRA_CACHE" && pwd)"
ILINKS_INFRA_STATE="$(cd "$ILINKS_INFRA_STATE" && pwd)"

# Serialise concurrent invocations for one service (e.g. parallel test workers).
# usage: take_lock NAME  (held until the calling script exits)
INFRA_LOCKS_HELD=" "
take_lock() {
  command -v flock >/dev/null 2>&1 || return 0
  local f="$1" fd
  [[ "$INFRA_LOCKS_HELD" == *" $f "* ]] && return 0
  exec {fd}>"$f"
  flock "$fd"
  INFRA_LOCKS_HELD+="$f "
}

# pid_of PIDFILE MARKER -> prints pid if that process is alive and its command
# line contains MARKER (guards against a recycled pid); returns 1 otherwise.
pid_of() {
  local pidfile="$1" marker="$2" pid
  [[ -s "$pidfile" ]] || return 1
  pid="$(<"$pidfile")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$marker" || return 1
  printf '%s\n' "$pid"
}

# port_open PORT -> true if something accepts TCP connections on 127.0.0.1:PORT
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# spawn PIDFILE LOGFILE CMD... : start CMD detached (own session, stdin closed,
# output appended to LOGFILE) and wait until PIDFILE holds its pid.
spawn() {
  local pidfile="$1" logfile="$2"; shift 2
  rm -f "$pidfile"
  # The inner bash closes every inherited fd above 2 (our lock files, a test
  # runner's pipes...), writes its own pid, then execs CMD (so the pid is exact).
  # shellcheck disable=SC2016
  setsid -f bash -c '
    for f in /proc/$$/fd/*; do n=${f##*/}; ((n > 2)) && eval "exec $n>&-"; done
    echo $$ >"$0.tmp" && mv "$0.tmp" "$0" && exec "$@"' \
    "$pidfile" "$@" </dev/null >>"$logfile" 2>&1
  local i
  for ((i = 0; i < 100; i++)); do
    [[ -s "$pidfile" ]] && return 0
    sleep 0.05
  done
  die "could not start: $*"
}

# stop_pid NAME PID TIMEOUT [SIGNAL]: send SIGNAL (default TERM), wait up to
# TIMEOUT seconds for exit, then SIGKILL.
stop_pid() {
  local name="$1" pid="$2" timeout="$3" sig="${4:-TERM}" i
  kill "-$sig" "$pid" 2>/dev/null || return 0
  for ((i = 0; i < timeout * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  log "$name (pid $pid) did not exit after ${timeout}s of SIG$sig; sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  die "$name (pid $pid) survived SIGKILL"
}

# wait_port_free PORT: after a stop, wait (max 10s) until nothing listens.
wait_port_free() {
  local i
  for ((i = 0; i < 100; i++)); do
    port_open "$1" || return 0
    sleep 0.1
  done
  log "warning: port $1 still accepting connections"
}

# hex_of: stdin bytes -> lowercase hex string without spaces
hex_of() { od -An -v -tx1 | tr -d ' \n'; }

# read_exact FD N: read exactly N bytes from fd (no over-read), as hex.
read_exact_hex() {
  dd bs="$2" count=1 iflag=fullblock status=none <&"$1" | hex_of
}

# le32 HEX8 / be32 HEX8: decode a 4-byte int from hex
le32() { local h="$1"; echo $((16#${h:6:2}${h:4:2}${h:2:2}${h:0:2})); }
be32() { echo $((16#$1)); }

tail_log() {
  local f="$1"
  [[ -f "$f" ]] || return 0
  printf '[infra] ---- last 40 lines of %s ----\n' "$f" >&2
  tail -n 40 "$f" >&2
  printf '[infra] ----\n' >&2
}

write_env_file() {
  local f="$ILINKS_INFRA_STATE/env"
  cat >"$f.tmp" <<EOF
KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT
MONGODB_URL=mongodb://127.0.0.1:$FERRETDB_PORT/
EOF
  mv "$f.tmp" "$f"
}
