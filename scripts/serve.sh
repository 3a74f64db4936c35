#!/usr/bin/env bash
# Builds the module and serves the page on http://127.0.0.1:$PORT/ (default 8000) until Ctrl-C.
# Only this machine can reach it: the server binds the loopback address.
#
# Caching (issue 17): every response says `Cache-Control: no-cache` and carries an ETag (the
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
exec python3 - "$port" "$root/www" <<'PY'
import http.server
import os
import sys
from functools import partial

port, directory = int(sys.argv[1]), sys.argv[2]


class Revalidating(http.server.SimpleHTTPRequestHandler):
    """http.server's file handler (Last-Modified, If-Modified-Since), plus an ETag and no-cache."""

    etag = None

    def send_head(self):
        self.etag = None
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        try:
            info = os.stat(path)
        except OSError:
            return super().send_head()  # 404 (or a directory listing), as before
        self.etag = f'"{info.st_size:x}-{info.st_mtime_ns:x}"'
        if self.headers.get("If-None-Match") == self.etag:
            self.send_response(http.HTTPStatus.NOT_MODIFIED)
            self.end_headers()
            return None
        return super().send_head()

    def end_headers(self):
        self.send_header("Cache-Control", "no-cache")
        if self.etag:
            self.send_header("ETag", self.etag)
        super().end_headers()


server = http.server.ThreadingHTTPServer(("127.0.0.1", port), partial(Revalidating, directory=directory))
try:
    server.serve_forever()
except KeyboardInterrupt:
    pass
PY
