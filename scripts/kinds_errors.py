"""The direct view's kind errors of a kind-model cross-validation, by what stands around the quote.

Reads the held-out labelled quotes that `bash scripts/train-kinds.sh cv --quick --examples FILE`
writes (one JSON line each: article id, span in code points, gold label, predicted kind, the
model's probabilities, the features) and the gold articles' text, and counts the two ways a quote
is wrong in the direct view: gold `direct` we call partial or term, and gold partial or term we
call direct. Each error falls in the first group its features match (the groups of issue 16's
analysis, src/data/README.md "The quote-kind model"). With `--show N`, N errors of each group
are printed with up to 250 characters of their paragraph before them (seeded sample).

With `--claims DIR` (target/attribution-cv after `bash scripts/train-attribution.sh --reuse-folds
--kinds-cv target/kinds-cv`: every stage held out), a quote's kind is the one the whole analysis
gave it (DIR/pooled.quotes.jsonl: after the claims holding quotes made their kinds agree), and the
claims of DIR/pooled.pred.jsonl are read as evidence of PolNeAR's rule (a quotation is direct when
its claim's content is the quotation alone): for each group, how many errors lie in no claim, in a
claim with unquoted words (a "that" aside) before or after the marks, or with such words in the
sentence before; then, over every quote we call direct and every one we do not, how often the gold
is direct in each cell of that evidence (a re-decider on it can only win where a cell's majority
differs from our kind). With `--tagged` as well, the evidence is the tagger's own content spans
(each a claim of its own) before the linker joined, trimmed or dropped them. Last, the direct
view's F1 over these quotes per PolNeAR annotator (each train article has one: their conventions
of what to join differ, and no text feature tells who annotated an article).

    python3 scripts/kinds_errors.py EXAMPLES.jsonl [--gold ../shared/data/polnear/train.jsonl] [--show N]
                                   [--claims target/attribution-cv [--tagged]]
"""
import argparse
import collections
import json
import random
import re

# Words before the marks that make the quote the thing said, shown or named (`chants of “…”`,
# `a sign that read “…”`, `the slogan “…”`): the gold is as often direct as not.
SPEECH_OBJECTS = set(
    "chant chants chanting chanted slogan slogans motto read reads reading titled sign banner headline "
    "tweet tweeted tweeting words phrase refrain mantra cries shouts shouting yelling echoing".split()
)


def group(e, prev_word):
    """The group of one error (`e`: an examples line) by its features and the word before it."""
    fs = set(e["features"])
    has = lambda prefix: any(f.startswith(prefix) for f in fs)
    if e["kind"] == "direct":
        if "before=Colon" in fs:
            return "called direct: after a colon (the annotator joined the lead-in)"
        if "around=Nothing|Nothing" in fs:
            return "called direct: a sentence of its own (joined with a neighbouring sentence)"
        if "before=Nothing" in fs and "after_cues=2+" in fs:
            return "called direct: reporting clause with a second cue (`according to`)"
        if "before=Nothing" in fs:
            return "called direct: reporting clause after it"
        if "before=Cue" in fs and (has("cue_lead=1") or has("cue_lead=4") or has("cue_lead=9") or "starts=lower" in fs):
            return "called direct: cue before it, after fronted words or opening lower case"
        if "before=Cue" in fs:
            return "called direct: cue right before it"
        return "called direct: other"
    if prev_word in SPEECH_OBJECTS or "titlecase" in fs:
        return "called partial/term: object of a speech noun or verb, or a title"
    if has("quote_before_in_sentence"):
        return "called partial/term: a later quote of its sentence"
    if "before=Cue" in fs or "before=Colon" in fs:
        return "called partial/term: after a cue or colon (the model overruled the rules)"
    if {"len=1", "len=2", "len=3"} & fs:  # whole values: `has` is a prefix test, and len=13+ exists
        return "called partial/term: 1-3 words in the reporter's sentence"
    return "called partial/term: a longer fragment in the reporter's sentence"


def claim_evidence(text, quote, claims, quoted):
    """What the claim holding `quote` ((start, end) inside its marks, code points) says of its kind:
    `none` when no claim's content holds it, else which of `before` / `after` (unquoted words in
    its content before or after the marks) and `prev` (unquoted words of the sentence before)
    hold. `quoted`: every quote's inner span (their words are not unquoted)."""
    s, e = quote
    hold = next((c for c in claims if any(p["start"] < e and s < p["end"] for p in c["content_spans"])), None)
    if hold is None:
        return "none"

    def unquoted(a, b):
        return sum(
            1
            for m in re.finditer(r"\w+", text[a:b])
            if m.group().lower() != "that" and not any(x <= a + m.start() < y for x, y in quoted)
        )

    opens = max(text.rfind(t, 0, s - 1) for t in (". ", "? ", "! ", "\n")) + 1
    prev = max(text.rfind(t, 0, max(0, opens - 1)) for t in (". ", "? ", "! ", "\n")) + 1
    pieces = [(p["start"], p["end"]) for p in hold["content_spans"]]
    found = [
        name
        for name, lo, hi in (("before", 0, s - 1), ("after", e + 1, len(text)), ("prev", prev, opens - 1))
        if sum(unquoted(max(a, lo), min(b, hi)) for a, b in pieces if a < hi and b > lo) > 0
    ]
    return "+".join(found) or "alone"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("examples")
    ap.add_argument("--gold", default="../shared/data/polnear/train.jsonl")
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--claims", help="an attribution CV's directory (pooled.pred.jsonl, pooled.quotes.jsonl)")
    ap.add_argument("--tagged", action="store_true", help="with --claims: the tagger's content spans, not the claims'")
    args = ap.parse_args()
    claims, final = {}, {}
    if args.claims:
        with open(f"{args.claims}/pooled.pred.jsonl", encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                claims[d["id"]] = (
                    [{"content_spans": [t["span"]]} for t in d["tagged"] if t["part"] == "content"]
                    if args.tagged
                    else d["attributions"]
                )
        with open(f"{args.claims}/pooled.quotes.jsonl", encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                quoted = [(q["start"], q["end"]) for q in d["quotes"]]
                for q in d["quotes"]:
                    final[(d["id"], q["start"], q["end"])] = (q["kind"], quoted)
    cells = collections.Counter()
    texts, annotators = {}, {}
    with open(args.gold, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            texts[d["id"]] = d["text"]
            annotators[d["id"]] = d.get("annotator", "?")
    by_annotator = collections.defaultdict(collections.Counter)
    groups = collections.defaultdict(list)
    with open(args.examples, encoding="utf-8") as f:
        for line in f:
            e = json.loads(line)
            text = texts[e["id"]]
            if args.claims:
                key = (e["id"], e["start"], e["end"])
                if key not in final:
                    continue
                e["kind"], quoted = final[key]
                e["claim"] = claim_evidence(text, (e["start"], e["end"]), claims.get(e["id"], []), quoted)
                cells[(e["kind"] == "direct", e["claim"], e["label"] == "direct")] += 1
            tally = by_annotator[annotators[e["id"]]]
            tally[("tp" if e["label"] == "direct" else "fp") if e["kind"] == "direct" else ("fn" if e["label"] == "direct" else "tn")] += 1
            if (e["label"] == "direct") == (e["kind"] == "direct"):
                continue
            words = re.findall(r"[\w’']+", text[max(0, e["start"] - 40) : e["start"]])
            groups[group(e, words[-1].lower() if words else "")].append(e)
    for name in sorted(groups):
        evidence = collections.Counter(e["claim"] for e in groups[name]) if args.claims else {}
        print(f"{len(groups[name]):5d}  {name}" + "".join(f"  [{k}: {n}]" for k, n in sorted(evidence.items())))
    if args.claims:
        print("\ngold direct / not, by our kind and the claim holding the quote:")
        for ours in (True, False):
            for claim in sorted({c for o, c, _ in cells if o == ours}):
                d, n = cells[(ours, claim, True)], cells[(ours, claim, False)]
                print(f"  we say {'direct' if ours else 'other '}  claim {claim:<20} {d:5d} / {n:5d}")
    print("\ndirect view over these quotes, by annotator:")
    for name, t in sorted(by_annotator.items()):
        f1 = 2 * t["tp"] / max(1, 2 * t["tp"] + t["fp"] + t["fn"])
        print(f"  {name}  F1 {f1:.3f}  ({t['tp']} right, {t['fp']} called direct, {t['fn']} not called direct)")
    random.seed(16)
    for name in sorted(groups) if args.show else []:
        print(f"\n## {name}")
        for e in random.sample(groups[name], min(args.show, len(groups[name]))):
            text = texts[e["id"]]
            para = text.rfind("\n", 0, e["start"]) + 1
            before = text[max(para, e["start"] - 250) : e["start"]]
            print(f"- {e['id']} @{e['start']} gold {e['label']}, ours {e['kind']}: …{before}⟦{text[e['start']:e['end']][:120]}⟧")


if __name__ == "__main__":
    main()
