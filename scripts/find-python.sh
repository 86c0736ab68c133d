#!/usr/bin/env bash
# Prints the path of a Python 3.10 interpreter (Rasa 3.6 supports 3.8-3.10; pip refuses it on 3.11).
# Looks at $PYTHON, python3.10 on PATH, and pyenv's versions folder (the pyenv shim needs PYENV_VERSION).
set -u
candidates=()
[ -n "${PYTHON:-}" ] && candidates+=("$PYTHON")
candidates+=("$(command -v python3.10 2>/dev/null)")
pyenv_root="$(pyenv root 2>/dev/null || echo "${PYENV_ROOT:-$HOME/.pyenv}")"
for found in "$pyenv_root"/versions/3.10*/bin/python3.10 /usr/bin/python3.10 /usr/local/bin/python3.10; do
  candidates+=("$found")
done
for candidate in "${candidates[@]}"; do
  [ -n "$candidate" ] && [ -x "$candidate" ] || continue
  if "$candidate" -c 'import sys, venv; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; then
    echo "$candidate"
    exit 0
  fi
done
cat >&2 <<'MSG'
error: Python 3.10 was not found, and Rasa 3.6 needs Python 3.8-3.10 (pip refuses it on 3.11+).
Looked at: $PYTHON, python3.10 on PATH, $(pyenv root)/versions/3.10*/bin/python3.10, /usr/bin/python3.10.
Install it, for example with `pyenv install 3.10.13`, or point PYTHON=/path/to/python3.10 at one.
MSG
exit 1
