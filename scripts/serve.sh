#!/usr/bin/env bash
# Starts the action server (port 5055) and the Rasa server (port 5005, REST at /webhooks/rest/webhook).
# With --chat, talks to the bot in the terminal instead of serving HTTP. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.venv
ACTION_PORT=${ACTION_PORT:-5055}
RASA_PORT=${RASA_PORT:-5005}
MODEL=${MODEL:-models/vaxjo.tar.gz}
LOG_DIR=${LOG_DIR:-var/log}
export ACTION_ENDPOINT_URL=${ACTION_ENDPOINT_URL:-http://localhost:${ACTION_PORT}/webhook}
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
export RASA_TELEMETRY_ENABLED=false SQLALCHEMY_SILENCE_UBER_WARNING=1
mkdir -p "$LOG_DIR"

pids=()
stop() {
  trap - INT TERM EXIT
  [ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

wait_for() {  # url, name, log, seconds
  for _ in $(seq "$4"); do
    curl -fs "$1" >/dev/null 2>&1 && return 0
    for pid in "${pids[@]}"; do
      kill -0 "$pid" 2>/dev/null || { echo "$2 stopped while starting; last lines of $3:"; tail -n 30 "$3"; exit 1; }
    done
    sleep 1
  done
  echo "$2 did not answer at $1 within $4 s; last lines of $3:"; tail -n 30 "$3"; exit 1
}

"$VENV/bin/python" -m actions.portfolio check  # a broken content file stops here, with its name and field
"$VENV/bin/rasa" run actions --actions actions --port "$ACTION_PORT" > "$LOG_DIR/actions.log" 2>&1 &
pids+=($!)
wait_for "http://localhost:${ACTION_PORT}/health" "The action server" "$LOG_DIR/actions.log" 60

if [ "${1:-}" = "--chat" ]; then
  "$VENV/bin/rasa" shell --model "$MODEL" --endpoints bot/endpoints.yml
  exit 0
fi

"$VENV/bin/rasa" run --model "$MODEL" --endpoints bot/endpoints.yml --credentials bot/credentials.yml \
  --port "$RASA_PORT" > "$LOG_DIR/rasa.log" 2>&1 &
pids+=($!)
echo "Starting the Rasa server (log: $LOG_DIR/rasa.log) ..."
wait_for "http://localhost:${RASA_PORT}/" "The Rasa server" "$LOG_DIR/rasa.log" 180
cat <<MSG
The assistant is running.
  REST:          POST http://localhost:${RASA_PORT}/webhooks/rest/webhook  {"sender": "me", "message": "hej"}
  Action server: http://localhost:${ACTION_PORT}
Press Ctrl-C to stop.
MSG
wait -n "${pids[@]}"
echo "A server stopped; see $LOG_DIR/ for its log."
