#!/usr/bin/env bash
# Creates the Secrets the manifests reference that nothing in the cluster creates for you
# (docs/operations.md §4, step 3) with strong random values. A Secret that exists already is left
# as it is, so a re-run is safe; rotating one is docs/operations.md §10. Never prints a value: the
# values travel to kubectl in files of a private temporary folder, not on its command line.
#   k8s/scripts/create-secrets.sh [namespace]      (default: ilinks; needs kubectl and openssl)
set -euo pipefail

NAMESPACE="${1:-ilinks}"
SERVICES=(identity-matching consent record-projection correspondence diagnostics audit)
MONGODB_HOSTS="mongodb-0.mongodb-headless:27017,mongodb-1.mongodb-headless:27017,mongodb-2.mongodb-headless:27017"
EVENTSTOREDB_HOST="eventstoredb-headless.${NAMESPACE}.svc.cluster.local:2113"
EVENTSTOREDB_CA=/etc/ilinks/eventstoredb-ca/ca.crt

umask 077
VALUES="$(mktemp -d)"
trap 'rm -rf "$VALUES"' EXIT

# Hex, not base64: these passwords go into connection URLs, where + / = would need escaping.
random_password() { openssl rand -hex 24; }

# create_secret NAME KEY=VALUE...: creates Secret NAME with those keys unless it exists.
create_secret() {
  local name="$1"
  shift
  if kubectl -n "$NAMESPACE" get secret "$name" >/dev/null 2>&1; then
    echo "secret/$name exists: left as it is"
    return
  fi
  local args=() keys=() pair
  mkdir -p "$VALUES/$name"
  for pair in "$@"; do
    printf '%s' "${pair#*=}" >"$VALUES/$name/${pair%%=*}"
    args+=("--from-file=${pair%%=*}=$VALUES/$name/${pair%%=*}")
    keys+=("${pair%%=*}")
  done
  kubectl -n "$NAMESPACE" create secret generic "$name" "${args[@]}" >/dev/null
  echo "secret/$name created (${keys[*]})"
}

create_secret mongodb-admin username=root "password=$(random_password)"
create_secret mongodb-keyfile "keyfile=$(openssl rand -base64 756 | tr -d '\n')"
create_secret eventstoredb-admin "password=$(random_password)"
for service in "${SERVICES[@]}"; do
  password="$(random_password)"
  create_secret "$service-mongodb" "password=$password" \
    "url=mongodb://$service:$password@$MONGODB_HOSTS/?replicaSet=rs0&authSource=admin"
  password="$(random_password)"
  create_secret "$service-eventstoredb" "password=$password" \
    "connection-string=esdb+discover://$service:$password@$EVENTSTOREDB_HOST?tls=true&tlsCAFile=$EVENTSTOREDB_CA"
done
echo "Secrets ready in $NAMESPACE; Strimzi and cert-manager create the rest (docs/operations.md §4)."
