//! Prints GUM sentences with the entities the GUM reader derives (to check the mapping).
//!
//! `cargo run --release -p claimgraph-ner --example peek_gum -- [DATA_DIR] [N]`

use claimgraph_ner::corpus::gum::{GumSplit, read_gum};
use claimgraph_ner::spans_from_tags;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let data = PathBuf::from(args.first().map_or("../shared/data", String::as_str));
    let n: usize = args.get(1).map_or(Ok(40), |s| s.parse())?;
    for s in read_gum(&data.join("gum"), GumSplit::TrainDev)?.iter().step_by(97).take(n) {
        let ents: Vec<String> = spans_from_tags(&s.tags)
            .iter()
            .map(|e| format!("[{} {}]", e.label, s.words[e.start_word..e.end_word].join(" ")))
            .collect();
        println!("{}\n  {}", s.words.join(" "), ents.join(" "));
    }
    Ok(())
}
