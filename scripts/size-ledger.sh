#!/usr/bin/env bash
# The size ledger (README "Performance and size"; its history, docs/performance.md "Size ledger"): builds the wasm module with each setting that
# matters for its size, and prints raw and gzipped sizes, what the shipped module is made of,
# the whole download of the page, and each variant's speed relative to the shipped one (all the
# variants are loaded into one Node process and take turns on the same inputs).
#
#   scripts/size-ledger.sh      about 10 minutes on 2 cores; builds land in target/sizes/
#
# Variants (each one change from the shipped profile, Cargo.toml [profile.wasm-release]):
# opt-level z and 3, LTO off, panic=abort, the shipped module after `wasm-opt -Oz` (Debian
# binaryen), and the SIMD proposal (+simd128).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
out=$root/target/sizes
export CARGO_TARGET_DIR=$out/build
mkdir -p "$out"

build() { # name dir [env...]: builds the crate in dir with env, post-processes into $out/name/pkg
    local name=$1 dir=$2
    shift 2
    (cd "$dir" && env "$@" cargo build --quiet --profile wasm-release --lib --target wasm32-unknown-unknown)
    rm -rf "$out/$name/pkg"
    wasm-bindgen --target web --out-dir "$out/$name/pkg" "$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm-release/quotelens.wasm"
}

bash scripts/ensure-tools.sh --no-browser >/dev/null
echo "size-ledger: building the variants into $out (each takes a minute or two)" >&2
build shipped "$root"
build opt-z "$root" CARGO_PROFILE_WASM_RELEASE_OPT_LEVEL=z
build opt-3 "$root" CARGO_PROFILE_WASM_RELEASE_OPT_LEVEL=3
build lto-off "$root" CARGO_PROFILE_WASM_RELEASE_LTO=false
build panic-abort "$root" CARGO_PROFILE_WASM_RELEASE_PANIC=abort
build simd128 "$root" RUSTFLAGS="-C target-feature=+simd128"
if command -v wasm-opt >/dev/null; then
    rm -rf "$out/wasm-opt-Oz" && cp -r "$out/shipped" "$out/wasm-opt-Oz"
    wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
        --enable-mutable-globals --enable-reference-types --enable-multivalue \
        -o "$out/wasm-opt-Oz/pkg/quotelens_bg.wasm" "$out/shipped/pkg/quotelens_bg.wasm"
else
    echo "size-ledger: wasm-opt not found (apt-get install binaryen): that variant is skipped" >&2
fi

gz() { gzip -9c "$1" | wc -c; }
# A table of the files named on stdin (raw, gzipped), their names shown without the prefix $1,
# and the totals in total_raw / total_gz.
download() {
    printf '%-28s %9s %9s\n' file raw gzipped
    total_raw=0 total_gz=0
    local f raw g
    while IFS= read -r f; do
        raw=$(wc -c <"$f") g=$(gz "$f")
        total_raw=$((total_raw + raw)) total_gz=$((total_gz + g))
        printf '%-28s %9d %9d\n' "${f#"$1"}" "$raw" "$g"
    done
}
echo
echo "== wasm module per setting (bytes; gzip -9)"
printf '%-16s %10s %9s %10s %9s\n' variant raw gzipped "Δraw" "Δgzip"
base_raw=$(wc -c <"$out/shipped/pkg/quotelens_bg.wasm")
base_gz=$(gz "$out/shipped/pkg/quotelens_bg.wasm")
variants=(shipped opt-z opt-3 lto-off panic-abort simd128)
[[ -d $out/wasm-opt-Oz ]] && variants+=(wasm-opt-Oz)
for v in "${variants[@]}"; do
    f=$out/$v/pkg/quotelens_bg.wasm
    raw=$(wc -c <"$f") g=$(gz "$f")
    printf '%-16s %10d %9d %+10d %+9d\n' "$v" "$raw" "$g" $((raw - base_raw)) $((g - base_gz))
done

echo
echo "== what the shipped module is made of"
python3 tools/bench/wasm_parts.py "$out/shipped/pkg/quotelens_bg.wasm"

echo
echo "== the page's whole download (www/ as served, with the shipped module)"
download "$out/shipped/" < <(
    # The page's own files in every folder (www/embed is the package's, www/pkg is measured below).
    find www \( -path www/pkg -o -path www/embed \) -prune -o -type f \
        \( -name '*.html' -o -name '*.js' -o -name '*.css' -o -name '*.svg' \) -print | sort
    echo "$out/shipped/pkg/quotelens.js"
    echo "$out/shipped/pkg/quotelens_bg.wasm"
)
printf '%-28s %9d %9d   (budget: 1,048,576 gzipped)\n' total "$total_raw" "$total_gz"
echo "(not counted here: www/sample.txt, the first visit's text, $(wc -c <www/sample.txt) raw, $(gz www/sample.txt) gzipped; the deployed total below counts it)"

echo
echo "== the same download as deployed (scripts/build-site.sh: each JS and CSS file minified)"
QUOTELENS_SKIP_WASM=1 bash scripts/build-site.sh "$out/site" >/dev/null
cp -r "$out/shipped/pkg" "$out/site/pkg.shipped"
"$root/scripts/onefile/node_modules/.bin/esbuild" "$out/site/pkg.shipped/quotelens.js" --minify --log-level=warning \
    --outfile="$out/site/pkg.shipped/quotelens.min.js"
download "$out/site/" < <(
    # palette.css stays in the build for the embed demo only: index.html holds the page's CSS.
    find "$out/site" \( -path "$out/site/pkg*" -o -path "$out/site/embed" -o -path "$out/site/palette.css" \) -prune -o -type f \
        \( -name '*.html' -o -name '*.js' -o -name '*.css' -o -name '*.svg' \) -print | sort
    # The sample article: index.html preloads it and the page shows it on every first visit.
    echo "$out/site/sample.txt"
    echo "$out/site/pkg.shipped/quotelens.min.js"
    echo "$out/site/pkg.shipped/quotelens_bg.wasm"
)
printf '%-28s %9d %9d\n' total "$total_raw" "$total_gz"

echo
echo "== speed of each variant relative to the shipped module (Node, same process, medians)"
cargo run --quiet --release --locked -p quotelens-tools --example bench_inputs -- "$root/target/bench/inputs" >/dev/null
node tools/bench/variants.mjs "$root/target/bench/inputs" "${variants[@]/#/$out/}"
