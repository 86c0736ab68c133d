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
export SESSION_EXPIRY_MINUTES=${SESSION_EXPIRY_MINUTES:-}   # empty: session_config of bot/domain/core.yml
# Default profile
export TRACKER_SQLITE_PATH=${TRACKER_SQLITE_PATH:-$PWD/var/data/conversations.db}
# Scale-out profile
export TRACKER_DB_HOST=${TRACKER_DB_HOST:-127.0.0.1} TRACKER_DB_PORT=${TRACKER_DB_PORT:-5432}
export TRACKER_DB_NAME=${TRACKER_DB_NAME:-vaxjo_assistant} TRACKER_DB_USER=${TRACKER_DB_USER:-vaxjo_assistant}
export TRACKER_DB_PASSWORD=${TRACKER_DB_PASSWORD:-}
export REDIS_HOST=${REDIS_HOST:-127.0.0.1} REDIS_PORT=${REDIS_PORT:-6379} REDIS_DB=${REDIS_DB:-1}
export REDIS_PASSWORD=${REDIS_PASSWORD:-} REDIS_KEY_PREFIX=${REDIS_KEY_PREFIX:-vaxjo}
if [ "$VAXJO_PROFILE" = default ] && [ "${SANIC_WORKERS:-1}" != 1 ]; then
  echo "SANIC_WORKERS=$SANIC_WORKERS needs the Redis lock store: use VAXJO_PROFILE=scale-out" >&2; exit 2
fi
