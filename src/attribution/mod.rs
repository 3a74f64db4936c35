//! Who said what, direct and reported speech: every attribution's content, source and cue.
//!
//! The pipeline: `features` (hashed token features over the text, its quotations and entities)
//! → `model` (quantised averaged-perceptron weights from src/data/attribution/model.bin, in the
//! format and with the scoring both taggers share: `tagging`) →
//! `tags` (BIO for cue, source and content, Viterbi per line) → `link` (pairs each content
//! with its cue, has `rank` (the learned linker, weights src/data/attribution/linker.tsv) choose
//! its source among the candidate mentions, and makes attributions and quotations agree) →
//! `calibration` (the confidence).
//!
//! Training lives in `train` (feature `dev`); nothing here reads files.

mod calibration;
mod features;
mod link;
mod model;
mod rank;
mod tags;
#[cfg(feature = "internals")]
pub(crate) mod train;

use std::sync::OnceLock;

use crate::analysis::{Attribution, Entity, Quote};
use crate::entities::tokens::Tokenized;
use crate::speakers::Resolved;
use features::Doc;
use model::{Model, ModelError, Scorer};
use tags::{decode, viterbi, N_TAGS};

/// The shipped weights; scripts/train-attribution.sh regenerates them.
static MODEL_BYTES: &[u8] = include_bytes!("../data/attribution/model.bin");

fn shipped_model() -> Result<&'static Model, &'static ModelError> {
    static MODEL: OnceLock<Result<Model, ModelError>> = OnceLock::new();
    MODEL.get_or_init(|| model::load(MODEL_BYTES)).as_ref()
}

/// Every attribution of `text`, in order of content start. Fills the `speaker` of direct and
/// partial quotes that the speaker rules left without one when an attribution holds them, so
/// that a quote's speaker and its attribution's source always agree (see `link::agree`).
/// The tagger's features read `entities` here (the benchmarks' stage); `analyze` gives them the
/// names as tagged (`entities::Found::as_tagged`).
#[cfg(feature = "internals")]
pub(crate) fn find(text: &str, quotes: &mut [Quote], entities: &[Entity], mentions: &[Resolved]) -> Vec<Attribution> {
    let found = crate::entities::Found { entities: entities.to_vec(), as_tagged: None };
    find_in(text, crate::entities::tokens::tokenize(text), quotes, &found, mentions)
}

/// [`find`] on `text` split by `entities::tokens::tokenize` already: the tagger's features read
/// `found.as_tagged()`, the linker `found.entities`.
pub(crate) fn find_in(
    text: &str,
    tokenized: Tokenized,
    quotes: &mut [Quote],
    found: &crate::entities::Found,
    mentions: &[Resolved],
) -> Vec<Attribution> {
    let entities = &found.entities[..];
    match shipped_model() {
        Ok(model) => find_with(model, text, tokenized, quotes, found.as_tagged(), entities, mentions),
        // A build whose model does not load is caught by the tests; at run time the quotations
        // alone are credited rather than failing the analysis.
        Err(_) => link::link::<Model>(text, &[], quotes, mentions, entities, None, link::Sources::Rules),
    }
}

/// A span the tagger found: token range, part, and how sure the tagger was (the mean margin of
/// its tags over the best other tag, in float weight units).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tagged {
    pub first: usize,
    pub end: usize,
    pub part: tags::Part,
    pub margin: f32,
}

fn find_with(
    scorer: &impl Scorer,
    text: &str,
    tokenized: Tokenized,
    quotes: &mut [Quote],
    as_tagged: &[Entity],
    entities: &[Entity],
    mentions: &[Resolved],
) -> Vec<Attribution> {
    let doc = Doc::from_tokens(text, tokenized, quotes, as_tagged);
    let tagged = tag(scorer, &doc);
    let sources = match rank::LINKER.as_ref() {
        Ok(linker) => link::Sources::Learned(linker),
        Err(_) => link::Sources::Rules,
    };
    link::link(text, &tagged, quotes, mentions, entities, Some((scorer, &doc)), sources)
}

/// Tags every line of `doc`.
fn tag(scorer: &impl Scorer, doc: &Doc) -> Vec<Tagged> {
    let mut out = Vec::new();
    let mut hashes = Vec::new();
    let mut emissions = Vec::new();
    let mut path = Vec::new();
    for line in &doc.lines {
        emissions.clear();
        emissions.resize((line.end - line.first) * N_TAGS, 0.0);
        for (i, scores) in (line.first..line.end).zip(emissions.chunks_exact_mut(N_TAGS)) {
            hashes.clear();
            doc.features(i, line.first, line.end, &mut hashes);
            scorer.add_scores(&hashes, scores);
        }
        viterbi(&emissions, scorer.transitions(), &mut path);
        for (first, end, part) in decode(&path).into_iter().flat_map(|s| split_at_sentences(doc, line.first, s)) {
            let mut margin = 0.0;
            for k in first..end {
                let row = &emissions[k * N_TAGS..(k + 1) * N_TAGS];
                let chosen = row[path[k]];
                let other = row.iter().enumerate().filter(|&(t, _)| t != path[k]).map(|(_, &v)| v).fold(f32::NEG_INFINITY, f32::max);
                margin += chosen - other;
            }
            let margin = margin / (end - first) as f32 * scorer.scale();
            out.push(Tagged { first: line.first + first, end: line.first + end, part, margin });
        }
    }
    out
}

/// A content cut where an unquoted sentence starts (`doc` token indices are `offset + k`): the
/// tagger sees no sentence boundary in its transitions, and reported speech ends with its sentence.
fn split_at_sentences(doc: &Doc, offset: usize, (first, end, part): (usize, usize, tags::Part)) -> Vec<(usize, usize, tags::Part)> {
    if part != tags::Part::Content {
        return vec![(first, end, part)];
    }
    let mut out = Vec::new();
    let mut from = first;
    for k in first + 1..end {
        if doc.opens_unquoted_sentence(offset + k) {
            out.push((from, k, part));
            from = k;
        }
    }
    out.push((from, end, part));
    out
}

/// The stages before attribution on `text`, as `analyze` runs them, for the unit tests of
/// `link` and `rank`.
#[cfg(test)]
fn stages(text: &str) -> (Doc, Vec<Quote>, Vec<Entity>, Vec<Resolved>) {
    let paragraphs = crate::text::segment::paragraphs(text);
    let sentences = crate::text::segment::sentences(text, &paragraphs);
    let words = crate::text::words::split(text, &paragraphs);
    let mut quotes = crate::quotes::find(text, &paragraphs, &sentences, &words);
    let entities = crate::entities::find(text);
    let mentions = crate::speakers::attribute(text, &sentences, &words, &mut quotes, &entities);
    (Doc::new(text, &quotes, &entities), quotes, entities, mentions)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_model_loads() {
        assert!(shipped_model().is_ok(), "{:?}", shipped_model().err());
    }
}
