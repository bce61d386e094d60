#!/usr/bin/env bash
# Creates the topics listed in deploy/kafka/topics.yaml on the local broker
# with Kafka's own TopicCommand (from the jars that up.sh fetched), skipping
# topics that exist already.
#
# Usage: deploy/local/topics.sh [--prefix PREFIX]
#   --prefix  topic name prefix (default: $PROFILEHUB_KAFKA_TOPIC_PREFIX, else none)
# The broker address is $PROFILEHUB_KAFKA_BOOTSTRAP (default 127.0.0.1:19092).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$ROOT/deploy/local/lib/kafka.sh"

prefix="${PROFILEHUB_KAFKA_TOPIC_PREFIX:-}"
bootstrap="${PROFILEHUB_KAFKA_BOOTSTRAP:-$KAFKA_BOOTSTRAP}"
while (($#)); do
  case "$1" in
    --prefix) prefix="${2?--prefix needs a value}"; shift 2 ;;
    -h | --help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument $1; usage: deploy/local/topics.sh [--prefix PREFIX]" ;;
  esac
done

topics_file="$ROOT/deploy/kafka/topics.yaml"
[[ -f "$topics_file" ]] || die "missing $topics_file"
compgen -G "$KAFKA_LIBS/kafka-tools-*.jar" >/dev/null ||
  die "Kafka jars missing in $KAFKA_LIBS; run deploy/local/up.sh first"
mkdir -p "$KAFKA_HOME"
kafka_write_logging

# Reads topics.yaml (the fixed layout of that file: a list of name,
# partitions, replication_factor and an optional config map) into lines of
# "name partitions replication_factor key=value,...".
parse_topics() {
  awk '
    function flush() { if (name != "") print name, parts, rf, (cfg == "" ? "-" : cfg) }
    /^[[:space:]]*#/ || /^[[:space:]]*$/ { next }
    /^[[:space:]]*- name:/ { flush(); name = $3; parts = ""; rf = ""; cfg = ""; inconfig = 0; next }
    /^[[:space:]]+partitions:/ { parts = $2; next }
    /^[[:space:]]+replication_factor:/ { rf = $2; next }
    /^[[:space:]]+config:/ { inconfig = 1; next }
    inconfig && /^[[:space:]]+[a-z.]+:/ { key = $1; sub(":", "", key); cfg = cfg (cfg == "" ? "" : ",") key "=" $2; next }
    END { flush() }
  ' "$topics_file"
}

port_open "${bootstrap##*:}" || die "no Kafka broker at $bootstrap; run deploy/local/up.sh first"
existing="$(kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$bootstrap" --list)" ||
  die "listing topics on $bootstrap failed"

created=0
while read -r base partitions replication config; do
  [[ -n "$partitions" && -n "$replication" ]] || die "topic $base in $topics_file needs partitions and replication_factor"
  topic="$prefix$base"
  if grep -qxF "$topic" <<<"$existing"; then
    continue
  fi
  args=(--bootstrap-server "$bootstrap" --create --if-not-exists --topic "$topic"
    --partitions "$partitions" --replication-factor "$replication")
  if [[ "$config" != "-" ]]; then
    IFS=, read -ra pairs <<<"$config"
    for pair in "${pairs[@]}"; do args+=(--config "$pair"); done
  fi
  log "creating topic $topic (partitions $partitions, replication $replication, config $config)"
  kafka_tool org.apache.kafka.tools.TopicCommand "${args[@]}" >/dev/null ||
    die "creating topic $topic on $bootstrap failed"
  created=$((created + 1))
done < <(parse_topics)
log "topics ready on $bootstrap (prefix '${prefix}', $created created)"
