#!/usr/bin/env bash
# Page timings in real headless Chromium (README "Performance and size"): load → first highlight
# with the sample, and paste → analysis shown for articles of 1k, 10k and 100k words, through the
# page's public behaviour only (tools/bench/browser.mjs). Installs what is missing (scripts/ensure-tools.sh).
# The page measured is the one scripts/serve.sh serves: www/ built by scripts/build-site.sh (into
# target/bench/site); `--www www` measures the sources as written, `--before DIR` another build.
#
#   scripts/bench-browser.sh [--rounds N] [--www DIR] [--before DIR] [--load-only]
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}
inputs=$CARGO_TARGET_DIR/bench/inputs

bash scripts/ensure-tools.sh >/dev/null
bash scripts/build-wasm.sh
QUOTELENS_SKIP_WASM=1 bash scripts/build-site.sh "$CARGO_TARGET_DIR/bench/site" >/dev/null
cargo run --quiet --release --locked -p quotelens-tools --example bench_inputs -- "$inputs" >/dev/null
stamp=tools/bench/node_modules/.quotelens-lock-sha256
want=$(sha256sum tools/bench/package-lock.json | cut -d' ' -f1)
if [[ ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
    (cd tools/bench && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" >"$stamp"
fi
node tools/bench/browser.mjs --inputs "$inputs" --www "$CARGO_TARGET_DIR/bench/site" "$@"
