//! Incremental merging: after a document is stored, group it with its near-duplicates and
//! attach each of its events to an incident (or open one), reading only candidates.
//!
//! Incidents are the connected components of [`linked`](crate::link::linked) events, and
//! near-duplicate groups the connected components of copies; each is named after its
//! earliest member (publication date, document id, event id). Both are independent of the
//! order documents are merged in, so an ingest on many threads, a re-run, or
//! [`Merger::rebuild`] give the same incidents.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use claimgraph_core::Extraction;
use claimgraph_kb::Kb;
use claimgraph_store::{CandidateQuery, IncidentStore, MergePlan, Store, WIDE_DAYS};
use sha2::{Digest, Sha256};

use crate::dedup;
use crate::error::{MergeError, Result};
use crate::features::{MAX_LINK_SPAN_DAYS, event_features};
use crate::link::{DAY_TOLERANCE, LINK_SCORE, links_within, may_link_across, placed, score};

/// What merging one document did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct MergeOutcome {
    /// The document was a near-duplicate of an earlier one.
    pub duplicate: bool,
    /// Its events that joined an existing incident.
    pub attached: usize,
    /// Incidents it opened.
    pub opened: usize,
    /// Incidents it joined together.
    pub joined: usize,
}

/// The incident id for the smallest sort key of its members (`published|doc id|event id`):
/// 16 hex digits, the first 4 the day its first report was published (days since
/// 1970-01-01; `ffff` when undated), the other 12 the key's SHA-256.
///
/// The day first makes ids sort by it, so the incidents a day's news opens are written side
/// by side in the store's incident index rather than each on a random page.
pub fn incident_id(first_key: &str) -> String {
    use std::fmt::Write;
    let day = first_key.get(..10).and_then(crate::features::first_day).map_or(0xffff, |d| d.clamp(0, 0xfffe));
    let mut id = format!("{day:04x}");
    for b in Sha256::digest(first_key.as_bytes()).iter().take(6) {
        let _ = write!(id, "{b:02x}");
    }
    id
}

/// Merges documents into incidents.
#[derive(Debug, Clone, Copy)]
pub struct Merger<'k> {
    kb: &'k Kb,
}

/// A simple union-find over indices.
struct Dsu(Vec<usize>);

impl Dsu {
    fn find(&mut self, i: usize) -> usize {
        let mut r = i;
        while self.0[r] != r {
            r = self.0[r];
        }
        let mut c = i;
        while self.0[c] != r {
            let next = self.0[c];
            self.0[c] = r;
            c = next;
        }
        r
    }
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[a.max(b)] = a.min(b);
        }
    }
}

/// Documents [`Merger::merge_pending`] merges per commit.
pub const PENDING_BATCH: usize = 64;

impl<'k> Merger<'k> {
    /// A merger resolving actors and places through `kb`.
    pub fn new(kb: &'k Kb) -> Self {
        Merger { kb }
    }

    /// A merger over the process-wide embedded knowledge base.
    pub fn shared() -> Result<Merger<'static>> {
        Ok(Merger { kb: Kb::shared()? })
    }

    /// Merges one stored document, given its extraction. A document merged before is
    /// merged again (its earlier merge is replaced).
    pub fn merge<S: IncidentStore + ?Sized>(&self, store: &mut S, x: &Extraction) -> Result<MergeOutcome> {
        let doc_id = &x.document.id;
        let published = x.document.published.as_deref().filter(|p| !p.is_empty());
        let mut outcome = MergeOutcome::default();

        // Events: links within the document, then to stored candidates.
        let mut events = event_features(x, self.kb);
        let bare: Vec<bool> = x.events.iter().map(|e| e.date.is_none() && e.location.is_none()).collect();
        let actors: Vec<Option<&str>> = x.events.iter().map(|e| e.actor.as_deref()).collect();
        let n = events.len();
        let mut external: Vec<String> = Vec::new(); // incident ids, nodes n.. of the DSU
        let mut external_at: HashMap<String, usize> = HashMap::new(); // their positions
        let mut edges: Vec<(usize, usize)> = links_within(&events, &bare, &actors);
        let mut candidate_docs: BTreeSet<String> = BTreeSet::new();
        for (i, e) in events.iter().enumerate() {
            let (Some(lo), Some(hi)) = (e.day_lo, e.day_hi) else { continue };
            // An event that names no place links to another report's only through the same
            // actor or target (`may_link_across`); with neither, to none. A copy of this
            // report is found through its other events, or has no incident to count in.
            let placeless = !placed(e);
            if placeless && e.actor_root.is_none() && e.target_root.is_none() {
                continue;
            }
            // Narrow intervals start at most WIDE_DAYS before their end, wide ones a month.
            for (wide, reach) in [(false, WIDE_DAYS), (true, MAX_LINK_SPAN_DAYS)] {
                let q = CandidateQuery {
                    family: &e.family,
                    wide,
                    country: e.country.as_deref(),
                    lo_from: lo - reach - DAY_TOLERANCE,
                    lo_to: hi + DAY_TOLERANCE,
                    hi_from: lo - DAY_TOLERANCE,
                    actor_root: e.actor_root.as_deref(),
                    target_root: e.target_root.as_deref(),
                    shared_root: placeless,
                };
                store.visit_merge_candidates(&q, &mut |c| {
                    if &c.doc_id == doc_id {
                        return;
                    }
                    // One score serves both questions: linked, and a possible copy.
                    let Some(score) = score(e, c) else { return };
                    if score < LINK_SCORE {
                        return;
                    }
                    if may_link_across(e, c) {
                        let k = match external_at.get(&c.incident) {
                            Some(&k) => k,
                            None => {
                                external.push(c.incident.clone());
                                external_at.insert(c.incident.clone(), external.len() - 1);
                                external.len() - 1
                            }
                        };
                        edges.push((i, n + k));
                    }
                    // A copy of this report reports the same events in the same words: only
                    // documents with an event that links to one of ours can be one (an event
                    // merely compatible, of the same days and country, is no sign of a copy,
                    // and there are thousands of those in a busy week).
                    if !candidate_docs.contains(&c.doc_id) {
                        candidate_docs.insert(c.doc_id.clone());
                    }
                })?;
            }
        }

        // Near-duplicates, among the documents that report candidate events (a copy reports
        // the same events); the group is named after its earliest document.
        let (signature, shingles) = dedup::signature(&x.document.text);
        let doc_key = group_key(published, doc_id);
        let mut groups: BTreeMap<(bool, String, String), String> = BTreeMap::new();
        let candidate_docs: Vec<String> = candidate_docs.into_iter().collect();
        let mut copies: Vec<String> = Vec::new();
        store.visit_signatures(&candidate_docs, &mut |c| {
            if dedup::is_duplicate(&signature, shingles, &c.signature, c.shingles) {
                let key = group_key(c.group_published.as_deref(), &c.dup_group);
                groups.insert(key, c.dup_group.clone());
                copies.push(c.doc_id.clone());
            }
        })?;
        // An undated event, or one with neither place nor parties, links to no other
        // report's ("troops killed 15 assailants"), but a copy of this report has the very
        // same event: the same id, type and words. Both copies' events are one happening,
        // whichever came first.
        for (i, e) in events.iter().enumerate() {
            let searched = e.day_lo.is_some()
                && e.day_hi.is_some()
                && (placed(e) || e.actor_root.is_some() || e.target_root.is_some());
            if searched {
                continue;
            }
            let ours = &x.events[i];
            for d in &copies {
                let Some(inc) = store.incident_of(d, &ours.id)? else { continue };
                let same = store.incident_members(&inc)?.into_iter().any(|m| {
                    m.event.doc_id == *d
                        && m.event.id == ours.id
                        && m.event.event_type == ours.event_type
                        && m.event.evidence.iter().map(|s| &s.text).eq(ours.evidence.iter().map(|s| &s.text))
                });
                if same {
                    let k = *external_at.entry(inc.clone()).or_insert_with(|| {
                        external.push(inc.clone());
                        external.len() - 1
                    });
                    edges.push((i, n + k));
                }
            }
        }
        outcome.duplicate = !groups.is_empty();
        let first = groups.keys().next().cloned();
        let (dup_group, group_published) = match first {
            Some(k) if k < doc_key => (groups[&k].clone(), (!k.0).then_some(k.1)),
            _ => (doc_id.clone(), published.map(str::to_string)),
        };
        let dup_renames = groups.into_values().filter(|g| g != &dup_group).collect();

        let mut dsu = Dsu((0..n + external.len()).collect());
        for &(a, b) in &edges {
            dsu.union(a, b);
        }
        let mut first_keys: Vec<String> = Vec::with_capacity(external.len());
        for inc in &external {
            first_keys.push(store.incident_first_key(inc)?.unwrap_or_default());
        }
        // The smallest sort key of each component names it.
        let mut min_key: BTreeMap<usize, String> = BTreeMap::new();
        for i in 0..n + external.len() {
            let key = if i < n { events[i].sort_key.clone() } else { first_keys[i - n].clone() };
            let root = dsu.find(i);
            let slot = min_key.entry(root).or_insert_with(|| key.clone());
            if key < *slot {
                *slot = key;
            }
        }
        let mut incident_renames = Vec::new();
        for (k, old) in external.iter().enumerate() {
            let new = incident_id(&min_key[&dsu.find(n + k)]);
            if &new != old {
                incident_renames.push((old.clone(), new));
            }
        }
        let mut opened = BTreeSet::new();
        for (i, e) in events.iter_mut().enumerate() {
            let root = dsu.find(i);
            e.incident = incident_id(&min_key[&root]);
            if (n..n + external.len()).any(|j| dsu.find(j) == root) {
                outcome.attached += 1;
            } else {
                opened.insert(root);
            }
        }
        outcome.opened = opened.len();
        let mut roots: Vec<usize> = (0..external.len()).map(|k| dsu.find(n + k)).collect();
        roots.sort_unstable();
        roots.dedup();
        outcome.joined = external.len() - roots.len();
        store.apply_merge(&MergePlan {
            doc_id: doc_id.clone(),
            published: published.map(str::to_string),
            signature,
            shingles,
            dup_group,
            group_published,
            dup_renames,
            events,
            incident_renames,
        })?;
        Ok(outcome)
    }

    /// Merges stored documents, given their extractions, committing once for all of them
    /// (much less writing than one commit each); on an error nothing of the batch is kept
    /// and the documents stay unmerged (`merge_pending` catches up). Returns one outcome
    /// per document.
    pub fn merge_batch<S: IncidentStore + ?Sized>(
        &self,
        store: &mut S,
        xs: &[&Extraction],
    ) -> Result<Vec<MergeOutcome>> {
        store.begin_merge_batch()?;
        let mut out = Vec::with_capacity(xs.len());
        for x in xs {
            match self.merge(store, x) {
                Ok(o) => out.push(o),
                Err(e) => {
                    store.end_merge_batch(false)?;
                    return Err(e);
                }
            }
        }
        store.end_merge_batch(true)?;
        Ok(out)
    }

    /// What has to be merged again when the stored extraction of `doc_id` is replaced: call
    /// it before replacing, and pass the result to [`Merger::remerge`] after.
    pub fn before_replace<S: IncidentStore + ?Sized>(&self, store: &S, doc_id: &str) -> Result<Vec<String>> {
        Ok(store.merge_neighbourhood(doc_id)?)
    }

    /// Merges these stored documents again from scratch (after one of them was re-extracted):
    /// their merge results are deleted, then each is merged in canonical order, so incidents
    /// an old extraction held together are split again where the new one no longer links them.
    pub fn remerge<S: IncidentStore + Store + ?Sized>(
        &self,
        store: &mut S,
        doc_ids: &[String],
    ) -> Result<()> {
        store.unmerge(doc_ids)?;
        let mut xs = Vec::with_capacity(doc_ids.len());
        for id in doc_ids {
            // A document deleted meanwhile has nothing to merge.
            if let Some(x) = store.extraction(id)? {
                xs.push(x);
            }
        }
        xs.sort_by(|a, b| {
            group_key(a.document.published.as_deref(), &a.document.id)
                .cmp(&group_key(b.document.published.as_deref(), &b.document.id))
        });
        for x in &xs {
            self.merge(store, x)?;
        }
        Ok(())
    }

    /// Merges every stored document not merged yet, in canonical order, [`PENDING_BATCH`]
    /// documents per commit (as [`merge_batch`](Self::merge_batch): a commit per document
    /// costs PostgreSQL a round trip and a log flush each); returns how many. On an error,
    /// the documents of the failing batch stay unmerged and those before it are kept.
    pub fn merge_pending<S: IncidentStore + Store + ?Sized>(&self, store: &mut S) -> Result<usize> {
        let ids = store.unmerged_documents()?;
        for chunk in ids.chunks(PENDING_BATCH) {
            let mut xs = Vec::with_capacity(chunk.len());
            for id in chunk {
                xs.push(store.extraction(id)?.ok_or_else(|| MergeError::NoDocument(id.clone()))?);
            }
            self.merge_batch(store, &xs.iter().collect::<Vec<_>>())?;
        }
        Ok(ids.len())
    }

    /// Deletes every incident and near-duplicate group and merges all stored documents
    /// again; analyst grades are kept. Returns the number of documents merged.
    pub fn rebuild<S: IncidentStore + Store + ?Sized>(&self, store: &mut S) -> Result<usize> {
        store.clear_merge()?;
        self.merge_pending(store)
    }
}

/// Orders documents as group names: dated before undated, then by date, then id.
fn group_key(published: Option<&str>, doc_id: &str) -> (bool, String, String) {
    let p = published.filter(|p| !p.is_empty());
    (p.is_none(), p.unwrap_or("").to_string(), doc_id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn incident_ids_start_with_the_first_report_day() {
        let id = incident_id("2020-08-18|d-1|V1");
        assert_eq!(id.len(), 16);
        assert!(id.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()), "{id}");
        // 2020-08-18 is day 18,492 since 1970-01-01
        assert!(id.starts_with("483c"), "{id}");
        assert_eq!(id, incident_id("2020-08-18|d-1|V1"), "deterministic");
        assert_ne!(id, incident_id("2020-08-18|d-2|V1"));
        assert!(incident_id("2020-08-18T10:00:00Z|d-1|V1").starts_with("483c"));
        assert!(incident_id("~|d-1|V1").starts_with("ffff"));
        assert!(incident_id("1960-01-01|d-1|V1").starts_with("0000"));
        // sorted by day first
        assert!(incident_id("2019-12-31|z|V9") < incident_id("2020-01-01|a|V1"));
        assert!(incident_id("2020-01-01|a|V1") < incident_id("~|a|V1"));
    }
}
