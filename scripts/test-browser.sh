#!/usr/bin/env bash
# The wasm-side tests: tests/wasm.rs inside a wasm32 module under Node and in headless Chromium
# (wasm-bindgen-test-runner), a type-check of www/'s JavaScript (tsc, checkJs),
# then tests/e2e in real headless Chromium (node:test + playwright-core, /usr/bin/chromium), the
# page's start and behaviour again on the build that scripts/serve.sh serves, the embed
# (scripts/test-embed.sh) and the extension (scripts/test-extension.sh).
# Screenshots land in target/screenshots/.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}

bash scripts/ensure-tools.sh
bash scripts/build-wasm.sh

e2e=tests/e2e
bash scripts/npm-ci.sh "$e2e"

# The page's and the embed's JS type-checked (checkJs, JSDoc; the analysis typed by the wasm
# module's own declarations in www/pkg/quotelens.d.ts, built above).
(cd "$e2e" && npx --no-install tsc -p tsconfig.www.json)

# The wasm tests run twice: under Node, and in headless Chromium through chromedriver (the
# browser's flags are in webdriver.json at the root, where the runner looks for them).
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
cargo test --target wasm32-unknown-unknown --test wasm
CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_USE_BROWSER=1 \
    cargo test --target wasm32-unknown-unknown --test wasm

node --test "$e2e"/*.test.mjs

# The page as scripts/serve.sh serves it (scripts/build-site.sh: bundled and minified): its start
# and its whole behaviour again, and the embed demo it links to, on the build (the static tests
# read www/'s sources and stay there).
site=$CARGO_TARGET_DIR/test-site
QUOTELENS_SKIP_WASM=1 bash scripts/build-site.sh "$site" >/dev/null
QUOTELENS_WWW=$site node --test "$e2e"/startup.test.mjs "$e2e"/page.test.mjs
QUOTELENS_WWW=$site node --test --test-name-pattern 'embed demo' "$e2e"/embed/highlight.test.mjs

# The embed (package, highlight(), <quote-lens>, one-file page, consumer app); www/pkg is built.
bash scripts/test-embed.sh --no-wasm

# The Chromium extension (extension/): built into dist/ and tested with the unpacked build.
bash scripts/test-extension.sh --no-wasm
