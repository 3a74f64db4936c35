//! Properties that hold for every text: the invariants of ARCHITECTURE.md, checked by the one
//! checker (tests/common/invariants.rs, shared with the fuzz target and tests/regression.rs) on
//! texts generated to break quote finders: no panic; spans in bounds and on char boundaries;
//! quotes ordered and properly nested; a quote crosses a paragraph break only by the
//! continuation convention; UTF-16 and code-point offsets slice the same text as bytes do.

#[path = "common/invariants.rs"]
mod invariants;

use proptest::prelude::*;

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

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn every_invariant_holds(text in article()) {
        invariants::check(&text);
    }
}

#[test]
fn adversarial_inputs_do_not_panic() {
    let huge_word = "Capitalised".repeat(100_000);
    let openers = "“".repeat(100_000);
    let alternating = "“‘«„\"``".repeat(20_000);
    let nested: String = (0..10_000).map(|i| if i % 2 == 0 { "“a ‘" } else { "b " }).collect();
    for text in [huge_word.as_str(), &openers, &alternating, &nested, "", "\u{FEFF}", "\"", "''''''", "\r\n\r\n"] {
        invariants::check(text);
    }
}
