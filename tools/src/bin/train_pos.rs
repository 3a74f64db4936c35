//! Trains the POS tagger on the POS column of CoNLL-2003 train and writes src/data/syntax/pos.bin,
//! then prints its accuracy on CoNLL-2003 dev (held out), its size and its speed.
//!
//!     cargo run --release -p quotelens-tools --bin train_pos -- [--epochs N] [--bits B] [--prune P] [--step S] [--seed S] [--out PATH]
//!
//! Run from the repository root: paths default to ../shared/data/conll2003/{train,dev}.txt.
//! scripts/train-pos.sh wraps it.

use std::path::PathBuf;

use quotelens::internals::pos::{run, Options};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Err(message) = parse(&args).and_then(|o| run(&o)) {
        eprintln!("train_pos: {message}");
        std::process::exit(1);
    }
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut o = Options {
        train: PathBuf::from("../shared/data/conll2003/train.txt"),
        dev: PathBuf::from("../shared/data/conll2003/dev.txt"),
        out: PathBuf::from("src/data/syntax/pos.bin"),
        epochs: 8,
        hash_bits: 14,
        prune: 8,
        step: 1,
        seed: 14,
    };
    for pair in args.chunks(2) {
        let [name, value] = pair else { return Err(format!("{} needs a value", pair[0])) };
        let number = || value.parse::<u64>().map_err(|e| format!("{name}: {e}"));
        match name.as_str() {
            "--epochs" => o.epochs = number()? as usize,
            "--bits" => o.hash_bits = number()?.clamp(8, 24) as u32,
            "--prune" => o.prune = number()?.min(127) as i32,
            "--step" => o.step = number()?.clamp(1, 127) as i32,
            "--seed" => o.seed = number()?,
            "--train" => o.train = PathBuf::from(value),
            "--dev" => o.dev = PathBuf::from(value),
            "--out" => o.out = PathBuf::from(value),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(o)
}
