"""One row per attribution: the table a researcher aggregates (who is quoted, how often, by
which cue), flattened from a wire document. The Spark example writes it; pandas users can build
it with ``pandas.DataFrame(rows, columns=[name for name, _ in COLUMNS])``.

Rows come from the document's ``attributions`` when it has them (direct, mixed and indirect
speech, wire schema 2) and otherwise from its ``quotes`` of kind ``direct`` and ``partial``:
terms (scare quotes, titles) are not speech, and a nested quote is part of its parent's content
and has no speaker of its own.
"""

from __future__ import annotations

from typing import Any, Optional

#: The columns, in order, with their types in Spark SQL's DDL words (also Arrow's, via Spark).
#: Offsets are code points into the article's text, end exclusive; null when absent.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("article_id", "string"),  # the archive's id of the article, as text
    ("attribution", "int"),  # the attribution's (or quote's) id within its document
    ("kind", "string"),  # direct | partial (from quotes); direct | mixed | indirect (attributions)
    ("speaker", "string"),  # the mention naming the source ("he", "the minister", "Putin"), or null
    ("speaker_kind", "string"),  # name | pronoun | nominal
    ("speaker_basis", "string"),  # explicit | pronoun | continuation | nearest (how far to trust it)
    ("speaker_cluster", "int"),  # the entity cluster's id within the article, or null
    ("speaker_name", "string"),  # who it is: the cluster's name, else the name the mention refers to
    ("speaker_start", "int"),
    ("speaker_end", "int"),
    ("cue", "string"),  # "said", "told", "according to", or null
    ("cue_start", "int"),
    ("cue_end", "int"),
    ("content", "string"),  # what was said: the quoted words, or the reported content
    ("content_start", "int"),
    ("content_end", "int"),
    ("confidence", "double"),  # attributions only: calibrated probability; null for quotes
)

#: Quote kinds that are speech (see the module docs).
SPEECH_KINDS = ("direct", "partial")


def _speaker_name(speaker: dict[str, Any], clusters: dict[int, str]) -> Optional[str]:
    """The name to aggregate a source by: its entity cluster's name, else the full name the
    mention refers to, else the mention itself when it is a name; null for an unresolved "he"."""
    if speaker.get("entity") is not None and speaker["entity"] in clusters:
        return clusters[speaker["entity"]]
    if speaker.get("refers_to"):
        return speaker["refers_to"]["text"]
    return speaker["text"] if speaker.get("kind") == "name" else None


def _row(article_id: str, ident: int, kind: str, speaker, cue, content, clusters, confidence=None) -> dict[str, Any]:
    speaker = speaker or {}
    cue = cue or {}
    return {
        "article_id": article_id,
        "attribution": ident,
        "kind": kind,
        "speaker": speaker.get("text"),
        "speaker_kind": speaker.get("kind"),
        "speaker_basis": speaker.get("basis"),
        "speaker_cluster": speaker.get("entity"),
        "speaker_name": _speaker_name(speaker, clusters) if speaker else None,
        "speaker_start": speaker.get("start"),
        "speaker_end": speaker.get("end"),
        "cue": cue.get("text"),
        "cue_start": cue.get("start"),
        "cue_end": cue.get("end"),
        "content": content["text"],
        "content_start": content["start"],
        "content_end": content["end"],
        "confidence": confidence,
    }


def attribution_rows(document: dict[str, Any], article_id: Any = None) -> list[dict[str, Any]]:
    """The rows (dicts keyed by the names in ``COLUMNS``) of one analysed article.

    ``document`` is what ``analyze`` returns; ``article_id`` is stored as ``str`` (None stays None).
    """
    aid = None if article_id is None else str(article_id)
    clusters = {c["id"]: c["name"] for c in document.get("clusters", ())}
    if "attributions" in document:
        return [
            _row(aid, a["id"], a["kind"], a.get("source"), a.get("cue"), a["content"], clusters, a.get("confidence"))
            for a in document["attributions"]
        ]
    return [
        _row(aid, q["id"], q["kind"], q["speaker"], q["cue"], q, clusters)
        for q in document["quotes"]
        if q["kind"] in SPEECH_KINDS
    ]
