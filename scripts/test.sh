#!/usr/bin/env bash
# The project's test command: installs what the tests need, then runs them.
#   bash scripts/test.sh            all tests (unit, model, app, browser)
#   bash scripts/test.sh -m "not browser"   pass any pytest options
set -euo pipefail
cd "$(dirname "$0")/.."

python -m pip install --quiet --disable-pip-version-check -e ".[test]"

# Browser tests drive Debian's chromium through Playwright (never `playwright install`);
# the corrections tests start their own PostgreSQL server from Debian's postgresql package
# (tests/conftest.py: initdb into a temp folder, a free local port, stopped at the end).
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
MISSING=()
command -v chromium >/dev/null 2>&1 || MISSING+=(chromium)
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || MISSING+=(postgresql)
if [ ${#MISSING[@]} -gt 0 ]; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${MISSING[@]}" >/dev/null
fi

python -m ruff check dashboard tests scripts benchmarks
python -m mypy
python -m pytest "$@"
