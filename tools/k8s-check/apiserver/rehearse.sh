#!/usr/bin/env bash
# Rehearses a deployment against a real Kubernetes API server (kube-apiserver + etcd on 127.0.0.1,
# no kubelet, no controllers): renders the overlays and the on-demand rebuild-projections Job and
# applies them with `kubectl apply --server-side --validate=strict` (the API server's Strict field
# validation), after the CRDs they use (Strimzi, cert-manager, Prometheus Operator). A manual
# check, not part of CI: see README.md.
#
#   tools/k8s-check/apiserver/rehearse.sh            # prod and dev
#   tools/k8s-check/apiserver/rehearse.sh dev        # one overlay
#
# Exits non-zero when an apply fails or prints any warning (PodSecurity "would violate",
# deprecated API, …) or when the server drops a field it does not serve. Needs Go, kubectl, Node
# and openssl; builds kube-apiserver and etcd from the Go module proxy into
# ~/.cache/ilinks-tools/bin on the first run.
set -euo pipefail

K8S_VERSION=v1.30.14 # the oldest minor docs/operations.md §2 supports
ETCD_VERSION=v3.5.10 # the etcd that kubernetes v1.30 pins in its go.mod
CERT_MANAGER_VERSION=v1.21.2
PROMETHEUS_OPERATOR_VERSION=v0.85.0
ETCD_PORT="${ETCD_PORT:-32379}"
API_PORT="${API_PORT:-36443}"

repo="$(cd "$(dirname "$0")/../../.." && pwd)"
bin_dir="${ILINKS_TOOLS_BIN:-$HOME/.cache/ilinks-tools/bin}"
src_dir="$(dirname "$bin_dir")/src"
work="${REHEARSAL_DIR:-/tmp/apiserver-rehearsal}/run"
kube_apiserver="$bin_dir/kube-apiserver-$K8S_VERSION"
etcd="$bin_dir/etcd-$ETCD_VERSION"
export KUBECONFIG="$work/kubeconfig"
pids=()

log() { printf '\n=== %s\n' "$*" >&2; }

module_dir() { go mod download -json "$1" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p'; }

# kubernetes' module zip leaves out staging/src (each staging repo is a module of its own), which
# its go.mod replaces point to: point them at the published k8s.io/* v0.<minor>.<patch> instead
# and drop the sample-* modules the proxy does not serve (kube-apiserver does not import them).
build_kube_apiserver() {
  [[ -x "$kube_apiserver" ]] && return
  log "building kube-apiserver $K8S_VERSION (first run only: about 15 minutes on 2 cores)"
  local from src="$src_dir/kubernetes-$K8S_VERSION" staging="v0.${K8S_VERSION#v1.}"
  from="$(module_dir "k8s.io/kubernetes@$K8S_VERSION")"
  rm -rf "$src" && mkdir -p "$src_dir" "$bin_dir" && cp -r "$from" "$src" && chmod -R u+w "$src"
  rm -rf "$src/go.work" "$src/go.work.sum" "$src/vendor"
  sed -i -e "s#=> ./staging/src/\(k8s.io/[a-z-]*\)\$#=> \1 $staging#" -e '/k8s.io\/sample-/d' "$src/go.mod"
  local minor="${K8S_VERSION#v1.}" && minor="${minor%%.*}"
  (cd "$src" && GOWORK=off GOFLAGS=-mod=mod go build -trimpath \
    -ldflags "-s -w -X k8s.io/component-base/version.gitVersion=$K8S_VERSION -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$minor" \
    -o "$kube_apiserver" ./cmd/kube-apiserver)
}

# etcd's server module is a main package, but its go.mod replaces its sibling modules with
# relative paths: drop the replaces (the pinned versions are the same release).
build_etcd() {
  [[ -x "$etcd" ]] && return
  log "building etcd $ETCD_VERSION (first run only: a few minutes)"
  local from src="$src_dir/etcd-server-$ETCD_VERSION"
  from="$(module_dir "go.etcd.io/etcd/server/v3@$ETCD_VERSION")"
  rm -rf "$src" && mkdir -p "$src_dir" "$bin_dir" && cp -r "$from" "$src" && chmod -R u+w "$src"
  sed -i '/^replace (/,$d' "$src/go.mod"
  (cd "$src" && GOWORK=off GOFLAGS=-mod=mod go build -trimpath -o "$etcd" .)
}

# A CA, the server's serving certificate, an admin client certificate (group system:masters,
# bound to cluster-admin by RBAC's bootstrap policy) and the service-account signing key.
make_pki() {
  local pki="$work/pki"
  mkdir -p "$pki"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=rehearsal-ca" \
    -keyout "$pki/ca.key" -out "$pki/ca.crt" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=kube-apiserver" \
    -keyout "$pki/server.key" -out "$pki/server.csr" 2>/dev/null
  openssl x509 -req -in "$pki/server.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial -days 2 \
    -extfile <(printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth') \
    -out "$pki/server.crt" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/O=system:masters/CN=rehearsal-admin" \
    -keyout "$pki/admin.key" -out "$pki/admin.csr" 2>/dev/null
  openssl x509 -req -in "$pki/admin.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial -days 2 \
    -extfile <(printf 'extendedKeyUsage=clientAuth') -out "$pki/admin.crt" 2>/dev/null
  openssl genrsa -out "$pki/sa.key" 2048 2>/dev/null
  openssl rsa -in "$pki/sa.key" -pubout -out "$pki/sa.pub" 2>/dev/null
  kubectl config set-cluster rehearsal --server="https://127.0.0.1:$API_PORT" \
    --certificate-authority="$pki/ca.crt" --embed-certs >/dev/null
  kubectl config set-credentials rehearsal-admin --client-certificate="$pki/admin.crt" \
    --client-key="$pki/admin.key" --embed-certs >/dev/null
  kubectl config set-context rehearsal --cluster=rehearsal --user=rehearsal-admin >/dev/null
  kubectl config use-context rehearsal >/dev/null
}

stop_servers() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}
trap stop_servers EXIT

# A fresh etcd and API server for each overlay: without kube-controller-manager a deleted
# namespace never finishes terminating, so a new data directory is the clean slate.
start_servers() {
  local name="$1" pki="$work/pki" dir="$work/$1"
  rm -rf "$dir" && mkdir -p "$dir"
  "$etcd" --name rehearsal --data-dir "$dir/etcd" \
    --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls "http://127.0.0.1:$((ETCD_PORT + 1))" \
    --initial-advertise-peer-urls "http://127.0.0.1:$((ETCD_PORT + 1))" \
    --initial-cluster "rehearsal=http://127.0.0.1:$((ETCD_PORT + 1))" >"$dir/etcd.log" 2>&1 &
  pids+=($!)
  # PodSecurity is in the default admission plugins; listed explicitly so that stays true.
  "$kube_apiserver" --etcd-servers "http://127.0.0.1:$ETCD_PORT" \
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$API_PORT" \
    --cert-dir "$dir/certs" --tls-cert-file "$pki/server.crt" --tls-private-key-file "$pki/server.key" \
    --client-ca-file "$pki/ca.crt" --authorization-mode RBAC \
    --service-account-issuer https://kubernetes.default.svc \
    --service-account-key-file "$pki/sa.pub" --service-account-signing-key-file "$pki/sa.key" \
    --service-cluster-ip-range 10.96.0.0/16 \
    --enable-admission-plugins NamespaceLifecycle,ServiceAccount,PodSecurity,ResourceQuota,LimitRanger \
    >"$dir/kube-apiserver.log" 2>&1 &
  pids+=($!)
  local tries=0
  until kubectl get --raw /readyz >/dev/null 2>&1; do
    if ((++tries > 120)) || ! kill -0 "${pids[@]}" 2>/dev/null; then
      echo "kube-apiserver not ready (port in use?): see $dir/etcd.log and $dir/kube-apiserver.log" >&2
      return 1
    fi
    sleep 1
  done
  echo "$name: kube-apiserver $(kubectl get --raw /version | sed -n 's/.*"gitVersion": "\([^"]*\)".*/\1/p') ready" >&2
}

install_crds() {
  local cm pom strimzi
  # The Strimzi release the schema spec checks against (tools/k8s-check/strimzi-schema.ts).
  strimzi="$(sed -n "s/^export const STRIMZI_RELEASE = '\(.*\)';$/\1/p" "$repo/tools/k8s-check/strimzi-schema.ts")"
  cm="$(module_dir "github.com/cert-manager/cert-manager@$CERT_MANAGER_VERSION")/deploy/crds"
  pom="$(module_dir "github.com/prometheus-operator/prometheus-operator@$PROMETHEUS_OPERATOR_VERSION")/example/prometheus-operator-crd"
  # Every CRD of both operators, so a newly used kind (PodMonitor, Issuer…) needs no change here.
  kubectl apply --server-side -f "$repo/tools/k8s-check/crds/strimzi-$strimzi" -f "$cm" -f "$pom" >/dev/null
  kubectl wait --for condition=Established --timeout 60s crd --all >/dev/null
}

failures=0

# The API server silently drops a field whose feature gate is off (a field newer than the server
# or still alpha): prints, as an "error:" line, each rendered field that the live object lacks.
dropped_fields() {
  local rendered="$1"
  kubectl create --dry-run=client -o json -f "$rendered" >"$rendered.json"
  kubectl get -o json -f "$rendered" >"$rendered.live.json"
  node - "$rendered.json" "$rendered.live.json" <<'EOF'
const { readFileSync } = require('node:fs');
// kubectl prints several objects as a List, or (create --dry-run) as pretty-printed JSON one after another.
const objectsIn = (file) => {
  const text = readFileSync(file, 'utf8').trim().replace(/^}\s*^{/gm, '},{');
  return JSON.parse(`[${text}]`).flatMap((value) => (value.kind === 'List' ? value.items : [value]));
};
const keyOf = ({ kind, metadata }) => `${kind}/${metadata.namespace ?? ''}/${metadata.name}`;
const [rendered, live] = process.argv.slice(2).map(objectsIn);
const liveByKey = new Map(live.map((object) => [keyOf(object), object]));
const missing = (want, have, path) =>
  want !== null && typeof want === 'object'
    ? Object.keys(want).flatMap((key) =>
        have !== null && typeof have === 'object' && key in have
          ? missing(want[key], have[key], `${path}.${key}`)
          : [`${path}.${key}`],
      )
    : [];
rendered.forEach((object) => {
  for (const path of missing(object, liveByKey.get(keyOf(object)), '')) {
    console.log(`error: ${object.kind}/${object.metadata.name}: ${path.slice(1)} was dropped by the server`);
  }
});
EOF
}

# Applies one rendered target; any error or warning (kubectl prints them as "Warning: …") fails.
apply_target() {
  local target="$1" rendered="$work/$2.yaml" out="$work/$2.apply.log"
  "$repo/tools/k8s-check/kustomize.sh" build "$target" >"$rendered"
  local rc=0
  kubectl apply --server-side --validate=strict -f "$rendered" >"$out" 2>&1 || rc=$?
  ((rc == 0)) && dropped_fields "$rendered" >>"$out"
  echo "--- ${target#"$repo"/} ($(grep -c '^kind:' "$rendered") objects): kubectl exit $rc"
  cat "$out"
  if ((rc != 0)) || grep -qiE '^(warning|error)' "$out"; then
    failures=$((failures + 1))
    echo "FAIL ${target#"$repo"/}"
  fi
}

# An overlay's name (prod, dev) or the path of another kustomization (e.g. a deliberately broken
# copy, to see the rehearsal fail).
rehearse_overlay() {
  local overlay="$1" name path
  name="$(basename "$overlay")"
  path="$repo/k8s/overlays/$overlay" && [[ -d "$overlay" ]] && path="$(cd "$overlay" && pwd)"
  log "overlay $overlay"
  start_servers "$name"
  install_crds
  apply_target "$path" "overlay-$name"
  # The on-demand Job goes into an installed namespace, as docs/operations.md §8 runs it.
  if [[ "$overlay" == prod ]]; then
    apply_target "$repo/k8s/jobs/rebuild-projections" rebuild-projections
  fi
  stop_servers
}

main() {
  local tool
  for tool in go kubectl node openssl; do
    command -v "$tool" >/dev/null || { echo "rehearse.sh needs $tool" >&2; exit 1; }
  done
  mkdir -p "$work" && rm -f "$KUBECONFIG"
  build_etcd
  build_kube_apiserver
  make_pki
  local overlay overlays=("$@")
  ((${#overlays[@]})) || overlays=(prod dev)
  for overlay in "${overlays[@]}"; do rehearse_overlay "$overlay"; done
  if ((failures)); then
    echo "rehearsal: $failures target(s) failed (logs in $work)"
    exit 1
  fi
  echo "rehearsal: every target applied without an error or a warning"
}

main "$@"
