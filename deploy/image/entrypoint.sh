#!/usr/bin/env bash
# The image's two commands (Containerfile):
#   rasa [ARGS]     the Rasa server: the trained model, the profile's endpoints (VAXJO_PROFILE, as scripts/serve.sh),
#                   REST and socket.io (bot/credentials.yml), port RASA_PORT (5005); ARGS are added, e.g. --cors ORIGIN
#   actions [ARGS]  the action server on ACTION_PORT (5055)
# Anything else is run as given (e.g. `python -c ...`). The admin HTTP API stays off, as in scripts/serve.sh.
set -euo pipefail
cd /app
command=${1:-rasa}
[ $# -gt 0 ] && shift
case "$command" in
  rasa)
    source scripts/profile-env.sh  # $ENDPOINTS and a default for every variable it uses
    export ACTION_ENDPOINT_URL=${ACTION_ENDPOINT_URL:-http://localhost:5055/webhook}
    export SANIC_REQUEST_MAX_SIZE=${SANIC_REQUEST_MAX_SIZE:-1000000}
    # `python -m bot.cli` is `rasa` with bot/patches.py installed first, as `make run` starts it.
    exec python -m bot.cli run --model models/vaxjo.tar.gz --endpoints "$ENDPOINTS" \
      --credentials bot/credentials.yml --port "${RASA_PORT:-5005}" "$@" ;;
  actions)
    exec rasa run actions --actions actions --port "${ACTION_PORT:-5055}" "$@" ;;
  *)
    exec "$command" "$@" ;;
esac
