#!/usr/bin/env bash
# The extension's tests (issue 18), run at the end of scripts/test-browser.sh: builds the
# extension (scripts/build-extension.sh → dist/extension/ and the zip) from www/pkg, then runs
# tests/e2e/extension/*.test.mjs: the unpacked extension in real Chromium (headless new mode)
# on the fixture pages, the toolbar action pressed through CDP, the side panel read.
#
#   scripts/test-extension.sh             also installs the tools and builds the wasm
#   scripts/test-extension.sh --no-wasm   www/pkg is fresh already (test-browser.sh has built it)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}

if [[ ${1:-} != --no-wasm ]]; then
    bash scripts/ensure-tools.sh
    bash scripts/build-wasm.sh
fi

bash scripts/npm-ci.sh tests/e2e

echo "== extension: build (dist/extension/, dist/quotelens-extension-*.zip)"
bash scripts/build-extension.sh --no-wasm

echo "== extension: tests in Chromium"
node --test tests/e2e/extension/*.test.mjs
