#!/usr/bin/env bash
# Scores the CLI on the dev splits with the shared scorers (../shared/eval): quotes and speakers
# on PolNeAR, every attribution on PolNeAR, entities on CoNLL-2003, then the pass counts of the
# bug-report cases (../shared/cases). Needs ../shared; results land under target/eval/.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d ../shared/eval ] || { echo "eval: ../shared/eval not found; evaluations need the shared data" >&2; exit 1; }
cargo build --release --locked --bin quotelens
cmd="$PWD/target/release/quotelens --jsonl"
echo "== quotes, direct view (PolNeAR dev)"
python3 ../shared/eval/quotes/run_eval.py run --name quotelens --cmd "$cmd" --runs 1 \
  --ignore-kind term --ignore-kind partial --ignore-kind nested
echo "== quotes, direct+partial view (PolNeAR dev)"
python3 ../shared/eval/quotes/run_eval.py run --name quotelens-partial --cmd "$cmd" --runs 1 \
  --ignore-kind term --ignore-kind nested
echo "== quote-mark pairing, all quoted spans (PolNeAR dev)"
python3 ../shared/eval/quotes/run_eval.py run --name quotelens-all --cmd "$cmd" --runs 1
python3 scripts/eval_summary.py target/eval/quotes/results/quotelens.dev.json \
  target/eval/quotes/results/quotelens-partial.dev.json target/eval/quotes/results/quotelens-all.dev.json
python3 scripts/all_quoted_marks.py target/eval/quotes/predictions/quotelens-all.dev.jsonl ../shared/data/polnear/dev.jsonl
echo "== entities (CoNLL-2003 dev)"
python3 ../shared/eval/ner/harness.py run --name quotelens --cmd "$cmd" --repeats 1
echo "== attributions, direct and reported speech (PolNeAR dev)"
python3 ../shared/eval/attributions/score_attributions.py --cmd "$cmd"
if [ -d ../shared/cases ]; then
  for f in quotes entities; do
    echo "== bug-report cases: $f"
    python3 ../shared/cases/check.py "../shared/cases/$f.jsonl" --cmd "$cmd" | tail -n 1
  done
fi
