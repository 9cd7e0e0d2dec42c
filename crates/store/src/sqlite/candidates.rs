//! An in-memory copy of the merge blocking index, filled a block of days at a time.
//!
//! Merging a report asks, for each of its events, which merged events of its type family
//! fall in a window of days ([`IncidentStore::merge_candidates`]). An ingest asks that
//! tens of thousands of times over the same few months; each SQL lookup walks the
//! blocking index and reads rows from disk pages. This cache reads each block of
//! [`BLOCK_DAYS`] days of a family once, then answers from memory, and follows the merge
//! writes of its own connection (new events, renamed incidents).
//!
//! Near-duplicate detection reads the MinHash signatures of the documents those candidates
//! come from; the cache keeps those too (a signature never changes; its group only when
//! groups are joined, and then the signatures are read again).
//!
//! It is only ever a copy: whenever the database may have changed behind it — another
//! connection committed (`PRAGMA data_version` moved), this connection wrote anything the
//! cache did not see (`total_changes` moved), a merge batch was rolled back, merged events
//! were deleted — it is emptied and refilled from the database on demand. It holds at most
//! [`MAX_ROWS`] rows, so memory stays bounded whatever the store's size.
//!
//! [`IncidentStore::merge_candidates`]: crate::IncidentStore::merge_candidates

use std::collections::{BTreeMap, HashMap, HashSet};

use rusqlite::Connection;

use crate::error::Result;
use crate::incidents::{MergeEventRow, SignatureRow, WIDE_DAYS};

/// Days per block read at once.
pub(super) const BLOCK_DAYS: i64 = 8;

/// Most rows kept; past it the cache starts again empty.
pub(super) const MAX_ROWS: usize = 400_000;

/// Most signatures kept (about 600 bytes each).
pub(super) const MAX_SIGNATURES: usize = 100_000;

/// Incident renames followed before giving up (renames never cycle; a guard all the same).
const MAX_ALIAS_HOPS: usize = 64;

/// What the cache knows of the database it copies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Snapshot {
    data_version: i64,
    total_changes: u64,
}

/// The cached blocking index of one connection.
#[derive(Debug, Default)]
pub(super) struct CandidateCache {
    /// The database state the cached rows reflect; `None`: nothing cached.
    seen: Option<Snapshot>,
    /// Blocks read: (family, wide, block number).
    loaded: HashSet<(String, bool, i64)>,
    /// Cached rows by (family, wide), then first day.
    rows: HashMap<(String, bool), BTreeMap<i64, Vec<MergeEventRow>>>,
    /// Number of rows held.
    len: usize,
    /// Incidents renamed since their rows were read: old id to new id.
    renamed: HashMap<String, String>,
    /// Signatures of merged documents, by document id.
    signatures: HashMap<String, SignatureRow>,
}

fn snapshot(conn: &Connection) -> Result<Snapshot> {
    let data_version: i64 = conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
    Ok(Snapshot { data_version, total_changes: conn.total_changes() })
}

fn block_of(day: i64) -> i64 {
    day.div_euclid(BLOCK_DAYS)
}

impl CandidateCache {
    /// Forgets everything.
    pub(super) fn clear(&mut self) {
        *self = CandidateCache::default();
    }

    /// Empties the cache unless the database is as it last saw it.
    fn validate(&mut self, conn: &Connection) -> Result<()> {
        let now = snapshot(conn)?;
        if self.seen != Some(now) {
            self.clear();
            self.seen = Some(now);
        }
        Ok(())
    }

    /// True when the cache holds something and the database is as it last saw it: call
    /// before a write, and pass the answer to [`after_write`](Self::after_write).
    pub(super) fn is_current(&self, conn: &Connection) -> Result<bool> {
        Ok(self.seen.is_some() && self.seen == Some(snapshot(conn)?))
    }

    /// After a write of this connection: when the cache was current before it and
    /// `reflected` (the cache was told what changed, or nothing it holds did), it is current
    /// again; otherwise it is emptied.
    pub(super) fn after_write(
        &mut self,
        conn: &Connection,
        was_current: bool,
        reflected: bool,
    ) -> Result<()> {
        if was_current && reflected {
            self.seen = Some(snapshot(conn)?);
        } else {
            self.clear();
        }
        Ok(())
    }

    /// The cached answer to [`IncidentStore::merge_candidates`](crate::IncidentStore::merge_candidates),
    /// reading the blocks it lacks with `load(family, wide, first_day, last_day)`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn candidates(
        &mut self,
        conn: &Connection,
        family: &str,
        wide: bool,
        country: Option<&str>,
        lo_from: i64,
        lo_to: i64,
        hi_from: i64,
        load: impl Fn(&str, bool, i64, i64) -> Result<Vec<(MergeEventRow, Option<SignatureRow>)>>,
    ) -> Result<Vec<MergeEventRow>> {
        self.validate(conn)?;
        if lo_from > lo_to {
            return Ok(Vec::new());
        }
        for block in block_of(lo_from)..=block_of(lo_to) {
            let key = (family.to_string(), wide, block);
            if self.loaded.contains(&key) {
                continue;
            }
            let first = block * BLOCK_DAYS;
            let read = load(family, wide, first, first + BLOCK_DAYS - 1)?;
            if self.len + read.len() > MAX_ROWS {
                // Start again with what is needed now.
                let seen = self.seen;
                self.clear();
                self.seen = seen;
            }
            self.len += read.len();
            if self.signatures.len() + read.len() > MAX_SIGNATURES {
                self.signatures.clear();
            }
            let days = self.rows.entry((family.to_string(), wide)).or_default();
            for (row, signature) in read {
                if let Some(sig) = signature {
                    self.signatures.entry(sig.doc_id.clone()).or_insert(sig);
                }
                if let Some(lo) = row.day_lo {
                    days.entry(lo).or_default().push(row);
                }
            }
            self.loaded.insert(key);
        }
        let Some(days) = self.rows.get(&(family.to_string(), wide)) else { return Ok(Vec::new()) };
        let mut out = Vec::new();
        for row in days.range(lo_from..=lo_to).flat_map(|(_, rows)| rows) {
            if row.day_hi.is_none_or(|hi| hi < hi_from) {
                continue;
            }
            if let Some(c) = country
                && row.country.as_deref().is_some_and(|rc| rc != c)
            {
                continue;
            }
            let mut row = row.clone();
            row.incident = self.current(&row.incident);
            out.push(row);
        }
        Ok(out)
    }

    /// The cached answer to [`IncidentStore::signatures_of`](crate::IncidentStore::signatures_of),
    /// reading the signatures it lacks with `load`.
    pub(super) fn signatures(
        &mut self,
        conn: &Connection,
        doc_ids: &[String],
        load: impl Fn(&[String]) -> Result<Vec<SignatureRow>>,
    ) -> Result<Vec<SignatureRow>> {
        self.validate(conn)?;
        let missing: Vec<String> =
            doc_ids.iter().filter(|id| !self.signatures.contains_key(*id)).cloned().collect();
        if !missing.is_empty() {
            let read = load(&missing)?;
            if self.signatures.len() + read.len() > MAX_SIGNATURES {
                self.signatures.clear();
            }
            for row in read {
                self.signatures.insert(row.doc_id.clone(), row);
            }
        }
        let mut out: Vec<SignatureRow> =
            doc_ids.iter().filter_map(|id| self.signatures.get(id).cloned()).collect();
        out.sort_by(|a, b| a.doc_id.cmp(&b.doc_id));
        out.dedup_by(|a, b| a.doc_id == b.doc_id);
        Ok(out)
    }

    /// Adds the signature of a newly merged document, and renames the near-duplicate groups
    /// its merge joined (`renamed` are now `group`, published on `group_published`).
    pub(super) fn add_signature(&mut self, row: SignatureRow, renamed: &[String]) {
        if self.seen.is_none() {
            return;
        }
        if !renamed.is_empty() {
            for sig in self.signatures.values_mut() {
                if renamed.contains(&sig.dup_group) {
                    sig.dup_group = row.dup_group.clone();
                    sig.group_published = row.group_published.clone();
                }
            }
        }
        if self.signatures.len() >= MAX_SIGNATURES {
            self.signatures.clear();
        }
        self.signatures.insert(row.doc_id.clone(), row);
    }

    /// The id an incident has now, after renames.
    fn current(&self, incident: &str) -> String {
        let mut id = incident;
        for _ in 0..MAX_ALIAS_HOPS {
            match self.renamed.get(id) {
                Some(next) => id = next,
                None => break,
            }
        }
        id.to_string()
    }

    /// Adds merged events of a new document to the blocks already read (the others are read
    /// from the database when needed); then call [`after_write`](Self::after_write).
    pub(super) fn add(&mut self, events: &[MergeEventRow]) {
        if self.seen.is_none() {
            return;
        }
        // A row under an id renamed away earlier would be read under the new name: such a
        // reuse does not happen in merging (an id names its earliest member), but the cache
        // must never answer otherwise than the database, so it starts again empty.
        if events.iter().any(|e| self.renamed.contains_key(&e.incident)) {
            self.clear_rows();
            return;
        }
        for e in events {
            let (Some(lo), Some(hi)) = (e.day_lo, e.day_hi) else { continue };
            let wide = hi - lo > WIDE_DAYS;
            if !self.loaded.contains(&(e.family.clone(), wide, block_of(lo))) {
                continue;
            }
            self.rows.entry((e.family.clone(), wide)).or_default().entry(lo).or_default().push(e.clone());
            self.len += 1;
        }
    }

    /// Records that incident `old` is now called `new`.
    pub(super) fn rename(&mut self, old: &str, new: &str) {
        if self.seen.is_none() || old == new {
            return;
        }
        if self.renamed.contains_key(new) {
            // An id renamed away comes back (see `add`): start again empty.
            self.clear_rows();
        } else {
            self.renamed.insert(old.to_string(), new.to_string());
        }
    }

    /// Forgets the cached rows and renames (not the signatures); the cache stays current.
    fn clear_rows(&mut self) {
        self.loaded.clear();
        self.rows.clear();
        self.renamed.clear();
        self.len = 0;
    }
}
