//! `claimgraph ingest`: extract on all cores, store on one writer.
//!
//! Documents stream from the readers through a rayon pool (extraction is a pure function)
//! into a bounded channel drained by the one thread that owns the store, so memory stays
//! bounded whatever the input size. Each document is written in its own transaction: a
//! killed process leaves whole documents or nothing of them, and a re-run skips what is
//! already stored (same id) unless `--reextract`.

use std::io::IsTerminal;
use std::path::Path;
use std::sync::Mutex;
use std::sync::mpsc::sync_channel;
use std::time::{Duration, Instant};

use std::io::Write;

use anyhow::{Context, Result};
use claimgraph_core::Extraction;
use claimgraph_ingest::{IngestError, Loaded};
use claimgraph_merge::Merger;
use claimgraph_store::{Counts, IncidentStore, PutOutcome, SqliteStore, Store};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;

use crate::Outcome;
use crate::args::IngestArgs;
use crate::commands::input;
use crate::pipeline::Pipeline;

/// What one ingest run did.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Summary {
    /// Documents newly stored.
    pub inserted: usize,
    /// Documents already stored and left as they were.
    pub unchanged: usize,
    /// Documents re-extracted and replaced (`--reextract`).
    pub replaced: usize,
    /// Inputs that failed (reading, or writing to the store).
    pub failed: usize,
    /// Stored documents that were copies of an earlier one (near-duplicates).
    pub duplicates: usize,
    /// Events that joined an incident reported by an earlier document.
    pub attached: usize,
    /// Incidents opened.
    pub opened: usize,
    /// Files a directory walk passed over (unknown extension).
    pub skipped_files: usize,
    /// Wall time in seconds.
    pub seconds: f64,
    /// What the store holds afterwards.
    pub store: Counts,
}

impl Summary {
    /// The one-line summary printed after every run.
    pub fn line(&self) -> String {
        let read = self.inserted + self.unchanged + self.replaced;
        let rate = if self.seconds > 0.0 { read as f64 / self.seconds } else { 0.0 };
        let skipped = if self.skipped_files > 0 {
            format!(", {} files skipped", self.skipped_files)
        } else {
            String::new()
        };
        let merged = if self.opened + self.attached + self.duplicates > 0 {
            format!(
                "; merged: {} incidents opened, {} events attached to earlier incidents, {} near-duplicate documents",
                self.opened, self.attached, self.duplicates
            )
        } else {
            String::new()
        };
        format!(
            "ingest: {read} documents ({} new, {} unchanged, {} replaced), {} failed{skipped} in {:.1}s ({rate:.1} docs/s){merged}; \
             the store holds {} documents, {} entities, {} events, {} claims",
            self.inserted,
            self.unchanged,
            self.replaced,
            self.failed,
            self.seconds,
            self.store.documents,
            self.store.entities,
            self.store.events,
            self.store.claims
        )
    }
}

/// What a worker hands to the writer.
enum Work {
    /// A new extraction to store.
    Extracted { source: String, extraction: Box<Extraction>, warnings: Vec<String> },
    /// Already stored and not to be re-extracted.
    AlreadyStored { source: String, warnings: Vec<String>, doc_id: String },
    /// The input could not be read.
    Failed(IngestError),
}

/// Runs `ingest`.
pub fn run(db: &Path, a: &IngestArgs) -> Result<Outcome> {
    let mut out = std::io::stdout().lock();
    let inputs = input::open(&a.input)?;
    let pipeline = Pipeline::load(&a.input.kb_extra)?;
    let mut store =
        SqliteStore::open(db).with_context(|| format!("cannot open the store {}", db.display()))?;
    let merger = Merger::new(pipeline.kb());
    let merger = (!a.no_merge).then_some(&merger);
    let (summary, _) = ingest_stream(&mut store, db, inputs, &pipeline, a.reextract, a.jobs, merger)?;
    if a.json {
        writeln!(out, "{}", serde_json::to_string(&summary)?)?;
    } else {
        eprintln!("{}", summary.line());
    }
    Ok(if summary.failed > 0 { Outcome::PartialFailure } else { Outcome::Success })
}

/// Ingests a stream of documents into `store`, printing one error line per failed input.
/// Each stored document is merged into incidents right after it is written when `merger`
/// is given. Returns the summary and the ids of the documents read, in the order they were
/// stored.
pub fn ingest_stream(
    store: &mut SqliteStore,
    db: &Path,
    inputs: claimgraph_ingest::Inputs,
    pipeline: &Pipeline,
    reextract: bool,
    jobs: Option<usize>,
    merger: Option<&Merger>,
) -> Result<(Summary, Vec<String>)> {
    let started = Instant::now();
    let threads = jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).max(1);
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build()?;
    // Workers ask a read connection whether a document is stored, so that a re-run after a
    // crash skips finished documents without extracting them again.
    let reader = Mutex::new(SqliteStore::open(db)?);
    let progress = progress_bar();
    let mut summary = Summary::default();
    let mut ids = Vec::new();
    let stats = std::thread::scope(|scope| -> Result<claimgraph_ingest::Stats> {
        let (tx, rx) = sync_channel::<Work>(threads * 4);
        let mut inputs = inputs;
        let (pool, reader) = (&pool, &reader);
        let producer = scope.spawn(move || {
            pool.install(|| {
                inputs.by_ref().par_bridge().for_each_with(tx, |tx, item| {
                    let work = match item {
                        Err(e) => Work::Failed(e),
                        Ok(Loaded { source, document, warnings, .. }) => {
                            let stored = !reextract
                                && reader
                                    .lock()
                                    .map(|r| r.contains(document.id()).unwrap_or(false))
                                    .unwrap_or(false);
                            if stored {
                                Work::AlreadyStored { source, warnings, doc_id: document.id().to_string() }
                            } else {
                                Work::Extracted {
                                    source,
                                    extraction: Box::new(pipeline.extract(&document)),
                                    warnings,
                                }
                            }
                        }
                    };
                    // The writer only hangs up on a fatal store error; then stop quietly.
                    let _ = tx.send(work);
                });
            });
            inputs.stats()
        });
        for work in rx {
            match work {
                Work::Failed(e) => {
                    progress.suspend(|| eprintln!("error: {e}"));
                    summary.failed += 1;
                }
                Work::AlreadyStored { source, warnings, doc_id } => {
                    print_warnings(&progress, &source, &warnings);
                    summary.unchanged += 1;
                    // A store from before merging: merge what this run would have merged.
                    if let Some(m) = merger
                        && !store.is_merged(&doc_id).unwrap_or(true)
                    {
                        let merged = store
                            .extraction(&doc_id)
                            .map_err(claimgraph_merge::MergeError::from)
                            .and_then(|x| x.map(|x| m.merge(store, &x)).transpose());
                        if let Err(e) = merged {
                            progress
                                .suspend(|| eprintln!("error: {source}: not merged into incidents ({e})"));
                            summary.failed += 1;
                        }
                    }
                }
                Work::Extracted { source, extraction, warnings } => {
                    print_warnings(&progress, &source, &warnings);
                    // Re-extraction can unlink what the old extraction linked: note what to
                    // merge again before the old rows go.
                    let neighbourhood = match merger {
                        Some(m) if reextract => {
                            m.before_replace(store, &extraction.document.id).unwrap_or_default()
                        }
                        _ => Vec::new(),
                    };
                    let stored = store.put_extraction(&extraction, &source, reextract);
                    match stored {
                        Ok(PutOutcome::Inserted) => summary.inserted += 1,
                        Ok(PutOutcome::Unchanged) => summary.unchanged += 1,
                        Ok(PutOutcome::Replaced) => summary.replaced += 1,
                        Err(e) => {
                            progress.suspend(|| eprintln!("error: {source}: cannot store: {e}"));
                            summary.failed += 1;
                            continue;
                        }
                    }
                    // A document stored by an earlier run is merged only if that run did not.
                    let merge = merger.filter(|_| {
                        !matches!(stored, Ok(PutOutcome::Unchanged))
                            || !store.is_merged(&extraction.document.id).unwrap_or(false)
                    });
                    if let Some(m) = merge {
                        let merged =
                            if matches!(stored, Ok(PutOutcome::Replaced)) && !neighbourhood.is_empty() {
                                let mut docs = neighbourhood;
                                if !docs.contains(&extraction.document.id) {
                                    docs.push(extraction.document.id.clone());
                                }
                                m.remerge(store, &docs).map(|()| claimgraph_merge::MergeOutcome::default())
                            } else {
                                m.merge(store, &extraction)
                            };
                        match merged {
                            Ok(o) => {
                                summary.duplicates += usize::from(o.duplicate);
                                summary.attached += o.attached;
                                summary.opened += o.opened;
                            }
                            Err(e) => {
                                progress.suspend(|| {
                                    eprintln!(
                                        "error: {source}: stored, but not merged into incidents ({e}); `claimgraph merge` retries"
                                    )
                                });
                                summary.failed += 1;
                            }
                        }
                    }
                    ids.push(extraction.document.id.clone());
                }
            }
            let done = summary.inserted + summary.unchanged + summary.replaced + summary.failed;
            progress.set_position(done as u64);
        }
        producer.join().map_err(|_| anyhow::anyhow!("an extraction thread panicked"))
    })?;
    progress.finish_and_clear();
    summary.skipped_files = stats.skipped_files;
    summary.seconds = started.elapsed().as_secs_f64();
    summary.store = store.counts()?;
    Ok((summary, ids))
}

fn print_warnings(progress: &ProgressBar, source: &str, warnings: &[String]) {
    for w in warnings {
        progress.suspend(|| eprintln!("warning: {source}: {w}"));
    }
}

/// A spinner with count and rate on a terminal; nothing otherwise.
fn progress_bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {pos} documents [{elapsed_precise}] {per_sec}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}
