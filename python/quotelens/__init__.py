"""quotelens: finds the quotations in news text, who said them (speaker, cue) and the named
entities, with a Rust engine.

    >>> import quotelens
    >>> doc = quotelens.analyze("“We will not back down,” the mayor said.")
    >>> doc["quotes"][0]["speaker"]["text"]
    'the mayor'

``analyze(text)`` returns the CLI's JSON document as a dict (offsets in code points: ``text[start:end]``
is the span); ``analyze_many(texts, threads=None)`` analyses a batch on every core with the GIL
released. Every field is documented once, in the wire contract (src/export.rs in the repository);
the type stubs (``DocumentOut``, ``QuoteOut``, …) are generated from it. ``attribution_rows`` flattens
a document into the per-attribution table of the Spark example.
"""

from ._quotelens import SCHEMA_VERSION, AnalysisError, __version__, analyze, analyze_many
from .table import COLUMNS, attribution_rows

__all__ = ["analyze", "analyze_many", "attribution_rows", "COLUMNS", "AnalysisError", "SCHEMA_VERSION", "__version__"]
