#!/usr/bin/env bash
# Retrains the entity model: reads ../shared/data/conll2003/{train,dev}.txt, scores the shipped
# settings (14 epochs, weights below 5 pruned, step 6), every epoch and every pruning by 5-fold
# cross-validation over the training documents (dev is only scored, once, at the end), and writes
# src/data/ner/model.bin (same bytes on every run for the same code and data). Extra arguments go
# to train_ner (tools/src/bin/train_ner.rs: --cv, --epochs, --min-epochs, --prune, --choose (the
# CV chooses epochs and pruning), --bits, --seed, --seeds, --recase, --no-stack, --step, --dump;
# and the subcommands `requant` and `streams`, which measure other quantisations).
#
#     scripts/train-ner.sh                # train and write the model
#     scripts/train-ner.sh eval           # score the committed model on dev, and its speed
set -euo pipefail
cd "$(dirname "$0")/.."
# Training wants speed, not the size-tuned release profile the shipped library uses.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target-ner}"
export CARGO_PROFILE_RELEASE_OPT_LEVEL=3 CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16
cargo build --quiet --release --locked -p quotelens-tools --bin train_ner
"$CARGO_TARGET_DIR/release/train_ner" "$@"
if ! [[ ${1:-} =~ ^(eval|show|requant|streams)$ ]]; then
    sha256sum src/data/ner/model.bin
    printf 'gzip -9: %s bytes\n' "$(gzip -9c src/data/ner/model.bin | wc -c)"
fi
