//! Who said what, direct and reported speech: every attribution's content, source and cue.
//!
//! The pipeline: `features` (hashed token features over the text, its quotations and entities)
//! → `model` (quantised averaged-perceptron weights from src/data/attribution/model.bin, in the
//! format and with the scoring both taggers share: `tagging`) →
//! `tags` (BIO for cue, source and content, Viterbi per line; twice, the second adding the
//! scores of a small add-on reading the first's tags, src/data/attribution/stacked.bin: `stacked`) → `link` (pairs each content
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

/// The second pass's add-on weights (`stacked`), trained with `MODEL_BYTES` by the same command.
static STACKED_BYTES: &[u8] = include_bytes!("../data/attribution/stacked.bin");

fn shipped_stacked_model() -> Result<&'static Model, &'static ModelError> {
    static MODEL: OnceLock<Result<Model, ModelError>> = OnceLock::new();
    MODEL.get_or_init(|| model::load_stacked(STACKED_BYTES)).as_ref()
}

/// The add-on when it loads; without it the first pass alone tags (the tests catch a bad file).
fn shipped_stacked() -> Option<&'static Model> {
    shipped_stacked_model().ok()
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
    let tagged = tag(scorer, shipped_stacked(), &doc);
    let sources = match rank::LINKER.as_ref() {
        Ok(linker) => link::Sources::Learned(linker),
        Err(_) => link::Sources::Rules,
    };
    link::link(text, &tagged, quotes, mentions, entities, Some((scorer, &doc)), sources)
}

/// Tags every line of `doc`: a first pass with `scorer`, then, with `second` (the stacked
/// add-on, `stacked`), a second over the lines where the first tagged something (the others
/// would read the same).
fn tag(scorer: &impl Scorer, second: Option<&Model>, doc: &Doc) -> Vec<Tagged> {
    let n = doc.tokens.len();
    let mut emissions = vec![0.0; n * N_TAGS];
    let mut path = vec![tags::OUTSIDE; n];
    read_lines(scorer, doc, &mut emissions, &mut path);
    if let Some(second) = second {
        let first = stacked::FirstPass::new(doc, &path).with_margins(&emissions, scorer.scale());
        read_again(scorer, second, &first, doc, &mut emissions, &mut path);
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

/// The first pass: decodes every line of `doc` into `path` (a tag per token), leaving each
/// line's scores in `emissions` (`N_TAGS` per token).
fn read_lines(scorer: &impl Scorer, doc: &Doc, emissions: &mut [f32], path: &mut [usize]) {
    let (mut hashes, mut line_path) = (Vec::new(), Vec::new());
    for line in &doc.lines {
        let scores = &mut emissions[line.first * N_TAGS..line.end * N_TAGS];
        scores.fill(0.0);
        for (i, scores) in (line.first..line.end).zip(scores.chunks_exact_mut(N_TAGS)) {
            hashes.clear();
            doc.features(i, line.first, line.end, &mut hashes);
            scorer.add_scores(&hashes, scores);
        }
        viterbi(scores, scorer.transitions(), &mut line_path);
        path[line.first..line.end].copy_from_slice(&line_path);
    }
}

/// The second pass: the lines `first` reads get the add-on's scores of its features added to
/// the first pass's (in the same units: `stacked` is quantised at the first model's scale) and
/// are decoded again with the first model's transitions; the others keep their tags.
fn read_again(scorer: &impl Scorer, second: &Model, first: &stacked::FirstPass, doc: &Doc, emissions: &mut [f32], path: &mut [usize]) {
    let (mut hashes, mut line_path) = (Vec::new(), Vec::new());
    for (_, line) in doc.lines.iter().enumerate().filter(|&(l, _)| first.reads(l)) {
        let scores = &mut emissions[line.first * N_TAGS..line.end * N_TAGS];
        for (i, scores) in (line.first..line.end).zip(scores.chunks_exact_mut(N_TAGS)) {
            hashes.clear();
            first.features(doc, i, line.first, line.end, &mut hashes);
            crate::tagging::Scorer::add_scores(second, &hashes, scores);
        }
        viterbi(scores, scorer.transitions(), &mut line_path);
        path[line.first..line.end].copy_from_slice(&line_path);
    }
}

/// The first pass's tags over `doc` and its scores (`N_TAGS` per token, the scorer's units):
/// what training gives the add-on's examples.
#[cfg(any(test, feature = "internals"))]
fn first_pass(scorer: &impl Scorer, doc: &Doc) -> (stacked::FirstPass, Vec<f32>) {
    let n = doc.tokens.len();
    let (mut emissions, mut path) = (vec![0.0; n * N_TAGS], vec![tags::OUTSIDE; n]);
    read_lines(scorer, doc, &mut emissions, &mut path);
    (stacked::FirstPass::new(doc, &path).with_margins(&emissions, scorer.scale()), emissions)
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

    /// Weights of every bucket from the seeded sequence `x`: a model that tags something
    /// everywhere (the first pass's file, or with `addon` the second pass's).
    fn scrambled_model(mut x: u64, addon: bool) -> Model {
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % 255) as i32 - 127
        };
        let rows = (0..1u32 << 10).map(|b| (b, std::array::from_fn(|_| next() as i8))).collect();
        let transitions = (0..(N_TAGS + 1) * N_TAGS).map(|_| if addon { 0 } else { next() as i16 }).collect();
        let extra = vec![0.0; if addon { 0 } else { calibration::N_CALIBRATION }];
        let w = model::Weights { hash_bits: 10, scale: 0.5, transitions, extra, rows };
        if addon {
            model::load_stacked(&model::stacked_to_bytes(&w)).expect("valid add-on")
        } else {
            model::load(&model::to_bytes(&w)).expect("valid model")
        }
    }

    #[test]
    fn the_shipped_add_on_loads_and_is_not_a_first_pass_model() {
        assert!(shipped_stacked_model().is_ok(), "{:?}", shipped_stacked_model().err());
        assert!(model::load(STACKED_BYTES).is_err() && model::load_stacked(MODEL_BYTES).is_err());
    }

    #[test]
    fn the_second_pass_adds_the_add_ons_scores_to_the_first_passes() {
        // The second pass scores a line the first pass tagged something in with both models'
        // weights (the first model's features and the add-on's stacked ones) and the first
        // model's transitions; lines the first pass left untagged keep its tags.
        let text = "The harbour master, speaking on the quay at dawn, insisted that the ferry would run.\n\n\
                    Officials said the bridge would close. Water rates will rise, the treasurer warned.";
        let (doc, _, _, _) = stages(text);
        let (model, addon) = (scrambled_model(0x9e37_79b9_7f4a_7c15, false), scrambled_model(0x2545_f491_4f6c_dd1d, true));
        let (first, _) = first_pass(&model, &doc);
        assert!((0..doc.lines.len()).any(|l| first.reads(l)), "the scrambled model tags something");
        let n = doc.tokens.len();
        let (mut fresh, mut fresh_path) = (vec![0.0; n * N_TAGS], vec![tags::OUTSIDE; n]);
        read_lines(&model, &doc, &mut fresh, &mut fresh_path);
        let (mut hashes, mut line_path) = (Vec::new(), Vec::new());
        let mut changed = false;
        for (_, line) in doc.lines.iter().enumerate().filter(|&(l, _)| first.reads(l)) {
            let scores = &mut fresh[line.first * N_TAGS..line.end * N_TAGS];
            scores.fill(0.0);
            for (i, scores) in (line.first..line.end).zip(scores.chunks_exact_mut(N_TAGS)) {
                hashes.clear();
                doc.features(i, line.first, line.end, &mut hashes);
                model.add_scores(&hashes, scores);
                hashes.clear();
                first.features(&doc, i, line.first, line.end, &mut hashes);
                addon.add_scores(&hashes, scores);
            }
            viterbi(scores, model.transitions(), &mut line_path);
            changed |= fresh_path[line.first..line.end] != line_path[..];
            fresh_path[line.first..line.end].copy_from_slice(&line_path);
        }
        assert!(changed, "the add-on moves some tag");
        let spans = |path: &[usize]| -> Vec<(usize, usize)> {
            doc.lines.iter().flat_map(|l| decode(&path[l.first..l.end]).into_iter().map(move |(a, b, _)| (l.first + a, l.first + b))).collect()
        };
        let tagged: Vec<(usize, usize)> = tag(&model, Some(&addon), &doc).iter().map(|t| (t.first, t.end)).collect();
        // `tag` also cuts contents at unquoted sentence starts: compare the tokens covered.
        let expected = spans(&fresh_path);
        let covered = |v: &[(usize, usize)]| -> Vec<usize> { v.iter().flat_map(|&(a, b)| a..b).collect() };
        assert_eq!(covered(&tagged), covered(&expected));
        let alone: Vec<(usize, usize)> = tag(&model, None, &doc).iter().map(|t| (t.first, t.end)).collect();
        assert_ne!(covered(&alone), covered(&tagged));
    }
}
