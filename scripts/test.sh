#!/usr/bin/env bash
# Every test, cheapest first so a mistake fails fast:
# lint -> unit tests -> data validation -> train (once, only when its inputs changed) -> one pytest run for the
# model and live layers (markers `model`, `live`, `slow`; tests/conftest.py), every live layer starting what it needs once.
# --fast: the inner loop before a commit (lint, unit, validation, training, model tests; no servers).
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH="$PWD" RASA_TELEMETRY_ENABLED=false SQLALCHEMY_SILENCE_UBER_WARNING=1 TF_CPP_MIN_LOG_LEVEL=2
PYTEST=(.venv/bin/python -m pytest -q -p no:cacheprovider)
started=$SECONDS
step() { printf '\n==== %s (at %d s) ====\n' "$1" $((SECONDS - started)); }

step "install (only what is missing)"
make --no-print-directory venv-test
step "lint"
.venv/bin/ruff check actions bot insights tests scripts
step "unit tests"
"${PYTEST[@]}" -m unit tests/unit
step "training data validation"
make --no-print-directory data/nlu/generated/entities.yml
"${PYTEST[@]}" -m unit tests/data
step "train (only if the model is older than its inputs)"
make --no-print-directory train
trained_at=$SECONDS
if [ "${1:-}" = "--fast" ]; then
  step "model tests: held-out NLU, story flows, a new project by name"
  "${PYTEST[@]}" -s -m model tests
else
  step "services the live tests need: Chromium, PostgreSQL, Redis"
  scripts/setup-browser.sh
  bash scripts/ensure-services.sh
  step "model and live tests, one run: held-out NLU, stories, acceptance, scope, persistence, report, hardening"
  "${PYTEST[@]}" -s -m "model or live" --ignore=tests/image --ignore=tests/browser tests
  # Playwright's sync API keeps an event loop running in the test process, which the asyncio-based tests above
  # cannot share: the browser gets a pytest process of its own.
  step "chat widget and pages in a real browser (Chromium): keyboard, languages, disclosure, axe-core"
  "${PYTEST[@]}" -s tests/browser
  if [ "${TEST_IMAGE:-1}" = 1 ]; then  # the container image: ~10 min cold, ~1-2 min warm (docs/scale-out.md)
    step "container image: build it, then start it (SQLite profile) and ask through REST"
    make --no-print-directory image
    "${PYTEST[@]}" -s tests/image
  fi
fi
printf '\n==== done: %d s in all, %d s after training ====\n' $((SECONDS - started)) $((SECONDS - trained_at))
