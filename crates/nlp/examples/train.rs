//! Trains models: `cargo run --release -p claimgraph-nlp --example train -- [tagger|parser|all]
//! [--data DIR] [--out DIR] [--seed N]` (defaults: all, shared UD EWT, `models/`, seed 1).

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut what = "all".to_string();
    let mut data = PathBuf::from("../shared/data");
    let mut out = PathBuf::from("models");
    let mut seed = 1u64;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--data" => data = args.next().ok_or("--data needs a value")?.into(),
            "--out" => out = args.next().ok_or("--out needs a value")?.into(),
            "--seed" => seed = args.next().ok_or("--seed needs a value")?.parse()?,
            other => what = other.to_string(),
        }
    }
    let report = match what.as_str() {
        "tagger" => claimgraph_nlp::train_tagger(&data, &out, seed)?,
        "parser" => claimgraph_nlp::train_parser(&data, &out, seed)?,
        "all" => claimgraph_nlp::train_all(&data, &out, seed)?,
        other => return Err(format!("unknown model {other:?} (tagger, parser or all)").into()),
    };
    for line in &report.log {
        println!("{line}");
    }
    println!("trained on {} sentences in {:.1} s", report.train_sentences, report.seconds);
    Ok(())
}
