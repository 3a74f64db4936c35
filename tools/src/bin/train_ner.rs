//! Trains the entity model on CoNLL-2003 and writes src/data/ner/model.bin; or scores a model.
//!
//!     cargo run --release -p quotelens-tools --bin train_ner -- [--cv K] [--epochs N] [--bits B] [--seed S]
//!
//! Epochs (up to `--epochs`, from `--min-epochs`) and pruning (the smallest model within
//! `--prune-tolerance`, an absolute F1 drop, of the least pruned) are chosen by K-fold
//! cross-validation over the training documents (seeded folds, default K = 5); dev is scored
//! once at the end and chooses nothing. `--cv 0` trains exactly `--epochs` epochs and prunes
//! below `--prune`. The written weights are then rounded to multiples of `--step` units
//! (default 3). `--dump DIR` keeps the float weights of each fold's last epoch and of the
//! final model, for:
//!     cargo run --release -p quotelens-tools --bin train_ner -- requant DIR SPEC... [-- OPTIONS]
//! which scores each quantiser SPEC (`P`: pruned below P; `S:P`: and rounded to multiples of S)
//! on the same folds and on dev, without training again; and
//!     cargo run --release -p quotelens-tools --bin train_ner -- streams MODEL CONLL_FILE [SPEC...]
//! which prints where a model file's bytes go (each stream's entropy) and scores it requantised.
//!     cargo run --release -p quotelens-tools --bin train_ner -- eval [MODEL] [CONLL_FILE]
//!     echo "Some text." | cargo run --release -p quotelens-tools --bin train_ner -- show [MODEL]
//!
//! With `QL_ERRORS=FILE` set, every scoring appends its errors to FILE, a line each: `G` and
//! the gold name's fault (`type`, `span` or `missed`, gold>predicted type), or `P spurious`;
//! then the name and six tokens either side (issue 15's per-type error counts:
//! `QL_ERRORS=/tmp/e.tsv train_ner requant DIR 3:5`, then `cut -f1-3 /tmp/e.tsv | sort | uniq -c`).
//!
//! Run from the repository root (paths default to ../shared/data/conll2003/ and src/data/ner/).
//! scripts/train-ner.sh wraps the first form.

use quotelens_tools::ner as train;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = if args.first().map(String::as_str) == Some("show") {
        let mut input = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut input)
            .map_err(|e| e.to_string())
            .and_then(|_| train::show(args.get(1).map_or("src/data/ner/model.bin", String::as_str), &input))
    } else if args.first().map(String::as_str) == Some("eval") {
        let model = args.get(1).map_or("src/data/ner/model.bin", String::as_str);
        let data = args.get(2).map_or("../shared/data/conll2003/dev.txt", String::as_str);
        train::eval(model, data)
    } else if args.first().map(String::as_str) == Some("streams") {
        // streams MODEL CONLL_FILE SPEC...: see `train::streams_of`.
        match (args.get(1), args.get(2)) {
            (Some(model), Some(data)) => train::streams_of(model, data, &args[3..]),
            _ => Err("streams needs a model and a CoNLL file".into()),
        }
    } else if args.first().map(String::as_str) == Some("requant") {
        // requant DIR SPEC... [-- OPTIONS]: see `train::requant`.
        let split = args.iter().position(|a| a == "--").unwrap_or(args.len());
        match (args.get(1), parse_options(args.get(split + 1..).unwrap_or(&[]))) {
            (Some(dir), Ok(options)) => train::requant(dir, &args[2..split], &options),
            (None, _) => Err("requant needs a directory of float weights (run --dump DIR)".into()),
            (_, Err(e)) => Err(e),
        }
    } else {
        parse_options(&args).and_then(|options| train::run(&options))
    };
    if let Err(message) = result {
        eprintln!("train_ner: {message}");
        std::process::exit(1);
    }
}

fn parse_options(args: &[String]) -> Result<train::Options, String> {
    let mut options = train::Options::default();
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        let number = |v: &String| v.parse::<u64>().map_err(|_| format!("{flag}: not a number: {v}"));
        match flag.as_str() {
            "--train" => options.train = value()?.clone(),
            "--dev" => options.dev = value()?.clone(),
            "--out" => options.out = value()?.clone(),
            "--epochs" => options.max_epochs = number(value()?)? as usize,
            "--bits" => options.hash_bits = number(value()?)? as u32,
            "--seed" => options.seed = number(value()?)?,
            "--cv" => options.cv_folds = number(value()?)? as usize,
            "--min-epochs" => options.min_epochs = number(value()?)?.max(1) as usize,
            "--recase" => options.recase = true,
            "--choose" => options.choose = true,
            "--dump" => options.dump = Some(value()?.clone()),
            "--step" => options.step = (number(value()?)? as i32).clamp(1, 127),
            "--no-stack" => options.stack = false,
            "--seeds" => options.seeds = number(value()?)?.max(1) as usize,
            "--prune" => options.prune_threshold = number(value()?)? as i32,
            "--prune-tolerance" => {
                let v = value()?;
                options.prune_tolerance = v
                    .parse::<f64>()
                    .ok()
                    .filter(|t| (0.0..1.0).contains(t))
                    .ok_or_else(|| format!("{flag}: not an F1 drop in 0..1: {v}"))?;
            }
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    if !(12..=22).contains(&options.hash_bits) {
        return Err("--bits must be in 12..=22".into());
    }
    Ok(options)
}
