//! `claimgraph reextract`: extract stored documents again from their stored text.
//!
//! Every stored extraction says what made it (`producer`: program, version, parser, beam
//! width, and the digest of the models and dictionaries). After an upgrade, or a change of
//! `--parser`, `--beam` or `--kb-extra`, this brings a store up to date without the original
//! files (a feed's articles may exist nowhere else): the documents whose producer is not the
//! one this run would write, or all with `--all`, go through `ingest`'s pipeline again and
//! replace their stored extraction, one transaction per batch, and their incidents are
//! merged again. A document that cannot be read back or extracted keeps what was stored.

use std::collections::{BTreeMap, VecDeque};
use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::Result;
use claimgraph_core::extraction::Producer;
use claimgraph_core::{Document, Meta};
use claimgraph_ingest::{ErrorKind, IngestError, Loaded};
use claimgraph_merge::Merger;
use claimgraph_store::DocumentKey;
use serde::Serialize;

use crate::Outcome;
use crate::args::ReextractArgs;
use crate::commands::ingest::{self, DocumentStream};
use crate::commands::query::made_by;
use crate::pipeline::Pipeline;
use crate::store::{AnyStore, open_existing};

/// Stored documents read per page of the walk.
const PAGE: usize = 500;

/// Runs `reextract`.
pub fn run(db: &Path, a: &ReextractArgs) -> Result<Outcome> {
    let pipeline = Pipeline::load(&a.kb_extra)?;
    let current = pipeline.producer();
    let reader = open_existing(db)?;
    if a.dry_run {
        return dry_run(&reader, &current, a);
    }
    let mut store = open_existing(db)?;
    let merger = Merger::new(pipeline.kb());
    let merger = (!a.run.no_merge).then_some(&merger);
    let up_to_date = Arc::new(AtomicUsize::new(0));
    let stale = Stale::new(reader, current, a.all, Arc::clone(&up_to_date));
    let (mut summary, _) = ingest::ingest_stream_with(
        &mut *store,
        db,
        stale,
        &pipeline,
        true,
        a.run.jobs,
        merger,
        ingest::progress_bar(),
    )?;
    summary.unchanged += up_to_date.load(Ordering::Relaxed);
    if a.run.json {
        writeln!(std::io::stdout().lock(), "{}", serde_json::to_string(&summary)?)?;
    } else {
        eprintln!("{}", summary.line().replacen("ingest:", "reextract:", 1));
    }
    Ok(if summary.failed > 0 { Outcome::PartialFailure } else { Outcome::Success })
}

/// Whether a stored extraction is to be made again: always with `--all`, else when another
/// producer made it (or it does not say).
fn is_stale(stored: Option<&Producer>, current: &Producer, all: bool) -> bool {
    all || stored != Some(current)
}

/// What `--dry-run` prints.
#[derive(Debug, Serialize)]
struct Plan {
    /// Documents in the store.
    documents: usize,
    /// Documents a run would extract again.
    stale: usize,
    /// What made those, most documents first.
    made_by: Vec<MadeBy>,
    /// What this run would write.
    current: Producer,
}

/// Stale documents of one producer.
#[derive(Debug, Serialize)]
struct MadeBy {
    /// Null: the extraction does not say (stored before claimgraph recorded it).
    producer: Option<Producer>,
    documents: usize,
}

fn dry_run(store: &AnyStore, current: &Producer, a: &ReextractArgs) -> Result<Outcome> {
    let mut documents = 0;
    let mut groups: BTreeMap<String, MadeBy> = BTreeMap::new();
    let mut walk = KeyWalk::default();
    while let Some(page) = walk.next_page(store)? {
        for k in page {
            documents += 1;
            if is_stale(k.producer.as_ref(), current, a.all) {
                let key = serde_json::to_string(&k.producer)?;
                groups.entry(key).or_insert(MadeBy { producer: k.producer, documents: 0 }).documents += 1;
            }
        }
    }
    let mut made_by_list: Vec<MadeBy> = groups.into_values().collect();
    made_by_list.sort_by_key(|g| std::cmp::Reverse(g.documents));
    let plan = Plan {
        documents,
        stale: made_by_list.iter().map(|g| g.documents).sum(),
        made_by: made_by_list,
        current: current.clone(),
    };
    let mut out = std::io::stdout().lock();
    if a.run.json {
        writeln!(out, "{}", serde_json::to_string(&plan)?)?;
        return Ok(Outcome::Success);
    }
    writeln!(
        out,
        "reextract --dry-run: {} of {} stored documents would be extracted again",
        plan.stale, documents
    )?;
    for g in &plan.made_by {
        let who = match &g.producer {
            Some(p) => made_by(Some(p)),
            None => "(not recorded)".to_string(),
        };
        writeln!(out, "{:>9}  made by {who}", g.documents)?;
    }
    writeln!(out, "this run would write: {}", made_by(Some(&plan.current)))?;
    Ok(Outcome::Success)
}

/// The store's document keys a page at a time, in id order (keyset pagination: documents
/// replaced meanwhile keep their ids, so the walk never repeats or skips one).
#[derive(Debug, Default)]
struct KeyWalk {
    after: Option<String>,
    done: bool,
}

impl KeyWalk {
    /// The next page, `None` once the store has no more.
    fn next_page(&mut self, store: &AnyStore) -> claimgraph_store::Result<Option<Vec<DocumentKey>>> {
        if self.done {
            return Ok(None);
        }
        let page = store.documents_after(self.after.as_deref(), PAGE).inspect_err(|_| self.done = true)?;
        self.done = page.len() < PAGE;
        self.after = page.last().map(|k| k.id.clone());
        Ok((!page.is_empty()).then_some(page))
    }
}

/// The stored documents to extract again, read back one page of keys at a time on a
/// connection of their own (keyset pagination: the writer's replacements, which keep their
/// ids, never make the walk repeat or skip a document).
struct Stale {
    store: AnyStore,
    current: Producer,
    all: bool,
    /// Documents passed over because this run's producer made them.
    up_to_date: Arc<AtomicUsize>,
    walk: KeyWalk,
    page: VecDeque<DocumentKey>,
    stats: claimgraph_ingest::Stats,
}

impl Stale {
    fn new(store: AnyStore, current: Producer, all: bool, up_to_date: Arc<AtomicUsize>) -> Stale {
        Stale {
            store,
            current,
            all,
            up_to_date,
            walk: KeyWalk::default(),
            page: VecDeque::new(),
            stats: claimgraph_ingest::Stats::default(),
        }
    }

    /// The stored document of `key`, as `ingest` would have read it: the stored text and
    /// metadata, under the source it was read from.
    fn load(&self, key: DocumentKey) -> Result<Loaded, IngestError> {
        let fail = |message: String| IngestError::new(key.source.clone(), ErrorKind::Stored(message));
        let x = match self.store.extraction(&key.id) {
            Ok(Some(x)) => x,
            Ok(None) => return Err(fail(format!("{} was deleted meanwhile", key.id))),
            Err(e) => return Err(fail(format!("{}: {e}", key.id))),
        };
        let d = x.document;
        let meta = Meta {
            title: d.title,
            url: d.url,
            publisher: d.publisher,
            published: d.published,
            language: d.language,
        };
        let document = Document::new(&d.text, meta);
        // Normalizing stored (normalized) text gives it back; if a new version normalizes
        // differently the document would get another id and be stored twice.
        if document.id() != key.id {
            return Err(fail(format!(
                "{}: this version normalizes its text differently; ingest it again from its source",
                key.id
            )));
        }
        Ok(Loaded { source: key.source, document, warnings: Vec::new() })
    }
}

impl Iterator for Stale {
    type Item = Result<Loaded, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(key) = self.page.pop_front() {
                if !is_stale(key.producer.as_ref(), &self.current, self.all) {
                    self.up_to_date.fetch_add(1, Ordering::Relaxed);
                    continue;
                }
                let item = self.load(key);
                match &item {
                    Ok(_) => self.stats.documents += 1,
                    Err(_) => self.stats.errors += 1,
                }
                return Some(item);
            }
            match self.walk.next_page(&self.store) {
                Ok(Some(page)) => self.page = page.into(),
                Ok(None) => return None,
                Err(e) => {
                    self.stats.errors += 1;
                    return Some(Err(IngestError::new("the store", ErrorKind::Stored(e.to_string()))));
                }
            }
        }
    }
}

impl DocumentStream for Stale {
    fn stats(&self) -> claimgraph_ingest::Stats {
        self.stats
    }
}
