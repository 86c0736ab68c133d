#!/usr/bin/env bash
# Every test, cheapest first so a mistake fails fast:
# lint -> unit tests -> data validation -> train (once) -> model tests -> conversation tests on running servers.
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH="$PWD" RASA_TELEMETRY_ENABLED=false SQLALCHEMY_SILENCE_UBER_WARNING=1 TF_CPP_MIN_LOG_LEVEL=2
PYTEST=(.venv/bin/python -m pytest -q -p no:cacheprovider)
step() { printf '\n==== %s ====\n' "$1"; }

step "lint"
.venv/bin/ruff check actions bot insights tests
step "unit tests"
"${PYTEST[@]}" tests/unit
step "training data validation"
make --no-print-directory data/nlu/generated/entities.yml
"${PYTEST[@]}" tests/data
step "train (only if the model is older than its inputs)"
make --no-print-directory train
step "model tests: held-out NLU, story flows, a new project by name"
"${PYTEST[@]}" -s tests/model
step "conversation tests against the running servers"
"${PYTEST[@]}" -s tests/conversation
step "scope: out-of-scope and deep-fact holdout questions through the running bot (results/scope_<lang>.json)"
"${PYTEST[@]}" -s tests/scope
step "chat widget in a real browser (Chromium): keyboard, languages, feedback, reload, offline, axe-core"
scripts/setup-browser.sh
"${PYTEST[@]}" -s tests/browser
step "persistence: SQLite across kill -9, scale-out on PostgreSQL + Redis with two instances"
bash scripts/ensure-services.sh
"${PYTEST[@]}" -s tests/persistence
step "staff report: numbers from real conversations, redaction, unanswered export"
"${PYTEST[@]}" -s tests/report
step "hardening: API/CORS, input limits, redaction, retention, action server faults, fuzz"
"${PYTEST[@]}" -s tests/hardening
