#!/usr/bin/env bash
# Retrains the POS tagger (src/syntax) on the POS column of ../shared/data/conll2003/train.txt
# and writes src/data/syntax/pos.bin (same bytes on every run for the same code and data), then
# prints its accuracy on CoNLL-2003 dev (held out, never trained on), its size and speed.
# Extra arguments go to train_pos (tools/src/bin/train_pos.rs: --epochs, --bits, --prune,
# --step, --seed, --out).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --release --locked -p quotelens-tools --bin train_pos
nice -n 10 target/release/train_pos "$@"
out=src/data/syntax/pos.bin
for ((i = 1; i <= $#; i++)); do [ "${!i}" = --out ] && j=$((i + 1)) && out=${!j}; done
sha256sum "$out"
printf 'gzip -9: %s bytes\n' "$(gzip -9c "$out" | wc -c)"
