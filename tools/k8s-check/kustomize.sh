#!/usr/bin/env bash
# Runs a pinned kustomize, installing it first into ~/.cache/ilinks-tools/bin when missing
# (through the Go module proxy, so a clean machine with Go needs nothing else). Without Go it
# falls back to `kubectl kustomize` (kubectl ≥ 1.27 embeds kustomize v5).
#   tools/k8s-check/kustomize.sh build k8s/overlays/prod
set -euo pipefail
KUSTOMIZE_VERSION=v5.7.1
BIN_DIR="${ILINKS_TOOLS_BIN:-$HOME/.cache/ilinks-tools/bin}"
BIN="$BIN_DIR/kustomize-$KUSTOMIZE_VERSION"

if [[ ! -x "$BIN" ]]; then
  if command -v go >/dev/null 2>&1; then
    mkdir -p "$BIN_DIR"
    echo "installing kustomize $KUSTOMIZE_VERSION into $BIN_DIR" >&2
    GOBIN="$BIN_DIR" go install "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE_VERSION" >&2
    mv "$BIN_DIR/kustomize" "$BIN"
  elif command -v kubectl >/dev/null 2>&1 && [[ "${1:-}" == "build" ]]; then
    shift
    exec kubectl kustomize "$@"
  else
    echo "kustomize.sh: needs Go (to install kustomize $KUSTOMIZE_VERSION) or kubectl" >&2
    exit 1
  fi
fi
exec "$BIN" "$@"
