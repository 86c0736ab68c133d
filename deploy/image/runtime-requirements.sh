#!/usr/bin/env bash
# Prints the pinned runtime dependencies for the container image: requirements-runtime.txt when the
# project has one, otherwise requirements.txt without the test and benchmark tools (pytest, ruff,
# Playwright and everything from the "Load tool" section for `make bench` on).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -f requirements-runtime.txt ]; then
  cat requirements-runtime.txt
  exit 0
fi
awk '/^# Load tool/ {exit} {print}' requirements.txt \
  | grep -v -i -E '^(pytest|iniconfig|pluggy|ruff|playwright)==' \
  | grep -v -E '^\s*(#|$)'
