//! What the first `analyze` costs natively: each table it builds on first use, timed one by one,
//! and the first call against the second on the same text.
//!
//!     cargo run --release -p quotelens-tools --example first_call -- [--rounds N] [TEXT_FILE]
//!
//! TEXT_FILE defaults to the page's sample (www/sample.txt). Every round runs in a fresh process
//! (this program started again with `--child`), so every table is cold; the medians over the
//! rounds are printed. A table's cost is its first build minus a second call (which finds it
//! built); the tables come from `quotelens::internals::tables::TABLES`, which lists them in an
//! order where each one's dependencies are built before it. The wasm twin of this harness is
//! tools/bench/first_call.mjs.

use std::path::PathBuf;
use std::process::{Command, ExitCode};
use std::time::Instant;

use quotelens::internals::tables::TABLES;

const DEFAULT_ROUNDS: usize = 9;

fn ms(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1e3
}

/// One cold process: prints `name\tfirst ms\tsecond ms` per table, or per `analyze` call.
fn child(mode: &str, text: &str) {
    if mode == "tables" {
        for (name, build) in TABLES {
            let t = Instant::now();
            build(text);
            let first = ms(t);
            let t = Instant::now();
            build(text);
            println!("{name}\t{first}\t{}", ms(t));
        }
    } else {
        let t = Instant::now();
        let first = quotelens::analyze(text);
        let first_ms = ms(t);
        let t = Instant::now();
        let second = quotelens::analyze(text);
        println!("analyze\t{first_ms}\t{}", ms(t));
        assert_eq!(first.quotes.len(), second.quotes.len());
    }
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let default_text = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../www/sample.txt");
    if args.first().map(String::as_str) == Some("--child") {
        let text = std::fs::read_to_string(&args[2]).expect("the text file");
        child(&args[1], &text);
        return ExitCode::SUCCESS;
    }
    let mut rounds = DEFAULT_ROUNDS;
    let mut file = default_text;
    let mut it = args.into_iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--rounds" => rounds = it.next().and_then(|n| n.parse().ok()).unwrap_or(DEFAULT_ROUNDS),
            _ => file = PathBuf::from(arg),
        }
    }
    let Ok(me) = std::env::current_exe() else {
        eprintln!("first_call: cannot find its own executable");
        return ExitCode::FAILURE;
    };
    // name → (first, second) per round, in TABLES order, then `analyze`.
    let mut rows: Vec<(String, Vec<f64>, Vec<f64>)> = Vec::new();
    for _ in 0..rounds {
        for mode in ["tables", "analyze"] {
            let out = Command::new(&me).arg("--child").arg(mode).arg(&file).output().expect("run a round");
            if !out.status.success() {
                eprintln!("first_call: a round failed: {}", String::from_utf8_lossy(&out.stderr));
                return ExitCode::FAILURE;
            }
            for line in String::from_utf8_lossy(&out.stdout).lines() {
                let cols: Vec<&str> = line.split('\t').collect();
                let (first, second): (f64, f64) = (cols[1].parse().unwrap_or(f64::NAN), cols[2].parse().unwrap_or(f64::NAN));
                match rows.iter_mut().find(|r| r.0 == cols[0]) {
                    Some(row) => {
                        row.1.push(first);
                        row.2.push(second);
                    }
                    None => rows.push((cols[0].to_string(), vec![first], vec![second])),
                }
            }
        }
    }
    println!("First-call cost, native (release), {} on {rounds} cold processes; medians in ms:", file.display());
    println!("{:<22} {:>9} {:>9} {:>9}", "table", "first", "second", "cost");
    let mut total = 0.0;
    for (name, first, second) in rows {
        let (f, s) = (median(first), median(second));
        if name != "analyze" {
            total += f - s;
        } else {
            println!("{:<22} {:>9.2}", "sum of the tables", total);
        }
        println!("{name:<22} {f:>9.3} {s:>9.3} {:>9.3}", f - s);
    }
    ExitCode::SUCCESS
}
