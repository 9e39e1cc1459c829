#!/usr/bin/env bash
# Fetch (first time), start and wait for all local test services, then write
# <state>/env for tests to `source`. Idempotent: already-running services are reused.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"

main() {
  local t0=$SECONDS fpid
  # Fetch both in parallel (no-ops when cached: maven download + go build), then start.
  "$here/ferretdb.sh" fetch &
  fpid=$!
  "$here/kafka.sh" fetch
  wait "$fpid" || die "FerretDB fetch failed"

  "$here/ferretdb.sh" start
  "$here/kafka.sh" start

  write_env_file
  log "all services ready in $((SECONDS - t0))s; env file: $ILINKS_INFRA_STATE/env"
  cat "$ILINKS_INFRA_STATE/env"
}

main "$@"; exit $?
