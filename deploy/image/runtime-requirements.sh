#!/usr/bin/env bash
# Prints the pinned runtime dependencies for the container image: requirements.lock, exactly what `make run`
# installs (test and benchmark tools live in their own files and never enter the image).
set -euo pipefail
cd "$(dirname "$0")/../.."
grep -v -E '^\s*(#|$)' requirements.lock
