//! quotelens finds the quotations in a news text, classifies them (direct speech, partial quote,
//! scare quote or title, nested quote), credits each direct and partial quote to its speaker (the
//! mention, the cue, and the name a pronoun refers to), and finds the named entities; natively or
//! in the browser.
//!
//! ```
//! let text = "“We will not back down,” the mayor said on Monday.";
//! let analysis = quotelens::analyze(text);
//! let quote = &analysis.quotes[0];
//! assert_eq!(quote.inner.slice(text), "We will not back down,");
//! assert_eq!(quote.kind, quotelens::QuoteKind::Direct);
//! let speaker = quote.speaker.as_ref().expect("a speaker");
//! assert_eq!(speaker.span.slice(text), "the mayor");
//! assert_eq!(quote.cue.map(|c| c.slice(text)), Some("said"));
//! ```
//!
//! All offsets in [`Analysis`] are UTF-8 byte offsets into the text given to [`analyze`].
//! [`export`] turns an analysis into the wire format in UTF-16 code units (for JavaScript) or
//! Unicode code points (for the CLI and the evaluations).
//!
//! `analyze` never fails and never panics on any `&str`: odd input (an unclosed quote, a stray
//! mark, a megabyte without a space) is data, reported with flags, not an error.

// The whole crate is safe Rust: nothing here needs `unsafe`, and untrusted text flows through it.
#![forbid(unsafe_code)]

mod analysis;
mod attribution;
mod entities;
pub mod export;
mod order;
mod quotes;
mod speakers;
mod tagging;
mod text;
mod weight_tables;

// Public only so tests/wasm.rs calls the real boundary; JavaScript is its one real caller.
#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod wasm;

// The private stages and the tagger's training needs, for the tools/ crate only.
#[cfg(feature = "internals")]
#[doc(hidden)]
pub mod internals;

pub use analysis::{
    Analysis, Attribution, AttributionKind, Basis, Cluster, Entity, Label, MentionKind, Quote, QuoteKind, Sentence, Span, Speaker,
};
pub use text::offsets::{OffsetMap, OffsetUnit};

/// Analyses `text`: paragraphs, sentences, quotations with their speakers, and entities.
pub fn analyze(text: &str) -> Analysis {
    analyze_with_kinds(text, &quotes::kinds::MODEL)
}

/// The quote stage of `analyze` alone: paragraphs, sentences and quotations with their kinds;
/// no speaker or cue on any quote, and no entities, clusters or attributions. Each quote is
/// `analyze`'s for the same text, less its speaker and cue, with one exception: a direct quote
/// that stops mid-clause ([`Quote::ends_mid_clause`]) is partial in `analyze` when the claim
/// holding it runs on past its closing mark (the attribution stage decides that). The rest can be
/// shown to a reader first (the page leaves those direct quotes to `analyze`). It builds none of the later stages' tables or models: on a
/// cold wasm module its first call costs a few milliseconds where `analyze`'s costs a hundred
/// (the page draws the opening quotes of its first text with it, issue 17).
pub fn analyze_quotes(text: &str) -> Analysis {
    let (paragraphs, sentences, _, quotes) = quote_stage(text, &quotes::kinds::MODEL);
    Analysis { paragraphs, sentences, quotes, entities: Vec::new(), clusters: Vec::new(), attributions: Vec::new() }
}

/// Paragraphs, sentences, words and quotations with kinds decided by `kinds`: the pipeline's
/// first stages, which later ones change only in the quotes' speakers and cues and in turning a
/// direct quote that ends mid-clause partial (`attribution::link`).
fn quote_stage(text: &str, kinds: &quotes::kinds::KindModel) -> (Vec<Span>, Vec<Sentence>, text::words::Words, Vec<Quote>) {
    let paragraphs = text::segment::paragraphs(text);
    let sentences = text::segment::sentences(text, &paragraphs);
    let words = text::words::split(text, &paragraphs);
    let quotes = quotes::find_with(text, &paragraphs, &sentences, &words, kinds);
    (paragraphs, sentences, words, quotes)
}

/// `analyze` with the quote kinds decided by `kinds` (the shipped model, or a cross-validation
/// fold's in tools/): the one pipeline.
pub(crate) fn analyze_with_kinds(text: &str, kinds: &quotes::kinds::KindModel) -> Analysis {
    let (paragraphs, sentences, words, mut quotes) = quote_stage(text, kinds);
    // The taggers read their own CoNLL tokens (`entities::tokens`), the one documented exception;
    // the text is split once for both, into the paragraphs every stage reads.
    let tokenized = entities::tokens::tokenize_paragraphs(text, &paragraphs);
    let found = entities::find_in(text, tokenized.clone());
    let mentions = speakers::attribute(text, &sentences, &words, &mut quotes, &found.entities);
    let attributions = attribution::find_in(text, tokenized, &mut quotes, &found, &mentions);
    let entities = found.entities;
    let clusters = entities::cluster_summaries(text, &entities);
    Analysis { paragraphs, sentences, quotes, entities, clusters, attributions }
}
