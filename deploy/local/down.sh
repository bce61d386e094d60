#!/usr/bin/env bash
# Stops the platform services started by deploy/local/services.sh and the
# stack started by deploy/local/up.sh, using their pid files (Postgres via
# pg_ctl stop). Data in .local/ is kept.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$ROOT/deploy/local/lib/kafka.sh"
source "$ROOT/deploy/local/lib/clickhouse.sh"
source "$ROOT/deploy/local/lib/postgres.sh"

ensure_dirs
lock_stack
"$ROOT/deploy/local/services.sh" stop
kafka_stop
clickhouse_stop
postgres_stop
log "stack down"
