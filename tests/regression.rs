//! One test per bug found by fuzzing or review (issue 10, "Trustworthy under bad input"), named
//! after what broke. Each replays the input through the same invariant checks as the fuzz target
//! (tests/common/invariants.rs), then asserts what the fix guarantees.
//!
//! Findings about cost (a super-linear path) are replayed here at fuzz size; that their cost now
//! grows linearly is checked by counting instructions in scripts/check-linear.sh.

#[path = "common/invariants.rs"]
mod invariants;

use quotelens::QuoteKind;

/// Fuzz finding (timeout, seed `long_word_with_marks`): in a paragraph of many quotes and no
/// full stop, classifying each quote scanned back to the paragraph start and on to its end to
/// find its sentence, O(n²): 27 KB took over 10 s. Fixed in `quotes::classify::decide`, which now
/// looks at most `SENTENCE_REACH` bytes either side of the quote.
#[test]
fn fuzz_many_quotes_in_one_sentence_classify_in_linear_time() {
    let text = "a“b”c‘d’e".repeat(3000);
    let analysis = invariants::check(&text);
    assert_eq!(analysis.quotes.len(), 3000);
    assert!(analysis.quotes.iter().all(|q| q.kind == QuoteKind::Term));
}

/// The sentence context is bounded, not dropped: a cue within reach still makes a quote
/// partial rather than a term.
#[test]
fn a_cue_in_a_long_sentence_still_counts_within_reach() {
    let filler = "and then some more words ".repeat(100);
    let text = format!("{filler}he accused them of “lying” and {filler}");
    let analysis = invariants::check(&text);
    assert_eq!(analysis.quotes.len(), 1);
    assert_eq!(analysis.quotes[0].kind, QuoteKind::Partial);
}

/// Review finding (cost): `quotes::classify` found the paragraph a quote ends in by a linear
/// search over all paragraphs, per quote: O(paragraphs × quotes) on a long article of quoted
/// paragraphs. Now a binary search.
#[test]
fn review_many_quoted_paragraphs_find_their_end_paragraph_by_search() {
    let text = "“Yes,” Angela Merkel said.\n".repeat(2000);
    let analysis = invariants::check(&text);
    assert_eq!(analysis.quotes.len(), 2000);
    assert!(analysis.quotes.iter().all(|q| q.kind == QuoteKind::Direct && !q.unclosed));
}

/// Review finding (cost): `entities::clusters::cluster_summaries` counted the characters of a
/// cluster's current name again for every mention. A line of capitalised words is one entity as
/// long as the line, so a long name followed by many surname mentions cost O(mentions × length).
/// Now each summary keeps its name's rank.
#[test]
fn review_a_long_cluster_name_is_measured_once() {
    // The run must read as a person's name for the surnames to join it; how the tagger labels
    // a run of 4,000 words depends on the model ("Angela Merkel" read as a place after the word
    // classes), so the name is one the tagger reads as a person at any length.
    let text = "Anna Keller ".repeat(2000) + "Keller said.\n" + &"Keller said no.\n".repeat(200);
    let analysis = invariants::check(&text);
    assert_eq!(analysis.clusters.len(), 1, "{:?}", analysis.clusters);
    let cluster = &analysis.clusters[0];
    assert_eq!(cluster.mentions, analysis.entities.len());
    // The longest proper form names it: the run of names filling the first line.
    assert!(cluster.name.slice(&text).starts_with("Anna Keller Anna Keller"));
    assert!(cluster.name.len() > 23_000);
}
