//! The shared quotation cases, run natively (UTF-8 byte offsets), each with its twins.

mod common;

use common::{quote_cases, twins};

#[test]
fn every_quote_case_and_its_twins() {
    let mut failures = Vec::new();
    for case in quote_cases().iter().flat_map(twins) {
        let analysis = quotelens::analyze(&case.text);
        let got: Vec<(String, String, bool)> = analysis
            .quotes
            .iter()
            .map(|q| (q.inner.slice(&case.text).to_string(), q.kind.as_str().to_string(), q.unclosed))
            .collect();
        let expected: Vec<(String, String, bool)> =
            case.quotes.iter().map(|q| (q.text.clone(), q.kind.clone(), q.unclosed)).collect();
        if got != expected {
            failures.push(format!("{}:\n  text:     {:?}\n  expected: {expected:?}\n  got:      {got:?}", case.name, case.text));
        }
    }
    assert!(failures.is_empty(), "{} case(s) failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn the_case_file_has_cases() {
    // Guards the runner itself: a parse slip that read no case would pass every test above.
    assert!(quote_cases().len() >= 25);
}
