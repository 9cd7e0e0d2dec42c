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
//! It is only ever a copy: whenever the database may have changed behind it, it is emptied
//! and refilled from the database on demand. Each backend says what "changed" means with a
//! snapshot value it reads from the database (`S`): SQLite's `PRAGMA data_version` and the
//! connection's `total_changes`, PostgreSQL's merge generation counter (migration 8). A
//! merge batch rolled back or merged events deleted empty it too. It holds at most
//! [`MAX_ROWS`] rows, so memory stays bounded whatever the store's size.
//!
//! [`IncidentStore::merge_candidates`]: crate::IncidentStore::merge_candidates

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::error::Result;
use crate::incidents::{CandidateQuery, MergeEventRow, MergePlan, SignatureRow, WIDE_DAYS};

/// Days per block read at once.
pub(crate) const BLOCK_DAYS: i64 = 8;

/// Most rows kept; past it the cache starts again empty.
pub(crate) const MAX_ROWS: usize = 400_000;

/// Most signatures kept (about 600 bytes each).
pub(crate) const MAX_SIGNATURES: usize = 100_000;

/// What a block read returns: rows, each with its document's signature when merged.
pub(crate) type Block = Vec<(MergeEventRow, Option<SignatureRow>)>;

/// Cached rows of one family and width class: by country (`""` when unknown), then first
/// day, as indices into the slab.
type ByCountry = HashMap<String, BTreeMap<i64, Vec<usize>>>;

/// The cached blocking index of one connection; `S` is the backend's snapshot of the
/// database state.
#[derive(Debug)]
pub(crate) struct CandidateCache<S> {
    /// The database state the cached rows reflect; `None`: nothing cached.
    seen: Option<S>,
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

impl<S> Default for CandidateCache<S> {
    fn default() -> Self {
        CandidateCache {
            seen: None,
            loaded: HashMap::new(),
            slab: Vec::new(),
            roots: Vec::new(),
            by_day: HashMap::new(),
            by_incident: HashMap::new(),
            signatures: HashMap::new(),
        }
    }
}

impl<S: Copy + PartialEq> CandidateCache<S> {
    /// Forgets everything.
    pub(crate) fn clear(&mut self) {
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

    /// Empties the cache unless the database is as it last saw it (`now`).
    pub(crate) fn validate(&mut self, now: S) {
        if self.seen != Some(now) {
            self.clear();
            self.seen = Some(now);
        }
    }

    /// True when the cache holds something and the database is as it last saw it: call
    /// before a write, and pass the answer to [`after_write`](Self::after_write).
    pub(crate) fn is_current(&self, now: S) -> bool {
        self.seen.is_some() && self.seen == Some(now)
    }

    /// After a write of this connection, the database being at `now`: when the cache was
    /// current before it and `reflected` (the cache was told what changed, or nothing it
    /// holds did), it is current again; otherwise it is emptied.
    pub(crate) fn after_write(&mut self, now: S, was_current: bool, reflected: bool) {
        if was_current && reflected {
            self.seen = Some(now);
        } else {
            self.clear();
        }
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
    pub(crate) fn visit(
        &mut self,
        now: S,
        q: &CandidateQuery<'_>,
        mut load: impl FnMut(&str, bool, i64, i64) -> Result<Block>,
        f: &mut dyn FnMut(&MergeEventRow),
    ) -> Result<()> {
        self.validate(now);
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
    pub(crate) fn visit_signatures(
        &mut self,
        now: S,
        doc_ids: &[String],
        load: impl FnOnce(&[String]) -> Result<Vec<SignatureRow>>,
        f: &mut dyn FnMut(&SignatureRow),
    ) -> Result<()> {
        self.validate(now);
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
    pub(crate) fn add_signature(&mut self, row: SignatureRow, renamed: &[String]) {
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
    pub(crate) fn add(&mut self, events: &[MergeEventRow]) {
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

    /// Follows a document's merge as the database applied it: renames, then the new rows
    /// and the signature; then call [`after_write`](Self::after_write).
    pub(crate) fn record(&mut self, plan: &MergePlan) {
        for (old, new) in &plan.incident_renames {
            self.rename(old, new);
        }
        self.add(&plan.events);
        let signature = SignatureRow {
            doc_id: plan.doc_id.clone(),
            published: plan.published.clone(),
            signature: plan.signature.clone(),
            shingles: plan.shingles,
            dup_group: plan.dup_group.clone(),
            group_published: plan.group_published.clone(),
        };
        self.add_signature(signature, &plan.dup_renames);
    }

    /// Renames incident `old` to `new` in the cached rows, as the database does.
    pub(crate) fn rename(&mut self, old: &str, new: &str) {
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
