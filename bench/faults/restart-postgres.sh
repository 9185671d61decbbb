#!/usr/bin/env bash
# Fault: restart PostgreSQL under load (down for about 5 s). The nodes must recover by themselves and
# every acknowledged message must be stored.
#   bench/faults/restart-postgres.sh
source "$(dirname "$0")/common.sh"
new_database
start_node 18081; wait_ready 18081
start_node 18082; wait_ready 18082

"$JAVA" -cp "$BENCH" dev.kotae.bench.load.LoadGenerator --url http://127.0.0.1:18081 --url http://127.0.0.1:18082 \
  --conversations 16 --warmup 5s --duration 45s >"$WORK/load.txt" 2>/dev/null &
LOAD=$!
sleep 20
echo "stop PostgreSQL"
"$ROOT/.ci/postgres" stop
sleep 5
echo "start PostgreSQL"
"$ROOT/.ci/postgres" start >/dev/null
status=0
wait "$LOAD" || status=$?
cat "$WORK/load.txt"
for port in 18081 18082; do
  curl -sf "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null && echo "node $port ready again" \
    || { echo "node $port not ready"; status=1; }
done
[ "$status" = 0 ] && echo "PASS: recovered, no acknowledged message missing" || echo "FAIL"
exit "$status"
