#!/usr/bin/env bash
# The embed's tests (issue 8), run at the end of scripts/test-browser.sh:
#   - builds the package (pkg/) and the one-file page (dist/quotelens.html) from www/pkg;
#   - packs the package (npm pack) and installs the tarball into the Vite app of
#     tests/consumer, type-checks it (tsc --noEmit) and builds it (vite build);
#   - runs tests/e2e/embed/*.test.mjs: highlight() and <quote-lens> on a host page, the demo
#     page, the package under Node (initSync), the one-file page offline from file://, and the
#     consumer app, in real Chromium.
# npm packages come from the committed lockfiles (npm ci), reinstalled only when a lockfile changes.
#
#   scripts/test-embed.sh             also installs the tools and builds the wasm
#   scripts/test-embed.sh --no-wasm   www/pkg is fresh already (test-browser.sh has built it)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}

if [[ ${1:-} != --no-wasm ]]; then
    bash scripts/ensure-tools.sh
    bash scripts/build-wasm.sh
fi

bash scripts/npm-ci.sh tests/e2e

echo "== embed: package and one-file page"
bash scripts/build-package.sh --no-wasm
QUOTELENS_SKIP_WASM=1 bash scripts/build-onefile.sh

echo "== embed: npm pack, install into the Vite consumer app, tsc, vite build"
pack=target/pack
rm -rf "$pack" && mkdir -p "$pack"
(cd pkg && npm pack --silent --pack-destination "$root/$pack" >/dev/null)
tarball=$(ls "$pack"/quotelens-*.tgz)
ls -l "$tarball" | awk '{print "embed: " $NF " " $5 " bytes"}'
consumer=tests/consumer
bash scripts/npm-ci.sh "$consumer"
# The tarball is not in the consumer's package.json or lockfile (its hash changes with every
# build); it is installed over the locked tree, which needs no registry access.
(cd "$consumer" && npm install --no-save --prefer-offline --no-audit --no-fund "$root/$tarball" >/dev/null)
(cd "$consumer" && rm -rf dist && npx --no-install tsc --noEmit -p . && npx --no-install vite build --logLevel warn)

echo "== embed: tests"
node --test tests/e2e/embed/*.test.mjs
