#!/usr/bin/env bash
# What the first `analyze` costs (README "Performance and size"): each table the analyser builds
# on its first call, timed one by one in cold processes, natively (tools/examples/first_call.rs)
# and in wasm under Node (tools/bench/first_call.mjs, on a module built with the `internals`
# feature into target/startup/, never into www/pkg).
#
#   scripts/bench-startup.sh [--rounds N] [TEXT_FILE]     (default: the page's sample)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}
rounds=9
text=$root/www/sample.txt
while [[ $# -gt 0 ]]; do
    case $1 in
        --rounds) rounds=$2; shift 2 ;;
        *) text=$1; shift ;;
    esac
done

cargo run --quiet --release --locked -p quotelens-tools --example first_call -- --rounds "$rounds" "$text"
echo
# The size-tuned profile, as shipped, plus `internals` (src/wasm.rs's `buildTable`).
cargo build --quiet --profile wasm-release --lib --target wasm32-unknown-unknown --locked --features internals
pkg=$CARGO_TARGET_DIR/startup/pkg-internals
rm -rf "$pkg"
wasm-bindgen --target web --out-dir "$pkg" "$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm-release/quotelens.wasm"
node tools/bench/first_call.mjs --pkg "$pkg" --text "$text" --rounds "$rounds"
