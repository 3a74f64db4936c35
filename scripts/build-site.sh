#!/usr/bin/env bash
# Writes dist/site/: the page of www/ as it should be deployed, every JS and CSS file minified
# on its own by esbuild (the one-file build's, from its lockfile), the HTML without comments and
# indentation. Same files, same paths, same modules and CSP: only comments, white space and local
# names go. The page's own files are
# 73 KB gzipped as written in www/ (comments and JSDoc types are half of them) and 35 KB
# minified (issue 17: the whole download). www/ stays as written: serve.sh and the tests use it.
#
#   scripts/build-site.sh [OUT]        (default dist/site)
#   QUOTELENS_SKIP_WASM=1 ...          use www/pkg as it is
#   python3 scripts/serve.py 8000 dist/site     serves it
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
out=${1:-dist/site}

[[ ${QUOTELENS_SKIP_WASM:-0} == 1 ]] || bash scripts/build-wasm.sh >/dev/null
tool=scripts/onefile
bash scripts/npm-ci.sh "$tool"

rm -rf "$out"
mkdir -p "$out"
cp -r www/. "$out/"
# The wasm-bindgen glue is minified too; the embed package is shipped by its own build.
mapfile -t files < <(cd "$out" && find . -path ./embed -prune -o -type f \( -name '*.js' -o -name '*.css' \) -print)
# One esbuild run for all the files, each transformed alone (no bundling: the page loads the
# same modules by the same URLs, which its modulepreload links and worker rely on).
esbuild=$root/$tool/node_modules/.bin/esbuild
(cd "$out" && "$esbuild" "${files[@]}" --minify --log-level=warning --outdir=. --outbase=. --allow-overwrite)
# The HTML pages lose their comments and indentation; line breaks stay (between inline elements
# they are the spaces the page shows, and a <pre> or <textarea> keeps its text). index.html:
# 2,402 -> 2,180 bytes gzipped.
mapfile -t pages < <(cd "$out" && find . -path ./embed -prune -o -type f -name '*.html' -print)
python3 - "$out" "${pages[@]}" <<'PY'
import pathlib, re, sys
root = pathlib.Path(sys.argv[1])
for name in sys.argv[2:]:
    page = root / name
    html = page.read_text(encoding="utf-8")
    assert "<pre" not in html, f"{name}: a <pre> would lose its indentation"
    html = re.sub(r"<!--.*?-->\n?", "", html, flags=re.S)
    page.write_text(re.sub(r"(?m)^[ \t]+", "", html), encoding="utf-8")
PY

gz() { gzip -9c "$1" | wc -c; }
raw=0 packed=0
for f in "${files[@]}"; do
    raw=$((raw + $(gz "www/$f"))) packed=$((packed + $(gz "$out/$f")))
done
echo "build-site: $out: JS and CSS $raw → $packed bytes gzipped (each file alone)"
