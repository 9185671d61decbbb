#!/usr/bin/env bash
# Fault: kill -9 one of two nodes in the middle of a load run, then restart it. Passes when the load
# generator finds every acknowledged (201) message in the transcripts afterwards.
#   bench/faults/kill-node.sh
source "$(dirname "$0")/common.sh"
new_database
start_node 18081; A=$NODE_PID; wait_ready 18081
start_node 18082; wait_ready 18082

"$JAVA" -cp "$BENCH" dev.kotae.bench.load.LoadGenerator --url http://127.0.0.1:18081 --url http://127.0.0.1:18082 \
  --conversations 16 --warmup 5s --duration 45s >"$WORK/load.txt" 2>/dev/null &
LOAD=$!
sleep 20
echo "kill -9 node A (pid $A)"
kill -9 "$A"
sleep 5
echo "restart node A"
start_node 18081; wait_ready 18081
status=0
wait "$LOAD" || status=$?
cat "$WORK/load.txt"
echo "user messages stored: $(count_user_messages)"
[ "$status" = 0 ] && echo "PASS: no acknowledged message missing" || echo "FAIL"
exit "$status"
