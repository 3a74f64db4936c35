//! Properties that hold for every text: no panic; spans in bounds and on char boundaries;
//! quotes ordered and properly nested; a quote crosses a paragraph break only by the
//! continuation convention; UTF-16 and code-point offsets slice the same text as bytes do.

use proptest::prelude::*;
use quotelens::export::export;
use quotelens::{analyze, OffsetUnit, Span};

/// Text pieces weighted toward what breaks quote finders.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "\"", "“", "”", "„", "‘", "’", "‚", "«", "»", "‹", "›", "「", "」", "『", "』", "''", "``", "'", "'''",
        ]).prop_map(str::to_string),
        3 => prop::sample::select(vec![" ", " ", "\n", "\r\n", "\r", "\n\n", "\u{A0}", "\u{2028}", "\u{2029}", "\t"]).prop_map(str::to_string),
        2 => prop::sample::select(vec!["\u{200D}", "\u{200B}", "\u{FEFF}", "😀", "👩‍👩‍👧", "e\u{301}", "é", "Ω", "日本", "ب"]).prop_map(str::to_string),
        3 => prop::sample::select(vec!["said", "he", "Putin", "Orbán", "the", "US", "Mr.", "don’t", "’90s", "rock ’n’ roll", ":", ",", ".", "?", "(", ")", "<b>", "6\""]).prop_map(str::to_string),
        1 => "[a-zA-Z]{1,8}",
    ]
}

fn article() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..80).prop_map(|pieces| pieces.concat())
}

fn utf16_slice(text: &str, start: usize, end: usize) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[start..end]).expect("UTF-16 offsets fall on code point boundaries")
}

fn check_span(text: &str, span: Span, what: &str) {
    assert!(span.start <= span.end && span.end <= text.len(), "{what} {span:?} out of bounds");
    assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end), "{what} {span:?} off a char boundary");
}

fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{0B}' | '\u{0C}' | '\u{85}')
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn spans_are_sound(text in article()) {
        let analysis = analyze(&text);
        for p in &analysis.paragraphs {
            check_span(&text, *p, "paragraph");
            prop_assert!(!p.slice(&text).contains(is_line_break));
        }
        for s in &analysis.sentences {
            check_span(&text, s.span, "sentence");
            prop_assert!(analysis.paragraphs[s.paragraph].contains(s.span));
        }
        for (i, q) in analysis.quotes.iter().enumerate() {
            check_span(&text, q.inner, "quote");
            check_span(&text, q.outer, "outer");
            prop_assert!(q.outer.contains(q.inner), "inner {:?} outside outer {:?}", q.inner, q.outer);
            prop_assert!(q.inner.slice(&text).chars().any(char::is_alphanumeric));
            if i > 0 {
                prop_assert!(analysis.quotes[i - 1].outer.start < q.outer.start, "quotes out of order");
            }
            match q.parent {
                Some(p) => {
                    prop_assert!(p < i);
                    prop_assert!(analysis.quotes[p].outer.contains(q.outer), "nested quote leaks out of its parent");
                }
                None => {
                    // Top-level quotes never overlap each other.
                    if let Some(prev) = analysis.quotes[..i].iter().rev().find(|o| o.parent.is_none()) {
                        prop_assert!(prev.outer.end <= q.outer.start, "top-level quotes overlap");
                    }
                }
            }
            // A quote crosses into a paragraph only when that paragraph opens with a mark.
            let para = analysis.paragraphs[q.paragraph];
            prop_assert!(para.start <= q.outer.start && q.outer.start < para.end.max(para.start + 1));
            for next in analysis.paragraphs.iter().filter(|p| p.start > para.start && p.start < q.outer.end) {
                let first = next.slice(&text).chars().next().unwrap_or(' ');
                prop_assert!(!first.is_alphanumeric(), "quote {i} crosses into a paragraph without a reopening mark");
            }
        }
        for e in &analysis.entities {
            check_span(&text, e.span, "entity");
        }
    }

    #[test]
    fn exported_offsets_slice_the_same_text_in_every_unit(text in article()) {
        let analysis = analyze(&text);
        let utf16 = export(&text, &analysis, OffsetUnit::Utf16);
        let points = export(&text, &analysis, OffsetUnit::CodePoint);
        let chars: Vec<char> = text.chars().collect();
        for ((q, a), b) in analysis.quotes.iter().zip(&utf16.quotes).zip(&points.quotes) {
            let expected = q.inner.slice(&text);
            prop_assert_eq!(utf16_slice(&text, a.start, a.end), expected);
            prop_assert_eq!(chars[b.start..b.end].iter().collect::<String>(), expected);
            prop_assert_eq!(a.text, expected);
        }
    }
}

#[test]
fn adversarial_inputs_do_not_panic() {
    let huge_word = "Capitalised".repeat(100_000);
    let openers = "“".repeat(100_000);
    let alternating = "“‘«„\"``".repeat(20_000);
    let nested: String = (0..10_000).map(|i| if i % 2 == 0 { "“a ‘" } else { "b " }).collect();
    for text in [huge_word.as_str(), &openers, &alternating, &nested, "", "\u{FEFF}", "\"", "''''''", "\r\n\r\n"] {
        let analysis = analyze(text);
        for q in &analysis.quotes {
            assert!(text.is_char_boundary(q.inner.start) && text.is_char_boundary(q.inner.end));
        }
    }
}
