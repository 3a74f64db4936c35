#!/usr/bin/env python3
"""Answers the evaluation protocol (JSON lines {"id", "text"} in, one answer line out per input,
flushed) from a file of answers saved earlier, looked up by id: how the attribution trainer's
cross-validation scores its per-fold predictions with scorers that only take a --cmd.

    python3 scripts/replay-answers.py ANSWERS.jsonl
An input whose id has no saved answer (the scorers' warm-up line) gets an empty analysis.
"""
import json, sys

answers = {}
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        if line.strip():
            d = json.loads(line)
            answers[d["id"]] = line.rstrip("\n")
for line in sys.stdin:
    if not line.strip():
        continue
    i = json.loads(line).get("id")
    print(answers.get(i, json.dumps({"id": i, "quotes": [], "entities": [], "attributions": []})), flush=True)
