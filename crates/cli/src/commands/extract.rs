//! `claimgraph extract`: one v1 extraction per document on stdout, nothing stored.

use std::io::Write;

use anyhow::Result;

use crate::Outcome;
use crate::args::ExtractArgs;
use crate::commands::input;
use crate::pipeline::Pipeline;

/// Runs `extract`: documents in input order, one JSON object per line.
pub fn run(a: &ExtractArgs) -> Result<Outcome> {
    let pipeline = Pipeline::load(&a.input.kb_extra)?;
    let mut inputs = input::open(&a.input)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let (mut ok, mut failed) = (0usize, 0usize);
    for item in inputs.by_ref() {
        match item {
            Ok(loaded) => {
                for w in &loaded.warnings {
                    eprintln!("warning: {}: {w}", loaded.source);
                }
                let x = pipeline.extract(&loaded.document);
                if a.pretty {
                    serde_json::to_writer_pretty(&mut out, &x)?;
                } else {
                    serde_json::to_writer(&mut out, &x)?;
                }
                writeln!(out)?;
                ok += 1;
            }
            Err(e) => {
                eprintln!("error: {e}");
                failed += 1;
            }
        }
    }
    out.flush()?;
    let skipped = inputs.stats().skipped_files;
    let skipped =
        if skipped > 0 { format!(", {skipped} files skipped (unknown extension)") } else { String::new() };
    eprintln!("extract: {ok} documents extracted, {failed} failed{skipped}");
    Ok(if failed > 0 { Outcome::PartialFailure } else { Outcome::Success })
}
