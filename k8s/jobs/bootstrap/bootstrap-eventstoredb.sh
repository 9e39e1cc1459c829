#!/bin/sh
# Idempotent, over EventStoreDB's HTTP API with TLS: replace the default `admin` password by the one
# in the Secret eventstoredb-admin, then give each service its own user (in `$admins`: the relay
# reads `$all`, docs/operations.md §4) with the password of its <service>-eventstoredb Secret,
# creating it or resetting its password, so a re-run after a rotation applies the new one.
# Never prints a password: no `set -x`; credentials reach curl through a config file in /tmp and
# request bodies through stdin, never through its arguments.
set -eu
umask 077

ESDB_URL="${ESDB_URL:-https://eventstoredb.ilinks.svc.cluster.local:2113}"
CA_FILE="${CA_FILE:-/etc/ilinks/eventstoredb-ca/ca.crt}"
ATTEMPTS="${ATTEMPTS:-60}"
PAUSE_SECONDS="${PAUSE_SECONDS:-5}"
SERVICES='identity-matching consent record-projection correspondence diagnostics audit'
DEFAULT_CREDENTIALS=/tmp/esdb-default.curlrc
OPS_DEFAULT_CREDENTIALS=/tmp/esdb-ops-default.curlrc
ADMIN_CREDENTIALS=/tmp/esdb-admin.curlrc
RESPONSE=/tmp/esdb-response

fail() {
  echo "bootstrap-eventstoredb: $1" >&2
  exit 1
}

# Escapes a value for a double-quoted string, in JSON and in a curl config file alike.
quoted() {
  printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g'
}

# The password in the variable named $1: set, and on one line (a base64 value is).
password_of() {
  eval "value=\${$1:-}"
  [ -n "$value" ] || fail "$1 is not set"
  case "$value" in *'
'*) fail "$1 holds a line break" ;; esac
  printf '%s' "$value"
}

# Writes a curl config file holding `user = "login:password"`.
write_credentials() {
  printf 'user = "%s:%s"\n' "$2" "$(quoted "$3")" >"$1"
}

# Prints the HTTP status of METHOD PATH as the user of config file $1 (000 when nothing answered);
# for POST and PUT the JSON body is read from stdin. The response body stays in $RESPONSE, unprinted.
call() {
  config="$1" method="$2" path="$3"
  if [ "$method" = GET ]; then
    set --
  else
    set -- --header 'content-type: application/json' --data-binary @-
  fi
  curl --silent --max-time 10 --cacert "$CA_FILE" --config "$config" --request "$method" \
    --output "$RESPONSE" --write-out '%{http_code}' "$@" "$ESDB_URL$path" || true
}

# Succeeds once `admin` answers to eventstoredb-admin's password, changing the default first.
admin_is_secured() {
  if [ "$(call "$DEFAULT_CREDENTIALS" GET /users/admin </dev/null)" = 200 ]; then
    status=$(printf '{"currentPassword":"changeit","newPassword":"%s"}' "$(quoted "$ADMIN_PASSWORD")" |
      call "$DEFAULT_CREDENTIALS" POST /users/admin/command/change-password)
    echo "admin: default password replaced (HTTP $status)"
  fi
  [ "$(call "$ADMIN_CREDENTIALS" GET /users/admin </dev/null)" = 200 ]
}

# EventStoreDB's other built-in user, `ops`, starts with the same default password: while it still
# answers to it, it is disabled (nothing here needs it; an operator who does sets a password of their
# own and enables it, and a re-run leaves it be).
ops_is_safe() {
  [ "$(call "$OPS_DEFAULT_CREDENTIALS" GET '/users/$current' </dev/null)" = 200 ] || return 0
  status=$(printf '{}' | call "$ADMIN_CREDENTIALS" POST /users/ops/command/disable)
  [ "$status" = 200 ] && echo "ops: disabled (it still had the default password)"
}

# Creates the service's user in `$admins`, or resets its password and groups when it exists.
user_is_set() {
  service="$1" password="$2"
  fields=$(printf '"fullName":"%s","groups":["$admins"]' "$service")
  case "$(call "$ADMIN_CREDENTIALS" GET "/users/$service" </dev/null)" in
    404)
      status=$(printf '{"loginName":"%s",%s,"password":"%s"}' "$service" "$fields" "$(quoted "$password")" |
        call "$ADMIN_CREDENTIALS" POST /users/)
      [ "$status" = 201 ] && echo "user $service: created in \$admins"
      ;;
    200)
      status=$(printf '{"newPassword":"%s"}' "$(quoted "$password")" |
        call "$ADMIN_CREDENTIALS" POST "/users/$service/command/reset-password")
      [ "$status" = 200 ] || return 1
      status=$(printf '{%s}' "$fields" | call "$ADMIN_CREDENTIALS" PUT "/users/$service")
      [ "$status" = 200 ] && echo "user $service: password reset, in \$admins"
      ;;
    *) return 1 ;;
  esac
}

# Runs the command until it succeeds, $ATTEMPTS times at most, $PAUSE_SECONDS apart.
retry() {
  what="$1"
  shift
  attempt=1
  until "$@"; do
    [ "$attempt" -lt "$ATTEMPTS" ] || fail "$what: gave up after $ATTEMPTS attempts"
    echo "$what: EventStoreDB did not accept it yet (attempt $attempt of $ATTEMPTS), retrying"
    attempt=$((attempt + 1))
    sleep "$PAUSE_SECONDS"
  done
}

# The variable holding the service's password: IDENTITY_MATCHING_PASSWORD for identity-matching.
variable_of() {
  echo "$(echo "$1" | tr 'a-z-' 'A-Z_')_PASSWORD"
}

[ -r "$CA_FILE" ] || fail "no CA certificate at $CA_FILE"
ADMIN_PASSWORD=$(password_of ADMIN_PASSWORD)
# Every password present before anything changes.
for service in $SERVICES; do password_of "$(variable_of "$service")" >/dev/null; done
write_credentials "$DEFAULT_CREDENTIALS" admin changeit
write_credentials "$ADMIN_CREDENTIALS" admin "$ADMIN_PASSWORD"
write_credentials "$OPS_DEFAULT_CREDENTIALS" ops changeit
# Neither password accepted after the retries: EventStoreDB is down, or admin's password was
# changed by hand and eventstoredb-admin no longer holds it.
retry admin admin_is_secured
echo "admin: answers to the password of eventstoredb-admin"
retry ops ops_is_safe
for service in $SERVICES; do
  password=$(password_of "$(variable_of "$service")")
  retry "user $service" user_is_set "$service" "$password"
done
rm -f "$DEFAULT_CREDENTIALS" "$ADMIN_CREDENTIALS" "$OPS_DEFAULT_CREDENTIALS" "$RESPONSE"
echo "EventStoreDB users ready: $SERVICES"
