#!/usr/bin/env bash
# Stop all local test services gracefully (SIGTERM, then SIGKILL after a timeout).
# Idempotent. Data stays in the state dir; pass --wipe to delete it as well.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"

main() {
  local rc=0
  "$here/kafka.sh" stop || rc=1
  "$here/ferretdb.sh" stop || rc=1
  if [[ "${1:-}" == "--wipe" && $rc -eq 0 ]]; then
    log "wiping state in $ILINKS_INFRA_STATE"
    rm -rf "$ILINKS_INFRA_STATE/kafka" "$ILINKS_INFRA_STATE/ferretdb" "$ILINKS_INFRA_STATE/env"
  fi
  return $rc
}

main "$@"; exit $?
