#!/usr/bin/env bash
# Writes dist/quotelens.html: the page of www/ in one file (CSS, JS modules, the .wasm and the
# sample inlined, with its own CSP of script and style hashes) that works opened from disk,
# offline. See scripts/onefile/build.mjs for how, and the README for the CSP.
#
#   scripts/build-onefile.sh [OUT]     (default dist/quotelens.html)
#   QUOTELENS_SKIP_WASM=1 ...          use www/pkg as it is
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

[[ ${QUOTELENS_SKIP_WASM:-0} == 1 ]] || bash scripts/build-wasm.sh >/dev/null

# esbuild from the lockfile; npm ci only when node_modules is missing or from another lockfile.
tool=scripts/onefile
stamp=$tool/node_modules/.quotelens-lock-sha256
want=$(sha256sum "$tool/package-lock.json" | cut -d' ' -f1)
if [[ ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
    (cd "$tool" && npm ci --no-audit --no-fund)
    echo "$want" >"$stamp"
fi

node "$tool/build.mjs" "$@"
