#!/usr/bin/env bash
# Install what the tests need into .venv and run the whole suite. Extra arguments go to pytest.
set -euo pipefail
source "$(dirname "$0")/_venv.sh" "[test]"
if [ "$#" -eq 0 ]; then  # the whole suite: lint and types too
  .venv/bin/ruff check src bench tests
  .venv/bin/mypy src/dossier
fi
rc=0
.venv/bin/python -m pytest -q "$@" || rc=$?
if [ "$rc" -eq 5 ]; then
  echo "error: pytest collected no tests; a suite that runs nothing is not a pass" >&2
  exit 1
fi
exit "$rc"
