//! Runs the extractor on a text file and prints the v1 extraction as one JSON line.
//!
//! `cargo run --release -p claimgraph-extract --example extract -- FILE [--published YYYY-MM-DD]`

use claimgraph_core::{Document, Meta};
use claimgraph_extract::Extractor;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args.iter().find(|a| !a.starts_with("--")).ok_or("usage: extract FILE [--published DATE]")?;
    let published = args.iter().position(|a| a == "--published").and_then(|i| args.get(i + 1)).cloned();
    let path = if Some(path) == published.as_ref() { args.first().ok_or("no file")? } else { path };
    let text = std::fs::read_to_string(path)?;
    let meta = Meta { published, ..Meta::default() };
    let doc = Document::new(&text, meta);
    let x = Extractor::new()?.extract(&doc);
    println!("{}", serde_json::to_string(&x)?);
    Ok(())
}
