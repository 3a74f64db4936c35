"""The type stubs are the wire contract: generated from src/export.d.ts, and what analyze returns."""

import importlib.util
import types
import sys
import typing
from importlib.machinery import SourceFileLoader
from pathlib import Path

import quotelens

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
import stubgen  # noqa: E402

# Fills every optional field: a nested quote, speakers by name and by pronoun with referents, cues, entities.
TEXT = (
    "Ünïcode 🎌 news: Angela Merkel visited Paris on 3 May 2015.\n\n"
    "“We are ‘ready’ for this,” said Chancellor Merkel. “It is the right day.”\n\n"
    "She told reporters: “Nothing changes.”\n"
)


def test_committed_stubs_are_generated_from_the_contract():
    assert stubgen.STUBS.read_text() == stubgen.stubs(), "stale stubs: run `python python/stubgen.py --write`"


def load_stubs():
    """The .pyi executed as a module (it is valid Python: annotations stay strings)."""
    loader = SourceFileLoader("quotelens_stubs", str(stubgen.STUBS))
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
    loader.exec_module(module)
    return module


def conforms(value, hint, path, stubs):
    """Fails with `path` unless `value` has the stubs' type `hint` (TypedDicts exactly: no missing or extra keys)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if typing.is_typeddict(hint):
        hints = typing.get_type_hints(hint, vars(stubs))
        assert isinstance(value, dict), f"{path}: {value!r} is not a {hint.__name__}"
        assert set(value) == set(hints), f"{path}: keys {sorted(value)} != {sorted(hints)}"
        for key, sub in hints.items():
            conforms(value[key], sub, f"{path}.{key}", stubs)
    elif origin is typing.Literal:
        assert value in args, f"{path}: {value!r} not in {args}"
    elif origin is list:
        assert isinstance(value, list), path
        for i, item in enumerate(value):
            conforms(item, args[0], f"{path}[{i}]", stubs)
    elif origin in (typing.Union, getattr(types, "UnionType", None)):
        errors = []
        for option in args:
            try:
                return conforms(value, option, path, stubs)
            except AssertionError as e:
                errors.append(str(e))
        raise AssertionError(" / ".join(errors))
    elif hint is type(None):
        assert value is None, f"{path}: {value!r} is not None"
    else:
        assert type(value) is hint or (hint is float and type(value) is int), f"{path}: {value!r} is not {hint.__name__}"


def test_analyze_returns_what_the_stubs_declare():
    stubs = load_stubs()
    doc = quotelens.analyze(TEXT)
    conforms(doc, stubs.DocumentOut, "document", stubs)
    # Every nullable field was filled at least once, so each declared type met a real value.
    q = doc["quotes"]
    assert any(x["parent"] is not None for x in q) and any(x["speaker"] and x["speaker"]["refers_to"] for x in q)
    assert any(x["cue"] for x in q) and any(x["speaker"] and x["speaker"]["entity"] is not None for x in q)


def test_the_stubs_reject_a_document_that_drifted():
    stubs = load_stubs()
    doc = quotelens.analyze(TEXT)
    doc["quotes"][0]["renamed"] = doc["quotes"][0].pop("outer_end")
    try:
        conforms(doc, stubs.DocumentOut, "document", stubs)
    except AssertionError as e:
        assert "quotes[0]" in str(e)
    else:
        raise AssertionError("a renamed field passed the check")
