//! Training the POS tagger (tools/src/bin/train_pos.rs, scripts/train-pos.sh): the averaged
//! perceptron (`tagging::Perceptron`) with greedy decoding over the sentences of CoNLL-2003
//! train, its POS column folded to [`Pos`]; then quantisation, the model file, and the held-out
//! check on CoNLL-2003 dev (accuracy and speed of the written model, as `analyze` loads it).

use std::path::PathBuf;
use std::time::Instant;

use super::{features, greedy, load, to_bytes, Pos, Tagger, Word, N_TAGS};
use crate::tagging::{bucket, Perceptron, Weights};

/// What `run` does; tools/src/bin/train_pos.rs fills it from the command line.
pub struct Options {
    pub train: PathBuf,
    pub dev: PathBuf,
    pub out: PathBuf,
    pub epochs: usize,
    pub hash_bits: u32,
    /// Quantised weights below this many units are dropped.
    pub prune: i32,
    /// Quantised weights are multiples of this many units.
    pub step: i32,
    pub seed: u64,
}

/// One sentence: words and gold tags.
struct Sentence {
    words: Vec<String>,
    gold: Vec<usize>,
}

/// The sentences of a CoNLL-2003 file (`word POS chunk NER`), without `-DOCSTART-` lines; a
/// word whose POS is outside the tag set (none in CoNLL-2003 but the document marks) is an error.
fn read(path: &PathBuf) -> Result<Vec<Sentence>, String> {
    let source = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    let mut current = Sentence { words: Vec::new(), gold: Vec::new() };
    for (n, line) in source.lines().enumerate() {
        if line.starts_with("-DOCSTART-") || line.trim().is_empty() {
            if !current.words.is_empty() {
                out.push(std::mem::replace(&mut current, Sentence { words: Vec::new(), gold: Vec::new() }));
            }
            continue;
        }
        let mut cols = line.split(' ');
        let (Some(word), Some(tag)) = (cols.next(), cols.next()) else {
            return Err(format!("{}:{}: expected `word POS …`", path.display(), n + 1));
        };
        let pos = Pos::from_ptb(tag).ok_or(format!("{}:{}: unknown POS {tag}", path.display(), n + 1))?;
        current.words.push(word.to_string());
        current.gold.push(pos as usize);
    }
    if !current.words.is_empty() {
        out.push(current);
    }
    Ok(out)
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

/// A sentence's feature buckets, laid out as `Perceptron::train_line` reads them.
struct Example {
    buckets: Vec<u32>,
    offsets: Vec<u32>,
    gold: Vec<usize>,
}

fn example(s: &Sentence, hash_bits: u32) -> Example {
    let words: Vec<Word> = s.words.iter().map(|w| Word::new(w)).collect();
    let mut ex = Example { buckets: Vec::new(), offsets: vec![0], gold: s.gold.clone() };
    let mut hashes = Vec::new();
    for i in 0..words.len() {
        hashes.clear();
        features(&words, i, &mut hashes);
        ex.buckets.extend(hashes.iter().map(|&h| bucket(h, hash_bits)));
        ex.offsets.push(ex.buckets.len() as u32);
    }
    ex
}

/// Trains, writes `options.out`, and prints the dev accuracy, size and speed of what it wrote.
pub fn run(options: &Options) -> Result<(), String> {
    let train = read(&options.train)?;
    let dev = read(&options.dev)?;
    let examples: Vec<Example> = train.iter().map(|s| example(s, options.hash_bits)).collect();
    let mut p = Perceptron::<N_TAGS>::new(options.hash_bits);
    let mut order: Vec<&Example> = examples.iter().collect();
    let mut rng = Rng(options.seed | 1);
    let (mut emissions, mut predicted) = (Vec::new(), Vec::new());
    for epoch in 0..options.epochs {
        rng.shuffle(&mut order);
        let mut wrong = 0;
        let mut total = 0;
        for ex in &order {
            p.train_line(&ex.buckets, &ex.offsets, &ex.gold, greedy, &mut emissions, &mut predicted);
            wrong += predicted.iter().zip(&ex.gold).filter(|(a, b)| a != b).count();
            total += ex.gold.len();
        }
        eprintln!("epoch {}: training accuracy {:.4}", epoch + 1, 1.0 - wrong as f64 / total as f64);
    }
    let (weights, transitions) = p.averaged();
    let quantised = Weights::<N_TAGS>::quantise_to(options.hash_bits, &weights, &transitions, options.prune, options.step, Vec::new());
    let bytes = to_bytes(&quantised);
    std::fs::write(&options.out, &bytes).map_err(|e| format!("{}: {e}", options.out.display()))?;
    let model = load(&bytes).map_err(|e| format!("the written model does not load: {e}"))?;

    // The held-out check, with the written model as `analyze` reads it.
    let mut tagger = Tagger::default();
    let mut out = Vec::new();
    let mut confusion = vec![[0usize; N_TAGS]; N_TAGS];
    for s in &dev {
        out.clear();
        tagger.tag_with(&model, s.words.iter().map(String::as_str), &mut out);
        for (&g, &t) in s.gold.iter().zip(&out) {
            confusion[g][t as usize] += 1;
        }
    }
    let total: usize = confusion.iter().flatten().sum();
    let right: usize = (0..N_TAGS).map(|t| confusion[t][t]).sum();
    let n_words: usize = dev.iter().map(|s| s.words.len()).sum();
    // The best of five rounds: the machine is shared, and the slowest rounds measure the others.
    let mut speed = 0.0f64;
    for _ in 0..5 {
        let started = Instant::now();
        for s in &dev {
            out.clear();
            tagger.tag_with(&model, s.words.iter().map(String::as_str), &mut out);
        }
        speed = speed.max(n_words as f64 / started.elapsed().as_secs_f64());
    }
    println!(
        "pos: {} rows, {} bytes; CoNLL-2003 dev accuracy {:.4} ({right}/{total}); {:.2} M words/s",
        model.n_rows(),
        bytes.len(),
        right as f64 / total as f64,
        speed / 1e6
    );
    for g in 0..N_TAGS {
        let n: usize = confusion[g].iter().sum();
        if n > 0 {
            println!("  {:?}: {} of {n} right ({:.3})", Pos::from_index(g), confusion[g][g], confusion[g][g] as f64 / n as f64);
        }
    }
    Ok(())
}
