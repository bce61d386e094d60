# Installs the Debian packages the stack needs, and runs apt-get update
# only when one of them is missing.
# shellcheck shell=bash

install_packages() {
  local missing=()
  command -v clickhouse-server >/dev/null || missing+=(clickhouse-server)
  command -v clickhouse-client >/dev/null || missing+=(clickhouse-client)
  command -v kcat >/dev/null || missing+=(kcat)
  [[ -x "${PROFILEHUB_PG_BIN:-/usr/lib/postgresql/15/bin}/initdb" ]] || missing+=(postgresql)
  command -v psql >/dev/null || missing+=(postgresql-client)
  command -v java >/dev/null || missing+=(openjdk-17-jre-headless)
  command -v mvn >/dev/null || missing+=(maven)
  ((${#missing[@]} == 0)) && return 0
  [[ "$(id -u)" == 0 ]] || die "missing packages ${missing[*]}; run deploy/local/up.sh as root to install them"
  log "installing ${missing[*]}"
  apt-get update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" ||
    die "apt-get install ${missing[*]} failed"
}
