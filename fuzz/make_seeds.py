#!/usr/bin/env python3
"""Writes the seed corpus of the `analyze` fuzz target to fuzz/seeds/analyze/.

Every seed is a nasty input written by hand for quotelens: quote marks of every style, unbalanced
and stray marks, apostrophes, every line-break kind, invisible and combining characters, RTL and
bidi controls, deep nesting, long lines, markup. Each stays under 64 KB (the fuzzer's -max_len)
and the corpus under 1 MB. Rerun after editing: python3 fuzz/make_seeds.py
"""
import os

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "seeds", "analyze")

SEEDS = {
    # Quote marks of every style, paired the way each language pairs them.
    "styles_english": "“We will not back down,” the mayor said. ‘Never,’ he added. \"Straight,\" she said.",
    "styles_german": "Er sagte: „Nein.“ Dann ‚ja‘. Sie sagte: »Gut.« Und ›fein‹.",
    "styles_polish_swedish": "Powiedział: „Nie”. Han sa: ”Nej.” Hon sa: »Ja».",
    "styles_french": "Il a dit : « Non. » Puis ‹ oui ›. «Sans espaces», dit-elle.",
    "styles_cjk": "彼は「はい」と『言った』。「『入れ子』です」と言った。",
    "typewriter": "``Go home,'' he said. ''Now.'' ``Unclosed and ''ambiguous'' ``` '''' ''''''",
    "two_apostrophes_after_word": "''Ask the players''' she said. players''' '''x''' ''a''b''",
    # Unbalanced and stray marks.
    "unbalanced": "He said “this never closes.\nNext “one” here. ” stray ” closers ‘ ’ “ ” „ « » ‹ › 「 」",
    "stray_closers_first": "” ’ » › 」 』 '' \" oops” and ” again",
    "inch_marks": "a 6\" pipe and a 12\" record, 5' 11\" tall, 3'' wide",
    "same_style_reopen": "A “b “c” d “e “f” g.” “",
    "crossing": "“a ‘b” c’ «d ‹e» f› „g ‚h“ i‘",
    "continuation": "“First part.\n\n“Second part.\n\n“Third,” he said.\nNext.\n“Open\n\n“Reopen\n\nplain",
    "many_unclosed_paragraphs": "\n\n".join("“Unclosed quote number %d goes on" % i for i in range(200)),
    # Apostrophes and possessives.
    "apostrophes": "don’t, ’90s, ‘90s, Orbán’s, rock ’n’ roll, rock ‘n’ roll, the Smiths’ album, ’tis, y’all, O’Neill’s",
    "possessives_plural": "‘I loved the Smiths’ album,’ she said. " + "the Joneses’ " * 300 + "end’",
    "apostrophe_edges": "’ ‘ ’’ ‘‘ ’n’ n’ ’n 's n't 'S N'T ’s ’S ''s ’’s",
    # Line breaks of every kind.
    "crlf": "“Stop,” she said.\r\n\r\n“Now.”\r\nNext paragraph.\r\n",
    "lone_cr": "“Stop,\r she said.\r\r“Now.”\rNext.\r",
    "unicode_breaks": "“One\u2028two,” he said.\u2029“Three\u0085four.”\u000bfive\u000csix",
    "blank_lines_only": "\n\r\n\r\u2028\u2029\n \t \n\u00a0\n\u200b\n",
    # Invisible, joining and combining characters.
    "nbsp": "“We\u00a0are\u00a0ready,”\u00a0Putin\u00a0said.\u00a0«\u00a0Non\u00a0»\u00a0$\u00a05\u00a0million",
    "zwj_emoji": "👩‍👩‍👧 said “👨‍👩‍👧‍👦 family 🏳️‍🌈” and 👍🏽 “😀” “a😀b” 🗞️ “News,” Putin said.",
    "zero_width": "\u200b“\u200bhidden\u200b”\u200b said\u200d Mr.\u200cSmith\u2060. \ufeff“\ufeff”\ufeff",
    "combining": "“Ame\u0301lie,” said Zoe\u0308. “e\u0301\u0301\u0301\u0301” \u0301“\u0301x\u0301”\u0301 Orba\u0301n’s",
    "bom_mid_text": "Putin said \ufeff“yes\ufeff” and\ufeff \ufeffOrbán\ufeff said\ufeff: “no”.\ufeff",
    # Right-to-left text and bidi controls.
    "rtl": "قال الرئيس «لن نتراجع» يوم الاثنين. אמר: „כן“. “مرحبا,” قال.",
    "bidi_controls": "\u202e“evil,” he said\u202c \u2066“isolated”\u2069 \u200f«rtl»\u200e \u202a“embed”\u202c",
    # Scripts and shapes the tagger has not seen.
    "all_caps_headline": "SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .\nTHE PRIME MINISTER SAID “NO” ON TUESDAY\nUS U.S. NATO EU",
    "digits_only": "1234567890 42 3.14 1,000,000.5 1996-08-22 $5 €1.2bn 12% 9:30 a.m. 1990s '90s 15000 " * 20,
    "mixed_scripts": "Владимир Путин сказал: «Нет». 習近平在北京。 Ölmühle GmbH. Ωmega “日本語” İstanbul ǅemal",
    "abbreviations": "Mr. Smith met Dr. J. R. R. Tolkien at 3 p.m. in the U.S. and the U.N. Gen. Sen. Rep. Gov. etc. e.g. i.e.",
    "markup": "<tweet id=\"12\"> She said \"hi\". </tweet> <b>“bold”</b> <a href='x“y”'>“link”</a> < “lt” > <3 “<”",
    "markup_unclosed": "<" * 500 + "“q” " + "<a" * 500 + " \"x\"",
    "punctuation_runs": "...!!!???…“?!”—–-“—”(“)”[“]” «(» “.” “,” ‘;’",
    "empty_quotes": "\"\" “” ‘’ «» 「」 ``'' “ ” “…” “...” “—”",
    "single_chars": "“",
    "speech_verbs": "“We are ready,” said Putin, the president. Orbán: “There is no leader who wants conflict” according to him, he told reporters “yes.”",
}

def long_seeds():
    seeds = {}
    # 10k nested quotes of alternating styles.
    seeds["nested_10k"] = "".join("“a ‘" if i % 2 == 0 else "b " for i in range(10_000))
    seeds["nested_closed"] = ("“a ‘b «c ‹d „e ‚f " * 1000)[:15_000] + ("’ › » ” ‘ “" * 1000)[:10_000]
    seeds["openers"] = "“" * 20_000  # 60 KB
    seeds["alternating_styles"] = ("“‘«„\"``''" * 3000)
    seeds["long_line_no_spaces"] = ("Capitalised" * 5500)[:60_000]
    seeds["long_word_with_marks"] = "a“b”c‘d’e" * 3000
    seeds["long_dots"] = "a." * 30_000
    seeds["long_hyphens"] = ("Jean-" * 12_000)
    seeds["long_digits"] = "1," * 30_000
    seeds["caps_words"] = "Merkel " * 9000
    return seeds

def main():
    os.makedirs(OUT, exist_ok=True)
    total = 0
    for name, text in {**SEEDS, **long_seeds()}.items():
        data = text.encode("utf-8")
        assert len(data) < 64 * 1024, (name, len(data))
        with open(os.path.join(OUT, name + ".txt"), "wb") as f:
            f.write(data)
        total += len(data)
    # A few inputs that are not UTF-8 at all: the target decodes lossily.
    for name, data in {
        "bad_utf8": b"\xe2\x80\x9cbroken \xe2\x80 mark\xff\xfe said \xc0\x80 \xed\xa0\x80 \xf4\x90\x80\x80\x9d",
        "truncated_mark": "“quote”".encode()[:-1] + b" \xe2\x80",
    }.items():
        with open(os.path.join(OUT, name + ".bin"), "wb") as f:
            f.write(data)
        total += len(data)
    assert total < 1024 * 1024, total
    print(f"{len(os.listdir(OUT))} seeds, {total} bytes")

main()
