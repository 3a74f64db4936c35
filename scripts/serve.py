"""Serves a directory on 127.0.0.1 for scripts/serve.sh (and tools/bench/browser.mjs, which
measures the page as this serves it).

    python3 scripts/serve.py PORT DIR     (PORT 0: any free port)

Prints `serving on PORT` once listening. http.server's file handler (Last-Modified, 304 on
If-Modified-Since), plus `Cache-Control: no-cache` on every response and an ETag (a hash of the
file's bytes, so a rebuild that writes the same bytes keeps it), with a 304 when If-None-Match
names it: the browser keeps its copy but asks each time whether it is current, so a rebuilt file
is never served stale, and a second visit downloads nothing and can reuse the module it
compiled. The one exception: the bundle's shared chunks (scripts/build-site.sh names them
analysis/chunk-HASH.js, HASH their content's) are kept for a year without asking (`max-age`,
`immutable`): a changed chunk is a new file that a revalidated index.html names, so none is ever
stale, and the module worker, which fetches the chunks the page has just loaded, takes them from
the cache instead of waiting for a 304 each. HTTP/1.1 with kept-alive connections and Nagle's
algorithm off. A client that hangs up mid-answer is no error (tests/e2e/serve.test.mjs).
"""

import hashlib
import http.server
import os
import re
import sys
from functools import lru_cache, partial
from urllib.parse import urlsplit

# build-site.sh's chunks: esbuild's `--chunk-names='analysis/[name]-[hash]'`, the hash of the
# chunk's content (eight characters of A-Z and 0-9).
CONTENT_NAMED = re.compile(r"/analysis/chunk-[A-Z0-9]{8}\.js")


@lru_cache(maxsize=1024)
def content_tag(path, size, mtime_ns):
    """The ETag of a file's bytes; keyed by size and modification time, so a file is hashed once
    until it changes."""
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 16), b""):
            digest.update(block)
    return f'"{digest.hexdigest()[:32]}"'


class Revalidating(http.server.SimpleHTTPRequestHandler):
    # Keep-alive: http.server answers HTTP/1.0 by default, closing the connection after each
    # response, so a browser's few connections to the page reconnect for every one of its files.
    protocol_version = "HTTP/1.1"
    # …and with the connection kept open, Nagle's algorithm holds a small body back until the
    # headers' segment is acknowledged, which the browser delays (40 ms a file, measured).
    disable_nagle_algorithm = True
    etag = None
    content_named = False

    def send_head(self):
        self.etag = None
        self.content_named = False
        path = self.translate_path(self.path)
        # A directory is never a chunk (http.server may answer it with a redirect, not to be kept).
        is_dir = os.path.isdir(path)
        if is_dir:
            path = os.path.join(path, "index.html")
        try:
            info = os.stat(path)
            self.etag = content_tag(path, info.st_size, info.st_mtime_ns)
            # Only a file that is there (a 404 must not be kept).
            self.content_named = not is_dir and CONTENT_NAMED.fullmatch(urlsplit(self.path).path) is not None
        except ValueError:  # a NUL in the path, which http.server's own handler does not catch
            self.send_error(http.HTTPStatus.NOT_FOUND, "File not found")
            return None
        except OSError:
            return super().send_head()  # 404 (or a directory listing), as http.server answers
        if self.headers.get("If-None-Match") == self.etag:
            self.send_response(http.HTTPStatus.NOT_MODIFIED)
            self.end_headers()
            return None
        return super().send_head()

    def send_error(self, code, message=None, explain=None):
        # An error is never kept (the file can go between the stat above and its opening: a rebuild).
        self.content_named = False
        super().send_error(code, message, explain)

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=31536000, immutable" if self.content_named else "no-cache")
        if self.etag:
            self.send_header("ETag", self.etag)
        super().end_headers()

    def log_message(self, format, *args):
        if os.environ.get("SERVE_QUIET") != "1":
            super().log_message(format, *args)


class Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A browser that cancels a download (a reload, a closed tab) closes its connection.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def main():
    port, directory = int(sys.argv[1]), sys.argv[2]
    server = Server(("127.0.0.1", port), partial(Revalidating, directory=directory))
    print(f"serving on {server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
