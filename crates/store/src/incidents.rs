//! The [`IncidentStore`] trait: what merging across reports (`claimgraph-merge`) reads and
//! writes — document signatures and near-duplicate groups, incident membership, analyst
//! grades — and the rows it exchanges. The SQL lives in the backends; the decisions (which
//! documents are copies, which events are one incident) live in `claimgraph-merge`.

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::rows::{ClaimRow, EventRow};

/// Day intervals longer than this many days (`day_hi - day_lo`) are `wide`: they are
/// looked up in their own range of the blocking index.
pub const WIDE_DAYS: i64 = 3;

/// The columns both backends read a [`MergeEventRow`] from, in its field order (`m`:
/// `incident_events`, `d`: `documents`).
pub(crate) const MERGE_EVENT_COLUMNS: &str =
    "d.id, m.event_id, m.incident, m.sort_key, m.family, m.country, m.day_lo,
     m.day_hi, m.place_geonames, m.place_country, m.actor_root, m.target_root, m.sketch,
     m.mode, m.fatalities_min, m.fatalities_max, m.place_name";

/// The query that reads a block of the blocking index for the candidate cache: merged events
/// of a type family and width class whose interval starts in a range of days, each with
/// its document's signature (near-duplicate detection asks for the signatures of the
/// candidates' documents next). The arguments are the backend's placeholders (or literals)
/// for the family, the width class (0 or 1) and the first and last day. Columns 0–16 are
/// [`MERGE_EVENT_COLUMNS`]; then the document's publication date, signature, group, shingle
/// count and the group's publication date.
pub(crate) fn block_query(family: &str, wide: &str, first: &str, last: &str) -> String {
    format!(
        "SELECT {MERGE_EVENT_COLUMNS}, d.published, s.signature, s.dup_group, s.shingles,
                CASE WHEN s.dup_group = d.id THEN d.published
                     ELSE (SELECT g.published FROM documents g WHERE g.id = s.dup_group) END
         FROM incident_events m
         JOIN documents d ON d.seq = m.doc
         LEFT JOIN doc_signatures s ON s.doc = m.doc
         WHERE m.family = {family} AND m.wide = {wide} AND m.day_lo >= {first} AND m.day_lo <= {last}"
    )
}

/// The incident `given` names among `ids`, the (at most three, sorted) incident ids that
/// start with it: itself when it is one of them, else the only one; ambiguous otherwise.
pub(crate) fn pick_incident(given: &str, ids: Vec<String>) -> Result<Option<String>> {
    if ids.iter().any(|i| i == given) {
        return Ok(Some(given.to_string()));
    }
    match ids.len() {
        0 => Ok(None),
        1 => Ok(ids.into_iter().next()),
        n => Err(crate::StoreError::AmbiguousId { prefix: given.to_string(), matches: n }),
    }
}

/// A stored document signature, as a near-duplicate candidate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignatureRow {
    /// Document id.
    pub doc_id: String,
    /// Publication date of the document.
    pub published: Option<String>,
    /// MinHash signature.
    pub signature: Vec<u64>,
    /// Number of distinct shingles of the text.
    pub shingles: u64,
    /// Id of the earliest document of its near-duplicate group.
    pub dup_group: String,
    /// Publication date of that earliest document.
    pub group_published: Option<String>,
}

/// The blocking and scoring features of one merged event, as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MergeEventRow {
    /// Document id.
    pub doc_id: String,
    /// Local event id (`V1`).
    pub event_id: String,
    /// Incident id.
    pub incident: String,
    /// `published|doc id|event id`; the smallest one of an incident names it.
    pub sort_key: String,
    /// Event type family.
    pub family: String,
    /// ISO 3166-1 alpha-3 country, `None` when unknown.
    pub country: Option<String>,
    /// First day (days since 1970-01-01), `None` when the event has no linkable date.
    pub day_lo: Option<i64>,
    /// Last day.
    pub day_hi: Option<i64>,
    /// GeoNames id of the place.
    pub place_geonames: Option<i64>,
    /// True when the place is a whole country.
    pub place_country: bool,
    /// Lower-cased place name, when the place has no GeoNames id.
    pub place_name: Option<String>,
    /// Knowledge-base root of the actor.
    pub actor_root: Option<String>,
    /// Knowledge-base root of the target.
    pub target_root: Option<String>,
    /// Sorted hashes of the content words of the evidence.
    pub sketch: Vec<u32>,
    /// PLOVER mode of the event.
    pub mode: Option<String>,
    /// Fewest killed.
    pub fatalities_min: Option<u64>,
    /// Most killed (`None`: open or not stated).
    pub fatalities_max: Option<u64>,
}

/// A window of the blocking index, as [`IncidentStore::merge_candidates`] takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CandidateQuery<'a> {
    /// Event type family.
    pub family: &'a str,
    /// Width class: intervals longer than [`WIDE_DAYS`].
    pub wide: bool,
    /// Country, or `None` for any.
    pub country: Option<&'a str>,
    /// First day the interval may start on.
    pub lo_from: i64,
    /// Last day the interval may start on.
    pub lo_to: i64,
    /// First day the interval may end on.
    pub hi_from: i64,
    /// When given, rows naming another actor root are left out (rows naming none stay):
    /// two events with different actors are never one happening.
    pub actor_root: Option<&'a str>,
    /// The same for the target root.
    pub target_root: Option<&'a str>,
    /// When true, only rows with the same actor root or the same target root (known on both
    /// sides) are returned: an event that names no place links to another report's only so.
    pub shared_root: bool,
}

impl CandidateQuery<'_> {
    /// True when `row`'s actor and target roots pass the query's (the other conditions are
    /// the blocking index's).
    pub fn admits_roots(&self, row: &MergeEventRow) -> bool {
        let (actor, target) = (row.actor_root.as_deref(), row.target_root.as_deref());
        let agree = |q: Option<&str>, r: Option<&str>| q.zip(r).is_none_or(|(q, r)| q == r);
        let same = |q: Option<&str>, r: Option<&str>| q.zip(r).is_some_and(|(q, r)| q == r);
        agree(self.actor_root, actor)
            && agree(self.target_root, target)
            && (!self.shared_root || same(self.actor_root, actor) || same(self.target_root, target))
    }
}

/// Everything merging one document changes, written in one transaction by
/// [`IncidentStore::apply_merge`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MergePlan {
    /// The document merged.
    pub doc_id: String,
    /// Its publication date.
    pub published: Option<String>,
    /// Its MinHash signature.
    pub signature: Vec<u64>,
    /// Number of distinct shingles of its text.
    pub shingles: u64,
    /// The near-duplicate group it joins (a document id).
    pub dup_group: String,
    /// Publication date of that group's document.
    pub group_published: Option<String>,
    /// Groups that are renamed to `dup_group` (they are copies of each other).
    pub dup_renames: Vec<String>,
    /// The document's events, each with its incident.
    pub events: Vec<MergeEventRow>,
    /// Incidents that are renamed: `(old id, new id)`.
    pub incident_renames: Vec<(String, String)>,
}

/// Which incidents [`IncidentStore::incident_ids`] returns.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncidentFilter {
    /// Only incidents with a member whose actor or target name or knowledge-base id contains
    /// this text (ASCII case-insensitive).
    pub actor: Option<String>,
    /// Only incidents with a member whose place name or country contains this text.
    pub place: Option<String>,
    /// Only incidents of this PLOVER type (`ASSAULT`).
    pub event_type: Option<String>,
    /// Only incidents with a member dated on or after this day (`YYYY-MM-DD`).
    pub since: Option<String>,
    /// Only incidents with a member dated on or before this day.
    pub until: Option<String>,
    /// Most incidents to return (0: no limit).
    pub limit: usize,
    /// Incidents to skip first.
    pub offset: usize,
}

/// One event of an incident, with its document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberRow {
    /// Incident id.
    pub incident: String,
    /// Title of the document.
    pub title: Option<String>,
    /// Publisher of the document.
    pub publisher: Option<String>,
    /// URL of the document.
    pub url: Option<String>,
    /// Near-duplicate group of the document (id of its earliest copy).
    pub dup_group: String,
    /// Place's GeoNames id.
    pub place_geonames: Option<i64>,
    /// True when the place is a whole country.
    pub place_country: bool,
    /// The event, with names resolved.
    pub event: EventRow,
}

/// A grade an analyst gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceGrade {
    /// The source as the analyst named it.
    pub name: String,
    /// Admiralty reliability, `A` (reliable) to `F` (cannot be judged).
    pub grade: String,
    /// When (UTC, ISO 8601).
    pub graded_at: String,
}

/// Merge persistence, implemented by every backend beside [`Store`](crate::Store).
pub trait IncidentStore {
    /// True when the document has been merged (it has a signature).
    fn is_merged(&self, doc_id: &str) -> Result<bool>;

    /// Ids of stored documents not merged yet, in canonical order (publication date,
    /// undated last, then id).
    fn unmerged_documents(&self) -> Result<Vec<String>>;

    /// Signatures of these documents (those merged).
    fn signatures_of(&self, doc_ids: &[String]) -> Result<Vec<SignatureRow>>;

    /// Merged events of the type family `family` and width class `wide` (intervals longer
    /// than three days) whose day interval starts in `[lo_from, lo_to]` and ends on or after
    /// `hi_from`, in country `country` or of unknown country (any country when `country` is
    /// `None`).
    #[allow(clippy::too_many_arguments)]
    fn merge_candidates(
        &self,
        family: &str,
        wide: bool,
        country: Option<&str>,
        lo_from: i64,
        lo_to: i64,
        hi_from: i64,
    ) -> Result<Vec<MergeEventRow>>;

    /// Calls `f` with each event [`merge_candidates`](Self::merge_candidates) returns for
    /// `q`; backends that hold the rows already lend them instead of copying them.
    fn visit_merge_candidates(
        &self,
        q: &CandidateQuery<'_>,
        f: &mut dyn FnMut(&MergeEventRow),
    ) -> Result<()> {
        for row in self.merge_candidates(q.family, q.wide, q.country, q.lo_from, q.lo_to, q.hi_from)? {
            if q.admits_roots(&row) {
                f(&row);
            }
        }
        Ok(())
    }

    /// Calls `f` with each signature [`signatures_of`](Self::signatures_of) returns.
    fn visit_signatures(&self, doc_ids: &[String], f: &mut dyn FnMut(&SignatureRow)) -> Result<()> {
        for row in self.signatures_of(doc_ids)? {
            f(&row);
        }
        Ok(())
    }

    /// The smallest member sort key of an incident.
    fn incident_first_key(&self, incident: &str) -> Result<Option<String>>;

    /// Writes a document's merge in one transaction, or inside the batch when one is open.
    ///
    /// Inside a batch the write may wait: PostgreSQL queues a batch's merges and sends them
    /// together, before the batch's next read that could see them and at its end. A failed
    /// merge's error is returned by this call or by that later one, and fails the batch:
    /// its later merges are refused with [`StoreError::MergeBatchFailed`] and it commits
    /// nothing.
    ///
    /// [`StoreError::MergeBatchFailed`]: crate::StoreError::MergeBatchFailed
    fn apply_merge(&mut self, plan: &MergePlan) -> Result<()>;

    /// Opens a batch: merge writes until [`end_merge_batch`](Self::end_merge_batch) commit
    /// together (one commit for many documents), and reads inside it see them. No
    /// extraction may be stored while a batch is open.
    fn begin_merge_batch(&mut self) -> Result<()>;

    /// Commits (`commit` true) or rolls back the open batch. A batch in which a merge
    /// failed is rolled back either way; committing it returns the failure (the merge's own
    /// error if it was not returned yet, else [`StoreError::MergeBatchFailed`]).
    ///
    /// [`StoreError::MergeBatchFailed`]: crate::StoreError::MergeBatchFailed
    fn end_merge_batch(&mut self, commit: bool) -> Result<()>;

    /// Deletes all merge results (signatures, groups, incidents); keeps analyst grades.
    fn clear_merge(&mut self) -> Result<()>;

    /// The document and every document that shares an incident or a near-duplicate group
    /// with it: what has to be merged again when its extraction changes.
    fn merge_neighbourhood(&self, doc_id: &str) -> Result<Vec<String>>;

    /// Deletes the merge results of these documents (signature, group membership, their
    /// events' incident membership), in one transaction.
    fn unmerge(&mut self, doc_ids: &[String]) -> Result<()>;

    /// Incident ids matching `filter`, earliest first.
    fn incident_ids(&self, filter: &IncidentFilter) -> Result<Vec<String>>;

    /// The full incident id for an id or unique prefix; `None` when nothing matches, an
    /// [`AmbiguousId`](crate::StoreError::AmbiguousId) error when several do.
    fn resolve_incident(&self, id_or_prefix: &str) -> Result<Option<String>>;

    /// The members of an incident, in sort-key order.
    fn incident_members(&self, incident: &str) -> Result<Vec<MemberRow>>;

    /// The incident of an event, if merged.
    fn incident_of(&self, doc_id: &str, event_id: &str) -> Result<Option<String>>;

    /// Every claim of the given documents (all of them, so reporting chains resolve).
    fn claims_of(&self, doc_ids: &[String]) -> Result<Vec<ClaimRow>>;

    /// Events whose actor (`as_target` false) or target (`as_target` true) has a name or
    /// knowledge-base id equal to `name` (ASCII case-insensitive), newest first.
    fn actor_events(&self, name: &str, as_target: bool, limit: usize) -> Result<Vec<EventRow>>;

    /// Claims whose claimant name, entity name or knowledge-base id equals `name`
    /// (ASCII case-insensitive), newest first.
    fn actor_claims(&self, name: &str, limit: usize) -> Result<Vec<ClaimRow>>;

    /// Records an analyst's Admiralty reliability grade (`A`–`F`) of a source (a publisher
    /// or claimant name, matched case-insensitively); replaces the analyst's earlier grade.
    fn set_source_grade(&mut self, source: &str, grade: char) -> Result<()>;

    /// Every analyst source grade.
    fn source_grades(&self) -> Result<Vec<SourceGrade>>;

    /// Records an analyst's credibility grade (1–6) of a claim of a stored document.
    fn set_claim_grade(&mut self, doc_id: &str, claim_id: &str, grade: u8) -> Result<()>;

    /// The analyst's credibility grade of a claim.
    fn claim_grade(&self, doc_id: &str, claim_id: &str) -> Result<Option<u8>>;
}
