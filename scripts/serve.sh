#!/usr/bin/env bash
# Builds the page as it is deployed (scripts/build-site.sh: the module, then the page's modules
# bundled and minified by esbuild, into target/site) and serves it on http://127.0.0.1:$PORT/
# (default 8000) until Ctrl-C. Only this machine can reach it: the server binds the loopback address.
# The page's sources as written, for working on them (a reload shows an edit; the module is
# whatever scripts/build-wasm.sh last built): python3 scripts/serve.py 8000 www
#
# Why the build and not www/ (issue 17): the first visit's highlight waits for the page's
# modules, and over HTTP/1.1's few connections its 40 requests queue where the build makes 8
# (scripts/bench-browser.sh measures both: --www www).
#
# Caching (issue 17, scripts/serve.py): every response says `Cache-Control: no-cache` and carries an ETag (the
# hash of the file's bytes) and Last-Modified, so a browser keeps its copy
# but asks each time whether it is current, and gets a bodiless 304 when it is. A second visit
# then downloads nothing and Chromium reuses the module it compiled (V8 keeps compiled wasm with
# the cached response); a rebuilt file is never served stale. No file names change, so the page
# and the one-file build (scripts/build-onefile.sh) stay as they are. The one exception: the
# bundle's chunks, analysis/chunk-HASH.js (HASH their content's), are kept a year unasked.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root" # a relative CARGO_TARGET_DIR means the same folder to build-site.sh and to the server
port=${PORT:-8000}

bash "$root/scripts/ensure-tools.sh" --no-browser
site=${CARGO_TARGET_DIR:-$root/target}/site
bash "$root/scripts/build-site.sh" "$site"

echo
echo "quotelens: serving $site (built from www/) at http://127.0.0.1:$port/  (Ctrl-C stops)"
echo "           the embed demo: http://127.0.0.1:$port/embed/demo.html"
echo
exec python3 "$root/scripts/serve.py" "$port" "$site"
