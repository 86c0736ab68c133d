# Sourced by scripts/serve.sh: picks the endpoints file of the profile and exports a default for every
# variable it uses (Rasa refuses to start when a ${VAR} in an endpoints file is unset). docs/scale-out.md.
#   VAXJO_PROFILE=default    (or unset) bot/endpoints.yml: SQLite in var/data/, one Rasa server.
#   VAXJO_PROFILE=scale-out  bot/endpoints.scale-out.yml: PostgreSQL tracker store, Redis lock store.
# ENDPOINTS_FILE, if set, replaces the profile's endpoints file (e.g. a site-specific copy).
VAXJO_PROFILE=${VAXJO_PROFILE:-default}
case "$VAXJO_PROFILE" in
  default) ENDPOINTS=${ENDPOINTS_FILE:-bot/endpoints.yml} ;;
  scale-out) ENDPOINTS=${ENDPOINTS_FILE:-bot/endpoints.scale-out.yml} ;;
  *) echo "VAXJO_PROFILE must be 'default' or 'scale-out', not '$VAXJO_PROFILE'" >&2; exit 2 ;;
esac
[ -f "$ENDPOINTS" ] || { echo "The endpoints file $ENDPOINTS does not exist" >&2; exit 2; }
# Both profiles
# Where the custom actions run. Default profile: in the Rasa server's process (ACTIONS_MODULE=actions, no action
# server, no HTTP; bot/in_process_actions.py), unless START_ACTION_SERVER is set: 1 starts an action server here,
# 0 uses the action server (pool) at ACTION_ENDPOINT_URL. Scale-out profile, or a site-specific ENDPOINTS_FILE
# (which may name an action server): an action server, started here unless START_ACTION_SERVER=0.
if [ "$VAXJO_PROFILE" = default ] && [ -z "${START_ACTION_SERVER:-}" ] && [ -z "${ENDPOINTS_FILE:-}" ]; then
  export ACTIONS_MODULE=${ACTIONS_MODULE-actions} START_ACTION_SERVER=0
else
  export ACTIONS_MODULE="" START_ACTION_SERVER=${START_ACTION_SERVER:-1}
fi
export SESSION_EXPIRY_MINUTES=${SESSION_EXPIRY_MINUTES:-}   # empty: session_config of bot/domain/core.yml
export TRACKER_MAX_EVENTS_REPLAYED=${TRACKER_MAX_EVENTS_REPLAYED:-}  # empty: 48 (bot/tracker_store.py)
# Default profile
export TRACKER_SQLITE_PATH=${TRACKER_SQLITE_PATH:-$PWD/var/data/conversations.db}
# Scale-out profile
export TRACKER_DB_HOST=${TRACKER_DB_HOST:-127.0.0.1} TRACKER_DB_PORT=${TRACKER_DB_PORT:-5432}
export TRACKER_DB_NAME=${TRACKER_DB_NAME:-vaxjo_assistant} TRACKER_DB_USER=${TRACKER_DB_USER:-vaxjo_assistant}
export TRACKER_DB_PASSWORD=${TRACKER_DB_PASSWORD:-}
export REDIS_HOST=${REDIS_HOST:-127.0.0.1} REDIS_PORT=${REDIS_PORT:-6379} REDIS_DB=${REDIS_DB:-1}
export REDIS_PASSWORD=${REDIS_PASSWORD:-} REDIS_KEY_PREFIX=${REDIS_KEY_PREFIX:-vaxjo}
# Sanic workers (processes) of this Rasa server. Default profile: `auto` is one per two cores (a worker uses one
# core at a time, and each loads its own model), at most 4; its workers share a SQLite lock store (bot/lock_store.py)
# in LOCK_SQLITE_PATH, a single worker keeps Rasa's in-memory one. Scale-out: 1 unless set (Redis locks).
if [ "$VAXJO_PROFILE" = default ]; then
  SANIC_WORKERS=${SANIC_WORKERS:-auto}
  if [ "$SANIC_WORKERS" = auto ]; then
    cores=$(nproc 2>/dev/null || echo 1)
    SANIC_WORKERS=$(( cores / 2 > 4 ? 4 : (cores / 2 < 1 ? 1 : cores / 2) ))
  fi
  if ! [[ "$SANIC_WORKERS" =~ ^[1-9][0-9]*$ ]]; then
    echo "SANIC_WORKERS must be a positive number or auto, not '$SANIC_WORKERS'" >&2; exit 2
  fi
  export SANIC_WORKERS LOCK_SQLITE_PATH=${LOCK_SQLITE_PATH:-$PWD/var/data/locks.db}
  if [ "$SANIC_WORKERS" = 1 ]; then export LOCK_STORE_TYPE=in_memory; else export LOCK_STORE_TYPE=bot.lock_store.SQLiteLockStore; fi
fi
