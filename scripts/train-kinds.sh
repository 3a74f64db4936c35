#!/usr/bin/env bash
# Retrains the quote-kind model: reads ../shared/data/polnear/{train,dev}.jsonl and writes
# src/data/quote_kinds.tsv (same bytes on every run for the same code and data; seed 16).
# `cv` runs 5-fold cross-validation by article on train instead and scores the held-out
# predictions with the shared harness (files under target/kinds-cv, never in the repo), then
# all-quoted F1 with and without straight single-quoted spans (scripts/all_quoted_marks.py).
# It leaves each fold's model (fold{k}.tsv) and the fold of each article (folds.tsv) there too.
# Its speakers and claims come from the shipped attribution model, which saw every train article,
# and quote kinds follow the claims holding them (src/attribution/link.rs): for the direct view
# held out in every stage, follow it with
#     bash scripts/train-attribution.sh --cv-only --kinds-cv target/kinds-cv
# (or --reuse-folds instead of --cv-only when target/attribution-cv holds the fold taggers).
#
#     scripts/train-kinds.sh          # train and write the model
#     scripts/train-kinds.sh cv       # 5-fold CV on train: direct-view and all-quoted scores
#     scripts/train-kinds.sh cv --quick [--examples FILE]
#                                     # the same without speakers (spans and kinds only: faster),
#                                     # each labelled quote's features and kinds written to FILE
#     scripts/train-kinds.sh explain TEXT_FILE
#                                     # why each quote of TEXT_FILE got its kind (features, weights)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target-ner}"
export CARGO_PROFILE_RELEASE_OPT_LEVEL=3 CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16
cargo build --quiet --release --locked -p quotelens-tools --bin train_kinds
if [ "${1:-}" = explain ]; then
    shift
    "$CARGO_TARGET_DIR/release/train_kinds" --explain "$@"
elif [ "${1:-}" = cv ]; then
    shift
    "$CARGO_TARGET_DIR/release/train_kinds" --folds 5 --cv-dir target/kinds-cv "$@"
    score() {
        local view=$1
        shift
        python3 ../shared/eval/quotes/run_eval.py score --pred target/kinds-cv/cv.pred.jsonl \
            --gold ../shared/data/polnear/train.jsonl --name kinds-cv "$@" |
            python3 scripts/kinds_summary.py "$view"
    }
    printf 'direct view:          '; score direct --ignore-kind term --ignore-kind partial --ignore-kind nested
    printf 'direct+partial view:  '; score direct+partial --ignore-kind term --ignore-kind nested
    printf 'all kinds:            '; score direct
    python3 scripts/all_quoted_marks.py target/kinds-cv/cv.pred.jsonl ../shared/data/polnear/train.jsonl
else
    "$CARGO_TARGET_DIR/release/train_kinds" "$@"
    sha256sum src/data/quote_kinds.tsv
fi
