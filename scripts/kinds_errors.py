"""The direct view's kind errors of a kind-model cross-validation, by what stands around the quote.

Reads the held-out labelled quotes that `bash scripts/train-kinds.sh cv --quick --examples FILE`
writes (one JSON line each: article id, span in code points, gold label, predicted kind, the
model's probabilities, the features) and the gold articles' text, and counts the two ways a quote
is wrong in the direct view: gold `direct` we call partial or term, and gold partial or term we
call direct. Each error falls in the first group its features match (the groups of issue 16's
analysis, src/data/README.md "The quote-kind model"). With `--show N`, N errors of each group
are printed with up to 250 characters of their paragraph before them (seeded sample).

    python3 scripts/kinds_errors.py EXAMPLES.jsonl [--gold ../shared/data/polnear/train.jsonl] [--show N]
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


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("examples")
    ap.add_argument("--gold", default="../shared/data/polnear/train.jsonl")
    ap.add_argument("--show", type=int, default=0)
    args = ap.parse_args()
    texts = {}
    with open(args.gold, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            texts[d["id"]] = d["text"]
    groups = collections.defaultdict(list)
    with open(args.examples, encoding="utf-8") as f:
        for line in f:
            e = json.loads(line)
            if (e["label"] == "direct") == (e["kind"] == "direct"):
                continue
            text = texts[e["id"]]
            words = re.findall(r"[\w’']+", text[max(0, e["start"] - 40) : e["start"]])
            groups[group(e, words[-1].lower() if words else "")].append(e)
    for name in sorted(groups):
        print(f"{len(groups[name]):5d}  {name}")
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
