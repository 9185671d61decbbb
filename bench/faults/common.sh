# Shared by the fault scripts: builds nothing, expects channels/target/kotae.jar (./mvnw -pl channels -am
# package -DskipTests) and bench/target/kotae-bench.jar (./mvnw -Pbench -pl bench -am package -DskipTests),
# and Debian's postgresql (started on loopback by .ci/postgres).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR="$ROOT/channels/target/kotae.jar"
BENCH="$ROOT/bench/target/kotae-bench.jar"
if [ -z "${JAVA:-}" ]; then
  # a Java 21+ under /usr/lib/jvm (newest first), else the one on the PATH
  JAVA=java
  for jdk in $(ls -d /usr/lib/jvm/*25* /usr/lib/jvm/*21* 2>/dev/null || true); do
    if [ -x "$jdk/bin/java" ]; then JAVA="$jdk/bin/java"; break; fi
  done
fi
WORK="$(mktemp -d /tmp/kotae-faults.XXXXXX)"
PG_PORT="${KOTAE_PG_PORT:-55432}"

for f in "$JAR" "$BENCH"; do
  [ -f "$f" ] || { echo "missing $f (see the top of bench/faults/common.sh)" >&2; exit 2; }
done

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

# a fresh database for this run
new_database() {
  "$ROOT/.ci/postgres" start >/dev/null
  DB="kotae_faults_$$"
  psql -h 127.0.0.1 -p "$PG_PORT" -U kotae -d postgres -qc "CREATE DATABASE $DB" >/dev/null
  DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/$DB"
}

# start_node PORT: a node on the shared database; sets NODE_PID
start_node() {
  local port=$1
  KOTAE_DB_URL="$DB_URL" KOTAE_DB_USER=kotae KOTAE_DB_PASSWORD=kotae SPRING_PROFILES_ACTIVE=postgres \
    KOTAE_ADMIN_PASSWORD=faults-admin-secret OMP_NUM_THREADS=1 \
    "$JAVA" -Xmx1g -jar "$JAR" --server.port="$port" --kotae.data-dir="$WORK/node-$port" \
    --kotae.web.rate-limit.enabled=false >"$WORK/node-$port.log" 2>&1 &
  NODE_PID=$!
  PIDS+=("$NODE_PID")
}

# wait_ready PORT: until the readiness probe answers UP (3 minutes at most)
wait_ready() {
  for _ in $(seq 1 180); do
    if curl -sf "http://127.0.0.1:$1/actuator/health/readiness" >/dev/null; then return 0; fi
    sleep 1
  done
  echo "node on port $1 did not become ready; see $WORK/node-$1.log" >&2
  exit 1
}

# messages stored in the database (user messages only)
count_user_messages() {
  psql -h 127.0.0.1 -p "$PG_PORT" -U kotae -d "$DB" -tAc "SELECT count(*) FROM message WHERE sender = 'user'"
}
