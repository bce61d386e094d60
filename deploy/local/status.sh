#!/usr/bin/env bash
# Prints which parts of the local stack and which platform services run.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$ROOT/deploy/local/lib/postgres.sh"

ensure_dirs
# A manual pg_ctl restart leaves a stale pid in .local/run/postgres.pid.
postgres_refresh_pid
component() {
  local name="$1" port="$2"
  if pid_alive "$name" && port_open "$port"; then
    printf '%-11s running  pid %-7s 127.0.0.1:%s\n' "$name" "$(head -n1 "$RUN_DIR/$name.pid")" "$port"
  elif pid_alive "$name"; then
    printf '%-11s starting pid %-7s 127.0.0.1:%s not answering yet\n' "$name" "$(head -n1 "$RUN_DIR/$name.pid")" "$port"
  elif port_open "$port"; then
    printf '%-11s foreign  127.0.0.1:%s is used by a process not started by deploy/local\n' "$name" "$port"
  else
    printf '%-11s stopped\n' "$name"
  fi
}
component kafka 19092
component clickhouse 19000
component postgres 15432
"$ROOT/deploy/local/services.sh" status
