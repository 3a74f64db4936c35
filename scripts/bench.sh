#!/usr/bin/env bash
# The benchmarks (README "Performance and size"): native criterion runs in quick mode with the
# stage shares and the growth table, then the wasm module against compromise and wink-nlp in Node.
#
#   scripts/bench.sh            everything (about 10 minutes on 2 cores)
#   scripts/bench.sh native     only the native benchmarks
#   scripts/bench.sh node       only the Node comparison (builds the wasm if needed)
#
# Inputs are generated (seeded) into target/bench/inputs/ by tools/examples/bench_inputs.rs, which also
# prints their density against PolNeAR dev's; PolNeAR dev itself is an input when ../shared is
# there. The machine is shared and noisy: compare the ratios printed within one run, not absolute
# times across runs. QUOTELENS_BENCH_ROUNDS sets the rounds of the native tables (default 7).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}
what=${1:-all}
inputs=$CARGO_TARGET_DIR/bench/inputs

echo "== inputs and their density (quotes and entities per 1,000 words; ±25% of PolNeAR dev)"
cargo run --quiet --release --locked -p quotelens-tools --example bench_inputs -- "$inputs"

if [[ $what == all || $what == native ]]; then
    echo
    echo "== native: criterion (quick mode), stage shares, growth"
    cargo bench --quiet --locked -p quotelens-tools --bench stages -- --quick 2>&1 |
        grep -vE '^(Benchmarking|Gnuplot not found|$)|Analyzing$|Warming up|Collecting'
fi

if [[ $what == all || $what == node ]]; then
    echo
    echo "== wasm in Node vs compromise and wink-nlp"
    bash scripts/ensure-tools.sh --no-browser >/dev/null
    bash scripts/build-wasm.sh
    stamp=tools/bench/node_modules/.quotelens-lock-sha256
    want=$(sha256sum tools/bench/package-lock.json | cut -d' ' -f1)
    if [[ ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
        command -v npm >/dev/null || { echo "bench: npm is needed (apt-get install npm)" >&2; exit 1; }
        (cd tools/bench && npm ci --no-audit --no-fund --loglevel=error)
        echo "$want" >"$stamp"
    fi
    node tools/bench/compare.mjs --inputs "$inputs"
fi
