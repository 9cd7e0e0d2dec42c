//! Reads the given paths (`-` for stdin) with `read_inputs` and prints counts, bytes of
//! normalized text and the elapsed time: a quick throughput and memory probe.
//!
//! `cargo run --release -p claimgraph-ingest --example read_paths -- PATH...`

use std::path::PathBuf;
use std::time::Instant;

use claimgraph_ingest::{ReadOptions, read_inputs};

fn main() {
    let paths: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let start = Instant::now();
    let mut inputs = read_inputs(&paths, &ReadOptions::default());
    let mut chars = 0usize;
    let mut warnings = 0usize;
    for item in inputs.by_ref() {
        match item {
            Ok(l) => {
                chars += l.document.char_len();
                warnings += l.warnings.len();
            }
            Err(e) => eprintln!("error: {e}"),
        }
    }
    let s = inputs.stats();
    let secs = start.elapsed().as_secs_f64();
    println!(
        "documents {} errors {} skipped {} warnings {warnings} chars {chars} seconds {secs:.3} docs/s {:.0}",
        s.documents,
        s.errors,
        s.skipped_files,
        s.documents as f64 / secs
    );
}
