#!/usr/bin/env bash
# Starts, stops or lists the platform services as background processes:
# bin/<svc> --config deploy/local/config/<svc>.yaml, pid in
# .local/run/<svc>.pid, log in .local/logs/<svc>.log. Builds nothing: run
# `make build` first. PROFILEHUB_BIN_DIR sets another binary folder.
#
# If one service fails to start, start stops the services it started in
# that run before it exits non-zero.
#
# Usage: deploy/local/services.sh start|stop|status [SERVICE...]
# Without SERVICE names it acts on all six services.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$ROOT/deploy/local/lib/services.sh"

BIN_DIR="${PROFILEHUB_BIN_DIR:-$ROOT/bin}"

# Seconds a stopping service gets to finish its batch before SIGKILL.
STOP_SECONDS="${PROFILEHUB_STOP_SECONDS:-30}"

start_service() {
  local svc="$1" port="${SERVICE_PORT[$1]}"
  local bin="$BIN_DIR/$svc" config="$ROOT/deploy/local/config/$svc.yaml"
  local logfile="$LOG_DIR/$svc.log"
  if pid_alive "$svc"; then
    log "$svc already running (pid $(head -n1 "$RUN_DIR/$svc.pid"))"
    return 0
  fi
  [[ -x "$bin" ]] || die "missing $bin; run make build first"
  [[ -f "$config" ]] || die "missing $config"
  port_open "$port" && die "port $port of $svc is in use by another process"
  log "starting $svc on 127.0.0.1:$port (log $logfile)"
  STARTED+=("$svc")
  (cd "$ROOT" && spawn "$svc" "$logfile" "$bin" --config "$config")
}

# Services this run spawned, in start order. Services that were already
# running are not listed, so a failed start never stops them.
STARTED=()

# stop_started_on_failure: EXIT trap of start. After a failed start it stops
# the services this run spawned, by the pids in their pid files, so a
# failure leaves no partial platform behind.
stop_started_on_failure() {
  local status=$? i
  ((status != 0 && ${#STARTED[@]})) || return 0
  log "start failed; stopping the services this run started: ${STARTED[*]}"
  for ((i = ${#STARTED[@]} - 1; i >= 0; i--)); do
    stop_pid "${STARTED[$i]}" "$STOP_SECONDS"
  done
  exit "$status"
}

case "${1:-}" in
  start | stop | status) action="$1"; shift ;;
  *) die "usage: deploy/local/services.sh start|stop|status [SERVICE...]" ;;
esac
selected=("$@")
((${#selected[@]})) || selected=("${SERVICES[@]}")
for svc in "${selected[@]}"; do
  [[ -n "${SERVICE_PORT[$svc]:-}" ]] || die "unknown service $svc; known: ${SERVICES[*]}"
done

ensure_dirs
case "$action" in
  start)
    trap stop_started_on_failure EXIT
    for svc in "${selected[@]}"; do start_service "$svc"; done
    for svc in "${selected[@]}"; do
      wait_port "$svc" "${SERVICE_PORT[$svc]}" "$LOG_DIR/$svc.log"
    done
    trap - EXIT
    log "services running: ${selected[*]}"
    ;;
  stop)
    # Stop in reverse pipeline order, so consumers stop before producers.
    for ((i = ${#selected[@]} - 1; i >= 0; i--)); do
      stop_pid "${selected[$i]}" "$STOP_SECONDS"
    done
    ;;
  status)
    for svc in "${selected[@]}"; do
      if pid_alive "$svc"; then
        printf '%-11s running  pid %-7s http 127.0.0.1:%s\n' "$svc" "$(head -n1 "$RUN_DIR/$svc.pid")" "${SERVICE_PORT[$svc]}"
      else
        printf '%-11s stopped\n' "$svc"
      fi
    done
    ;;
esac
