#!/usr/bin/env bash
# Builds Weiquan as of commit 2e79b8a (the last one whose tables are at V11, with the case's work as JSON in
# task_record.data) in a worktree of its own and runs it in demo mode on a fresh PostgreSQL database, on loopback.
# Stop it with: kill "$(cat "$RUN/pid")"
set -euo pipefail
COMMIT=2e79b8a
DB=${DB:-weiquan_h11m_old}
PORT=${PORT:-18311}
RUN=${RUN:-/tmp/old-run}
TREE=${TREE:-/tmp/old-$COMMIT}
REPO=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
PAYARA=~/.m2/repository/fish/payara/extras/payara-micro/6.2025.10/payara-micro-6.2025.10.jar

[ -d "$TREE" ] || git -C "$REPO" worktree add --detach "$TREE" "$COMMIT"
(cd "$TREE" && mvn -o -q -DskipTests package)

psql -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 \
  -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" \
  -c "CREATE DATABASE $DB OWNER weiquan ENCODING 'UTF8' TEMPLATE template0"
rm -rf "$RUN" && mkdir -p "$RUN"
# user.timezone=UTC: the engine writes its TIMESTAMP columns (without time zone) in the JVM's zone
nohup java -Xmx768m -Duser.timezone=UTC \
  -Dweiquan.db.url="jdbc:postgresql://127.0.0.1:5432/$DB" -Dweiquan.db.user=weiquan -Dweiquan.db.password=weiquan \
  -Dweiquan.demo=true -Dweiquan.data.dir="$RUN/data" \
  -jar "$PAYARA" --nocluster --port "$PORT" --startport 7311 --interfaces 127.0.0.1 --rootdir "$RUN/root" \
  --deploy "$TREE/target/weiquan.war" --contextroot / > "$RUN/payara.log" 2>&1 &
echo $! > "$RUN/pid"
for _ in $(seq 1 90); do
  if curl -sf "http://127.0.0.1:$PORT/health" > /dev/null; then
    echo "Weiquan $COMMIT is up on http://127.0.0.1:$PORT (database $DB)"
    exit 0
  fi
  sleep 2
done
echo "Weiquan $COMMIT did not come up: see $RUN/payara.log" >&2
exit 1
