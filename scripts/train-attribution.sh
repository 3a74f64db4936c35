#!/usr/bin/env bash
# Retrains the attribution tagger on ../shared/data/polnear/attributions/train.jsonl (train only;
# dev is never read): 5-fold cross-validation by article with the shared scorer (numbers per fold
# and pooled, the calibration table), then the model on all of train with the calibration map
# fitted on the folds' predictions, written to src/data/attribution/model.bin (same bytes on every
# run for the same code and data). In between, in this order: the source linker
# (src/attribution/rank.rs) is trained on the folds' predictions (the tagger's cross-validated
# output, as it will see it) and written to src/data/attribution/linker.tsv; the folds are scored
# and the calibration fitted with each fold linked by a linker trained on the other folds. One
# command regenerates both files byte for byte. Extra arguments go to train_attribution (tools/src/bin/train_attribution.rs: --epochs, --bits,
# --seed, --seeds (perceptrons averaged, each in its own seeded order), --folds, --prune, --step (quantised weights in multiples of it, 2), --coarsen (after pruning, the kept weights rounded to a grid this far apart from the pruning threshold, 3: Weights::coarsen_from; with --reuse-folds it applies to the saved fold models; src/data/README.md, "Weights on a grid of three"), --outside-penalties, --margin and --miss-weight (cost-augmented training, 30 and 2; --margin 0 for the plain perceptron; src/data/README.md, "The missed-and-invented round"), --linker-epochs, --linker-grid and --linker-prune (how coarse
# the linker's stored weights are), --skip-cv (keeps the calibration and
# the linker), --reuse-folds (relinks the saved fold models; writes the linker to target/attribution-cv/
# only), --cv-only (cross-validates and writes neither shipped file, the linker going to target/attribution-cv/: for feature experiments), --linker-errors (writes every matched content's pairings, scored by its fold's linker, to
# target/attribution-cv/linker-errors.jsonl: for error analysis), --kinds-cv DIR (with --cv-only or
# --reuse-folds: each article's quote kinds from the kind model of `scripts/train-kinds.sh cv` that
# held it out, read from DIR = target/kinds-cv, so that the folds' quotes (fold*.quotes.jsonl,
# pooled.quotes.jsonl, "direct quotes:" lines) are held out in every stage: the honest train-CV of
# the direct view, whose quote kinds also follow the claims holding them, src/attribution/link.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --release --locked -p quotelens-tools --bin train_attribution
nice -n 10 target/release/train_attribution "$@"
for f in src/data/attribution/model.bin src/data/attribution/linker.tsv; do
  sha256sum "$f"
  printf 'gzip -9: %s bytes\n' "$(gzip -9c "$f" | wc -c)"
done
