"""The Spark example on our fixture articles in local mode: the rows it writes."""

import os
import sys
from pathlib import Path

import pytest

pytest.importorskip("pyspark", reason="the Spark test needs pyspark (scripts/test-python.sh installs it)")
import pandas as pd  # noqa: E402
from pyspark.sql import SparkSession  # noqa: E402

import quotelens  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "examples"))
import spark_attributions  # noqa: E402

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "articles.jsonl"
NAMES = [name for name, _ in quotelens.COLUMNS]


@pytest.fixture(scope="module")
def spark():
    os.environ["PYSPARK_PYTHON"] = sys.executable  # executors run this interpreter, with quotelens
    session = (
        SparkSession.builder.master("local[2]")
        .appName("quotelens-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    # The job's functions are pickled by reference to their module, so ship it as a job file
    # would be (`spark-submit` ships its main file itself).
    session.sparkContext.addPyFile(spark_attributions.__file__)
    yield session
    session.stop()


def records(frame):
    """Rows as dicts, nulls as None, in a stable order."""
    frame = frame.astype(object).where(frame.notna(), None)
    rows = [{k: (int(v) if isinstance(v, float) and k != "confidence" else v) for k, v in r.items()} for r in frame.to_dict("records")]
    return sorted(rows, key=lambda r: (r["article_id"], r["attribution"]))


def test_the_job_writes_one_row_per_attribution(spark, tmp_path, articles):
    spark_attributions.main([str(FIXTURE), str(tmp_path / "out")])
    table = pd.read_parquet(tmp_path / "out")
    assert list(table.columns) == NAMES
    rows = records(table)

    # The same rows as the package gives in-process, article by article.
    expected = [r for a in articles for r in quotelens.attribution_rows(quotelens.analyze(a["text"]), a["id"])]
    assert rows == sorted(expected, key=lambda r: (r["article_id"], r["attribution"]))

    by_article = {}
    for r in rows:
        by_article.setdefault(r["article_id"], []).append(r)
    assert "no-quotes" not in by_article
    harbour = [(r["kind"], r["speaker"], r["speaker_name"], r["cue"]) for r in by_article["harbour-2024-03"]]
    assert harbour == [
        ("direct", "Elena Marsh", "Elena Marsh", "said"),
        ("direct", "She", "Elena Marsh", "added:"),  # a colon is part of a cue (PolNeAR's convention)
        ("direct", "Tomás Ibáñez", "Tomás Ibáñez", "said"),
    ]
    assert by_article["harbour-2024-03"][0]["speaker_cluster"] == by_article["harbour-2024-03"][1]["speaker_cluster"]
    budget = by_article["42"]  # a numeric id becomes text; CRLF line ends
    # Lind's two partial quotes are one reported claim; the critics' scare quote is theirs.
    assert [(r["kind"], r["speaker_name"], r["cue"]) for r in budget[:3]] == [
        ("mixed", "Oskar Lind", "told"),
        ("direct", "Oskar Lind", "said"),
        ("mixed", "Critics", "called"),
    ]
    # Offsets are code points into the archive's text (the school-meals headline has an emoji).
    texts = {str(a["id"]): a["text"] for a in articles}
    for r in rows:
        text = texts[r["article_id"]]
        assert text[r["content_start"]:r["content_end"]] == r["content"]
        if r["speaker"] is not None:
            assert text[r["speaker_start"]:r["speaker_end"]] == r["speaker"]
        if r["cue"] is not None:
            assert text[r["cue_start"]:r["cue_end"]] == r["cue"]


def test_the_job_reads_parquet_with_other_column_names(spark, tmp_path, articles):
    source = pd.DataFrame({"doc": [str(a["id"]) for a in articles], "body": [a["text"] for a in articles]})
    source.loc[len(source)] = ["empty", None]  # a missing text yields no rows, not a failure
    source.to_parquet(tmp_path / "in.parquet")
    spark_attributions.main(
        [str(tmp_path / "in.parquet"), str(tmp_path / "out"), "--id-column", "doc", "--text-column", "body", "--output-format", "json"]
    )
    table = spark.read.json(str(tmp_path / "out"))
    assert table.count() == 8
    assert {r.article_id for r in table.select("article_id").distinct().collect()} == {"harbour-2024-03", "42", "school-meals"}
