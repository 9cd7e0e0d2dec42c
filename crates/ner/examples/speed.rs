//! Tagging throughput on UNER English-EWT test, repeated `N` times (default 20).
//! Prints wall-clock and process CPU-time rates (CPU time is the fairer figure on a
//! loaded machine; it is read from `/proc/self/stat` where available).
//!
//! `cargo run --release -p claimgraph-ner --example speed -- [MODEL] [DATA_DIR] [N]`

use claimgraph_ner::{Ner, read_iob2, uner_path};
use std::path::PathBuf;
use std::time::Instant;

/// User + system CPU seconds of this process (Linux), if readable.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let ner = match args.first() {
        Some(p) => Ner::load(&PathBuf::from(p))?,
        None => Ner::embedded()?,
    };
    let data = PathBuf::from(args.get(1).map_or("../shared/data", String::as_str));
    let n: usize = args.get(2).map_or(Ok(20), |s| s.parse())?;
    let sents = read_iob2(&uner_path(&data, "test"))?;
    let refs: Vec<Vec<&str>> = sents.iter().map(|s| s.word_refs()).collect();
    let words: usize = refs.iter().map(Vec::len).sum::<usize>() * n;
    let mut out = Vec::new();
    let mut entities = 0usize;
    let (t0, c0) = (Instant::now(), cpu_seconds());
    for _ in 0..n {
        for s in &refs {
            ner.tag_into(s, &mut out);
            entities += out.iter().filter(|t| matches!(t, claimgraph_ner::EntityTag::B(_))).count();
        }
    }
    let wall = t0.elapsed().as_secs_f64();
    println!("{words} words, {entities} entities");
    println!("wall: {wall:.3} s, {:.0} words/s", words as f64 / wall);
    if let (Some(a), Some(b)) = (c0, cpu_seconds()) {
        println!("cpu:  {:.3} s, {:.0} words/s", b - a, words as f64 / (b - a));
    }
    Ok(())
}
