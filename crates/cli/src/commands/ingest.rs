//! `claimgraph ingest`: extract on all cores, store on one writer.
//!
//! Documents stream from the readers through a rayon pool (extraction is a pure function)
//! into a bounded channel drained by the one thread that owns the store, so memory stays
//! bounded whatever the input size. The writer takes what is waiting in the channel, up to
//! [`BATCH`] documents, and hands it to [`Store::put_batch`], which writes a batch in one
//! transaction (on PostgreSQL one round trip per table). Either way a killed process leaves
//! whole documents or nothing of them, and a re-run skips what is already stored (same id)
//! unless `--reextract`.
//!
//! On a terminal, progress shows documents, rate and, once a background count of the
//! inputs is done (files in directories, lines of JSONL files), the total and an ETA.

use std::collections::VecDeque;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, sync_channel};
use std::time::{Duration, Instant};

use std::io::Write;

use anyhow::Result;
use claimgraph_core::Extraction;
use claimgraph_ingest::{IngestError, Loaded};
use claimgraph_merge::Merger;
use claimgraph_store::{Counts, PutOutcome};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;

use crate::Outcome;
use crate::args::IngestArgs;
use crate::commands::input;
use crate::pipeline::Pipeline;
use crate::store::CliStore;

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

impl Work {
    /// Bytes of document text this work holds.
    fn text_bytes(&self) -> usize {
        match self {
            Work::Extracted { extraction, .. } => extraction.document.text.len(),
            Work::AlreadyStored { .. } | Work::Failed(_) => 0,
        }
    }
}

/// Runs `ingest`.
pub fn run(db: &Path, a: &IngestArgs) -> Result<Outcome> {
    let mut out = std::io::stdout().lock();
    let inputs = input::open(&a.input)?;
    let pipeline = Pipeline::load(&a.input.kb_extra)?;
    let mut store = crate::store::open(db)?;
    let merger = Merger::new(pipeline.kb());
    let merger = (!a.run.no_merge).then_some(&merger);
    let progress = progress_bar();
    if !progress.is_hidden() {
        count_inputs_in_background(&a.input.paths, &progress);
    }
    let (summary, _) =
        ingest_stream_with(&mut *store, db, inputs, &pipeline, a.reextract, a.run.jobs, merger, progress)?;
    if a.run.json {
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
#[allow(clippy::too_many_arguments)]
pub fn ingest_stream(
    store: &mut dyn CliStore,
    db: &Path,
    inputs: claimgraph_ingest::Inputs,
    pipeline: &Pipeline,
    reextract: bool,
    jobs: Option<usize>,
    merger: Option<&Merger>,
) -> Result<(Summary, Vec<String>)> {
    ingest_stream_with(store, db, inputs, pipeline, reextract, jobs, merger, progress_bar())
}

/// Most documents the writer hands to the store at once. Each batch pays a dozen
/// statements (one per table, and the reference checks) and a commit whatever its size: at
/// 64 that was a tenth of a PostgreSQL server's CPU in an ingest, and 256 took 0.45 of its
/// 5.4 CPU-seconds off 20,000 reports (SQLite gains about as much).
pub const BATCH: usize = 256;

/// A batch also closes once its documents' texts hold this many bytes, so that a batch of
/// long documents (inputs may be 20 MB each) does not hold hundreds of them at once.
const BATCH_BYTES: usize = 32 << 20;

/// Extracted documents waiting for the writer: room for work to go on while the writer
/// waits for the store (a PostgreSQL server's answers); with room for a few documents only,
/// the workers stopped at every write. Fewer than [`BATCH`] is enough, as the writer drains
/// the queue while it fills a batch.
const QUEUE: usize = 128;

/// Inputs read ahead, and asked about together (whether the store holds them).
const CHUNK: usize = 64;

/// How long the writer waits for a batch to fill once its first document is there. The
/// writer is faster than extraction: taking only what is already waiting, it stored most
/// documents alone, one commit (and one full-text index segment) each, which cost it twice
/// the time of the rows themselves.
const BATCH_WAIT: Duration = Duration::from_millis(250);

/// Documents to store: the files and streams of `ingest` ([`claimgraph_ingest::Inputs`]), or
/// stored documents to extract again (`reextract`).
pub trait DocumentStream: Iterator<Item = Result<Loaded, IngestError>> + Send {
    /// What the stream passed over, once it is done.
    fn stats(&self) -> claimgraph_ingest::Stats;
}

impl DocumentStream for claimgraph_ingest::Inputs {
    fn stats(&self) -> claimgraph_ingest::Stats {
        claimgraph_ingest::Inputs::stats(self)
    }
}

/// [`ingest_stream`] over any [`DocumentStream`], reporting to `progress`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn ingest_stream_with(
    store: &mut dyn CliStore,
    db: &Path,
    inputs: impl DocumentStream,
    pipeline: &Pipeline,
    reextract: bool,
    jobs: Option<usize>,
    merger: Option<&Merger>,
    progress: ProgressBar,
) -> Result<(Summary, Vec<String>)> {
    let started = Instant::now();
    let threads = jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).max(1);
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build()?;
    // Inputs are read a chunk at a time and a read connection says which are stored, so
    // that a re-run after a crash skips finished documents without extracting them again.
    let reader = (!reextract).then(|| crate::store::open(db)).transpose()?;
    let mut summary = Summary::default();
    let mut ids = Vec::new();
    let stats = std::thread::scope(|scope| -> Result<claimgraph_ingest::Stats> {
        let (tx, rx) = sync_channel::<Work>(QUEUE);
        // Inputs are read on a thread of their own, so that a slow source (a pipe) never
        // holds back what has arrived, and the workers take them in chunks of what is there.
        let (input_tx, input_rx) = sync_channel::<Result<Loaded, IngestError>>(CHUNK);
        let mut inputs = inputs;
        let reading = scope.spawn(move || {
            for item in inputs.by_ref() {
                if input_tx.send(item).is_err() {
                    break;
                }
            }
            inputs.stats()
        });
        let pool = &pool;
        let producer = scope.spawn(move || {
            pool.install(|| {
                let checked = Checked { inputs: input_rx, reader, ready: VecDeque::new() };
                checked.par_bridge().for_each_with(tx, |tx, (item, stored)| {
                    let work = match item {
                        Err(e) => Work::Failed(e),
                        Ok(Loaded { source, document, warnings, .. }) => {
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
        });
        // Extractions stored but not merged yet: merged in batches, one commit each.
        let mut pending: Vec<(String, Box<Extraction>)> = Vec::new();
        while let Some((batch, full)) = next_batch(&rx) {
            // A batch that did not fill: the input is slow (a pipe, a feed), so merge what is
            // pending now rather than wait for a full merge batch.
            let input_slow = !full;
            let mut extracted: Vec<(Box<Extraction>, String)> = Vec::new();
            for work in batch {
                match work {
                    Work::Failed(e) => {
                        progress.suspend(|| eprintln!("error: {e}"));
                        summary.failed += 1;
                    }
                    Work::AlreadyStored { source, warnings, doc_id } => {
                        print_warnings(&progress, &source, &warnings);
                        summary.unchanged += 1;
                        // A store from before merging: merge what this run would have merged.
                        if merger.is_some() && !store.is_merged(&doc_id).unwrap_or(true) {
                            match store.extraction(&doc_id) {
                                Ok(Some(x)) => pending.push((source, Box::new(x))),
                                Ok(None) => {}
                                Err(e) => {
                                    progress.suspend(|| {
                                        eprintln!("error: {source}: not merged into incidents ({e})")
                                    });
                                    summary.failed += 1;
                                }
                            }
                        }
                    }
                    Work::Extracted { source, extraction, warnings } => {
                        print_warnings(&progress, &source, &warnings);
                        extracted.push((extraction, source));
                    }
                }
            }
            // Re-extraction can unlink what the old extraction linked: merge what is pending,
            // and note what to merge again before the old rows go.
            let mut neighbourhoods: Vec<Vec<String>> = vec![Vec::new(); extracted.len()];
            if let Some(m) = merger
                && reextract
            {
                flush(m, store, &mut pending, &mut summary, &progress);
                for ((x, _), n) in extracted.iter().zip(neighbourhoods.iter_mut()) {
                    *n = m.before_replace(&*store, &x.document.id).unwrap_or_default();
                }
            }
            let items: Vec<(&Extraction, &str)> = extracted.iter().map(|(x, s)| (&**x, s.as_str())).collect();
            let outcomes = store.put_batch(&items, reextract);
            for (((x, source), outcome), neighbourhood) in
                extracted.into_iter().zip(outcomes).zip(neighbourhoods)
            {
                match &outcome {
                    Ok(PutOutcome::Inserted) => summary.inserted += 1,
                    Ok(PutOutcome::Unchanged) => summary.unchanged += 1,
                    Ok(PutOutcome::Replaced) => summary.replaced += 1,
                    Err(e) => {
                        progress.suspend(|| eprintln!("error: {source}: cannot store: {e}"));
                        summary.failed += 1;
                        continue;
                    }
                }
                ids.push(x.document.id.clone());
                let Some(m) = merger else { continue };
                // A document stored by an earlier run is merged only if that run did not.
                if matches!(outcome, Ok(PutOutcome::Unchanged))
                    && store.is_merged(&x.document.id).unwrap_or(false)
                {
                    continue;
                }
                if matches!(outcome, Ok(PutOutcome::Replaced)) && !neighbourhood.is_empty() {
                    let mut docs = neighbourhood;
                    if !docs.contains(&x.document.id) {
                        docs.push(x.document.id.clone());
                    }
                    if let Err(e) = m.remerge(&mut *store, &docs) {
                        progress.suspend(|| {
                            eprintln!(
                                "error: {source}: stored, but not merged into incidents ({e}); `claimgraph merge` retries"
                            )
                        });
                        summary.failed += 1;
                    }
                } else {
                    pending.push((source, x));
                }
            }
            if let Some(m) = merger
                && (pending.len() >= MERGE_BATCH || input_slow)
            {
                flush(m, store, &mut pending, &mut summary, &progress);
            }
            let done = summary.inserted + summary.unchanged + summary.replaced + summary.failed;
            progress.set_position(done as u64);
        }
        if let Some(m) = merger {
            flush(m, store, &mut pending, &mut summary, &progress);
        }
        producer.join().map_err(|_| anyhow::anyhow!("an extraction thread panicked"))?;
        reading.join().map_err(|_| anyhow::anyhow!("the input thread panicked"))
    })?;
    progress.finish_and_clear();
    summary.skipped_files = stats.skipped_files;
    summary.seconds = started.elapsed().as_secs_f64();
    summary.store = store.counts()?;
    Ok((summary, ids))
}

/// Inputs, each with whether the store holds it already, asked a chunk at a time: one
/// question to the store (a round trip to a server) for all the inputs that are waiting, up
/// to [`CHUNK`], not one per document; a lone input that arrives slowly is asked alone.
struct Checked {
    inputs: Receiver<Result<Loaded, IngestError>>,
    /// `None` when everything is to be extracted again: nothing to ask.
    reader: Option<crate::store::AnyStore>,
    ready: VecDeque<(Result<Loaded, IngestError>, bool)>,
}

impl Iterator for Checked {
    type Item = (Result<Loaded, IngestError>, bool);

    fn next(&mut self) -> Option<Self::Item> {
        if self.ready.is_empty() {
            let mut chunk = vec![self.inputs.recv().ok()?];
            chunk.extend(self.inputs.try_iter().take(CHUNK - 1));
            let ids: Vec<&str> =
                chunk.iter().filter_map(|l| l.as_ref().ok().map(|l| l.document.id())).collect();
            // A failed question costs only a second extraction: the writer keeps the stored
            // document (same id, same text) as it is.
            let stored = match &self.reader {
                Some(r) if !ids.is_empty() => r.stored_among(&ids).unwrap_or_default(),
                _ => Default::default(),
            };
            self.ready = chunk
                .into_iter()
                .map(|l| {
                    let s = l.as_ref().is_ok_and(|l| stored.contains(l.document.id()));
                    (l, s)
                })
                .collect();
        }
        self.ready.pop_front()
    }
}

/// Blocks for the next piece of work, then takes what arrives within [`BATCH_WAIT`] of it,
/// up to [`BATCH`] items or [`BATCH_BYTES`] of text: full batches while extraction keeps
/// up, and a lone document (a feed item, the end of the input) waits at most that long.
/// `None` once every sender is gone and the channel is empty; else the batch, and whether
/// it is full (a batch that is not: the input is slow).
fn next_batch(rx: &Receiver<Work>) -> Option<(Vec<Work>, bool)> {
    let first = rx.recv().ok()?;
    let deadline = Instant::now() + BATCH_WAIT;
    let mut bytes = first.text_bytes();
    let mut batch = vec![first];
    loop {
        if batch.len() >= BATCH || bytes >= BATCH_BYTES {
            return Some((batch, true));
        }
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(w) => {
                bytes += w.text_bytes();
                batch.push(w);
            }
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return Some((batch, false)),
        }
    }
}

/// Counts the documents the inputs hold (files a directory walk takes, non-blank lines of
/// JSONL files, one per other file) on a thread of its own, streaming (nothing is kept),
/// and gives the progress bar a length, and so an ETA, when done. Standard input cannot be
/// counted ahead: then the bar keeps showing count and rate only.
fn count_inputs_in_background(paths: &[PathBuf], progress: &ProgressBar) {
    let (paths, progress) = (paths.to_vec(), progress.clone());
    std::thread::spawn(move || {
        let mut total = 0u64;
        for p in &paths {
            match count_documents(p) {
                Some(n) => total += n,
                None => return,
            }
        }
        progress.set_length(total);
        progress.set_style(
            ProgressStyle::with_template(
                "{spinner} {pos}/{len} documents [{elapsed_precise}] {per_sec} ETA {eta_precise} {wide_bar}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
    });
}

/// Documents under `path`; `None` when unknown (standard input, unreadable).
fn count_documents(path: &Path) -> Option<u64> {
    use claimgraph_ingest::walk::{Entry, Walk};
    use claimgraph_ingest::{Format, format_from_extension};
    if path.as_os_str() == "-" {
        return None;
    }
    let file = |p: &Path| -> Option<u64> {
        if format_from_extension(p) == Some(Format::Jsonl) { jsonl_lines(p) } else { Some(1) }
    };
    if !path.is_dir() {
        return file(path);
    }
    let mut n = 0;
    for entry in Walk::new(path) {
        if let Ok(Entry::File(f)) = entry
            && format_from_extension(&f).is_some()
        {
            n += file(&f)?;
        }
    }
    Some(n)
}

/// Non-blank lines of a file, read in blocks.
fn jsonl_lines(path: &Path) -> Option<u64> {
    use std::io::Read;
    let mut f = std::fs::File::open(path).ok()?;
    let mut buf = vec![0u8; 1 << 16];
    let (mut n, mut blank) = (0u64, true);
    loop {
        let k = f.read(&mut buf).ok()?;
        if k == 0 {
            break;
        }
        for &b in &buf[..k] {
            match b {
                b'\n' => {
                    n += u64::from(!blank);
                    blank = true;
                }
                b' ' | b'\t' | b'\r' => {}
                _ => blank = false,
            }
        }
    }
    Some(n + u64::from(!blank))
}

/// Documents merged per commit: merging a batch writes far fewer pages than one commit per
/// document, and a crash loses only unmerged state that the next run (or `claimgraph merge`)
/// recomputes. 256 rather than 64: a PostgreSQL batch pays a lock, a commit and two reads of
/// the merge generation, and at 64 that was a seventh of the server's CPU in an ingest.
pub const MERGE_BATCH: usize = 256;

/// Merges the pending documents in one batch and counts what it did.
fn flush(
    merger: &Merger,
    store: &mut dyn CliStore,
    pending: &mut Vec<(String, Box<Extraction>)>,
    summary: &mut Summary,
    progress: &ProgressBar,
) {
    if pending.is_empty() {
        return;
    }
    let xs: Vec<&Extraction> = pending.iter().map(|(_, x)| x.as_ref()).collect();
    match merger.merge_batch(store, &xs) {
        Ok(outcomes) => {
            for o in outcomes {
                summary.duplicates += usize::from(o.duplicate);
                summary.attached += o.attached;
                summary.opened += o.opened;
            }
        }
        Err(e) => {
            for (source, _) in pending.iter() {
                progress.suspend(|| {
                    eprintln!("error: {source}: stored, but not merged into incidents ({e}); `claimgraph merge` retries")
                });
            }
            summary.failed += pending.len();
        }
    }
    pending.clear();
}

fn print_warnings(progress: &ProgressBar, source: &str, warnings: &[String]) {
    for w in warnings {
        progress.suspend(|| eprintln!("warning: {source}: {w}"));
    }
}

/// A spinner with count and rate on a terminal; nothing otherwise.
pub(crate) fn progress_bar() -> ProgressBar {
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

#[cfg(test)]
mod tests {
    use super::*;
    use claimgraph_core::Document;

    fn extracted(text: &str) -> Work {
        let doc = Document::new(text, Default::default());
        Work::Extracted {
            source: "t".into(),
            extraction: Box::new(Extraction::empty(&doc)),
            warnings: Vec::new(),
        }
    }

    #[test]
    fn batches_fill_up_to_their_count_and_the_rest_waits_for_the_next() {
        let (tx, rx) = sync_channel::<Work>(BATCH + 50);
        for i in 0..BATCH + 44 {
            tx.send(Work::AlreadyStored { source: "t".into(), warnings: Vec::new(), doc_id: i.to_string() })
                .unwrap();
        }
        drop(tx);
        let (first, full) = next_batch(&rx).unwrap();
        assert_eq!((first.len(), full), (BATCH, true));
        // The senders are gone: the rest comes at once, as a batch that did not fill.
        let (rest, full) = next_batch(&rx).unwrap();
        assert_eq!((rest.len(), full), (44, false));
        assert!(next_batch(&rx).is_none());
    }

    #[test]
    fn long_documents_close_a_batch_by_their_bytes() {
        let (tx, rx) = sync_channel::<Work>(8);
        let long = "word ".repeat(BATCH_BYTES / 10 + 10);
        for _ in 0..3 {
            tx.send(extracted(&long)).unwrap();
        }
        drop(tx);
        let (first, full) = next_batch(&rx).unwrap();
        assert_eq!((first.len(), full), (2, true));
        assert!(first.iter().map(Work::text_bytes).sum::<usize>() >= BATCH_BYTES);
        let (rest, full) = next_batch(&rx).unwrap();
        assert_eq!((rest.len(), full), (1, false));
    }
}
