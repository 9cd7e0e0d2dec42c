//! `claimgraph export --format parquet` (a month-partitioned Parquet data lake, crate `claimgraph-parquet`).

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};
use claimgraph_parquet::{ExportFilter, Options};

use crate::Outcome;
use crate::args::ExportArgs;

/// Runs `export --format parquet`.
pub fn run(db: &Path, a: &ExportArgs) -> Result<Outcome> {
    // Dates and the event type were checked by the argument parser.
    let event_type = a.event_type;
    if a.out.as_os_str() == "-" {
        bail!("--format parquet writes a directory: give --out DIR, not -");
    }
    if a.out.is_file() {
        bail!("--out {}: is a file; parquet needs a directory", a.out.display());
    }
    let filter =
        ExportFilter { since: a.since.clone(), until: a.until.clone(), actor: a.actor.clone(), event_type };
    let store = crate::store::open_existing(db)?;
    let started = std::time::Instant::now();
    let reader: &dyn claimgraph_store::Store = &*store;
    let summary = claimgraph_parquet::export(reader, Some(&*store), &a.out, &filter, Options::default())
        .with_context(|| format!("cannot export to {}", a.out.display()))?;
    let mut err = std::io::stderr().lock();
    let rows = |t: &str| summary.rows.get(t).copied().unwrap_or(0);
    writeln!(
        err,
        "export: {} documents, {} entities, {} mentions, {} events, {} claims, {} claim links, {} incident rows \
         in {} month partitions, {} files, to {} in {:.1}s",
        rows("documents"),
        rows("entities"),
        rows("mentions"),
        rows("events"),
        rows("claims"),
        rows("claim_links"),
        rows("incidents"),
        summary.months,
        summary.files,
        a.out.display(),
        started.elapsed().as_secs_f64()
    )?;
    Ok(Outcome::Success)
}
