# Shared helpers for the local stack scripts. Source it; it sets paths
# relative to the repository root and defines process and port checks.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
LOCAL="$ROOT/.local"
RUN_DIR="$LOCAL/run"
LOG_DIR="$LOCAL/logs"

# Seconds to wait for a component to accept connections before failing.
WAIT_SECONDS="${PROFILEHUB_WAIT_SECONDS:-90}"

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

ensure_dirs() { mkdir -p "$RUN_DIR" "$LOG_DIR"; }

# port_open PORT: true when something accepts TCP connections on 127.0.0.1:PORT.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# pid_alive NAME: true when .local/run/NAME.pid names a live process. A
# killed process that its parent has not reaped yet is a zombie, which
# kill -0 still finds, so its state in /proc counts as dead too.
pid_alive() {
  local file="$RUN_DIR/$1.pid" pid state
  [[ -f "$file" ]] || return 1
  pid="$(head -n1 "$file")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  state="$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1)"
  [[ "$state" != "Z" && "$state" != "X" ]]
}

# running NAME PORT LOGFILE: true when our pid file names a live process,
# after waiting for its port in case it is still starting. A port taken by
# a process that is not ours is an error, because starting a second server
# on it would fail later with a less clear message.
running() {
  local name="$1" port="$2" logfile="$3"
  if pid_alive "$name"; then
    wait_port "$name" "$port" "$logfile"
    return 0
  fi
  if port_open "$port"; then
    die "port $port is in use by a process not started by deploy/local (no live $RUN_DIR/$name.pid); stop it or free the port"
  fi
  return 1
}

# lock_stack: holds an exclusive lock on the stack until the script exits,
# so concurrent up.sh and down.sh runs do not start a component twice.
# Servers must not inherit descriptor 9, or they would hold the lock.
lock_stack() {
  exec 9>"$RUN_DIR/stack.lock"
  flock 9
}

# wait_port NAME PORT LOGFILE: bounded wait for the port; fails naming the log.
wait_port() {
  local name="$1" port="$2" logfile="$3" i
  for ((i = 0; i < WAIT_SECONDS * 2; i++)); do
    port_open "$port" && return 0
    if [[ -f "$RUN_DIR/$name.pid" ]] && ! pid_alive "$name"; then
      die "$name exited during start-up; see $logfile"
    fi
    sleep 0.5
  done
  die "$name did not accept connections on 127.0.0.1:$port within ${WAIT_SECONDS}s; see $logfile"
}

# stop_pid NAME [SECONDS]: SIGTERM the process of NAME.pid, wait bounded,
# then SIGKILL that same pid only. Removes the pid file.
stop_pid() {
  local name="$1" timeout="${2:-30}" file="$RUN_DIR/$1.pid" pid i
  [[ -f "$file" ]] || return 0
  pid="$(head -n1 "$file")"
  if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
    log "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < timeout * 2; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
      log "$name (pid $pid) still running after ${timeout}s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$file"
}

# spawn NAME LOGFILE COMMAND...: start COMMAND in its own session in the
# background, appending output to LOGFILE, and record its pid in NAME.pid.
# The shell writes its own pid and then execs, so the pid file names the
# server process itself.
spawn() {
  local name="$1" logfile="$2"
  shift 2
  rm -f "$RUN_DIR/$name.pid"
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$RUN_DIR/$name.pid" "$@" >>"$logfile" 2>&1 </dev/null 9>&- &
  local i
  for ((i = 0; i < 20; i++)); do
    [[ -s "$RUN_DIR/$name.pid" ]] && return 0
    sleep 0.1
  done
  die "$name did not start; see $logfile"
}
