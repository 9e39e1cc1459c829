#!/usr/bin/env bash
# Local FerretDB (MongoDB wire protocol) on the SQLite backend, for tests.
#   usage: ferretdb.sh start|stop|kill|restart|status|wait|fetch
# Built once from the Go module proxy into the cache dir.
set -euo pipefail

FERRETDB_VERSION="${FERRETDB_VERSION:-1.24.2}"

# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

FERRETDB_STOP_TIMEOUT="${FERRETDB_STOP_TIMEOUT:-15}"
# HTTP debug/metrics listener ("-" = disabled), e.g. 127.0.0.1:28088
FERRETDB_DEBUG_ADDR="${FERRETDB_DEBUG_ADDR:--}"
FERRETDB_LOG_LEVEL="${FERRETDB_LOG_LEVEL:-info}"

F_BIN="$ILINKS_INFRA_CACHE/ferretdb/$FERRETDB_VERSION/bin/ferretdb"
F_STATE="$ILINKS_INFRA_STATE/ferretdb"
F_DATA="$F_STATE/data"
F_LOG="$F_STATE/ferretdb.log"
F_PID="$F_STATE/ferretdb.pid"
mkdir -p "$F_STATE"

fetch() {
  [[ -x "$F_BIN" ]] && return 0
  command -v go >/dev/null || die "go not found (needed once to build FerretDB)"
  take_lock "$ILINKS_INFRA_CACHE/.ferretdb-fetch.lock"
  [[ -x "$F_BIN" ]] && return 0
  log "building FerretDB v$FERRETDB_VERSION from the Go module proxy (one-off, a few minutes)..."
  # Private, throw-away Go caches: nothing leaks into ~/go, and the cold path is
  # the same on every machine. Removed after a successful build.
  local work="$ILINKS_INFRA_CACHE/ferretdb/.build.$$"
  rm -rf "$work"
  mkdir -p "$work"
  export GOMODCACHE="$work/mod" GOCACHE="$work/cache" GOPATH="$work/gopath"
  export GOFLAGS=-modcacherw CGO_ENABLED=0 GO111MODULE=on
  local dir
  dir="$(cd "$work" && go mod download -json "github.com/FerretDB/FerretDB@v$FERRETDB_VERSION" 2>&1 |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')"
  [[ -n "$dir" && -d "$dir" ]] || { rm -rf "$work"; die "go mod download of FerretDB v$FERRETDB_VERSION failed"; }
  # `go install ...@vX` builds a binary that panics at startup: the module lacks
  # the generated build/version/version.txt (made by `bin/task gen-version`).
  # So build from a writable copy with that file added.
  cp -r "$dir" "$work/src"
  chmod -R u+w "$work/src"
  echo "v$FERRETDB_VERSION" >"$work/src/build/version/version.txt"
  echo "local" >"$work/src/build/version/package.txt"
  mkdir -p "$(dirname "$F_BIN")"
  local blog="$ILINKS_INFRA_CACHE/ferretdb/build.log"
  (cd "$work/src" && go build -trimpath -buildvcs=false -ldflags='-s -w' -o "$F_BIN.tmp" ./cmd/ferretdb) >"$blog" 2>&1 ||
    { rm -rf "$work"; tail_log "$blog"; die "FerretDB build failed"; }
  mv "$F_BIN.tmp" "$F_BIN"
  rm -rf "$work"
  log "FerretDB built: $F_BIN"
}

running_pid() { pid_of "$F_PID" "--state-dir=$F_STATE"; }

# probe: a real MongoDB wire-protocol round trip over /dev/tcp:
# OP_MSG {ping: 1, $db: "admin"} -> reply must contain ok: 1.0
probe() {
  { exec 3<>"/dev/tcp/127.0.0.1/$FERRETDB_PORT"; } 2>/dev/null || return 1
  # header: len=51 reqId=1 respTo=0 opCode=2013 | flags=0 | kind 0 | BSON(30 bytes)
  # shellcheck disable=SC2016
  printf '\x33\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\xdd\x07\x00\x00''\x00\x00\x00\x00''\x00''\x1e\x00\x00\x00\x10ping\x00\x01\x00\x00\x00\x02$db\x00\x06\x00\x00\x00admin\x00\x00' >&3 2>/dev/null || { exec 3>&-; return 1; }
  local h size body rc=1
  h="$(timeout 5 dd bs=4 count=1 iflag=fullblock status=none <&3 2>/dev/null | hex_of)"
  if [[ ${#h} -eq 8 ]]; then
    size="$(le32 "$h")"
    if ((size > 16 && size < 1048576)); then
      body="$(timeout 5 dd bs=$((size - 4)) count=1 iflag=fullblock status=none <&3 2>/dev/null | hex_of)"
      # responseTo == 1, opCode == OP_MSG, and the double field "ok" == 1.0
      if [[ "${body:8:8}" == 01000000 && "${body:16:8}" == dd070000 && "$body" == *016f6b00000000000000f03f* ]]; then
        rc=0
      fi
    fi
  fi
  exec 3>&-
  return $rc
}

wait_ready() {
  local deadline=$((SECONDS + ILINKS_INFRA_TIMEOUT))
  while ((SECONDS < deadline)); do
    if ! running_pid >/dev/null; then
      tail_log "$F_LOG"
      die "FerretDB is not running (exited during startup?)"
    fi
    probe && return 0
    sleep 0.2
  done
  tail_log "$F_LOG"
  die "FerretDB not ready on 127.0.0.1:$FERRETDB_PORT after ${ILINKS_INFRA_TIMEOUT}s"
}

cmd_start() {
  fetch
  take_lock "$F_STATE/.lock"
  local pid t0=$SECONDS
  if pid="$(running_pid)"; then
    log "FerretDB already running (pid $pid)"
  else
    port_open "$FERRETDB_PORT" && die "port $FERRETDB_PORT is in use by another process (set FERRETDB_PORT)"
    mkdir -p "$F_DATA"
    log "starting FerretDB v$FERRETDB_VERSION on 127.0.0.1:$FERRETDB_PORT (log: $F_LOG)"
    printf '\n===== %s start FerretDB %s =====\n' "$(date -Is)" "$FERRETDB_VERSION" >>"$F_LOG"
    spawn "$F_PID" "$F_LOG" "$F_BIN" \
      --listen-addr="127.0.0.1:$FERRETDB_PORT" \
      --handler=sqlite --sqlite-url="file:$F_DATA/" \
      --state-dir="$F_STATE" \
      --telemetry=disable \
      --debug-addr="$FERRETDB_DEBUG_ADDR" \
      --log-level="$FERRETDB_LOG_LEVEL" --log-format=console
  fi
  wait_ready
  log "FerretDB ready on 127.0.0.1:$FERRETDB_PORT ($((SECONDS - t0))s)"
}

cmd_stop() {
  take_lock "$F_STATE/.lock"
  local pid
  if pid="$(running_pid)"; then
    log "stopping FerretDB (pid $pid)"
    stop_pid FerretDB "$pid" "$FERRETDB_STOP_TIMEOUT" TERM
    wait_port_free "$FERRETDB_PORT"
  else
    log "FerretDB not running"
  fi
  rm -f "$F_PID"
}

cmd_kill() {
  take_lock "$F_STATE/.lock"
  local pid
  if pid="$(running_pid)"; then
    log "killing FerretDB (pid $pid, SIGKILL)"
    stop_pid FerretDB "$pid" 10 KILL
    wait_port_free "$FERRETDB_PORT"
  else
    log "FerretDB not running"
  fi
  rm -f "$F_PID"
}

cmd_status() { # exit 0 ready, 1 running but not answering, 3 stopped
  local pid
  if ! pid="$(running_pid)"; then
    echo "ferretdb: stopped"
    return 3
  fi
  if probe; then
    echo "ferretdb: ready pid=$pid version=$FERRETDB_VERSION url=mongodb://127.0.0.1:$FERRETDB_PORT/"
  else
    echo "ferretdb: starting/unresponsive pid=$pid"
    return 1
  fi
}

main() {
  case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    kill) cmd_kill ;;
    restart) cmd_stop && cmd_start ;;
    status) cmd_status ;;
    wait) wait_ready && log "FerretDB ready on 127.0.0.1:$FERRETDB_PORT" ;;
    fetch) fetch ;;
    *)
      echo "usage: $0 start|stop|kill|restart|status|wait|fetch" >&2
      exit 2
      ;;
  esac
}

# One line, so the whole script is parsed before anything runs (safe to edit
# or `git checkout` while a long start/fetch is in progress).
main "$@"; exit $?
