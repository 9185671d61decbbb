#!/usr/bin/env bash
# Load on two nodes sharing one PostgreSQL database (a fresh one on .ci/postgres's server): starts the
# nodes on ports 18081 and 18082, waits until both have a trained classifier, then runs the load
# generator over both (conversations alternate between them). Extra arguments go to the generator.
#   bench/two-nodes-load.sh --conversations 16 --warmup 10s --duration 40s
source "$(dirname "$0")/faults/common.sh"
new_database
start_node 18081; wait_ready 18081
start_node 18082; wait_ready 18082
for port in 18081 18082; do
  for _ in $(seq 1 180); do
    if curl -sf -u admin:faults-admin-secret "http://127.0.0.1:$port/api/v1/nlu/status" | grep -q '"upToDate":true'; then
      break
    fi
    sleep 1
  done
done
"$JAVA" -cp "$BENCH" dev.kotae.bench.load.LoadGenerator --url http://127.0.0.1:18081 --url http://127.0.0.1:18082 "$@" \
  2>/dev/null
