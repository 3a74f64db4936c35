//! Writes the benchmark inputs and prints their density next to PolNeAR dev's.
//!
//!     cargo run --release -p quotelens-tools --example bench_inputs -- target/bench/inputs
//!
//! Writes `1k.txt`, `10k.txt`, `100k.txt`, `1M.txt` (seeded, `quotelens_tools::corpus`) and, when
//! `../shared/data/polnear/dev.jsonl` exists, `dev.txt` (its 84 articles, blank-line separated;
//! under target/, never committed). Then prints quotes and entities per 1,000 words for each, as
//! found by `analyze`, beside PolNeAR dev's, and exits non-zero if a generated input is more than
//! 25 % away from dev on either.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use quotelens::internals::count_words;
use quotelens_tools::corpus;

/// PolNeAR dev as measured when the generator was tuned (used only when ../shared is absent):
/// 67,609 words; gold quoted spans (direct + other_quoted) 1,002; our entities 6,687.
const DEV_FALLBACK: Density = Density { words: 67_609, quotes: 1_002, direct: 573, entities: 6_687 };

#[derive(Clone, Copy)]
struct Density {
    words: usize,
    quotes: usize,
    direct: usize,
    entities: usize,
}

impl Density {
    fn per_1k(&self, n: usize) -> f64 {
        1000.0 * n as f64 / self.words as f64
    }
}

fn measure(text: &str) -> Density {
    let analysis = quotelens::analyze(text);
    let direct = analysis.quotes.iter().filter(|q| q.kind == quotelens::QuoteKind::Direct).count();
    Density { words: count_words(text), quotes: analysis.quotes.len(), direct, entities: analysis.entities.len() }
}

/// PolNeAR dev's texts and its gold counts of quoted spans (all, direct).
fn read_dev(path: &Path) -> Option<(Vec<String>, usize, usize)> {
    let data = std::fs::read_to_string(path).ok()?;
    let (mut texts, mut quoted, mut direct) = (Vec::new(), 0, 0);
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let doc: serde_json::Value = serde_json::from_str(line).ok()?;
        let n = |key: &str| doc[key].as_array().map_or(0, |a| a.len());
        direct += n("quotes");
        quoted += n("quotes") + n("other_quoted");
        texts.push(doc["text"].as_str()?.to_string());
    }
    Some((texts, quoted, direct))
}

fn main() -> ExitCode {
    let out: PathBuf = std::env::args_os().nth(1).map_or_else(|| "target/bench/inputs".into(), PathBuf::from);
    std::fs::create_dir_all(&out).expect("create the output directory");
    let dev_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data/polnear/dev.jsonl");

    println!("{:<26} {:>9} {:>10} {:>11} {:>12}", "input", "words", "quotes/1k", "direct/1k", "entities/1k");
    let row = |name: &str, d: &Density| {
        println!("{:<26} {:>9} {:>10.1} {:>11.1} {:>12.1}", name, d.words, d.per_1k(d.quotes), d.per_1k(d.direct), d.per_1k(d.entities))
    };
    let dev = match read_dev(&dev_path) {
        Some((texts, quoted, direct)) => {
            let joined = texts.join("\n\n\n");
            std::fs::write(out.join("dev.txt"), &joined).expect("write dev.txt");
            // Entities as our CLI finds them, article by article, as the evaluations run it.
            let ours: Vec<Density> = texts.iter().map(|t| measure(t)).collect();
            let sum = |f: fn(&Density) -> usize| ours.iter().map(f).sum::<usize>();
            let gold = Density { words: sum(|d| d.words), quotes: quoted, direct, entities: sum(|d| d.entities) };
            let found = Density { words: gold.words, quotes: sum(|d| d.quotes), direct: sum(|d| d.direct), entities: gold.entities };
            row("PolNeAR dev: gold quotes", &gold);
            row("PolNeAR dev: ours", &found);
            gold
        }
        None => {
            println!("(PolNeAR dev not found at {}: skipped; comparing with its recorded density)", dev_path.display());
            row("PolNeAR dev (recorded)", &DEV_FALLBACK);
            DEV_FALLBACK
        }
    };
    let mut ok = true;
    for (name, words) in corpus::SIZES {
        let text = corpus::generate(corpus::SEED, words);
        std::fs::write(out.join(format!("{name}.txt")), &text).expect("write an input");
        let d = measure(&text);
        row(&format!("generated {name}"), &d);
        for (what, ours, theirs) in
            [("quotes", d.per_1k(d.quotes), dev.per_1k(dev.quotes)), ("entities", d.per_1k(d.entities), dev.per_1k(dev.entities))]
        {
            let off = ours / theirs - 1.0;
            if off.abs() > 0.25 {
                println!("  {name}: {what}/1k {ours:.1} is {:+.0}% from PolNeAR dev's {theirs:.1} (limit ±25%)", off * 100.0);
                ok = false;
            }
        }
    }
    println!(
        "density: {}",
        if ok {
            "every generated input within ±25% of PolNeAR dev (quotes: gold quoted spans; entities: ours on dev)"
        } else {
            "OUT OF RANGE"
        }
    );
    println!("inputs written to {}", out.display());
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
