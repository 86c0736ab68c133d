#!/usr/bin/env bash
# Every test, cheapest first so a mistake fails fast:
# lint -> unit tests -> data validation -> train (once, only when its inputs changed) -> one pytest run for the
# model and live layers (markers `model`, `live`, `slow`; tests/conftest.py) with one shared bot, the layers that
# need a server configured otherwise starting it once -> the browser suite (its own process, at the same time) ->
# the container image (built in the background from the start: var/log/image.log) and its test.
# --fast: the inner loop before a commit (lint, unit, validation, training, model tests; no servers).
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH="$PWD" RASA_TELEMETRY_ENABLED=false SQLALCHEMY_SILENCE_UBER_WARNING=1 TF_CPP_MIN_LOG_LEVEL=2
PYTEST=(.venv/bin/python -m pytest -q -p no:cacheprovider --durations=15)
started=$SECONDS
step() { printf '\n==== %s (at %d s) ====\n' "$1" $((SECONDS - started)); }
mkdir -p var/log
# One line per server a test starts (tests/servers.py), counted at the end.
export SERVER_STARTS_LOG="$PWD/var/log/server-starts.log"
: > "$SERVER_STARTS_LOG"
FULL=1; [ "${1:-}" = "--fast" ] && FULL=0
IMAGE_BUILD=0; [ "$FULL" = 1 ] && [ "${TEST_IMAGE:-1}" = 1 ] && IMAGE_BUILD=1
background=()
stop_background() { for pid in ${background[@]+"${background[@]}"}; do kill -- "-$pid" 2>/dev/null || true; done; }
trap stop_background EXIT

step "install (only what is missing)"
make --no-print-directory venv-test
step "lint"
.venv/bin/ruff check actions bot insights tests scripts
step "unit tests"
"${PYTEST[@]}" -m unit tests/unit
if [ "$IMAGE_BUILD" = 1 ]; then
  # The container image needs no test before it, only the model at its end: its base (debootstrap) and wheels
  # are made meanwhile, I/O more than CPU (~5 min on a fresh machine, seconds when cached), then it waits for
  # training. Its test runs after the live tests; a failed build fails the run there.
  step "container image: tools, then the build in the background (log: var/log/image.log)"
  deploy/image/build.sh --tools
  rm -f var/log/image.rc var/log/trained
  setsid bash -c 'deploy/image/build.sh --prepare && until [ -e var/log/trained ]; do sleep 2; done &&
                  make --no-print-directory image; echo $? > var/log/image.rc' > var/log/image.log 2>&1 &
  background+=($!)
fi
step "training data validation"
make --no-print-directory data/nlu/generated/entities.yml
"${PYTEST[@]}" -m unit tests/data
step "train (only if the model is older than its inputs)"
make --no-print-directory train
trained_at=$SECONDS
touch var/log/trained
if [ "$FULL" = 0 ]; then
  step "model tests: held-out NLU, story flows, a new project by name"
  "${PYTEST[@]}" -s -m model tests
else
  step "services the live tests need: Chromium, PostgreSQL, Redis, nginx"
  scripts/setup-browser.sh
  bash scripts/ensure-services.sh
  # Playwright's sync API keeps an event loop running in the test process, which the asyncio-based tests cannot
  # share: the browser gets a pytest process of its own, run at the same time (its own bot, ports 25005/28080).
  step "model and live tests, one run, and the browser suite beside it (log: var/log/test-browser.log)"
  "${PYTEST[@]}" -s tests/browser > var/log/test-browser.log 2>&1 &
  browser=$!
  live=0
  SHARED_BOT_EARLY=1 "${PYTEST[@]}" -s -m "model or live" --ignore=tests/image --ignore=tests/browser tests || live=$?
  step "chat widget and pages in a real browser (Chromium): keyboard, languages, disclosure, axe-core"
  browser_rc=0
  wait "$browser" || browser_rc=$?
  grep -v -E '^20[0-9]{2}-[0-9]{2}-[0-9]{2} ' var/log/test-browser.log | tail -n 40
  [ "$live" = 0 ] || { echo "the model and live tests failed (above)"; exit "$live"; }
  [ "$browser_rc" = 0 ] || { echo "the browser tests failed: var/log/test-browser.log"; exit "$browser_rc"; }
  if [ "$IMAGE_BUILD" = 1 ]; then
    step "container image: the build's end, then start it (SQLite profile) and ask through REST"
    while [ ! -e var/log/image.rc ] && kill -0 "${background[0]}" 2>/dev/null; do sleep 2; done
    tail -n 12 var/log/image.log
    [ "$(cat var/log/image.rc 2>/dev/null)" = 0 ] || { echo "make image failed: var/log/image.log"; exit 1; }
    "${PYTEST[@]}" -s tests/image
  fi
fi
starts=$(wc -l < "$SERVER_STARTS_LOG")
printf '\n==== servers started by the tests: %d (%s) ====\n' "$starts" \
  "$(cut -f1 "$SERVER_STARTS_LOG" | sort | uniq -c | awk '{printf "%s%d %s", (NR > 1 ? ", " : ""), $1, substr($0, index($0, $2))}')"
printf '\n==== done: %d s in all, %d s after training ====\n' $((SECONDS - started)) $((SECONDS - trained_at))
