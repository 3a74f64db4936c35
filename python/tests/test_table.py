"""attribution_rows: quotes of speech today, the `attributions` field when a document has it."""

import quotelens

TEXT = "“It works,” said Rosa Diaz. She added: “He said ‘no’.” Critics called it a “gimmick”."


def test_rows_are_the_speech_quotes_with_their_speakers():
    """A document without `attributions` (schema 1) gives one row per direct or partial quote."""
    doc = quotelens.analyze(TEXT)
    doc.pop("attributions")
    rows = quotelens.attribution_rows(doc, 7)
    assert all(set(r) == {n for n, _ in quotelens.COLUMNS} for r in rows)
    kinds = {q["id"]: q["kind"] for q in doc["quotes"]}
    assert [r["attribution"] for r in rows] == [i for i, k in kinds.items() if k in ("direct", "partial")]
    assert "nested" in kinds.values(), "the nested ‘no’ is in the document but not a row"
    first, second = rows[0], rows[1]
    assert (first["article_id"], first["content"], first["speaker"], first["cue"]) == ("7", "It works,", "Rosa Diaz", "said")
    assert (second["speaker"], second["speaker_kind"], second["speaker_name"]) == ("She", "pronoun", "Rosa Diaz")
    assert (rows[-1]["kind"], rows[-1]["content"]) == ("partial", "gimmick")
    assert first["confidence"] is None


def test_attributions_are_read_when_present():
    """The shape branch `attr` adds (wire schema 2): source/cue/content per attribution."""
    doc = quotelens.analyze(TEXT)
    source = doc["quotes"][0]["speaker"]
    doc["attributions"] = [
        {"id": 0, "kind": "indirect", "content": {"start": 0, "end": 4, "text": "said"}, "content_spans": [],
         "source": source, "cue": None, "quotes": [], "confidence": 0.75},
    ]
    (row,) = quotelens.attribution_rows(doc, "a")
    assert (row["kind"], row["content"], row["speaker"], row["cue"], row["confidence"]) == ("indirect", "said", "Rosa Diaz", None, 0.75)
    assert row["speaker_name"] == "Rosa Diaz" and row["speaker_cluster"] == source["entity"]
