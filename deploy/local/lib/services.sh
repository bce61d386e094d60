# Names and HTTP ports of the platform services, in pipeline order.
# shellcheck shell=bash

SERVICES=(ingest enrichment inference vectorize segment projector)

declare -A SERVICE_PORT=(
  [ingest]=9101 [enrichment]=9102 [inference]=9103
  [vectorize]=9104 [segment]=9105 [projector]=9106
)
