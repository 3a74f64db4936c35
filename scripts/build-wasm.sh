#!/usr/bin/env bash
# Builds the WebAssembly module and its JS glue into www/pkg/ and prints their sizes.
#
#   scripts/build-wasm.sh             release build, wasm-bindgen --target web
#   WASM_OPT=1 scripts/build-wasm.sh  also run `wasm-opt -Oz` (binaryen) and print both sizes
#
# wasm-opt is off by default because it does not pay: measured on this crate, -Oz trims the raw
# module by ~7% but the gzipped one, which is what a browser downloads, grows by ~3%.
# Expects the tools from scripts/ensure-tools.sh.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}
out=www/pkg

# The size-tuned profile (Cargo.toml: wasm-release); the native CLI is built for speed instead.
cargo build --profile wasm-release --lib --target wasm32-unknown-unknown
rm -rf "$out"
wasm-bindgen --target web --out-dir "$out" "$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm-release/quotelens.wasm"

sizes() { printf '%8d bytes raw, %7d gzipped' "$(wc -c <"$1")" "$(gzip -9c "$1" | wc -c)"; }

if [[ ${WASM_OPT:-0} == 1 ]]; then
    command -v wasm-opt >/dev/null || { echo "build-wasm: WASM_OPT=1 needs wasm-opt (apt-get install binaryen)" >&2; exit 1; }
    echo "build-wasm: before wasm-opt: $(sizes "$out/quotelens_bg.wasm")"
    # The features rustc enables by default for wasm32 today; wasm-opt must accept them all.
    wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
        --enable-mutable-globals --enable-reference-types --enable-multivalue \
        -o "$out/quotelens_bg.wasm.opt" "$out/quotelens_bg.wasm"
    mv "$out/quotelens_bg.wasm.opt" "$out/quotelens_bg.wasm"
    echo "build-wasm: after  wasm-opt: $(sizes "$out/quotelens_bg.wasm")"
fi

echo "build-wasm: $out/quotelens_bg.wasm $(sizes "$out/quotelens_bg.wasm")"
echo "build-wasm: $out/quotelens.js      $(sizes "$out/quotelens.js")"
