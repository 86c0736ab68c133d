#!/usr/bin/env bash
# Starts the Rasa server (port 5005, REST at /webhooks/rest/webhook), which runs the custom actions in its own process
# in the default profile, or an action server (port 5055) beside it (scripts/profile-env.sh: START_ACTION_SERVER).
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
source scripts/profile-env.sh  # VAXJO_PROFILE -> $ENDPOINTS and its variables (docs/scale-out.md)
# Security (docs/security.md): Rasa's HTTP API (model, tracker, status endpoints) only with RASA_ENABLE_API=1 and
# RASA_AUTH_TOKEN or RASA_JWT_SECRET; CORS only for the exact origins in RASA_CORS (space/comma list; default none).
RASA_SECURITY_ARGS=()
if [ "${RASA_ENABLE_API:-0}" = 1 ]; then
  if [ -z "${RASA_AUTH_TOKEN:-}" ] && [ -z "${RASA_JWT_SECRET:-}" ]; then
    echo "RASA_ENABLE_API=1 needs RASA_AUTH_TOKEN or RASA_JWT_SECRET: the API must never be open" >&2; exit 2
  fi
  RASA_SECURITY_ARGS+=(--enable-api)
  if [ -n "${RASA_AUTH_TOKEN:-}" ]; then RASA_SECURITY_ARGS+=(--auth-token "$RASA_AUTH_TOKEN"); fi
  if [ -n "${RASA_JWT_SECRET:-}" ]; then
    RASA_SECURITY_ARGS+=(--jwt-secret "$RASA_JWT_SECRET" --jwt-method "${RASA_JWT_METHOD:-HS256}")
  fi
elif [ "${RASA_ENABLE_API:-0}" != 0 ]; then
  echo "RASA_ENABLE_API must be 0 or 1, not '$RASA_ENABLE_API'" >&2; exit 2
fi
IFS=', ' read -r -a cors_list <<< "${RASA_CORS:-}"  # no glob expansion: RASA_CORS='*' is refused below
cors_origins=()
for origin in ${cors_list[@]+"${cors_list[@]}"}; do
  if ! [[ "$origin" =~ ^https?://[A-Za-z0-9.-]+(:[0-9]+)?$ ]]; then
    echo "RASA_CORS: '$origin' is not an exact origin like https://example.org (no wildcard, path or final /)" >&2
    exit 2
  fi
  cors_origins+=("$origin")
done
if [ ${#cors_origins[@]} -gt 0 ]; then RASA_SECURITY_ARGS+=(--cors "${cors_origins[@]}"); fi
# Request bodies over 1 MB are refused before they are read into memory (Sanic's default is 100 MB).
export SANIC_REQUEST_MAX_SIZE=${SANIC_REQUEST_MAX_SIZE:-1000000}
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
if [ "$START_ACTION_SERVER" = 1 ]; then  # 0: actions in-process, or the action server (pool) at ACTION_ENDPOINT_URL
"$VENV/bin/rasa" run actions --actions actions --port "$ACTION_PORT" > "$LOG_DIR/actions.log" 2>&1 &
pids+=($!)
wait_for "http://localhost:${ACTION_PORT}/health" "The action server" "$LOG_DIR/actions.log" 60
fi

if [ "${1:-}" = "--chat" ]; then
  "$VENV/bin/python" -m bot.cli shell --model "$MODEL" --endpoints "$ENDPOINTS"
  exit 0
fi

# bot.cli is `rasa` with the patches of bot/patches.py installed first.
"$VENV/bin/python" -m bot.cli run --model "$MODEL" --endpoints "$ENDPOINTS" --credentials bot/credentials.yml \
  --port "$RASA_PORT" ${RASA_SECURITY_ARGS[@]+"${RASA_SECURITY_ARGS[@]}"} > "$LOG_DIR/rasa.log" 2>&1 &
pids+=($!)
echo "Starting the Rasa server ($VAXJO_PROFILE profile, $ENDPOINTS; log: $LOG_DIR/rasa.log) ..."
wait_for "http://localhost:${RASA_PORT}/" "The Rasa server" "$LOG_DIR/rasa.log" 180
if [ "${DEMO_PORT:-8080}" != 0 ]; then  # the chat widget's demo page (docs/widget.md); DEMO_PORT=0: none
  scripts/setup-browser.sh --npm-only || echo "npm ci failed: the demo page's widget cannot load its socket.io client."
  DEMO_PORT=${DEMO_PORT:-8080} RASA_PORT=$RASA_PORT "$VENV/bin/python" scripts/demo_server.py > "$LOG_DIR/demo.log" 2>&1 &
  pids+=($!)
  echo "Demo page with the chat widget: http://localhost:${DEMO_PORT:-8080}/ (Swedish), /en/ (English); log: $LOG_DIR/demo.log"
fi
actions_where=${ACTION_ENDPOINT_URL}
[ -n "$ACTIONS_MODULE" ] && actions_where="in the Rasa server's process"
cat <<MSG
The assistant is running.
  REST:          POST http://localhost:${RASA_PORT}/webhooks/rest/webhook  {"sender": "me", "message": "hej"}
  Actions:       $actions_where
Press Ctrl-C to stop.
MSG
wait -n "${pids[@]}"
echo "A server stopped; see $LOG_DIR/ for its log."
