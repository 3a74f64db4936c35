#!/usr/bin/env bash
# Builds the module and serves the page on http://127.0.0.1:$PORT/ (default 8000) until Ctrl-C.
# Only this machine can reach it: the server binds the loopback address.
#
# Caching (issue 17, scripts/serve.py): every response says `Cache-Control: no-cache` and carries an ETag (the
# file's size and modification time in nanoseconds) and Last-Modified, so a browser keeps its copy
# but asks each time whether it is current, and gets a bodiless 304 when it is. A second visit
# then downloads nothing and Chromium reuses the module it compiled (V8 keeps compiled wasm with
# the cached response); a rebuilt file is never served stale. No file names change, so the page
# and the one-file build (scripts/build-onefile.sh) stay as they are.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
port=${PORT:-8000}

bash "$root/scripts/ensure-tools.sh" --no-browser
bash "$root/scripts/build-wasm.sh"

echo
echo "quotelens: serving $root/www at http://127.0.0.1:$port/  (Ctrl-C stops)"
echo "           the embed demo: http://127.0.0.1:$port/embed/demo.html"
echo
exec python3 "$root/scripts/serve.py" "$port" "$root/www"
