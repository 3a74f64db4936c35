#!/usr/bin/env bash
# Retrains the attribution tagger on ../shared/data/polnear/attributions/train.jsonl (train only;
# dev is never read): 5-fold cross-validation by article with the shared scorer (numbers per fold
# and pooled, the calibration table), then the model on all of train with the calibration map
# fitted on the folds' predictions, written to src/data/attribution/model.bin (same bytes on every
# run for the same code and data). Extra arguments go to train_attribution (tools/src/bin/train_attribution.rs: --epochs, --bits,
# --seed, --folds, --prune, --outside-penalties, --skip-cv, --reuse-folds, --cv-only).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --release --locked -p quotelens-tools --bin train_attribution
nice -n 10 target/release/train_attribution "$@"
sha256sum src/data/attribution/model.bin
printf 'gzip -9: %s bytes\n' "$(gzip -9c src/data/attribution/model.bin | wc -c)"
