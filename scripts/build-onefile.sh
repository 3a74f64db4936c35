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

# esbuild from the lockfile.
tool=scripts/onefile
bash scripts/npm-ci.sh "$tool"

node "$tool/build.mjs" "$@"
