//! Trains the quote-kind model on PolNeAR train and writes src/data/quote_kinds.tsv, or runs
//! cross-validation by article and writes each held-out article's gold and prediction.
//!
//!     cargo run --release -p quotelens-tools --bin train_kinds -- [--seed S] [--epochs N]
//!     cargo run --release -p quotelens-tools --bin train_kinds -- --folds 5 [--cv-dir DIR] [--quick] [--examples FILE]
//!     cargo run --release -p quotelens-tools --bin train_kinds -- --explain TEXT_FILE [MODEL_TSV]
//!
//! Run from the repository root (paths default to ../shared/data/polnear/ and src/data/).
//! scripts/train-kinds.sh wraps both forms.

use quotelens_tools::kinds;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("--explain") => match &args[1..] {
            [text] => kinds::explain(text, "src/data/quote_kinds.tsv"),
            [text, model] => kinds::explain(text, model),
            _ => Err("--explain TEXT_FILE [MODEL_TSV]".into()),
        },
        _ => parse_options(&args).and_then(|o| kinds::run(&o)),
    };
    if let Err(message) = result {
        eprintln!("train_kinds: {message}");
        std::process::exit(1);
    }
}

fn parse_options(args: &[String]) -> Result<kinds::Options, String> {
    let mut options = kinds::Options::default();
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        let number = |v: &String| v.parse::<u64>().map_err(|_| format!("{flag}: not a number: {v}"));
        match flag.as_str() {
            "--train" => options.train = value()?.clone(),
            "--dev" => options.dev = value()?.clone(),
            "--out" => options.out = value()?.clone(),
            "--cv-dir" => options.cv_dir = value()?.clone(),
            "--seed" => options.seed = number(value()?)?,
            "--epochs" => options.epochs = number(value()?)? as usize,
            "--folds" => options.folds = number(value()?)? as usize,
            "--min-count" => options.min_count = number(value()?)? as usize,
            "--l2" => options.l2 = value()?.parse().map_err(|_| format!("{flag}: not a number"))?,
            "--decimals" => options.decimals = number(value()?)?.min(9) as i32,
            "--quick" => options.quick = true,
            "--examples" => options.examples = Some(value()?.clone()),
            "--direct-bias" => options.direct_bias = value()?.parse().map_err(|_| format!("{flag}: not a number"))?,
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    if options.folds == 1 {
        return Err("--folds must be 0 (no cross-validation) or at least 2".into());
    }
    Ok(options)
}
