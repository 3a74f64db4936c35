# %% [markdown]
# # Who gets quoted: quotelens in a notebook
# Runs as a script (`python python/examples/notebook.py [ARTICLES.jsonl]`) or cell by cell in
# Jupyter / VS Code (the `# %%` marks). ARTICLES is JSON lines with "id" and "text"; the default
# is the test fixture, a few articles we wrote.

# %%
import json
import sys
from pathlib import Path

import pandas as pd

import quotelens

ARTICLES = Path(sys.argv[1]) if len(sys.argv) > 1 and not sys.argv[1].startswith("-") else (
    Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "articles.jsonl"
)

# %% [markdown]
# One article: every quote with its kind, speaker and cue. Offsets are code points, so they
# slice the Python string directly.

# %%
text = "“We will not back down,” the mayor said on Monday. Her rival called the plan a “mirage”."
doc = quotelens.analyze(text)
for q in doc["quotes"]:
    speaker = q["speaker"]["text"] if q["speaker"] else None
    print(q["kind"], repr(text[q["start"]:q["end"]]), "—", speaker, q["cue"] and q["cue"]["text"])

# %% [markdown]
# An archive: analyse every article on all cores, then one row per attribution.

# %%
with open(ARTICLES, encoding="utf-8") as f:
    articles = [json.loads(line) for line in f if line.strip()]
docs = quotelens.analyze_many([a["text"] for a in articles])
rows = [row for a, d in zip(articles, docs) for row in quotelens.attribution_rows(d, a["id"])]
table = pd.DataFrame(rows, columns=[name for name, _ in quotelens.COLUMNS])
print(table[["article_id", "kind", "speaker", "speaker_name", "cue", "content"]].to_string(index=False))

# %% [markdown]
# Who is quoted most, and how: the aggregation a media audit starts from.

# %%
who = table.groupby("speaker_name", dropna=False).agg(
    attributions=("kind", "size"), articles=("article_id", "nunique"), direct=("kind", lambda k: (k == "direct").sum())
)
print(who.sort_values("attributions", ascending=False).to_string())
