#!/usr/bin/env bash
# Builds the module and serves the page on http://127.0.0.1:$PORT/ (default 8000) until Ctrl-C.
# Only this machine can reach it: the server binds the loopback address.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
port=${PORT:-8000}

bash "$root/scripts/ensure-tools.sh" --no-browser
bash "$root/scripts/build-wasm.sh"

echo
echo "quotelens: serving $root/www at http://127.0.0.1:$port/  (Ctrl-C stops)"
echo "           the embed demo: http://127.0.0.1:$port/embed/demo.html"
echo
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory "$root/www"
