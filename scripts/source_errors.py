"""The source errors of an attribution cross-validation, by kind of fault.

Reads the pooled held-out predictions and gold that `bash scripts/train-attribution.sh --cv-only
--linker-errors --work DIR` (or `--reuse-folds --linker-errors` on a copy of DIR) writes, matches
contents exactly as the shared scorer does (its own functions, imported from
../shared/eval/attributions/score_attributions.py) and sorts every matched content whose source
the scorer counts wrong into one kind:
- missed: no source predicted where gold has one;
- spurious: a source predicted where gold has none;
- boundary: the predicted source overlaps the gold one, but fewer than half of its words lie in
  it (too long: it holds all of gold's words; else off);
- wrong referent: no word shared (pronoun against name or nominal apart).
Each kind by gold source kind (name, nominal, pronoun), whether the predicted cue is right, and
whether the linker had a right pairing among its candidates (DIR/linker-errors.jsonl: "right
candidate", "none right", or "not linked" for a content the linker never weighed, such as a
quotation the speaker rules attributed). Last, the source accuracy by gold source kind and by
gold attribution kind, as the scorer reports them. With `--show KIND N`, N seeded examples of
every kind whose name contains KIND.

    python3 scripts/source_errors.py DIR [--scorer PATH] [--show KIND N]
"""
import argparse
import collections
import importlib.util
import json
import random


def load_scorer(path):
    spec = importlib.util.spec_from_file_location("score_attributions", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def matched(sc, text, golds, preds):
    """The scorer's greedy one-to-one matching by token Jaccard >= 0.5: (gold, prediction) pairs."""
    gsets = [sc.content_set(text, g) for g in golds]
    psets = [sc.content_set(text, p) for p in preds]
    pairs = []
    for gi, gs in enumerate(gsets):
        for pi, ps in enumerate(psets):
            inter = len(gs & ps)
            if inter and inter / len(gs | ps) >= 0.5:
                pairs.append((-inter / len(gs | ps), gi, pi))
    pairs.sort()
    used_g, used_p = set(), set()
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        yield golds[gi], preds[pi]


def predicted_kind(p):
    """The predicted source's kind, from the calibration evidence (x[3] pronoun, x[4] nominal)."""
    if not p.get("source"):
        return "none"
    x = p["evidence"]
    return "pronoun" if x[3] else "nominal" if x[4] else "name"


def fault(sc, text, g, p):
    gold_kind = g["source"].get("kind", "name") if g.get("source") else "none"
    gs, ps = sc.span_set(text, g.get("source")), sc.span_set(text, p.get("source"))
    if not gs:
        return f"spurious (pred {predicted_kind(p)})"
    if not ps:
        return f"missed (gold {gold_kind})"
    if gs & ps:
        return f"boundary {'too long' if ps > gs else 'off'} (gold {gold_kind})"
    pk = predicted_kind(p)
    if (gold_kind == "pronoun") != (pk == "pronoun"):
        return f"wrong referent, pronoun vs not (gold {gold_kind}, pred {pk})"
    return f"wrong referent (gold {gold_kind}, pred {pk})"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("work")
    ap.add_argument("--scorer", default="../shared/eval/attributions/score_attributions.py")
    ap.add_argument("--show", nargs=2, metavar=("KIND", "N"))
    a = ap.parse_args()
    sc = load_scorer(a.scorer)
    gold = [json.loads(line) for line in open(f"{a.work}/pooled.gold.jsonl", encoding="utf-8")]
    preds = {}
    for line in open(f"{a.work}/pooled.pred.jsonl", encoding="utf-8"):
        d = json.loads(line)
        preds[d["id"]] = [p for p in d["attributions"] if p.get("content")]
    linked = {}
    try:
        for line in open(f"{a.work}/linker-errors.jsonl", encoding="utf-8"):
            d = json.loads(line)
            linked[(d["id"], d["content"][0][0])] = any(p["right"] for p in d["pairings"])
    except FileNotFoundError:
        pass
    count, by = collections.Counter(), collections.defaultdict(collections.Counter)
    kind_n, kind_ok = collections.Counter(), collections.Counter()
    examples = collections.defaultdict(list)
    for art in gold:
        text = art["text"]
        for g, p in matched(sc, text, art["attributions"], preds.get(art["id"], [])):
            gold_kind = g["source"].get("kind", "name") if g.get("source") else "none"
            ok = sc.source_ok(text, g, p)
            for key in (("source", gold_kind), ("attribution", g["kind"])):
                kind_n[key] += 1
                kind_ok[key] += ok
            count["matched"] += 1
            if ok:
                continue
            k = fault(sc, text, g, p)
            count[k] += 1
            right = linked.get((art["id"], p["content"]["start"]))
            by[k]["right candidate" if right else "not linked" if right is None else "none right"] += 1
            by[k]["cue right" if sc.cue_ok(text, g, p) else "cue wrong"] += 1
            span = lambda s: text[s["start"]:s["end"]] if s else None
            examples[k].append((art["id"], g["kind"], span(g.get("source")), span(p.get("source")), span(g.get("cue")),
                                span(p.get("cue")), text[p["content"]["start"]:p["content"]["start"] + 80]))
    errors = sum(v for k, v in count.items() if k != "matched")
    print(f"matched contents {count['matched']}, source wrong {errors} (accuracy {1 - errors / count['matched']:.4f})")
    cols = ["right candidate", "none right", "not linked", "cue right", "cue wrong"]
    print(f"{'kind':58s} {'n':>5s} " + " ".join(f"{c:>15s}" for c in cols))
    for k, n in sorted(((k, n) for k, n in count.items() if k != "matched"), key=lambda kn: -kn[1]):
        print(f"{k:58s} {n:5d} " + " ".join(f"{by[k][c]:15d}" for c in cols))
    for key in sorted(kind_n):
        print(f"{key[0]} {key[1]}: n {kind_n[key]} accuracy {kind_ok[key] / kind_n[key]:.4f}")
    if a.show:
        rng = random.Random(14)
        for k in sorted(examples):
            if a.show[0] in k:
                for e in rng.sample(examples[k], min(int(a.show[1]), len(examples[k]))):
                    print(k, "|", e)


if __name__ == "__main__":
    main()
