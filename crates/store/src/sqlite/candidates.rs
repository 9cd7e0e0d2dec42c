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
use crate::incidents::{CandidateQuery, MergeEventRow, SignatureRow, WIDE_DAYS};

/// Days per block read at once.
pub(super) const BLOCK_DAYS: i64 = 8;

/// Most rows kept; past it the cache starts again empty.
pub(super) const MAX_ROWS: usize = 400_000;

/// Most signatures kept (about 600 bytes each).
pub(super) const MAX_SIGNATURES: usize = 100_000;

/// What the cache knows of the database it copies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Snapshot {
    data_version: i64,
    total_changes: u64,
}

/// What a block read returns: rows, each with its document's signature when merged.
pub(super) type Block = Vec<(MergeEventRow, Option<SignatureRow>)>;

/// Cached rows of one family and width class: by country (`""` when unknown), then first
/// day, as indices into the slab.
type ByCountry = HashMap<String, BTreeMap<i64, Vec<usize>>>;

/// The cached blocking index of one connection.
#[derive(Debug, Default)]
pub(super) struct CandidateCache {
    /// The database state the cached rows reflect; `None`: nothing cached.
    seen: Option<Snapshot>,
    /// Blocks read, by family: (wide, block number).
    loaded: HashMap<String, HashSet<(bool, i64)>>,
    /// Every cached row; the maps below hold indices into it.
    slab: Vec<MergeEventRow>,
    /// Hashes of each row's actor and target roots (0: none), to leave out rows of other
    /// actors without comparing strings.
    roots: Vec<(u64, u64)>,
    /// Rows by family, then width class (`[narrow, wide]`), then country (`""`: unknown),
    /// then first day: a lookup reads only the rows of its country and of none, not those of
    /// every country reported on those days.
    by_day: HashMap<String, [ByCountry; 2]>,
    /// Rows by incident, so that a rename is applied to the cached rows as the database
    /// applies it to its own.
    by_incident: HashMap<String, Vec<usize>>,
    /// Signatures of merged documents, by document id.
    signatures: HashMap<String, SignatureRow>,
}

fn snapshot(conn: &Connection) -> Result<Snapshot> {
    // Asked several times per merged document: prepared once.
    let data_version: i64 = conn.prepare_cached("PRAGMA data_version")?.query_row([], |r| r.get(0))?;
    Ok(Snapshot { data_version, total_changes: conn.total_changes() })
}

/// A hash of an actor or target root, never 0; 0 for none.
fn root_hash(root: Option<&str>) -> u64 {
    use std::hash::{Hash, Hasher};
    root.map_or(0, |r| {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        r.hash(&mut h);
        h.finish().max(1)
    })
}

fn block_of(day: i64) -> i64 {
    day.div_euclid(BLOCK_DAYS)
}

impl CandidateCache {
    /// Forgets everything.
    pub(super) fn clear(&mut self) {
        *self = CandidateCache::default();
    }

    /// Forgets the cached rows (not the signatures); the cache stays current.
    fn clear_rows(&mut self) {
        self.loaded.clear();
        self.slab.clear();
        self.roots.clear();
        self.by_day.clear();
        self.by_incident.clear();
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

    fn push(&mut self, row: MergeEventRow, wide: bool) {
        let Some(lo) = row.day_lo else { return };
        let i = self.slab.len();
        let by_country = &mut self.by_day.entry(row.family.clone()).or_default()[usize::from(wide)];
        let days = match by_country.get_mut(row.country.as_deref().unwrap_or("")) {
            Some(days) => days,
            None => by_country.entry(row.country.clone().unwrap_or_default()).or_default(),
        };
        days.entry(lo).or_default().push(i);
        self.by_incident.entry(row.incident.clone()).or_default().push(i);
        self.roots.push((root_hash(row.actor_root.as_deref()), root_hash(row.target_root.as_deref())));
        self.slab.push(row);
    }

    /// Calls `f` with each row [`IncidentStore::merge_candidates`](crate::IncidentStore::merge_candidates)
    /// returns for `q`, reading the blocks it lacks with `load(family, wide, first_day, last_day)`.
    pub(super) fn visit(
        &mut self,
        conn: &Connection,
        q: &CandidateQuery<'_>,
        load: impl Fn(&str, bool, i64, i64) -> Result<Block>,
        f: &mut dyn FnMut(&MergeEventRow),
    ) -> Result<()> {
        self.validate(conn)?;
        if q.lo_from > q.lo_to {
            return Ok(());
        }
        for block in block_of(q.lo_from)..=block_of(q.lo_to) {
            if self.loaded.get(q.family).is_some_and(|b| b.contains(&(q.wide, block))) {
                continue;
            }
            let first = block * BLOCK_DAYS;
            let read = load(q.family, q.wide, first, first + BLOCK_DAYS - 1)?;
            if self.slab.len() + read.len() > MAX_ROWS {
                self.clear_rows();
            }
            if self.signatures.len() + read.len() > MAX_SIGNATURES {
                self.signatures.clear();
            }
            for (row, signature) in read {
                if let Some(sig) = signature {
                    self.signatures.entry(sig.doc_id.clone()).or_insert(sig);
                }
                self.push(row, q.wide);
            }
            self.loaded.entry(q.family.to_string()).or_default().insert((q.wide, block));
        }
        let Some(by_country) = self.by_day.get(q.family).map(|w| &w[usize::from(q.wide)]) else {
            return Ok(());
        };
        let (actor, target) = (root_hash(q.actor_root), root_hash(q.target_root));
        // differing hashes are differing roots; equal ones are checked in full
        let differ = |want: u64, have: u64| want != 0 && have != 0 && want != have;
        // a known country matches its own rows and those of no country; no country, all
        let mut visit = |days: &BTreeMap<i64, Vec<usize>>| {
            for &i in days.range(q.lo_from..=q.lo_to).flat_map(|(_, rows)| rows) {
                let (a, t) = self.roots[i];
                if differ(actor, a) || differ(target, t) {
                    continue;
                }
                if q.shared_root && !(actor != 0 && a == actor) && !(target != 0 && t == target) {
                    continue;
                }
                let row = &self.slab[i];
                if row.day_hi.is_some_and(|hi| hi >= q.hi_from) && q.admits_roots(row) {
                    f(row);
                }
            }
        };
        match q.country {
            Some(c) => {
                if let Some(days) = by_country.get(c) {
                    visit(days);
                }
                if !c.is_empty()
                    && let Some(days) = by_country.get("")
                {
                    visit(days);
                }
            }
            None => by_country.values().for_each(visit),
        }
        Ok(())
    }

    /// Calls `f` with the signature of each of `doc_ids` that is merged, in id order (as
    /// [`IncidentStore::signatures_of`](crate::IncidentStore::signatures_of)), reading the
    /// ones it lacks with `load`.
    pub(super) fn visit_signatures(
        &mut self,
        conn: &Connection,
        doc_ids: &[String],
        load: impl Fn(&[String]) -> Result<Vec<SignatureRow>>,
        f: &mut dyn FnMut(&SignatureRow),
    ) -> Result<()> {
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
        let mut ids: Vec<&String> = doc_ids.iter().collect();
        ids.sort();
        ids.dedup();
        for id in ids {
            if let Some(sig) = self.signatures.get(id) {
                f(sig);
            }
        }
        Ok(())
    }

    /// Adds the signature of a newly merged document, and renames the near-duplicate groups
    /// its merge joined (`renamed` are now `row.dup_group`, published on `row.group_published`).
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

    /// Adds merged events of a new document to the blocks already read (the others are read
    /// from the database when needed); then call [`after_write`](Self::after_write).
    pub(super) fn add(&mut self, events: &[MergeEventRow]) {
        if self.seen.is_none() {
            return;
        }
        for e in events {
            let (Some(lo), Some(hi)) = (e.day_lo, e.day_hi) else { continue };
            let wide = hi - lo > WIDE_DAYS;
            if self.loaded.get(&e.family).is_some_and(|b| b.contains(&(wide, block_of(lo)))) {
                self.push(e.clone(), wide);
            }
        }
    }

    /// Renames incident `old` to `new` in the cached rows, as the database does.
    pub(super) fn rename(&mut self, old: &str, new: &str) {
        if self.seen.is_none() || old == new {
            return;
        }
        let Some(rows) = self.by_incident.remove(old) else { return };
        for &i in &rows {
            self.slab[i].incident = new.to_string();
        }
        self.by_incident.entry(new.to_string()).or_default().extend(rows);
    }
}
