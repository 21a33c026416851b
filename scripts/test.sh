#!/usr/bin/env bash
# Install what the tests need (Debian's chromium for the browser tests, the package with its
# test extras) and run the whole suite. Arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
python -m pip install -q -e ".[test]"
exec python -m pytest "$@"
