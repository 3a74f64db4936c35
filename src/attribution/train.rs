//! Training the attribution tagger on PolNeAR's attributions (train split only), k-fold
//! cross-validation by article with the shared scorer, and the confidence calibration.
//!
//! Deterministic: the article split and the example order come from `seed`, and nothing else is
//! random, so the same command writes the same bytes.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::calibration::{fit, probability, reliability, Evidence};
use super::features::{token_range, Doc};
use super::link::{with_evidence, Sources};
use super::model::{load, to_bytes, Scorer, Weights};
use super::rank::{Linker, Recorder};
use super::tags::{begin, inside, Part, N_TAGS, OUTSIDE};
use super::{tag, Tagged};
use crate::analysis::{Attribution, Entity, Quote, Span};
use crate::quotes::kinds::KindModel;
use crate::speakers::Resolved;
use crate::tagging::{bucket, Perceptron};
use crate::text::hashing::FnvMap;
use crate::text::offsets::{OffsetMap, OffsetUnit};

pub struct Options {
    pub data: PathBuf,
    pub out: PathBuf,
    pub epochs: usize,
    pub hash_bits: u32,
    pub seed: u64,
    /// How many perceptrons, each reading the lines in its own seeded order, are averaged into
    /// the model (1: one perceptron).
    pub seeds: usize,
    pub folds: usize,
    /// Where the fold files go (gold and predictions, for the scorer).
    pub work: PathBuf,
    /// The shared scorer; its numbers are printed per fold and pooled.
    pub scorer: PathBuf,
    /// Quantised weights with a magnitude below this are dropped (the size budget).
    pub prune: i8,
    /// Quantised weights are multiples of this many units (1: every unit of `i8`'s 127).
    pub step: i32,
    /// After pruning, the kept weights rounded to a grid this many units apart that starts at
    /// the pruning threshold (`Weights::coarsen_from`: `prune`, `prune + coarsen`, …; the rows
    /// stay the pruning's; 1: as quantised). Fewer distinct weights code smaller (the entity
    /// model's finding); starting at the threshold keeps its weights, the commonest, as they
    /// are (multiples of 3 cost 0.0016 end-to-end, this grid 0.0010: src/data/README.md).
    pub coarsen: i32,
    /// PolNeAR's direct-quote gold (the same articles) and the quotes scorer: direct-quote
    /// speakers are scored per fold too, with the speakers the attributions agreed on.
    pub quotes_gold: PathBuf,
    pub quotes_scorer: PathBuf,
    /// Skip cross-validation (and keep the calibration already in `out`): a quick retrain.
    pub skip_cv: bool,
    /// Candidate penalties on entering `O` (float weight units): the perceptron learns from its
    /// errors and ends up too ready to leave a token outside; cross-validation picks the penalty
    /// with the best end-to-end F1, and the shipped transitions carry it.
    pub outside_penalties: Vec<f32>,
    /// Cost-augmented training (float weight units, 0: the plain perceptron): while training,
    /// every tag but the gold one of a token gets `margin` added before decoding, and `O` on a
    /// token gold puts in a span `margin * miss_weight`, so the perceptron keeps updating until
    /// gold wins by that margin, and by more against leaving a content, cue or source out.
    pub margin: f32,
    pub miss_weight: f32,
    /// For linking experiments: score the fold models the last cross-validation saved in
    /// `work` (no training, no penalty search) and write no model.
    pub reuse_folds: bool,
    /// Where the learned source linker's weights go (`rank`), and its training epochs.
    pub linker_out: PathBuf,
    pub linker_epochs: usize,
    /// How the linker's weights are stored (and scored in cross-validation, so the numbers are
    /// the shipped file's): rounded to multiples of `1 / linker_grid`, and left out where that
    /// leaves less than `linker_prune` in magnitude (weight units; a left-out feature weighs 0).
    pub linker_grid: u32,
    pub linker_prune: f32,
    /// For feature experiments: cross-validate only, and write no model.
    pub cv_only: bool,
    /// For error analysis: write every matched content's pairings, scored by its fold's linker,
    /// to `work/linker-errors.jsonl`.
    pub linker_errors: bool,
    /// Honest cross-validation of the whole analysis: the directory where `train-kinds.sh cv`
    /// left its fold kind models (`fold{k}.tsv`) and which fold held out each article
    /// (`folds.tsv`: id, tab, fold). Each article's quote kinds then come from the kind model that
    /// did not see it, instead of the shipped one (trained on all of train). `None`: the shipped
    /// kind model, as the shipped tagger is trained.
    pub kinds_cv: Option<PathBuf>,
}

/// One gold attribution in byte offsets.
struct Gold {
    pieces: Vec<Span>,
    source: Option<Span>,
    cue: Option<Span>,
}

/// One article with the earlier stages run and its features extracted.
struct Article {
    id: String,
    raw: String,
    text: String,
    gold: Vec<Gold>,
    quotes: Vec<Quote>,
    entities: Vec<Entity>,
    mentions: Vec<Resolved>,
    doc: Doc,
    /// Per line: `offsets[i]..offsets[i+1]` index `buckets` for token i, and gold tags.
    lines: Vec<Example>,
}

struct Example {
    offsets: Vec<u32>,
    buckets: Vec<u32>,
    gold: Vec<usize>,
}

fn byte_offsets(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    v.push(text.len());
    v
}

/// The kind model of each article id (`Options::kinds_cv`): the fold's model that held it out.
struct HeldOutKinds {
    models: Vec<KindModel>,
    fold_of: FnvMap<String, usize>,
}

impl HeldOutKinds {
    fn read(dir: &Path) -> Result<HeldOutKinds, String> {
        let file = |name: &str| {
            let path = dir.join(name);
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
        };
        let mut fold_of = FnvMap::default();
        for line in file("folds.tsv")?.lines().filter(|l| !l.is_empty()) {
            let (id, fold) = line.split_once('\t').ok_or(format!("folds.tsv: bad line {line:?}"))?;
            fold_of.insert(id.to_string(), fold.parse::<usize>().map_err(|e| format!("folds.tsv: {e}"))?);
        }
        let k = fold_of.values().max().map_or(0, |&m| m + 1);
        let models = (0..k).map(|f| KindModel::parse(&file(&format!("fold{f}.tsv"))?)).collect::<Result<_, _>>()?;
        Ok(HeldOutKinds { models, fold_of })
    }

    fn model(&self, id: &str) -> Result<&KindModel, String> {
        self.fold_of.get(id).map(|&f| &self.models[f]).ok_or(format!("no held-out kind model for article {id}"))
    }
}

fn read(path: &Path, hash_bits: u32, kinds_cv: Option<&Path>) -> Result<Vec<Article>, String> {
    let source = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let held_out = kinds_cv.map(HeldOutKinds::read).transpose()?;
    let mut out = Vec::new();
    for (n, line) in source.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| format!("line {}: {e}", n + 1))?;
        let text = v["text"].as_str().ok_or(format!("line {}: no text", n + 1))?.to_string();
        let id = v["id"].as_str().unwrap_or_default().to_string();
        let at = byte_offsets(&text);
        let span = |s: &serde_json::Value| -> Option<Span> {
            let (a, b) = (s["start"].as_u64()? as usize, s["end"].as_u64()? as usize);
            (a <= b && b < at.len()).then(|| Span::new(at[a], at[b]))
        };
        let mut gold = Vec::new();
        for a in v["attributions"].as_array().into_iter().flatten() {
            let mut pieces: Vec<Span> = a["content_spans"].as_array().into_iter().flatten().filter_map(span).collect();
            if pieces.is_empty() {
                pieces.extend(span(&a["content"]));
            }
            if pieces.is_empty() {
                continue;
            }
            gold.push(Gold { pieces, source: span(&a["source"]), cue: span(&a["cue"]) });
        }
        let kinds = match &held_out {
            Some(h) => h.model(&id)?,
            None => &*crate::quotes::kinds::MODEL,
        };
        out.push(prepare(id, line.to_string(), text, gold, hash_bits, kinds));
    }
    Ok(out)
}

fn prepare(id: String, raw: String, text: String, gold: Vec<Gold>, hash_bits: u32, kinds: &KindModel) -> Article {
    let paragraphs = crate::text::segment::paragraphs(&text);
    let sentences = crate::text::segment::sentences(&text, &paragraphs);
    let words = crate::text::words::split(&text, &paragraphs);
    let mut quotes = crate::quotes::find_with(&text, &paragraphs, &sentences, &words, kinds);
    // As `analyze` has them: the linker reads the entities, the tagger's features the names as
    // tagged (`entities::Found::as_tagged`).
    let found = crate::entities::find_in(&text, crate::entities::tokens::tokenize(&text));
    let mentions = crate::speakers::attribute(&text, &sentences, &words, &mut quotes, &found.entities);
    let doc = Doc::new(&text, &quotes, found.as_tagged());
    let entities = found.entities;
    let tags = gold_tags(&doc, &gold);
    let mut lines = Vec::new();
    let mut hashes = Vec::new();
    for line in &doc.lines {
        let mut ex = Example { offsets: vec![0], buckets: Vec::new(), gold: tags[line.first..line.end].to_vec() };
        for i in line.first..line.end {
            hashes.clear();
            doc.features(i, line.first, line.end, &mut hashes);
            ex.buckets.extend(hashes.iter().map(|&h| bucket(h, hash_bits)));
            ex.offsets.push(ex.buckets.len() as u32);
        }
        lines.push(ex);
    }
    Article { id, raw, text, gold, quotes, entities, mentions, doc, lines }
}

/// Gold tags: contents as the union of all pieces (a nested content stays inside its outer one),
/// then sources and cues written over them.
fn gold_tags(doc: &Doc, gold: &[Gold]) -> Vec<usize> {
    let n = doc.tokens.len();
    let mut tags = vec![OUTSIDE; n];
    let mut pieces: Vec<(usize, usize)> = gold.iter().flat_map(|g| g.pieces.iter().map(|&p| token_range(&doc.tokens, p))).collect();
    pieces.sort();
    for (first, end) in pieces {
        for (t, tag) in tags.iter_mut().enumerate().take(end).skip(first) {
            if *tag == OUTSIDE {
                *tag = if t == first { begin(Part::Content) } else { inside(Part::Content) };
            }
        }
    }
    for (part, spans) in
        [(Part::Source, gold.iter().filter_map(|g| g.source).collect::<Vec<_>>()), (Part::Cue, gold.iter().filter_map(|g| g.cue).collect())]
    {
        for span in spans {
            let (first, end) = token_range(&doc.tokens, span);
            for (t, tag) in tags.iter_mut().enumerate().take(end).skip(first) {
                *tag = if t == first { begin(part) } else { inside(part) };
            }
        }
    }
    // Repair: an `I-` whose predecessor is not of its part begins a span.
    for i in 0..n {
        let t = tags[i];
        if t != OUTSIDE && t % 2 == 0 && (i == 0 || tags[i - 1] == OUTSIDE || tags[i - 1].div_ceil(2) != t / 2) {
            tags[i] = t - 1;
        }
    }
    tags
}

/// A seeded xorshift: the only randomness in training.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Averaged weights in floats, scoring like the shipped model.
#[derive(Clone)]
pub(crate) struct FloatModel {
    hash_bits: u32,
    weights: Vec<f32>,
    transitions: Vec<f32>,
    calibration: Vec<f32>,
}

impl crate::tagging::Scorer for FloatModel {
    fn add_scores(&self, hashes: &[u64], scores: &mut [f32]) {
        for &h in hashes {
            let b = bucket(h, self.hash_bits) as usize * N_TAGS;
            for (s, w) in scores.iter_mut().zip(&self.weights[b..b + N_TAGS]) {
                *s += w;
            }
        }
    }
    fn transitions(&self) -> &[f32] {
        &self.transitions
    }
}

impl Scorer for FloatModel {
    fn scale(&self) -> f32 {
        1.0
    }
    fn calibration(&self) -> &[f32] {
        &self.calibration
    }
}

/// Averaged perceptrons over `articles`' lines. With `options.seeds` above 1, as many perceptrons
/// read the lines in orders of their own (seeded from `seed`; the first exactly as one seed
/// alone) and the model is the mean of their averaged weights: each perceptron's weights depend
/// on the order it read the lines in, and the mean keeps what the orders agree on (the entity
/// tagger's trainer does the same).
fn train(articles: &[&Article], options: &Options, seed: u64) -> FloatModel {
    let seeds = options.seeds.max(1);
    let lines: Vec<&Example> = articles.iter().flat_map(|a| a.lines.iter()).filter(|l| !l.gold.is_empty()).collect();
    let (mut weights, mut transitions) = (Vec::new(), Vec::new());
    for k in 0..seeds as u64 {
        let mut p = Perceptron::<N_TAGS>::new(options.hash_bits);
        let mut order = lines.clone();
        let mut rng = Rng(if k == 0 { seed | 1 } else { (seed ^ (0x5eed_0000 + k)) | 1 });
        let mut emissions = Vec::new();
        let mut predicted = Vec::new();
        let mut augmented = Vec::new();
        for _ in 0..options.epochs {
            rng.shuffle(&mut order);
            for ex in &order {
                if options.margin > 0.0 {
                    let decode = |e: &[f32], t: &[f32], path: &mut Vec<usize>| {
                        augmented.clear();
                        augmented.extend_from_slice(e);
                        add_costs(&mut augmented, &ex.gold, options.margin, options.miss_weight);
                        super::tags::viterbi(&augmented, t, path)
                    };
                    p.train_line(&ex.buckets, &ex.offsets, &ex.gold, decode, &mut emissions, &mut predicted);
                } else {
                    p.train_line(&ex.buckets, &ex.offsets, &ex.gold, super::tags::viterbi, &mut emissions, &mut predicted);
                }
            }
        }
        let (w, t) = p.averaged();
        if k == 0 {
            (weights, transitions) = (w, t);
        } else {
            weights.iter_mut().zip(&w).for_each(|(a, b)| *a += b);
            transitions.iter_mut().zip(&t).for_each(|(a, b)| *a += b);
        }
    }
    if seeds > 1 {
        let n = seeds as f32;
        weights.iter_mut().chain(transitions.iter_mut()).for_each(|a| *a /= n);
    }
    FloatModel { hash_bits: options.hash_bits, weights, transitions, calibration: Vec::new() }
}

/// The costs of cost-augmented decoding added to `emissions` (`N_TAGS` per token): `margin` on
/// every tag but the gold one, `margin * miss_weight` on `O` where gold has a span. The path the
/// perceptron then corrects is the one that would win if gold had to lead by those costs: a
/// margin between gold and every other path, widest against leaving words of an attribution out
/// (the perceptron's errors are mostly such misses, src/data/README.md).
fn add_costs(emissions: &mut [f32], gold: &[usize], margin: f32, miss_weight: f32) {
    for (scores, &g) in emissions.chunks_exact_mut(N_TAGS).zip(gold) {
        for (tag, s) in scores.iter_mut().enumerate() {
            if tag != g {
                *s += if tag == OUTSIDE { margin * miss_weight } else { margin };
            }
        }
    }
}

/// `model` with every transition into `O` (from the line start too) lowered by `penalty`.
fn penalise_outside(model: &FloatModel, penalty: f32) -> FloatModel {
    let mut m = model.clone();
    for row in m.transitions.chunks_exact_mut(N_TAGS) {
        row[OUTSIDE] -= penalty;
    }
    m
}

fn quantise(model: &FloatModel, calibration: Vec<f32>, options: &Options) -> Weights {
    let mut weights =
        Weights::quantise_to(model.hash_bits, &model.weights, &model.transitions, options.prune as i32, options.step, calibration);
    weights.coarsen_from(options.coarsen, options.prune as i32);
    weights
}

/// The attributions of one article under `model`, each with its evidence.
fn predict(model: &impl Scorer, a: &Article, mut sources: Sources) -> (Vec<(Attribution, Evidence)>, Vec<Quote>) {
    let tagged: Vec<Tagged> = tag(model, &a.doc);
    let mut quotes = a.quotes.clone();
    let attributions = with_evidence(&a.text, &tagged, &mut quotes, &a.mentions, &a.entities, Some(&a.doc), &mut sources);
    (attributions, quotes)
}

/// One content's candidate sources for training the linker: feature ids and which are right.
struct RankExample<'a> {
    features: Vec<Vec<u32>>,
    right: Vec<bool>,
    /// For error analysis (`--linker-errors`): the article, its gold attribution matched, the
    /// content's pieces and each pairing's cue and source.
    article: &'a Article,
    gold: usize,
    pieces: Vec<Span>,
    cues: Vec<Option<Span>>,
    sources: Vec<Option<Span>>,
}

/// The linker's examples of one article under its fold's tagger: the contents the rules link,
/// matched with gold contents as the scorer matches them (a content with no right candidate
/// teaches nothing: training leaves it out). Feature names are interned into `ids` / `names`.
fn rank_examples<'a>(model: &impl Scorer, a: &'a Article, ids: &mut FnvMap<u64, u32>, names: &mut Vec<String>) -> Vec<RankExample<'a>> {
    let mut recorder = Recorder::default();
    predict(model, a, Sources::Record(&mut recorder));
    let pieces: Vec<&[Span]> = recorder.examples.iter().map(|e| e.pieces.as_slice()).collect();
    let matched = matches(&a.text, &a.gold, &pieces);
    let mut out = Vec::new();
    for (e, m) in recorder.examples.iter().zip(matched) {
        let Some(g) = m else { continue };
        // Right: the source right and the cue the gold one, else (when no pairing has both) the
        // source right.
        let gold = &a.gold[g];
        let source_ok: Vec<bool> = e.sources.iter().map(|&s| source_right(&a.text, gold.source, s)).collect();
        let both: Vec<bool> = source_ok.iter().zip(&e.cues).map(|(&ok, &c)| ok && cue_right(&a.text, gold.cue, c)).collect();
        let right = if both.iter().any(|&r| r) { both } else { source_ok };
        let features = e
            .features
            .iter()
            .map(|hs| {
                hs.iter()
                    .map(|h| {
                        *ids.entry(*h).or_insert_with(|| {
                            names.push(recorder.names[h].clone());
                            names.len() as u32 - 1
                        })
                    })
                    .collect()
            })
            .collect();
        out.push(RankExample {
            features,
            right,
            article: a,
            gold: g,
            pieces: e.pieces.clone(),
            cues: e.cues.clone(),
            sources: e.sources.clone(),
        });
    }
    out
}

/// An averaged ranking perceptron (Collins 2002): where the best-scoring candidate is wrong, the
/// best-scoring right one gains its features and the wrong one loses its. Weights by feature id.
fn train_linker(examples: &[&RankExample], n_features: usize, epochs: usize, seed: u64) -> Vec<f32> {
    let (mut w, mut sums) = (vec![0.0f32; n_features], vec![0.0f32; n_features]);
    let mut step = 1.0f32;
    let mut order: Vec<&RankExample> = examples.to_vec();
    let mut rng = Rng(seed | 1);
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for ex in &order {
            let scores: Vec<f32> = ex.features.iter().map(|fs| fs.iter().map(|&f| w[f as usize]).sum()).collect();
            let argmax = |keep: &dyn Fn(usize) -> bool| {
                (0..scores.len()).filter(|&k| keep(k)).fold(None, |b: Option<usize>, k| match b {
                    Some(b) if scores[b] >= scores[k] => Some(b),
                    _ => Some(k),
                })
            };
            let Some(predicted) = argmax(&|_| true) else { continue };
            if !ex.right[predicted] {
                let gold = argmax(&|k| ex.right[k]).expect("an example has a right candidate");
                for &f in &ex.features[gold] {
                    w[f as usize] += 1.0;
                    sums[f as usize] += step;
                }
                for &f in &ex.features[predicted] {
                    w[f as usize] -= 1.0;
                    sums[f as usize] -= step;
                }
            }
            step += 1.0;
        }
    }
    w.iter().zip(&sums).map(|(w, s)| w - s / step).collect()
}

/// `weights` as the file stores them, by feature index: rounded to multiples of
/// `1 / options.linker_grid` (division by the integer grid gives the float nearest the decimal
/// the file prints), `None` where left out (zero or pruned).
fn stored_weights(weights: &[f32], options: &Options) -> Vec<Option<f32>> {
    let grid = options.linker_grid.max(1) as f32;
    weights
        .iter()
        .map(|w| {
            let r = (w * grid).round() / grid;
            (r != 0.0 && r.abs() >= options.linker_prune).then_some(r)
        })
        .collect()
}

/// The linker the file would make, by feature hash.
fn linker_of(weights: &[f32], names: &[String], options: &Options) -> Linker {
    let mut map = crate::text::hashing::HashKeyed::default();
    for (w, name) in stored_weights(weights, options).into_iter().zip(names) {
        if let Some(w) = w {
            map.insert(crate::text::hashing::hash_str(name), w);
        }
    }
    Linker::from_weights(map)
}

/// The weights file: header, then `name\tweight` sorted by name, left-out features not listed.
fn linker_file(weights: &[f32], names: &[String], options: &Options, n_examples: usize) -> String {
    let mut rows: Vec<(&str, f32)> =
        names.iter().zip(stored_weights(weights, options)).filter_map(|(n, w)| Some((n.as_str(), w?))).collect();
    rows.sort_by(|a, b| a.0.cmp(b.0));
    let mut out = String::new();
    let _ = writeln!(out, "# GENERATED by scripts/train-attribution.sh (tools/src/bin/train_attribution.rs): do not edit.");
    let _ = writeln!(
        out,
        "# The learned source linker (src/attribution/rank.rs): an averaged ranking perceptron over the candidate sources of {n_examples} contents"
    );
    let _ = writeln!(
        out,
        "# the tagger found in {}-fold cross-validation on PolNeAR train (seed {}, {} epochs); weights rounded to 1/{}, |w| < {} left out; feature\tweight.",
        options.folds, options.seed, options.linker_epochs, options.linker_grid, options.linker_prune
    );
    for (name, w) in rows {
        let _ = writeln!(out, "{name}\t{w}");
    }
    out
}

/// For error analysis: each matched content of every fold as one JSON line in
/// `work/linker-errors.jsonl` (code points): the article, the gold source, cue and content, and
/// every pairing the linker weighed with its held-out score and whether it is right.
fn write_linker_errors(options: &Options, examples: &[Vec<RankExample>], weights: &[Vec<f32>]) -> Result<(), String> {
    let mut lines = Vec::new();
    for (fold, exs) in examples.iter().enumerate() {
        for ex in exs {
            let a = ex.article;
            let map = OffsetMap::new(&a.text, OffsetUnit::CodePoint);
            let r = |s: Option<Span>| s.map(|s| serde_json::json!([map.convert(s.start), map.convert(s.end), s.slice(&a.text)]));
            let gold = &a.gold[ex.gold];
            let pairings: Vec<serde_json::Value> = (0..ex.features.len())
                .map(|k| {
                    let score: f32 = ex.features[k].iter().map(|&f| weights[fold][f as usize]).sum();
                    serde_json::json!({"source": r(ex.sources[k]), "cue": r(ex.cues[k]), "score": score, "right": ex.right[k]})
                })
                .collect();
            lines.push(
                serde_json::json!({
                    "id": a.id,
                    "fold": fold,
                    "content": ex.pieces.iter().map(|&p| r(Some(p))).collect::<Vec<_>>(),
                    "gold_source": r(gold.source),
                    "gold_cue": r(gold.cue),
                    "pairings": pairings,
                })
                .to_string(),
            );
        }
    }
    write_lines(&options.work.join("linker-errors.jsonl"), &lines)
}

/// The quotes with their speakers (after the attributions agreed with them), as the quotes
/// scorer reads the CLI's answer (code points).
fn quotes_line(a: &Article, quotes: &[Quote]) -> String {
    let map = OffsetMap::new(&a.text, OffsetUnit::CodePoint);
    let quotes: Vec<serde_json::Value> = quotes
        .iter()
        .map(|q| {
            serde_json::json!({
                "start": map.convert(q.inner.start),
                "end": map.convert(q.inner.end),
                "kind": q.kind.as_str(),
                "speaker": q.speaker.as_ref().map(|s| serde_json::json!({"start": map.convert(s.span.start), "end": map.convert(s.span.end)})),
            })
        })
        .collect();
    serde_json::json!({"id": a.id, "quotes": quotes}).to_string()
}

/// The quotes scorer on saved answers, for the articles of `ids` (its gold: `options.quotes_gold`).
fn score_quotes(options: &Options, ids: &std::collections::HashSet<&str>, answers: &Path, fold: &str) -> Result<String, String> {
    let gold = std::fs::read_to_string(&options.quotes_gold).map_err(|e| format!("{}: {e}", options.quotes_gold.display()))?;
    let lines: Vec<String> = gold
        .lines()
        .filter(|l| serde_json::from_str::<serde_json::Value>(l).ok().is_some_and(|v| v["id"].as_str().is_some_and(|i| ids.contains(i))))
        .map(str::to_string)
        .collect();
    let gold_path = options.work.join(format!("{fold}.quotes-gold.jsonl"));
    write_lines(&gold_path, &lines)?;
    let out = Command::new("python3")
        .arg(&options.quotes_scorer)
        .args(["run", "--name", &format!("attribution-cv-{fold}"), "--runs", "1"])
        .args(["--ignore-kind", "term", "--ignore-kind", "partial", "--ignore-kind", "nested"])
        .arg("--gold")
        .arg(&gold_path)
        .arg("--cmd")
        .arg(format!("python3 scripts/replay-answers.py {}", answers.display()))
        .env("EVAL_OUT", options.work.join("eval"))
        .output()
        .map_err(|e| format!("running the quotes scorer: {e}"))?;
    if !out.status.success() {
        return Err(format!("quotes scorer failed: {}", String::from_utf8_lossy(&out.stderr)));
    }
    Ok(String::from_utf8_lossy(&out.stdout).lines().last().unwrap_or_default().to_string())
}

/// Word-token starts in `span`, as the scorer counts them (runs of letters, digits, `_`).
fn words(text: &str, span: Span) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut in_word = false;
    for (i, c) in span.slice(text).char_indices() {
        let w = c.is_alphanumeric() || c == '_';
        if w && !in_word {
            out.push((span.start + i, String::new()));
        }
        if w {
            out.last_mut().expect("a word").1.extend(c.to_lowercase());
        }
        in_word = w;
    }
    out
}

fn content_set(text: &str, pieces: &[Span]) -> Vec<usize> {
    let mut ws: Vec<(usize, String)> = pieces.iter().flat_map(|&p| words(text, p)).collect();
    ws.sort();
    if ws.first().is_some_and(|(_, w)| w == "that") {
        ws.remove(0);
    }
    ws.into_iter().map(|(p, _)| p).collect()
}

fn span_set(text: &str, span: Span) -> Vec<usize> {
    words(text, span).into_iter().map(|(p, _)| p).collect()
}

/// For each prediction, whether it is right end to end (content overlap-matched one-to-one by
/// token Jaccard ≥ 0.5, greedily, and source right), as the shared scorer decides.
fn correct(text: &str, gold: &[Gold], pred: &[Attribution]) -> Vec<bool> {
    let pieces: Vec<&[Span]> = pred.iter().map(|p| p.content_spans.as_slice()).collect();
    matches(text, gold, &pieces)
        .into_iter()
        .zip(pred)
        .map(|(m, p)| m.is_some_and(|g| source_right(text, gold[g].source, p.source.as_ref().map(|s| s.span))))
        .collect()
}

/// A predicted source is right as the scorer decides: none for none, else it overlaps the gold
/// source with at least half of its words inside it.
fn source_right(text: &str, gold: Option<Span>, pred: Option<Span>) -> bool {
    match (gold, pred) {
        (None, None) => true,
        (Some(g), Some(p)) => {
            let (gs, ps) = (span_set(text, g), span_set(text, p));
            let inter = ps.iter().filter(|x| gs.contains(x)).count();
            !ps.is_empty() && inter > 0 && inter * 2 >= ps.len()
        }
        _ => false,
    }
}

/// A predicted cue is right as the scorer decides: none for none, else it shares a word with
/// the gold cue.
fn cue_right(text: &str, gold: Option<Span>, pred: Option<Span>) -> bool {
    match (gold, pred) {
        (None, None) => true,
        (Some(g), Some(p)) => {
            let gs = span_set(text, g);
            span_set(text, p).iter().any(|x| gs.contains(x))
        }
        _ => false,
    }
}

/// For each predicted content (its pieces), the gold attribution it is overlap-matched with
/// (token Jaccard ≥ 0.5, one-to-one, greedily by Jaccard), as the shared scorer matches them.
fn matches(text: &str, gold: &[Gold], pred: &[&[Span]]) -> Vec<Option<usize>> {
    let g_sets: Vec<Vec<usize>> = gold.iter().map(|g| content_set(text, &g.pieces)).collect();
    let p_sets: Vec<Vec<usize>> = pred.iter().map(|p| content_set(text, p)).collect();
    let mut pairs = Vec::new();
    for (pi, ps) in p_sets.iter().enumerate() {
        for (gi, gs) in g_sets.iter().enumerate() {
            let inter = ps.iter().filter(|x| gs.binary_search(x).is_ok()).count();
            let union = ps.len() + gs.len() - inter;
            if union > 0 && inter * 2 >= union {
                pairs.push((inter as f64 / union as f64, pi, gi));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut used_g = vec![false; gold.len()];
    let mut out = vec![None; pred.len()];
    for (_, pi, gi) in pairs {
        if out[pi].is_some() || used_g[gi] {
            continue;
        }
        used_g[gi] = true;
        out[pi] = Some(gi);
    }
    out
}

/// A prediction line for the scorer (code points).
/// One article's predictions as the scorer reads them; `evidence` (what the confidence is fitted
/// on), the quotes held and the tagger's spans before linking ride along for error analysis
/// (the scorer ignores them).
fn pred_line(a: &Article, pred: &[(Attribution, Evidence)], tagged: &[Tagged]) -> String {
    let map = OffsetMap::new(&a.text, OffsetUnit::CodePoint);
    let r = |s: Span| serde_json::json!({"start": map.convert(s.start), "end": map.convert(s.end)});
    let attributions: Vec<serde_json::Value> = pred
        .iter()
        .map(|(p, x)| {
            serde_json::json!({
                "evidence": x.to_vec(),
                "quotes": p.quotes.len(),
                "content": r(p.content),
                "content_spans": p.content_spans.iter().map(|&s| r(s)).collect::<Vec<_>>(),
                "source": p.source.as_ref().map(|s| r(s.span)),
                "cue": p.cue.map(r),
            })
        })
        .collect();
    let tokens = &a.doc.tokens;
    let tagged: Vec<serde_json::Value> = tagged
        .iter()
        .map(|t| {
            let part = match t.part {
                Part::Cue => "cue",
                Part::Source => "source",
                Part::Content => "content",
            };
            serde_json::json!({"part": part, "span": r(Span::new(tokens[t.first].span.start, tokens[t.end - 1].span.end))})
        })
        .collect();
    serde_json::json!({"id": a.id, "attributions": attributions, "tagged": tagged}).to_string()
}

/// The scorer's printed lines, and its source accuracy per gold source kind (only in its JSON).
fn score(options: &Options, gold: &Path, pred: &Path) -> Result<String, String> {
    let json = pred.with_extension("scores.json");
    let out = Command::new("python3")
        .arg(&options.scorer)
        .arg("--gold")
        .arg(gold)
        .arg("--pred")
        .arg(pred)
        .arg("--json")
        .arg(&json)
        .output()
        .map_err(|e| format!("running the scorer: {e}"))?;
    if !out.status.success() {
        return Err(format!("scorer failed: {}", String::from_utf8_lossy(&out.stderr)));
    }
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    let scores: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json).map_err(|e| format!("{}: {e}", json.display()))?)
        .map_err(|e| e.to_string())?;
    if let Some(kinds) = scores["source_acc_by_gold_source_kind"].as_object() {
        text.push_str("  source acc by gold source kind:");
        for (kind, v) in kinds {
            let _ = write!(text, " {kind} {:.3} (n={})", v["acc"].as_f64().unwrap_or(0.0), v["n"].as_u64().unwrap_or(0));
        }
        text.push('\n');
    }
    Ok(text)
}

fn write_lines(path: &Path, lines: &[String]) -> Result<(), String> {
    let mut f = std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
    for l in lines {
        writeln!(f, "{l}").map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Cross-validates (unless `skip_cv`, which takes the first of `outside_penalties`), chooses the
/// penalty on `O`, fits the calibration, trains on everything and writes
/// the model to `options.out`.
pub fn run(options: &Options) -> Result<(), String> {
    if options.kinds_cv.is_some() && !(options.cv_only || options.reuse_folds) {
        // The shipped tagger learns from the quotes as the shipped kind model gives them.
        return Err("--kinds-cv is for measuring: use it with --cv-only or --reuse-folds".into());
    }
    let articles = read(&options.data, options.hash_bits, options.kinds_cv.as_deref())?;
    eprintln!("{} articles, {} attributions", articles.len(), articles.iter().map(|a| a.gold.len()).sum::<usize>());
    let (calibration, penalty) = if options.skip_cv {
        let bytes = std::fs::read(&options.out).map_err(|e| format!("{}: {e}", options.out.display()))?;
        let model = load(&bytes).map_err(|e| e.to_string())?;
        (model.calibration().to_vec(), options.outside_penalties.first().copied().unwrap_or(0.0))
    } else {
        let (calibration, penalty, linker) = cross_validate(&articles, options)?;
        // The linker is trained on the folds' output only, so it is written here (beside the
        // fold files in a relinking or feature experiment, which leave the shipped files alone).
        let to = if options.reuse_folds || options.cv_only { options.work.join("linker.tsv") } else { options.linker_out.clone() };
        std::fs::write(&to, &linker).map_err(|e| format!("{}: {e}", to.display()))?;
        eprintln!("wrote {} ({} bytes)", to.display(), linker.len());
        (calibration, penalty)
    };
    if options.reuse_folds || options.cv_only {
        return Ok(());
    }
    let all: Vec<&Article> = articles.iter().collect();
    let model = penalise_outside(&train(&all, options, options.seed), penalty);
    let weights = quantise(&model, calibration, options);
    let bytes = to_bytes(&weights);
    std::fs::write(&options.out, &bytes).map_err(|e| format!("{}: {e}", options.out.display()))?;
    eprintln!("wrote {} ({} bytes, {} rows)", options.out.display(), bytes.len(), weights.rows.len());
    Ok(())
}

// The fold index also selects the articles and names the files.
#[allow(clippy::needless_range_loop)]
fn cross_validate(articles: &[Article], options: &Options) -> Result<(Vec<f32>, f32, String), String> {
    std::fs::create_dir_all(&options.work).map_err(|e| format!("{}: {e}", options.work.display()))?;
    let mut order: Vec<usize> = (0..articles.len()).collect();
    Rng(options.seed | 1).shuffle(&mut order);
    let k = options.folds.max(2);
    let fold_of: Vec<usize> = {
        let mut f = vec![0; articles.len()];
        for (rank, &i) in order.iter().enumerate() {
            f[i] = rank % k;
        }
        f
    };
    // Per fold: the predictions' evidence and whether each was right.
    let mut evidence: Vec<Vec<(Evidence, bool)>> = vec![Vec::new(); k];
    let (mut all_gold, mut all_pred, mut all_quotes) = (Vec::new(), Vec::new(), Vec::new());
    let mut all_ids = std::collections::HashSet::new();
    let mut report = String::new();
    let fold_of = &fold_of;
    let held_out = |fold: usize| articles.iter().enumerate().filter(move |(i, _)| fold_of[*i] == fold).map(|(_, a)| a);
    // Each fold's model as shipped (quantised and pruned, through the loader), with the penalty
    // on `O` chosen below; saved beside the fold files so that `reuse_folds` can relink them.
    let saved = |fold: usize| options.work.join(format!("fold{fold}.model.bin"));
    let mut penalty = options.outside_penalties.first().copied().unwrap_or(0.0);
    let models: Vec<super::model::Model> = if options.reuse_folds {
        // `coarsen` applies to the saved models too (a no-op on models saved with it), so that
        // a step after pruning is measured on the same folds without retraining.
        let read_fold = |fold: usize| -> Result<super::model::Model, String> {
            let bytes = std::fs::read(saved(fold)).map_err(|e| format!("{}: {e}", saved(fold).display()))?;
            let mut weights = load(&bytes).map_err(|e| e.to_string())?.to_weights();
            weights.coarsen_from(options.coarsen, options.prune as i32);
            let bytes = to_bytes(&weights);
            eprintln!("fold {fold}: {} bytes, {} rows", bytes.len(), weights.rows.len());
            load(&bytes).map_err(|e| e.to_string())
        };
        (0..k).map(read_fold).collect::<Result<_, _>>()?
    } else {
        let floats: Vec<FloatModel> = (0..k)
            .map(|fold| {
                let train_set: Vec<&Article> = articles.iter().enumerate().filter(|(i, _)| fold_of[*i] != fold).map(|(_, a)| a).collect();
                train(&train_set, options, options.seed.wrapping_add(fold as u64 + 1))
            })
            .collect();
        let shipped = |fold: usize, penalty: f32| -> Result<(super::model::Model, Vec<u8>), String> {
            let bytes =
                to_bytes(&quantise(&penalise_outside(&floats[fold], penalty), vec![0.0; super::calibration::N_CALIBRATION], options));
            Ok((load(&bytes).map_err(|e| e.to_string())?, bytes))
        };
        // The penalty on `O` with the best pooled end-to-end F1 (the scorer's matching, `correct`).
        if options.outside_penalties.len() > 1 {
            let mut best = f64::NEG_INFINITY;
            for &candidate in &options.outside_penalties {
                let (mut right, mut predicted, mut gold) = (0usize, 0usize, 0usize);
                for fold in 0..k {
                    let (model, _) = shipped(fold, candidate)?;
                    for a in held_out(fold) {
                        let attributions: Vec<Attribution> = predict(&model, a, Sources::Rules).0.into_iter().map(|(p, _)| p).collect();
                        right += correct(&a.text, &a.gold, &attributions).into_iter().filter(|&ok| ok).count();
                        predicted += attributions.len();
                        gold += a.gold.len();
                    }
                }
                let f1 = 2.0 * right as f64 / (predicted + gold).max(1) as f64;
                let _ = writeln!(report, "penalty on O {candidate}: end-to-end F1 {f1:.4}");
                eprintln!("penalty on O {candidate}: end-to-end F1 {f1:.4}");
                if f1 > best {
                    best = f1;
                    penalty = candidate;
                }
            }
        }
        let mut models = Vec::new();
        for fold in 0..k {
            let (model, bytes) = shipped(fold, penalty)?;
            std::fs::write(saved(fold), bytes).map_err(|e| format!("{}: {e}", saved(fold).display()))?;
            models.push(model);
        }
        models
    };
    let _ = writeln!(report, "chosen penalty on O: {penalty}\n");

    // The source linker learns from the tagger's cross-validated output: each article's contents
    // as its fold's model finds them. Each fold is then linked by a linker trained on the other
    // folds' examples; the shipped one is trained on all of them.
    let (mut ids, mut names) = (FnvMap::default(), Vec::new());
    let mut examples: Vec<Vec<RankExample>> = (0..k).map(|_| Vec::new()).collect();
    for (fold, model) in models.iter().enumerate() {
        for a in held_out(fold) {
            examples[fold].extend(rank_examples(model, a, &mut ids, &mut names));
        }
    }
    let unmatched: usize = examples.iter().flatten().filter(|ex| !ex.right.iter().any(|&r| r)).count();
    let _ = writeln!(report, "source linker: {unmatched} matched contents with no right candidate");
    let teaching = |ex: &&RankExample| ex.right.iter().any(|&r| r);
    let linker_seed = |fold: usize| options.seed.wrapping_add(100 + fold as u64);
    let fold_weights: Vec<Vec<f32>> = (0..k)
        .map(|fold| {
            let train_set: Vec<&RankExample> = (0..k).filter(|&f| f != fold).flat_map(|f| examples[f].iter()).filter(teaching).collect();
            train_linker(&train_set, names.len(), options.linker_epochs, linker_seed(fold))
        })
        .collect();
    if options.linker_errors {
        write_linker_errors(options, &examples, &fold_weights)?;
    }
    let linkers: Vec<Linker> = fold_weights.iter().map(|w| linker_of(w, &names, options)).collect();
    // How often a right candidate is ranked first, among the contents that have one.
    let ranked_right = |w: &[f32], examples: &mut dyn Iterator<Item = &RankExample>| {
        examples
            .filter(|ex| {
                let scores: Vec<f32> = ex.features.iter().map(|fs| fs.iter().map(|&f| w[f as usize]).sum()).collect();
                ex.right[(0..scores.len()).fold(0, |b, k| if scores[k] > scores[b] { k } else { b })]
            })
            .count()
    };
    let held_out_right: usize = (0..k).map(|fold| ranked_right(&fold_weights[fold], &mut examples[fold].iter().filter(teaching))).sum();
    let all_examples: Vec<&RankExample> = examples.iter().flatten().filter(teaching).collect();
    let _ = writeln!(report, "source linker, held out: a right candidate first for {held_out_right} of {}", all_examples.len());
    let shipped_linker = train_linker(&all_examples, names.len(), options.linker_epochs, linker_seed(k));
    let linker_text = linker_file(&shipped_linker, &names, options, all_examples.len());
    let fitted = ranked_right(&shipped_linker, &mut all_examples.iter().copied());
    let _ = writeln!(report, "source linker, on its own training examples: {fitted} of {}", all_examples.len());
    let _ = writeln!(report, "source linker: {} examples, {} features\n", all_examples.len(), names.len());

    for (fold, model) in models.iter().enumerate() {
        let (mut gold_lines, mut pred_lines, mut quote_lines) = (Vec::new(), Vec::new(), Vec::new());
        let mut ids = std::collections::HashSet::new();
        for a in held_out(fold) {
            let (predicted, quotes) = predict(model, a, Sources::Learned(&linkers[fold]));
            let tagged = tag(model, &a.doc);
            quote_lines.push(quotes_line(a, &quotes));
            ids.insert(a.id.as_str());
            let attributions: Vec<Attribution> = predicted.iter().map(|(p, _)| p.clone()).collect();
            for ((_, x), ok) in predicted.iter().zip(correct(&a.text, &a.gold, &attributions)) {
                evidence[fold].push((*x, ok));
            }
            gold_lines.push(a.raw.clone());
            pred_lines.push(pred_line(a, &predicted, &tagged));
        }
        let (g, p) = (options.work.join(format!("fold{fold}.gold.jsonl")), options.work.join(format!("fold{fold}.pred.jsonl")));
        write_lines(&g, &gold_lines)?;
        write_lines(&p, &pred_lines)?;
        let s = score(options, &g, &p)?;
        let qp = options.work.join(format!("fold{fold}.quotes.jsonl"));
        write_lines(&qp, &quote_lines)?;
        let q = score_quotes(options, &ids, &qp, &format!("fold{fold}"))?;
        eprintln!("== fold {fold} ({} articles)\n{s}direct quotes: {q}\n", gold_lines.len());
        let _ = writeln!(report, "== fold {fold} ({} articles)\n{s}direct quotes: {q}\n", gold_lines.len());
        all_gold.extend(gold_lines);
        all_pred.extend(pred_lines);
        all_quotes.extend(quote_lines);
        all_ids.extend(ids);
    }
    let (g, p) = (options.work.join("pooled.gold.jsonl"), options.work.join("pooled.pred.jsonl"));
    write_lines(&g, &all_gold)?;
    write_lines(&p, &all_pred)?;
    let s = score(options, &g, &p)?;
    let qp = options.work.join("pooled.quotes.jsonl");
    write_lines(&qp, &all_quotes)?;
    let q = score_quotes(options, &all_ids, &qp, "pooled")?;
    let _ = writeln!(report, "== pooled over {k} folds\n{s}direct quotes: {q}\n");

    // Calibration, honestly measured: each fold's probabilities come from a map fitted on the
    // other folds' predictions. The shipped map is then fitted on all of them.
    let (mut ps, mut ys) = (Vec::new(), Vec::new());
    for fold in 0..k {
        let (xs, ls): (Vec<Evidence>, Vec<bool>) = (0..k).filter(|&f| f != fold).flat_map(|f| evidence[f].iter().copied()).unzip();
        let w = fit(&xs, &ls);
        for (x, y) in &evidence[fold] {
            ps.push(probability(&w, x));
            ys.push(*y);
        }
    }
    let (table, ece) = reliability(&ps, &ys, 10);
    let _ = writeln!(report, "== calibration (cross-fitted over the folds' predictions)\nconfidence      n   mean conf  accuracy");
    for b in &table {
        let _ = writeln!(report, "[{:.1}, {:.1})  {:6}  {:.3}      {:.3}", b.low, b.high, b.count, b.mean_confidence, b.accuracy);
    }
    let _ = writeln!(report, "expected calibration error {ece:.4} over {} predictions", ps.len());
    let (xs, ls): (Vec<Evidence>, Vec<bool>) = evidence.iter().flatten().copied().unzip();
    let w = fit(&xs, &ls);
    let _ = writeln!(report, "calibration weights {w:?}");
    print!("{report}");
    std::io::stdout().flush().map_err(|e| e.to_string())?;
    Ok((w, penalty, linker_text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(seeds: usize) -> Options {
        Options {
            data: PathBuf::new(),
            out: PathBuf::new(),
            epochs: 3,
            hash_bits: 10,
            seed: 7,
            seeds,
            folds: 2,
            work: PathBuf::new(),
            scorer: PathBuf::new(),
            prune: 0,
            step: 1,
            coarsen: 1,
            quotes_gold: PathBuf::new(),
            quotes_scorer: PathBuf::new(),
            skip_cv: false,
            outside_penalties: vec![0.0],
            margin: 0.0,
            miss_weight: 1.0,
            reuse_folds: false,
            linker_out: PathBuf::new(),
            linker_epochs: 1,
            linker_grid: 1,
            linker_prune: 0.0,
            cv_only: false,
            linker_errors: false,
            kinds_cv: None,
        }
    }

    /// An article of ours with one claim: source, cue and content as `words` appear in `text`.
    fn article(text: &str, source: &str, cue: &str, content: &str) -> Article {
        let at = |w: &str| {
            let s = text.find(w).expect("words in text");
            Span::new(s, s + w.len())
        };
        let gold = vec![Gold { pieces: vec![at(content)], source: Some(at(source)), cue: Some(at(cue)) }];
        prepare(String::new(), String::new(), text.to_string(), gold, 10, &crate::quotes::kinds::MODEL)
    }

    /// Three articles of ours, one claim each: a listed cue, a cue after its content, an unlisted cue.
    fn our_claims() -> [Article; 3] {
        [
            article(
                "The harbour master said that the pier would reopen in May.",
                "The harbour master",
                "said",
                "that the pier would reopen in May",
            ),
            article("Water rates will rise next year, the treasurer warned.", "the treasurer", "warned", "Water rates will rise next year"),
            article(
                "A neighbour muttered that the road was never finished.",
                "A neighbour",
                "muttered",
                "that the road was never finished",
            ),
        ]
    }

    #[test]
    fn several_seeds_are_averaged_and_seeded() {
        let articles = our_claims();
        let all: Vec<&Article> = articles.iter().collect();
        let one = train(&all, &options(1), 7);
        let three = train(&all, &options(3), 7);
        assert_eq!(three.weights, train(&all, &options(3), 7).weights, "the same seed gives the same model");
        assert_ne!(one.weights, three.weights, "the other orders change the mean");
        assert!(three.weights.iter().any(|&w| w != 0.0), "the mean learned something");
    }

    #[test]
    fn costs_favour_every_tag_but_gold_and_most_leaving_a_span_out() {
        // Two tokens: gold content, then gold outside.
        let gold = [begin(Part::Content), OUTSIDE];
        let mut e = vec![0.0; 2 * N_TAGS];
        add_costs(&mut e, &gold, 2.0, 3.0);
        let (first, second) = e.split_at(N_TAGS);
        assert_eq!(first[begin(Part::Content)], 0.0);
        assert_eq!(first[OUTSIDE], 6.0, "leaving a gold span out costs the most");
        assert_eq!(first[begin(Part::Cue)], 2.0);
        assert_eq!(second[OUTSIDE], 0.0);
        assert!(second.iter().enumerate().all(|(t, &c)| t == OUTSIDE || c == 2.0));
    }

    #[test]
    fn a_margin_keeps_training_past_the_first_right_path() {
        // With a margin the perceptron also updates on lines it already tags right, so the
        // weights differ from the plain perceptron's and gold still wins on its own lines.
        let [harbour_master, _, neighbour] = our_claims();
        let articles = [harbour_master, neighbour];
        let all: Vec<&Article> = articles.iter().collect();
        let plain = train(&all, &options(1), 7);
        let mut o = options(1);
        o.margin = 4.0;
        o.miss_weight = 2.0;
        let margin = train(&all, &o, 7);
        assert_ne!(plain.weights, margin.weights);
        let tagged = super::super::tag(&margin, &articles[1].doc);
        assert!(tagged.iter().any(|t| t.part == Part::Content), "the content is still found");
    }
}
