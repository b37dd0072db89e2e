#!/usr/bin/env bash
# Install what the tests need into .venv and run the whole suite. Extra arguments go to pytest.
set -euo pipefail
source "$(dirname "$0")/_venv.sh" "[test]"
# The web UI is tested in a real headless browser: Debian's chromium (Playwright drives it).
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing chromium for the browser tests (apt-get)" >&2
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "warning: chromium is not installed and this user cannot apt-get it; browser tests will skip" >&2
  fi
fi
# The PostgreSQL store is tested against a real server the test fixtures start (tests/pgserver.py): Debian's
# postgresql provides initdb/pg_ctl. Only the binaries are needed here; the script starts no server.
if ! command -v initdb >/dev/null 2>&1 && ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing postgresql for the PostgreSQL store tests (apt-get)" >&2
    install_postgres() {
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    }
    install_postgres 2>/dev/null || { apt-get update -qq >/dev/null && install_postgres; }
  else
    echo "warning: PostgreSQL is not installed and this user cannot apt-get it; PostgreSQL tests will skip" \
         "(and fail under CI=true)" >&2
  fi
fi
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
