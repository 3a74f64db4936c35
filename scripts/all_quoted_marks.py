"""All-quoted exact F1 of a prediction file (the shared scorer's jsonl: `quotes: [{start, end}]` in
code points) against PolNeAR gold, over every span and over the spans not opened by a straight
single mark.

Why both: PolNeAR's derivation never treats a straight single mark (') as a quotation mark
(../shared/data/polnear/README.md, rule 2), yet annotates the same quotes in curly single marks
(‘…’: nested in double marks and headline style). The corpus sets straight singles in the same
two places, so every such span of ours counts as a false positive in the first number. The second
leaves out the predicted spans opened by one ASCII apostrophe (`''` is the NYT archive's double
mark and stays), and is the one comparable with the gold.

    python3 scripts/all_quoted_marks.py PRED.jsonl GOLD.jsonl
"""
import json
import sys

STRIP = set("\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u201f\u2039\u203a")


def norm(text, s, e):
    """The span without surrounding blanks and quotation marks, as the shared scorer compares."""
    s, e = max(0, s), min(len(text), e)
    while s < e and (text[s].isspace() or text[s] in STRIP):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in STRIP):
        e -= 1
    return s, e


def opened_by_straight_single(text, start):
    i = start - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i >= 0 and text[i] == "'" and not (i > 0 and text[i - 1] == "'")


def main(pred_path, gold_path):
    gold = {}
    with open(gold_path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                article = json.loads(line)
                gold[article["id"]] = article
    counts = {False: [0, 0, 0], True: [0, 0, 0]}  # excluding straight singles? → tp, predicted, gold
    with open(pred_path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            pred = json.loads(line)
            article = gold[pred["id"]]
            text = article["text"]
            golds = {norm(text, q["start"], q["end"]) for q in article["quotes"] + article["other_quoted"]}
            preds = {norm(text, q["start"], q["end"]) for q in pred.get("quotes", [])}
            for exclude in (False, True):
                kept = {s for s in preds if not (exclude and opened_by_straight_single(text, s[0]))}
                c = counts[exclude]
                c[0] += len(golds & kept)
                c[1] += len(kept)
                c[2] += len(golds)
    for exclude, label in ((False, "every span"), (True, "without straight-single spans")):
        tp, npred, ngold = counts[exclude]
        p, r = tp / max(npred, 1), tp / max(ngold, 1)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"all-quoted exact F1 {f1:.3f} (P {p:.3f} R {r:.3f})  {label}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
