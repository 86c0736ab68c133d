#!/usr/bin/env bash
# The image's base, made on this machine (no container registry is reachable): Debian bookworm from
# debootstrap, the shared libraries Python and the wheels need (Debian packages), and the same CPython 3.10
# build the project's .venv uses (Rasa 3.6 needs 3.8-3.10; Debian ships 3.9 in bullseye, 3.11 in bookworm).
# Cached: the root file system and its tarball under $IMAGE_CACHE (default /var/tmp/vaxjo-image), the
# imported image in podman's store, so a second `make image` skips all of this.
set -euo pipefail
cd "$(dirname "$0")/../.."
CACHE=${IMAGE_CACHE:-/var/tmp/vaxjo-image}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
PYTHON_BIN=$(scripts/find-python.sh)
PYTHON_HOME=$("$PYTHON_BIN" -c 'import sys; print(sys.base_prefix)')
PYTHON_VERSION=$("$PYTHON_BIN" -c 'import platform; print(platform.python_version())')
BASE=${BASE_IMAGE:-localhost/vaxjo-base:bookworm-py$PYTHON_VERSION}
ROOTFS=$CACHE/rootfs-bookworm
TARBALL=$CACHE/base-bookworm-py$PYTHON_VERSION.tar
PACKAGES=(ca-certificates curl libbz2-1.0 libffi8 libgomp1 liblzma5 libncursesw6 libreadline8 libsqlite3-0
          libssl3 libstdc++6 libuuid1 tzdata)

if podman image exists "$BASE"; then echo "$BASE: cached"; exit 0; fi
mkdir -p "$CACHE"
if [ ! -f "$TARBALL" ]; then
  for tool in debootstrap podman; do
    command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install debootstrap podman buildah runc" >&2; exit 2; }
  done
  if [ ! -x "$ROOTFS/usr/bin/apt-get" ]; then
    echo "debootstrap bookworm into $ROOTFS (log: $CACHE/debootstrap.log) ..."
    debootstrap --variant=minbase bookworm "$ROOTFS" "$MIRROR" > "$CACHE/debootstrap.log" 2>&1 \
      || { tail -n 20 "$CACHE/debootstrap.log"; exit 1; }
  fi
  cp /etc/resolv.conf "$ROOTFS/etc/resolv.conf"
  echo "Installing ${PACKAGES[*]} into the base (log: $CACHE/base-apt.log) ..."
  chroot "$ROOTFS" /usr/bin/env DEBIAN_FRONTEND=noninteractive sh -c \
    "apt-get update && apt-get install -y --no-install-recommends ${PACKAGES[*]} && apt-get clean" \
    > "$CACHE/base-apt.log" 2>&1 || { tail -n 20 "$CACHE/base-apt.log"; exit 1; }
  rm -rf "$ROOTFS/var/lib/apt/lists/"* "$ROOTFS/opt/python3.10"
  echo "Copying CPython $PYTHON_VERSION from $PYTHON_HOME ..."
  cp -a "$PYTHON_HOME" "$ROOTFS/opt/python3.10"
  rm -rf "$ROOTFS/opt/python3.10/lib/python3.10/test" "$ROOTFS/opt/python3.10/lib/python3.10/site-packages/"*
  echo /opt/python3.10/lib > "$ROOTFS/etc/ld.so.conf.d/python3.10.conf"
  chroot "$ROOTFS" /sbin/ldconfig
  chroot "$ROOTFS" /opt/python3.10/bin/python3.10 -c 'import ssl, sqlite3, ctypes, lzma, bz2, readline' \
    || { echo "the copied Python misses a library in the base" >&2; exit 1; }
  tar -C "$ROOTFS" --numeric-owner -cf "$TARBALL.part" . && mv "$TARBALL.part" "$TARBALL"
fi
podman import --quiet "$TARBALL" "$BASE" >/dev/null
echo "$BASE: imported from $TARBALL"
