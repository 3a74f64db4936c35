//! Who said what, direct and reported speech: every attribution's content, source and cue.
//!
//! The pipeline: `features` (hashed token features over the text, its quotations and entities)
//! → `model` (quantised averaged-perceptron weights from src/data/attribution/model.bin, in the
//! format and with the scoring both taggers share: `tagging`) →
//! `tags` (BIO for cue, source and content, Viterbi per line; twice, the second reading the
//! first's tags: `stacked`) → `link` (pairs each content
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
mod stacked;
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
#[cfg(feature = "internals")]
pub(crate) fn find(text: &str, quotes: &mut [Quote], entities: &[Entity], mentions: &[Resolved]) -> Vec<Attribution> {
    find_in(text, crate::entities::tokens::tokenize(text), quotes, entities, mentions)
}

/// [`find`] on `text` split by `entities::tokens::tokenize` already.
pub(crate) fn find_in(
    text: &str,
    tokenized: Tokenized,
    quotes: &mut [Quote],
    entities: &[Entity],
    mentions: &[Resolved],
) -> Vec<Attribution> {
    match shipped_model() {
        Ok(model) => find_with(model, text, tokenized, quotes, entities, mentions),
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
    entities: &[Entity],
    mentions: &[Resolved],
) -> Vec<Attribution> {
    let doc = Doc::from_tokens(text, tokenized, quotes, entities);
    let tagged = tag(scorer, &doc);
    let sources = match rank::LINKER.as_ref() {
        Ok(linker) => link::Sources::Learned(linker),
        Err(_) => link::Sources::Rules,
    };
    link::link(text, &tagged, quotes, mentions, entities, Some((scorer, &doc)), sources)
}

/// Tags every line of `doc`: a first pass, then the second (`stacked`) over the lines where the
/// first tagged something (the others would read the same).
fn tag(scorer: &impl Scorer, doc: &Doc) -> Vec<Tagged> {
    tag_passes(scorer, doc, true)
}

/// [`tag`], or the first pass alone without `second` (training's models before stacking).
fn tag_passes(scorer: &impl Scorer, doc: &Doc, second: bool) -> Vec<Tagged> {
    let n = doc.tokens.len();
    let mut emissions = vec![0.0; n * N_TAGS];
    let mut path = vec![tags::OUTSIDE; n];
    read_lines(scorer, doc, None, &mut emissions, &mut path);
    if second {
        let first = stacked::FirstPass::new(doc, &path);
        read_lines(scorer, doc, Some(&first), &mut emissions, &mut path);
    }
    let mut out = Vec::new();
    for line in &doc.lines {
        let (path, emissions) = (&path[line.first..line.end], &emissions[line.first * N_TAGS..line.end * N_TAGS]);
        for (first, end, part) in decode(path).into_iter().flat_map(|s| split_at_sentences(doc, line.first, s)) {
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

/// Decodes every line of `doc` into `path` (a tag per token), leaving each line's scores in
/// `emissions` (`N_TAGS` per token). With `stack`, the second pass: the lines it reads get its
/// features' scores added to the first pass's (`Doc::features` appends them after the same, and
/// the shipped model sums exactly, so this is scoring them all, at a sixth of the cost), and the
/// others are left as they are.
fn read_lines(scorer: &impl Scorer, doc: &Doc, stack: Option<&stacked::FirstPass>, emissions: &mut [f32], path: &mut [usize]) {
    let (mut hashes, mut line_path) = (Vec::new(), Vec::new());
    for (l, line) in doc.lines.iter().enumerate() {
        if stack.is_some_and(|s| !s.reads(l)) {
            continue;
        }
        let scores = &mut emissions[line.first * N_TAGS..line.end * N_TAGS];
        if stack.is_none() {
            scores.fill(0.0);
        }
        for (i, scores) in (line.first..line.end).zip(scores.chunks_exact_mut(N_TAGS)) {
            hashes.clear();
            match stack {
                Some(stack) => stack.features(doc, i, line.first, line.end, &mut hashes),
                None => doc.features(i, line.first, line.end, None, &mut hashes),
            }
            scorer.add_scores(&hashes, scores);
        }
        viterbi(scores, scorer.transitions(), &mut line_path);
        path[line.first..line.end].copy_from_slice(&line_path);
    }
}

/// The first pass's tags over `doc` (training gives its examples these).
#[cfg(feature = "internals")]
fn first_pass(scorer: &impl Scorer, doc: &Doc) -> stacked::FirstPass {
    let n = doc.tokens.len();
    let (mut emissions, mut path) = (vec![0.0; n * N_TAGS], vec![tags::OUTSIDE; n]);
    read_lines(scorer, doc, None, &mut emissions, &mut path);
    stacked::FirstPass::new(doc, &path)
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
    use crate::tagging::Scorer as _;

    #[test]
    fn the_shipped_model_loads() {
        assert!(shipped_model().is_ok(), "{:?}", shipped_model().err());
    }

    /// Weights of every bucket from a seeded sequence: a model that tags something everywhere.
    fn scrambled_model() -> Model {
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % 255) as i32 - 127
        };
        let rows = (0..1u32 << 10).map(|b| (b, std::array::from_fn(|_| next() as i8))).collect();
        let transitions = (0..(N_TAGS + 1) * N_TAGS).map(|_| next() as i16).collect();
        let w = model::Weights { hash_bits: 10, scale: 0.5, transitions, extra: vec![0.0; calibration::N_CALIBRATION], rows };
        model::load(&model::to_bytes(&w)).expect("valid model")
    }

    #[test]
    fn the_second_pass_adds_its_scores_to_the_first_passes() {
        // Scoring only the second pass's features on top of the first pass's scores is scoring
        // every feature of the token afresh, and lines the first pass left untagged keep its tags.
        let text = "The harbour master, speaking on the quay at dawn, insisted that the ferry would run.\n\n\
                    Officials said the bridge would close. Water rates will rise, the treasurer warned.";
        let (doc, _, _, _) = stages(text);
        let model = scrambled_model();
        let n = doc.tokens.len();
        let (mut emissions, mut path) = (vec![0.0; n * N_TAGS], vec![tags::OUTSIDE; n]);
        read_lines(&model, &doc, None, &mut emissions, &mut path);
        let first = stacked::FirstPass::new(&doc, &path);
        let (mut fresh, mut fresh_path) = (emissions.clone(), path.clone());
        read_lines(&model, &doc, Some(&first), &mut emissions, &mut path);
        let (mut hashes, mut line_path) = (Vec::new(), Vec::new());
        for (_, line) in doc.lines.iter().enumerate().filter(|&(l, _)| first.reads(l)) {
            let scores = &mut fresh[line.first * N_TAGS..line.end * N_TAGS];
            scores.fill(0.0);
            for (i, scores) in (line.first..line.end).zip(scores.chunks_exact_mut(N_TAGS)) {
                hashes.clear();
                doc.features(i, line.first, line.end, Some(&first), &mut hashes);
                model.add_scores(&hashes, scores);
            }
            viterbi(scores, model.transitions(), &mut line_path);
            fresh_path[line.first..line.end].copy_from_slice(&line_path);
        }
        assert!((0..doc.lines.len()).any(|l| first.reads(l)), "the scrambled model tags something");
        assert_eq!(emissions, fresh);
        assert_eq!(path, fresh_path);
    }
}
