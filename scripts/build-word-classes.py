#!/usr/bin/env python3
"""Builds src/data/ner/word_classes.txt: word classes learned from unlabelled news text.

    pip install numpy==2.1.3
    python3 scripts/build-word-classes.py

Why: the tagger learns names from CoNLL-2003 (Reuters, 1996), so a name that news made famous
later ("Obama", "Twitter") is a word it never saw. A class groups words that occur in the same
contexts, so a new name shares a feature with the names the tagger did see in those contexts
("Obama" with "Clinton", "Twitter" with other companies), and a class is the same however the
word is capitalised (a headline in capitals).

How: every word (lowercased) is described by the words seen just before and just after it (the
most frequent words only), weighted by positive pointwise mutual information; the rows are
reduced to 100 dimensions (SVD) and grouped by seeded k-means into FINE classes, and the class
centres again into COARSE groups. Read only from the training parts of the corpora (CoNLL-2003
train tokens, PolNeAR train texts; never dev or test): the output is the word list and its
classes, no sentence of either corpus.

Kept words: those that occur at least MIN_COUNT times, of which at least half are capitalised
(names: the words whose class the tagger needs), and the MOST_FREQUENT most frequent words of
any case (the contexts of names). Output: one line per fine class, in order (line k is class k):
its coarse group, then its words, sorted. Same bytes on every run for the same inputs and numpy.
"""
import json
import os
import re
import sys
from collections import Counter

import numpy as np

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
SHARED = os.path.join(ROOT, "..", "shared", "data")
OUT = os.path.join(ROOT, "src", "data", "ner", "word_classes.txt")
SEED = 15
MIN_COUNT = 6
MOST_FREQUENT = 1500
CONTEXTS = 1000
DIMENSIONS = 100
FINE = 256
COARSE = 32
ITERATIONS = 30
# The neighbours that describe a word: one and two words before and after it.
SIDES = [("L", -1), ("R", 1), ("LL", -2), ("RR", 2)]

# Words, numbers (with inner . , - ' ’) and single punctuation marks, like the tagger's tokens.
TOKEN = re.compile(r"\w+(?:[.,'’\-]\w+)*|[^\w\s]")


def sentences():
    """Token lists of the unlabelled training text."""
    with open(os.path.join(SHARED, "conll2003", "train.txt"), encoding="utf-8") as f:
        current = []
        for line in f:
            if line.startswith("-DOCSTART-") or not line.strip():
                if current:
                    yield current
                current = []
                continue
            current.append(line.split(" ")[0])
        if current:
            yield current
    with open(os.path.join(SHARED, "polnear", "train.jsonl"), encoding="utf-8") as f:
        for line in f:
            for paragraph in json.loads(line)["text"].split("\n"):
                if paragraph.strip():
                    yield TOKEN.findall(paragraph)


def kmeans(x, k, rng):
    """Seeded k-means++ then Lloyd iterations on the rows of x (cosine: rows are unit length)."""
    n = x.shape[0]
    centres = [x[rng.integers(n)]]
    best = np.full(n, np.inf)
    for _ in range(1, k):
        d = ((x - centres[-1]) ** 2).sum(axis=1)
        best = np.minimum(best, d)
        p = best / best.sum()
        centres.append(x[rng.choice(n, p=p)])
    c = np.array(centres)
    for _ in range(ITERATIONS):
        assign = (x @ c.T).argmax(axis=1)
        for j in range(k):
            members = x[assign == j]
            if len(members):
                m = members.mean(axis=0)
                c[j] = m / (np.linalg.norm(m) or 1.0)
    return (x @ c.T).argmax(axis=1), c


def main():
    counts = Counter()
    capitalised = Counter()
    pairs = Counter()
    for tokens in sentences():
        lower = [t.lower() for t in tokens]
        for i, (t, w) in enumerate(zip(tokens, lower)):
            counts[w] += 1
            # Sentence-initial capitals say nothing about the word.
            if i > 0 and t[:1].isupper():
                capitalised[w] += 1
        padded = ["<s>", "<s>"] + lower + ["</s>", "</s>"]
        for i in range(2, len(padded) - 2):
            for side, j in SIDES:
                pairs[(padded[i], side, padded[i + j])] += 1
    by_freq = sorted(counts, key=lambda w: (-counts[w], w))
    frequent = set(by_freq[:MOST_FREQUENT])
    vocab = sorted(
        w for w, c in counts.items()
        if re.search(r"[^\W\d_]", w) and (w in frequent or (c >= MIN_COUNT and 2 * capitalised[w] >= c))
    )
    row = {w: i for i, w in enumerate(vocab)}
    contexts = by_freq[:CONTEXTS] + ["<s>", "</s>"]
    col = {}
    for side, _ in SIDES:
        for w in contexts:
            col[(side, w)] = len(col)
    m = np.zeros((len(vocab), len(col)))
    for (w, side, c), n in pairs.items():
        if w in row and (side, c) in col:
            m[row[w], col[(side, c)]] += n
    # Positive PMI, then unit rows.
    total = m.sum()
    pw = m.sum(axis=1, keepdims=True) / total
    pc = m.sum(axis=0, keepdims=True) / total
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log((m / total) / (pw * pc))
    pmi[~np.isfinite(pmi)] = 0.0
    pmi = np.maximum(pmi, 0.0)
    u, s, _ = np.linalg.svd(pmi, full_matrices=False)
    x = u[:, :DIMENSIONS] * s[:DIMENSIONS]
    x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-12
    rng = np.random.default_rng(SEED)
    fine, centres = kmeans(x, FINE, rng)
    coarse, _ = kmeans(centres, COARSE, rng)
    # Number the classes by their smallest word, so that the file does not depend on k-means'
    # arbitrary numbering beyond the grouping itself.
    members = [sorted(vocab[i] for i in np.flatnonzero(fine == j)) for j in range(FINE)]
    order = sorted((j for j in range(FINE) if members[j]), key=lambda j: members[j][0])
    coarse_ids = {}
    for j in order:
        coarse_ids.setdefault(int(coarse[j]), len(coarse_ids))
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("# Generated by scripts/build-word-classes.py (seed %d); do not edit by hand.\n" % SEED)
        f.write("# One line per word class (line order is the class number): its coarse group, then its words.\n")
        for j in order:
            f.write("%d %s\n" % (coarse_ids[int(coarse[j])], " ".join(members[j])))
    print("%d words in %d classes, %d groups -> %s" % (len(vocab), len(order), len(coarse_ids), OUT), file=sys.stderr)


if __name__ == "__main__":
    main()
