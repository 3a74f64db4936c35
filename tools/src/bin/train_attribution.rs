//! Trains the attribution tagger on PolNeAR attributions (train split) and writes
//! src/data/attribution/model.bin, after 5-fold cross-validation by article whose scores (the
//! shared scorer's, per fold and pooled) and calibration table it prints.
//!
//!     cargo run --release -p quotelens-tools --bin train_attribution -- [--epochs N] [--bits B] [--seed S] [--seeds N] [--folds K] [--prune P] [--step S] [--coarsen C] [--outside-penalties A,B,..] [--margin M] [--miss-weight W] [--linker-grid N] [--linker-prune T] [--skip-cv] [--reuse-folds] [--cv-only] [--linker-errors] [--kinds-cv DIR]
//!
//! Run from the repository root: paths default to ../shared/data/polnear/attributions/train.jsonl,
//! ../shared/eval/attributions/score_attributions.py and target/attribution-cv/.
//! scripts/train-attribution.sh wraps it.

use std::path::PathBuf;

use quotelens::internals::attribution::{run, Options};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Err(message) = parse(&args).and_then(|o| run(&o)) {
        eprintln!("train_attribution: {message}");
        std::process::exit(1);
    }
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut o = Options {
        data: PathBuf::from("../shared/data/polnear/attributions/train.jsonl"),
        out: PathBuf::from("src/data/attribution/model.bin"),
        epochs: 20,
        hash_bits: 17,
        seed: 14,
        seeds: 1,
        folds: 5,
        work: PathBuf::from("target/attribution-cv"),
        scorer: PathBuf::from("../shared/eval/attributions/score_attributions.py"),
        prune: 8,
        // Weights in steps of 2 units (src/data/README.md, "Weights in steps of two"): on train
        // CV, seeds 14 and 15, end-to-end F1 +0.003 / +0.001, content overlap F1 ±0.001, and
        // the tagger 2.3 KB smaller gzipped, which the page's 550 KB budget needs.
        step: 2,
        // After pruning, the kept weights on a grid 3 units apart from the threshold (8, 11, 14,
        // …; src/data/README.md, "Weights on a grid of three"): train CV end-to-end F1 −0.0010 /
        // +0.0022 / −0.0000 (seeds 14, 15, 16) and the tagger 5.1 KB smaller gzipped.
        coarsen: 3,
        quotes_gold: PathBuf::from("../shared/data/polnear/train.jsonl"),
        quotes_scorer: PathBuf::from("../shared/eval/quotes/run_eval.py"),
        skip_cv: false,
        // A penalty of 32 on `O` at decoding. Offered 0, 32, 64 and 128, the rule-linker proxy
        // chose 32 for every shipped pair until the nineteenth stop, when a draft of an entity
        // rule moved 0 ahead by 0.0005 (within the seeds' spread) for a tagger 3.3 KB larger
        // gzipped with indirect overlap recall 0.531 against 0.547: fixed, so that a near-tie
        // cannot flip the shipped model (`--outside-penalties 0,32,64,128` to choose again).
        outside_penalties: vec![32.0],
        // Cost-augmented updates (src/attribution/train.rs `Options::margin`): on train CV, seeds
        // 14 and 15, indirect overlap recall +0.010 / +0.011 with end-to-end F1 within ±0.001
        // (src/data/README.md, "The missed-and-invented round"); `--margin 0` is the plain
        // perceptron.
        margin: 30.0,
        miss_weight: 2.0,
        reuse_folds: false,
        linker_out: PathBuf::from("src/data/attribution/linker.tsv"),
        linker_epochs: 10,
        linker_grid: 1,
        linker_prune: 3.0,
        cv_only: false,
        linker_errors: false,
        kinds_cv: None,
    };
    let mut i = 0;
    while i < args.len() {
        let value = || args.get(i + 1).ok_or(format!("{} needs a value", args[i]));
        let number = |v: &String| v.parse::<u64>().map_err(|e| format!("{}: {e}", args[i]));
        match args[i].as_str() {
            "--epochs" => o.epochs = number(value()?)? as usize,
            "--bits" => o.hash_bits = number(value()?)? as u32,
            "--seed" => o.seed = number(value()?)?,
            "--seeds" => o.seeds = number(value()?)?.max(1) as usize,
            "--folds" => o.folds = number(value()?)? as usize,
            "--prune" => o.prune = number(value()?)? as i8,
            "--step" => o.step = number(value()?)?.clamp(1, 127) as i32,
            "--coarsen" => o.coarsen = number(value()?)?.clamp(1, 127) as i32,
            "--linker-epochs" => o.linker_epochs = number(value()?)? as usize,
            "--linker-grid" => o.linker_grid = number(value()?)?.max(1) as u32,
            "--linker-prune" => o.linker_prune = value()?.parse::<f32>().map_err(|e| format!("--linker-prune: {e}"))?,
            "--linker-out" => o.linker_out = PathBuf::from(value()?),
            "--outside-penalties" => {
                o.outside_penalties = value()?
                    .split(',')
                    .map(|v| v.trim().parse::<f32>().map_err(|e| format!("--outside-penalties: {e}")))
                    .collect::<Result<_, _>>()?
            }
            "--margin" => o.margin = value()?.parse::<f32>().map_err(|e| format!("--margin: {e}"))?,
            "--miss-weight" => o.miss_weight = value()?.parse::<f32>().map_err(|e| format!("--miss-weight: {e}"))?,
            "--kinds-cv" => o.kinds_cv = Some(PathBuf::from(value()?)),
            "--data" => o.data = PathBuf::from(value()?),
            "--out" => o.out = PathBuf::from(value()?),
            "--work" => o.work = PathBuf::from(value()?),
            "--scorer" => o.scorer = PathBuf::from(value()?),
            "--reuse-folds" => {
                o.reuse_folds = true;
                i += 1;
                continue;
            }
            "--linker-errors" => {
                o.linker_errors = true;
                i += 1;
                continue;
            }
            "--cv-only" => {
                o.cv_only = true;
                i += 1;
                continue;
            }
            "--skip-cv" => {
                o.skip_cv = true;
                i += 1;
                continue;
            }
            other => return Err(format!("unknown argument {other}")),
        }
        i += 2;
    }
    Ok(o)
}
