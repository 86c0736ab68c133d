# Sourced by deploy/image/build.sh and tests/image: podman options that work on this kind of machine too.
# A container host without cgroup v2 (hybrid cgroups) needs runc instead of crun, and one that may not raise
# resource limits needs limits no higher than its own.
runtime=()
if [ -n "${CONTAINER_RUNTIME:-}" ]; then runtime=(--runtime "$CONTAINER_RUNTIME")
elif command -v runc >/dev/null; then runtime=(--runtime runc)
fi
limits=(--ulimit "nofile=$(ulimit -Hn):$(ulimit -Hn)" --ulimit "nproc=4096:4096")
PODMAN_BUILD_OPTIONS=("${runtime[@]}" "${limits[@]}")
PODMAN_RUN_OPTIONS=("${limits[@]}")
PODMAN_GLOBAL_OPTIONS=("${runtime[@]}")
