//! Parser experiments without retraining the taggers each time:
//! `cargo run --release -p claimgraph-nlp --example parser_exp -- [--beam N] [--epochs N]
//! [--seed N] [--patience N] [--prune W] [--data DIR] [--cache FILE] [--out FILE]`.
//!
//! The jackknifed training tags (the slow part of `train parser`) are computed once and kept
//! in `--cache` (default `target/parser-train-jackknifed.conllu`); dev is tagged by the
//! embedded tagger, as at run time. Prints dev UAS/LAS per epoch and the seconds each took,
//! and writes the pruned parser to `--out` (default `target/parser-exp.bin`).

use std::path::PathBuf;
use std::time::Instant;

use claimgraph_nlp::parser::train::{ParserConfig, train_parser_model};
use claimgraph_nlp::train::{jackknife, load_splits, retag};
use claimgraph_nlp::{Parser, Tagger};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut cfg = ParserConfig::default();
    let mut data = PathBuf::from("../shared/data");
    let mut cache = PathBuf::from("target/parser-train-jackknifed.conllu");
    let mut out = PathBuf::from("target/parser-exp.bin");
    let mut prune = 2.0f32;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--beam" => cfg.beam = value()?.parse()?,
            "--epochs" => cfg.epochs = value()?.parse()?,
            "--seed" => cfg.seed = value()?.parse()?,
            "--patience" => cfg.patience = value()?.parse()?,
            "--data" => data = value()?.into(),
            "--cache" => cache = value()?.into(),
            "--out" => out = value()?.into(),
            "--prune" => prune = value()?.parse()?,
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let (train, dev, what) = load_splits(&data)?;
    println!("{what}");
    let t0 = Instant::now();
    let train_tagged = match std::fs::read_to_string(&cache) {
        Ok(text) => claimgraph_text::conllu::parse(&text)?,
        Err(_) => {
            let t = jackknife(&train, &dev, 5, cfg.seed);
            std::fs::write(&cache, claimgraph_text::conllu::write(&t))?;
            t
        }
    };
    println!("training tags ready in {:.0} s ({} sentences)", t0.elapsed().as_secs_f64(), train_tagged.len());
    let dev_tagged = retag(&Tagger::embedded()?, &dev);
    let t1 = Instant::now();
    let (parser, log) = train_parser_model(&train_tagged, &dev_tagged, &cfg);
    for (e, uas, las) in &log.epochs {
        println!("epoch {e}: dev UAS {:.2} LAS {:.2}", uas * 100.0, las * 100.0);
    }
    println!(
        "best epoch {}, {:.0} s of training (beam {})",
        log.best_epoch,
        t1.elapsed().as_secs_f64(),
        cfg.beam
    );
    parser.save(&out.with_extension("unpruned.bin"))?;
    let pruned: Parser = parser.pruned(prune);
    pruned.save(&out)?;
    println!("wrote {} (pruned at {prune}) and its unpruned twin", out.display());
    Ok(())
}
