//! `claimgraph watch`: poll feeds, fetch new articles, extract and store them, forever (or
//! once with `--once`). The fetching is `claimgraph_watch`; the analysis is the shared
//! [`Pipeline`] that `ingest` uses.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use claimgraph_watch::{Level, PollReport, WatchConfig, Watcher};
use serde::Serialize;

use crate::Outcome;
use crate::args::WatchArgs;
use crate::pipeline::Pipeline;

/// One poll's summary, as printed with `--json`.
#[derive(Debug, Serialize)]
struct Summary {
    feeds_ok: u64,
    feeds_not_modified: u64,
    feeds_failed: u64,
    new_items: u64,
    ingested: u64,
    skipped: u64,
    failed: u64,
    already_seen: u64,
}

impl From<PollReport> for Summary {
    fn from(r: PollReport) -> Self {
        Summary {
            feeds_ok: r.feeds_ok,
            feeds_not_modified: r.feeds_not_modified,
            feeds_failed: r.feeds_failed,
            new_items: r.new_items,
            ingested: r.ingested,
            skipped: r.skipped,
            failed: r.failed,
            already_seen: r.already_seen,
        }
    }
}

/// Runs `watch`.
pub fn run(db: &Path, a: &WatchArgs) -> Result<Outcome> {
    let pipeline = Pipeline::load(&a.kb_extra)?;
    let mut store = crate::store::open(db)?;
    let config = WatchConfig {
        timeout: a.timeout,
        max_bytes: a.max_bytes,
        retries: a.retries,
        politeness: a.delay,
        ..WatchConfig::default()
    };
    let mut watcher = Watcher::new(config);
    loop {
        let report = watcher
            .poll(
                &mut *store,
                &a.feeds,
                |store, loaded| {
                    for w in &loaded.warnings {
                        eprintln!("warning: {}: {w}", loaded.source);
                    }
                    let x = pipeline.extract(&loaded.document);
                    store.put_extraction(&x, &loaded.source, false).map_err(|e| e.to_string())?;
                    Ok(x.document.id)
                },
                |level, message| match level {
                    Level::Info => eprintln!("watch: {message}"),
                    Level::Warn => eprintln!("warning: {message}"),
                },
            )
            .context("the store failed; stopping")?;
        let summary = Summary::from(report);
        if a.json {
            let mut out = std::io::stdout().lock();
            writeln!(out, "{}", serde_json::to_string(&summary)?)?;
            out.flush()?;
        }
        eprintln!(
            "watch: {} feeds read, {} unchanged, {} failed; {} new items: {} stored, {} skipped, {} failed (retried later); {} seen before",
            summary.feeds_ok,
            summary.feeds_not_modified,
            summary.feeds_failed,
            summary.new_items,
            summary.ingested,
            summary.skipped,
            summary.failed,
            summary.already_seen
        );
        if a.once {
            let bad = summary.feeds_failed + summary.skipped + summary.failed > 0;
            return Ok(if bad { Outcome::PartialFailure } else { Outcome::Success });
        }
        std::thread::sleep(a.every);
    }
}
