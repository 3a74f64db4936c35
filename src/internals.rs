//! For the tools/ crate only (cargo feature `internals`): what the trainers and the benchmarks
//! need of the library's insides. Not part of the API: hidden from the docs, absent from every
//! build without the feature, and free to change with the code it exposes.
//!
//! At this level, the stages of `analyze` for the benchmarks: exactly the calls `analyze` makes,
//! in its order, so their times add up to its time: `segment` → `quotes` (pairing +
//! classification) → `entities` (the tagger `entity_names`, the rules `entity_figures`, then
//! merging and clustering) → `attribute` (speakers) → `attributions` → `clusters`. In [`ner`], what training the tagger needs.

/// The entity tagger's insides for tools/src/ner.rs: feature extraction, the BILOU tags and
/// Viterbi, the model file (reader and writer), and decoding with any [`ner::Scorer`].
pub mod ner {
    pub use crate::entities::internals::*;
    pub use crate::tagging::Perceptron;
}

/// The quote-kind model for tools/src/bin/train_kinds.rs: each top-level quote's features, the
/// weights' reader, and `analyze` with another model (cross-validation folds).
pub mod kinds {
    use crate::analysis::{Analysis, Span};
    pub use crate::quotes::kinds::{KindModel, CLASSES};

    /// Each top-level quote of `text`: its inner span (bytes, trimmed) and its feature names.
    pub fn features(text: &str) -> Vec<(Span, Vec<String>)> {
        let s = super::segment(text);
        crate::quotes::features(text, &s.paragraphs, &s.sentences, &s.words)
    }

    /// `analyze`, with the quote kinds from `model`.
    pub fn analyze_with(text: &str, model: &KindModel) -> Analysis {
        crate::analyze_with_kinds(text, model)
    }

    /// The quotes of `text` (spans and kinds; no speakers) with the kinds from `model`: what
    /// the direct-view span score reads, without the later stages (quick cross-validation).
    pub fn quotes_with(text: &str, model: &KindModel) -> Vec<crate::analysis::Quote> {
        let s = super::segment(text);
        crate::quotes::find_with(text, &s.paragraphs, &s.sentences, &s.words, model)
    }
}

/// The attribution tagger's trainer (tools/src/bin/train_attribution.rs): cross-validation with
/// the shared scorer, calibration, and the model file.
pub mod attribution {
    pub use crate::attribution::train::{run, Options};
}

use crate::analysis::{Cluster, Entity, Label, Quote, Sentence, Span};

/// Paragraphs, sentences and words, the input of every later stage.
pub struct Segments {
    pub paragraphs: Vec<Span>,
    pub sentences: Vec<Sentence>,
    words: crate::text::words::Words,
}

/// Segmentation: paragraphs, then sentences and words.
pub fn segment(text: &str) -> Segments {
    let paragraphs = crate::text::segment::paragraphs(text);
    let sentences = crate::text::segment::sentences(text, &paragraphs);
    let words = crate::text::words::split(text, &paragraphs);
    Segments { paragraphs, sentences, words }
}

/// Quote marks paired into spans, and each span classified (direct, partial, term, nested).
pub fn quotes(text: &str, segments: &Segments) -> Vec<Quote> {
    crate::quotes::find(text, &segments.paragraphs, &segments.sentences, &segments.words)
}

/// Every entity, as `analyze` finds them: tagger, rules, merge, clusters.
pub fn entities(text: &str, _segments: &Segments) -> Vec<Entity> {
    crate::entities::find(text)
}

/// The tagger alone: tokens, features, the model's scores and Viterbi decoding.
pub fn entity_names(text: &str) -> Vec<Entity> {
    crate::entities::internals::names(text)
}

/// The date and figure rules alone (the regexes).
pub fn entity_figures(text: &str) -> Vec<(Span, Label)> {
    crate::entities::internals::figures(text)
}

/// Speakers and cues for `quotes`.
pub fn attribute(text: &str, segments: &Segments, quotes: &mut [Quote], entities: &[Entity]) -> Mentions {
    Mentions(crate::speakers::attribute(text, &segments.sentences, &segments.words, quotes, entities))
}

/// The speaker mentions `attribute` resolved, which `attributions` reads (opaque here).
pub struct Mentions(Vec<crate::speakers::Resolved>);

/// Attributions: the tagger, the linker and the calibration.
pub fn attributions(text: &str, quotes: &mut [Quote], entities: &[Entity], mentions: &Mentions) -> Vec<crate::analysis::Attribution> {
    crate::attribution::find(text, quotes, entities, &mentions.0)
}

/// One summary per entity cluster.
pub fn clusters(text: &str, entities: &[Entity]) -> Vec<Cluster> {
    crate::entities::cluster_summaries(text, entities)
}

/// Whitespace-separated tokens: the unit every benchmark counts words in.
pub fn count_words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// The tables `analyze` builds on its first call, one by one, for the start-up harness
/// (tools/examples/first_call.rs natively, tools/bench/first_call.mjs in wasm under Node). Each
/// entry is a name and a call that builds the table (and does little else), in an order where
/// a table's own dependencies are built before it, so that the first call's time is the
/// table's own. The figure rules take the text: which of them are built depends on it.
pub mod tables {
    use std::hint::black_box;

    /// Builds a table; takes the text being analysed.
    pub type Build = fn(&str);

    /// Every table, in build order: `(name, build)`.
    pub const TABLES: &[(&str, Build)] = &[
        ("function words", |_| {
            black_box(crate::text::data::FUNCTION_WORDS.len());
        }),
        ("word lists", |_| {
            black_box(crate::text::data::WORD_LISTS.count(0));
        }),
        ("abbreviations", |_| {
            black_box(crate::text::abbreviations::is_abbreviation("xyzw"));
        }),
        ("speaker lexicon", |_| {
            black_box(crate::speakers::lexicon::LEXICON.titles.len());
        }),
        ("gazetteer", |_| {
            black_box(crate::entities::internals::Features::new(""));
        }),
        ("speech verbs", |_| {
            black_box(crate::quotes::CUES.is_cue_word("said"));
        }),
        ("quote-kind weights", |_| {
            black_box(crate::quotes::kinds::MODEL.is_empty());
        }),
        ("figure rules", |text| {
            black_box(crate::entities::internals::figures(text));
        }),
        ("NER model", |_| {
            black_box(crate::entities::internals::names(""));
        }),
        ("attribution model", |_| {
            black_box(crate::attribution::find("", &mut [], &[], &[]));
        }),
    ];
}
