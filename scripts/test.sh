#!/usr/bin/env bash
# The project's test command: installs what the tests need, then runs them.
#   bash scripts/test.sh            all tests (unit, model, app, browser)
#   bash scripts/test.sh -m "not browser"   pass any pytest options
set -euo pipefail
cd "$(dirname "$0")/.."

python -m pip install --quiet --disable-pip-version-check -e ".[test]"

# Browser tests drive Debian's chromium through Playwright (never `playwright install`).
if ! command -v chromium >/dev/null 2>&1; then
    SUDO=""
    if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

python -m ruff check dashboard tests scripts benchmarks
python -m mypy
python -m pytest "$@"
