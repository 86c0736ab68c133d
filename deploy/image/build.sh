#!/usr/bin/env bash
# `make image`: builds the container image vaxjo-assistant (Containerfile) with podman, on this machine.
#   1. the base (deploy/image/build-base.sh; cached)
#   2. the runtime dependency list (deploy/image/runtime-requirements.sh) -> var/image/requirements.txt
#   3. wheels for it, built with the project's Python (cached under $IMAGE_CACHE/wheels until the list changes)
#   4. podman build, with the wheels mounted read-only at /wheels
# IMAGE (default localhost/vaxjo-assistant:latest) names the result; deploy/k8s uses `vaxjo-assistant`.
# --tools: only install the container tools where missing. --prepare: steps 1-3, which need no trained model
# (scripts/test.sh runs them while the tests before training run, and the rest once the model is there).
set -euo pipefail
cd "$(dirname "$0")/../.."
only=${1:-}
# The container tools come from Debian's packages; a machine without them gets them here, as root.
missing=()
for tool in debootstrap podman buildah runc; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then echo "${missing[*]} missing: apt-get install ${missing[*]} (as root)" >&2; exit 2; fi
  mkdir -p var/log
  echo "Installing ${missing[*]} from Debian's packages ..."
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } > var/log/image-tools.log 2>&1 \
    || { tail -n 20 var/log/image-tools.log; exit 1; }
fi
[ "$only" = --tools ] && exit 0
source deploy/image/podman-options.sh
CACHE=${IMAGE_CACHE:-/var/tmp/vaxjo-image}
IMAGE=${IMAGE:-localhost/vaxjo-assistant:latest}
PYTHON_BIN=$(scripts/find-python.sh)
PYTHON_VERSION=$("$PYTHON_BIN" -c 'import platform; print(platform.python_version())')
BASE=${BASE_IMAGE:-localhost/vaxjo-base:bookworm-py$PYTHON_VERSION}
mkdir -p var/image var/log "$CACHE/wheels"

start=$SECONDS
BASE_IMAGE=$BASE deploy/image/build-base.sh
deploy/image/runtime-requirements.sh > var/image/requirements.txt
stamp=$(sha256sum var/image/requirements.txt | cut -d' ' -f1)
if [ "$(cat "$CACHE/wheels/.requirements.sha256" 2>/dev/null)" != "$stamp" ]; then
  echo "Building wheels for var/image/requirements.txt (log: var/log/image-wheels.log) ..."
  "$PYTHON_BIN" -m pip wheel --quiet -r var/image/requirements.txt -w "$CACHE/wheels" > var/log/image-wheels.log 2>&1 \
    || { grep -v "is ignored" var/log/image-wheels.log | tail -n 20; exit 1; }
  echo "$stamp" > "$CACHE/wheels/.requirements.sha256"
fi
[ "$only" = --prepare ] && { echo "Base and wheels ready in $((SECONDS - start)) s."; exit 0; }
[ -f models/vaxjo.tar.gz ] || { echo "models/vaxjo.tar.gz is missing: run make train" >&2; exit 2; }
echo "Building $IMAGE (log: var/log/image-build.log) ..."
podman build "${PODMAN_BUILD_OPTIONS[@]}" --build-arg BASE="$BASE" --volume "$CACHE/wheels:/wheels:ro" \
  --file Containerfile --tag "$IMAGE" . > var/log/image-build.log 2>&1 \
  || { tail -n 30 var/log/image-build.log; exit 1; }
size=$(podman image inspect --format '{{.Size}}' "$IMAGE")
echo "$IMAGE built in $((SECONDS - start)) s ($((size / 1000000)) MB)."
