"""The package against the CLI (identical JSON), code-point offsets, bad input, and the GIL."""

import json
import subprocess
import sys
import threading

import pytest

import quotelens

# Texts we wrote, each exercising something the offsets or the parser must survive.
TEXTS = [
    "“We will not back down,” the mayor said on Monday.",
    "Crème brûlée café: “Ça va très bien,” dit-il. Señora Núñez said “¡Olé!” twice.",
    "Emoji first 👩‍👩‍👧 🇫🇷 🎌: “Flags 🇺🇸 are one grapheme,” said Ana Lopes.\n\nShe told us: “Two 👍🏽 code points.”",
    "Line one\r\n\r\n“Windows line ends,” said Piotr Nowak.\r\n“And a continued quote\r\n\r\n“that reopens,” he added.\r\n",
    "“Outer ‘inner’ quote,” said Jo. A ‘term’ and an “unclosed quote\n",
    "",
    "   \n\n  ",
    "He said \"straight quotes\" too, and 'single ones' as well.",
]

SPAN_FIELDS = ("speaker", "cue")


def cli_documents(cli, texts):
    """The CLI's --jsonl answers for `texts`, with the caller's `id` removed."""
    lines = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts))
    out = subprocess.run([str(cli), "--jsonl"], input=lines.encode(), capture_output=True, check=True).stdout
    docs = [json.loads(line) for line in out.decode().splitlines()]
    assert [d.pop("id") for d in docs] == list(range(len(texts)))
    return docs


def spans(doc):
    """(start, end, text) of every span that carries its text."""
    for q in doc["quotes"]:
        yield q["start"], q["end"], q["text"]
        for field in SPAN_FIELDS:
            if q[field]:
                yield q[field]["start"], q[field]["end"], q[field]["text"]
        if q["speaker"] and q["speaker"]["refers_to"]:
            r = q["speaker"]["refers_to"]
            yield r["start"], r["end"], r["text"]
    for e in doc["entities"]:
        yield e["start"], e["end"], e["text"]


def test_analyze_equals_the_cli_line(cli, articles):
    texts = TEXTS + [a["text"] for a in articles]
    expected = cli_documents(cli, texts)
    assert [quotelens.analyze(t) for t in texts] == expected
    assert quotelens.analyze_many(texts) == expected
    # Byte for byte too, not only as equal values: same key order, same numbers.
    assert [json.dumps(quotelens.analyze(t)) for t in texts] == [json.dumps(d) for d in expected]


def test_offsets_index_python_strings():
    for text in TEXTS:
        doc = quotelens.analyze(text)
        assert doc["unit"] == "codepoint" and doc["schema"] == quotelens.SCHEMA_VERSION
        for start, end, words in spans(doc):
            assert text[start:end] == words
        for p in doc["paragraphs"]:
            assert text[p["start"]:p["end"]].strip() and "\r" not in text[p["start"]:p["end"]]
    emoji = quotelens.analyze(TEXTS[2])
    assert [q["text"] for q in emoji["quotes"]] == ["Flags 🇺🇸 are one grapheme,", "Two 👍🏽 code points."]
    crlf = quotelens.analyze(TEXTS[3])
    assert len(crlf["paragraphs"]) == 4


def test_a_lone_surrogate_is_one_replacement_character(cli):
    text = "\ud800 “Still found,” said Mira Holt. \udfff"
    doc = quotelens.analyze(text)
    quote = doc["quotes"][0]
    assert text[quote["start"]:quote["end"]] == quote["text"] == "Still found,"
    assert doc["paragraphs"] == [{"start": 0, "end": len(text)}]
    assert doc == cli_documents(cli, [text])[0], "the CLI reads \\ud800 as U+FFFD too"
    # A surrogate pair written as two code points stays two code points.
    pair = "\ud83d\ude00 “Two,” said Mira Holt."
    assert quotelens.analyze(pair)["quotes"][0]["start"] == 4


@pytest.mark.parametrize("bad", [None, b"bytes are not text", 42, ["a list"]])
def test_analyze_rejects_what_is_not_str(bad):
    with pytest.raises(TypeError, match="text must be str"):
        quotelens.analyze(bad)


def test_analyze_many_rejects_bad_batches():
    with pytest.raises(TypeError, match="iterable of str"):
        quotelens.analyze_many("one text")
    with pytest.raises(TypeError, match="iterable of str"):
        quotelens.analyze_many(b"bytes")
    with pytest.raises(TypeError, match=r"texts\[1\] must be str, not int"):
        quotelens.analyze_many(["fine", 7])
    with pytest.raises(TypeError):
        quotelens.analyze_many(None)
    with pytest.raises(ValueError, match="threads"):
        quotelens.analyze_many(["x"], threads=0)
    with pytest.raises(OverflowError):
        quotelens.analyze_many(["x"], threads=-1)


def test_analyze_many_keeps_order_on_any_number_of_threads():
    texts = [f"“Point {i},” said Witness Number{i}." for i in range(50)] + TEXTS
    one = quotelens.analyze_many(texts, threads=1)
    assert [d["quotes"][0]["text"] for d in one[:50]] == [f"Point {i}," for i in range(50)]
    for threads in (2, 3, 64):
        assert quotelens.analyze_many(texts, threads=threads) == one
    assert quotelens.analyze_many(t for t in texts) == one, "any iterable"
    assert quotelens.analyze_many([]) == []


def test_a_huge_text_is_analysed_not_refused():
    paragraph = "“Rates will rise,” said Governor Ruth Abara. The board met in Lagos. "
    text = "é🎌\r\n" + paragraph * 60_000 + "x" * 3_000_000  # ~7 MB, ending in a 3 MB word
    doc = quotelens.analyze(text)
    assert len(doc["quotes"]) == 60_000
    last = doc["quotes"][-1]
    assert text[last["start"]:last["end"]] == "Rates will rise,"
    assert doc["paragraphs"][-1]["end"] == len(text)


def test_analysis_releases_the_gil():
    """Another Python thread runs while analyze_many works. With the switch interval at 1000 s,
    a thread that holds the GIL keeps it until it blocks or releases it, so the helper can only
    run inside the call if the call releases the GIL; the control shows that a call holding the
    GIL for as long does not let it run."""
    texts = ["“Rates will rise,” said Governor Ruth Abara. The board met in Lagos.\n" * 2_000] * 40

    def helper_runs_during(call):
        go, ran = threading.Event(), threading.Event()
        helper = threading.Thread(target=lambda: (go.wait(), ran.set()))
        helper.start()
        go.set()  # the helper is now waiting for the GIL, which this thread holds
        call()
        during = ran.is_set()  # read before anything here could block and hand over the GIL
        helper.join()
        return during

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1000)
    try:
        assert helper_runs_during(lambda: quotelens.analyze_many(texts))
        assert helper_runs_during(lambda: quotelens.analyze(texts[0] * 10))
        assert not helper_runs_during(lambda: sum(range(3_000_000))), "control: a call that keeps the GIL"
    finally:
        sys.setswitchinterval(interval)
