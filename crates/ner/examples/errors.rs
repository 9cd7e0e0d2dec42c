//! Prints the UNER dev sentences a model gets wrong, gold vs predicted entities.
//!
//! `cargo run --release -p claimgraph-ner --example errors -- MODEL [DATA_DIR] [SPLIT]`

use claimgraph_ner::{Ner, read_iob2, spans_from_tags, uner_path};
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let model = PathBuf::from(args.first().map_or("models/ner.bin", String::as_str));
    let data = PathBuf::from(args.get(1).map_or("../shared/data", String::as_str));
    let split = args.get(2).map_or("dev", String::as_str);
    let ner = Ner::load(&model)?;
    for s in read_iob2(&uner_path(&data, split))? {
        let pred = ner.tag(&s.words);
        if pred == s.tags {
            continue;
        }
        let show = |tags: &[claimgraph_ner::EntityTag]| -> String {
            spans_from_tags(tags)
                .iter()
                .map(|e| format!("[{} {}]", e.label, s.words[e.start_word..e.end_word].join(" ")))
                .collect::<Vec<_>>()
                .join(" ")
        };
        println!("{}\n  gold: {}\n  pred: {}", s.words.join(" "), show(&s.tags), show(&pred));
    }
    Ok(())
}
