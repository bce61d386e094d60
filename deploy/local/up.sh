#!/usr/bin/env bash
# Starts the local stack: Kafka (127.0.0.1:19092), ClickHouse
# (127.0.0.1:19000, HTTP 18123) and PostgreSQL (127.0.0.1:15432), each
# unless it already runs. Installs missing Debian packages first, so it
# needs root on Debian 12. Safe to run again: a second run changes nothing.
# Data lives in .local/, logs in .local/logs, pid files in .local/run.
# Topics are created by deploy/local/topics.sh.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$ROOT/deploy/local/lib/install.sh"
source "$ROOT/deploy/local/lib/kafka.sh"
source "$ROOT/deploy/local/lib/clickhouse.sh"
source "$ROOT/deploy/local/lib/postgres.sh"

ensure_dirs
lock_stack
install_packages
kafka_start
clickhouse_start
postgres_start
log "stack up: kafka $KAFKA_BOOTSTRAP, clickhouse 127.0.0.1:$CH_PORT, postgres 127.0.0.1:$PG_PORT"
