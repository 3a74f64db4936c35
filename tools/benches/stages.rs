//! Native throughput of `analyze` and of each of its stages, on the seeded inputs
//! (`quotelens_tools::corpus`) and on PolNeAR dev when ../shared is there.
//!
//!     cargo bench -p quotelens-tools --bench stages             # full criterion runs
//!     cargo bench -p quotelens-tools --bench stages -- --quick  # what scripts/bench.sh runs
//!
//! After criterion's groups it prints two tables of its own, measured in rounds so that every
//! number in one table shares the machine's state (this machine is shared and noisy): each
//! stage's share of `analyze` on the 100k input, and the cost per word of `analyze` at every size
//! from 1k to 1M words (the growth check: it must stay flat). Both are medians over the rounds.
//! `QUOTELENS_BENCH_ROUNDS` sets the number of rounds (default 7).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, Throughput};
use quotelens::internals::{self as stages, count_words};
use quotelens_tools::corpus;

struct Input {
    name: String,
    text: String,
    words: usize,
}

fn input(name: &str, text: String) -> Input {
    let words = count_words(&text);
    Input { name: name.to_string(), text, words }
}

fn generated(max_words: usize) -> Vec<Input> {
    corpus::SIZES
        .iter()
        .filter(|&&(_, words)| words <= max_words)
        .map(|&(name, words)| input(name, corpus::generate(corpus::SEED, words)))
        .collect()
}

/// PolNeAR dev's articles as one text, as examples/bench_inputs.rs writes it; `None` without ../shared.
fn polnear_dev() -> Option<Input> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/data/polnear/dev.jsonl");
    let data = std::fs::read_to_string(path).ok()?;
    let texts: Vec<String> = data
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|doc| doc["text"].as_str().map(str::to_string))
        .collect();
    Some(input("polnear-dev", texts.join("\n\n\n")))
}

fn bench_analyze(c: &mut Criterion, inputs: &[Input]) {
    let mut group = c.benchmark_group("analyze");
    for input in inputs {
        group.throughput(Throughput::Elements(input.words as u64));
        group.bench_with_input(BenchmarkId::from_parameter(&input.name), &input.text, |b, text| {
            b.iter(|| quotelens::analyze(black_box(text)))
        });
    }
    group.finish();
}

fn bench_stages(c: &mut Criterion, input: &Input) {
    let text = input.text.as_str();
    let segments = stages::segment(text);
    let quotes = stages::quotes(text, &segments);
    let entities = stages::entities(text, &segments);
    let mut group = c.benchmark_group(format!("stages-{}", input.name));
    group.throughput(Throughput::Elements(input.words as u64));
    group.bench_function("1-segment", |b| b.iter(|| stages::segment(black_box(text))));
    group.bench_function("2-quotes", |b| b.iter(|| stages::quotes(black_box(text), &segments)));
    group.bench_function("3a-entities-tagger", |b| b.iter(|| stages::entity_names(black_box(text))));
    group.bench_function("3b-entities-patterns", |b| b.iter(|| stages::entity_figures(black_box(text))));
    group.bench_function("3-entities-all", |b| b.iter(|| stages::entities(black_box(text), &segments)));
    group.bench_function("4-attribution", |b| {
        b.iter_batched_ref(
            || quotes.clone(),
            |quotes| {
                let mentions = stages::attribute(black_box(text), &segments, quotes, &entities);
                stages::attributions(text, quotes, &entities, &mentions)
            },
            criterion::BatchSize::LargeInput,
        )
    });
    group.bench_function("5-clusters", |b| b.iter(|| stages::clusters(black_box(text), &entities)));
    group.finish();
}

fn rounds() -> usize {
    std::env::var("QUOTELENS_BENCH_ROUNDS").ok().and_then(|s| s.parse().ok()).filter(|&n| n > 0).unwrap_or(7)
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2.0
    }
}

/// Runs `f` often enough to fill about `budget`, and returns seconds per run.
fn time_per_run(budget: Duration, mut f: impl FnMut()) -> f64 {
    let started = Instant::now();
    f();
    let once = started.elapsed();
    let runs = (budget.as_secs_f64() / once.as_secs_f64().max(1e-9)).clamp(1.0, 10_000.0) as usize;
    if runs == 1 {
        return once.as_secs_f64();
    }
    let started = Instant::now();
    for _ in 0..runs {
        f();
    }
    started.elapsed().as_secs_f64() / runs as f64
}

const STAGES: [&str; 8] = ["analyze", "segment", "quotes", "ent.tagger", "ent.patterns", "ent.merge", "attribution", "summaries"];

/// Seconds per run of `analyze` and of each stage (in `STAGES` order) on `input`.
fn time_stages(input: &Input, budget: Duration) -> [f64; 8] {
    let text = input.text.as_str();
    let segments = stages::segment(text);
    let quotes = stages::quotes(text, &segments);
    let entities = stages::entities(text, &segments);
    let analyze = time_per_run(budget, || drop(black_box(quotelens::analyze(text))));
    let segment = time_per_run(budget, || drop(black_box(stages::segment(text))));
    let quote = time_per_run(budget, || drop(black_box(stages::quotes(text, &segments))));
    let tagger = time_per_run(budget, || drop(black_box(stages::entity_names(text))));
    let patterns = time_per_run(budget, || drop(black_box(stages::entity_figures(text))));
    let all_entities = time_per_run(budget, || drop(black_box(stages::entities(text, &segments))));
    // Attribution fills the quotes in place, so each run gets a fresh copy; the copy's own cost
    // is measured apart and taken off.
    let attribution = time_per_run(budget, || {
        let mut q = quotes.clone();
        let mentions = stages::attribute(text, &segments, &mut q, &entities);
        black_box(stages::attributions(text, &mut q, &entities, &mentions));
        black_box(q);
    }) - time_per_run(budget, || drop(black_box(quotes.clone())));
    let summaries = time_per_run(budget, || drop(black_box(stages::clusters(text, &entities))));
    let merge = (all_entities - tagger - patterns).max(0.0);
    [analyze, segment, quote, tagger, patterns, merge, attribution, summaries]
}

/// Per size, per stage: nanoseconds per word, the sizes interleaved within each round, medians
/// over the rounds. Then each stage's share of `analyze` at 100k words.
fn report(inputs: &[Input]) {
    let mut samples: Vec<Vec<Vec<f64>>> = vec![vec![Vec::new(); STAGES.len()]; inputs.len()];
    for _ in 0..rounds() {
        for (i, input) in inputs.iter().enumerate() {
            for (k, t) in time_stages(input, Duration::from_millis(120)).into_iter().enumerate() {
                samples[i][k].push(t / input.words as f64);
            }
        }
    }
    let per_word: Vec<Vec<f64>> = samples.into_iter().map(|stages| stages.into_iter().map(median).collect()).collect();

    println!("\nGrowth: nanoseconds per word (native, release), medians of {} rounds; flat = linear:", rounds());
    print!("{:<12} {:>9}", "input", "words");
    for name in STAGES {
        print!(" {:>12}", name);
    }
    println!(" {:>11} {:>9}", "words/s", "vs 1k");
    for (input, row) in inputs.iter().zip(&per_word) {
        print!("{:<12} {:>9}", input.name, input.words);
        for t in row {
            print!(" {:>12.1}", t * 1e9);
        }
        println!(" {:>11.0} {:>8.2}x", 1.0 / row[0], row[0] / per_word[0][0]);
    }

    if let Some((input, row)) = inputs.iter().zip(&per_word).find(|(i, _)| i.name == "100k") {
        println!("\nStage shares of analyze on the {} input ({} words):", input.name, input.words);
        println!("{:<14} {:>9} {:>12} {:>8}", "stage", "ms", "words/s", "share");
        for (name, &t) in STAGES.iter().zip(row) {
            let total = t * input.words as f64;
            println!("{:<14} {:>9.2} {:>12.0} {:>7.1}%", name, total * 1e3, 1.0 / t, 100.0 * t / row[0]);
        }
        let rest = row[0] - row[1..].iter().sum::<f64>();
        println!("{:<14} {:>9.2} {:>12} {:>7.1}%", "(unaccounted)", rest * input.words as f64 * 1e3, "", 100.0 * rest / row[0]);
    }
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    let mut inputs = generated(100_000);
    let dev = polnear_dev();
    if dev.is_none() {
        println!("PolNeAR dev not found (../shared/data/polnear/dev.jsonl): benchmarking the generated inputs only");
    }
    inputs.extend(dev);
    bench_analyze(&mut criterion, &inputs);
    let input_100k = inputs.iter().find(|i| i.name == "100k").expect("the 100k input");
    bench_stages(&mut criterion, input_100k);
    criterion.final_summary();

    let mut all = generated(1_000_000);
    all.extend(polnear_dev());
    report(&all);
}
