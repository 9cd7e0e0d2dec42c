//! Merges waiting to be written, sent to the server together in one call of
//! `claimgraph_apply_merges` (migration 10): each document's values in parallel arrays,
//! its group renames, incident renames and events flattened, with a count per document.
//!
//! One call per document cost a round trip each; on a machine shared with extraction the
//! ingest writer spent a third of its time sending them.

use std::collections::HashSet;

use postgres::types::ToSql;

use crate::blob;
use crate::error::StoreError;
use crate::incidents::{MergePlan, WIDE_DAYS};

/// The call that writes queued merges; returns the 1-based position of the first merge
/// that failed and why, or two NULLs.
pub(super) const APPLY_MERGES: &str = "SELECT failed, message FROM claimgraph_apply_merges(
    $1::text[], $2::bytea[], $3::int8[], $4::text[], $5::int4[], $6::text[], $7::int4[],
    $8::text[], $9::text[], $10::int4[], $11::text[], $12::text[], $13::text[], $14::text[],
    $15::text[], $16::int8[], $17::int8[], $18::int8[], $19::int8[], $20::text[], $21::text[],
    $22::bytea[], $23::text[], $24::int8[], $25::text[], $26::int8[], $27::int8[])";

/// Merges not written yet, as the columns of `claimgraph_apply_merges`.
#[derive(Debug, Default)]
pub(super) struct MergeQueue {
    docs: Vec<String>,
    signatures: Vec<Vec<u8>>,
    shingles: Vec<i64>,
    dup_groups: Vec<String>,
    dup_rename_counts: Vec<i32>,
    dup_renames: Vec<String>,
    rename_counts: Vec<i32>,
    renamed_from: Vec<String>,
    renamed_to: Vec<String>,
    event_counts: Vec<i32>,
    event_ids: Vec<String>,
    incidents: Vec<String>,
    sort_keys: Vec<String>,
    families: Vec<String>,
    countries: Vec<String>,
    day_lo: Vec<Option<i64>>,
    day_hi: Vec<Option<i64>>,
    geonames: Vec<Option<i64>>,
    place_country: Vec<i64>,
    actor_roots: Vec<Option<String>>,
    target_roots: Vec<Option<String>>,
    sketches: Vec<Vec<u8>>,
    place_names: Vec<Option<String>>,
    wide: Vec<i64>,
    modes: Vec<Option<String>>,
    fatalities_min: Vec<Option<i64>>,
    fatalities_max: Vec<Option<i64>>,
    /// Every incident the queued merges write to or rename: a read about any other one
    /// gets the same answer whether they are written or not.
    touched: HashSet<String>,
}

/// A count of rows as the function's `INTEGER` counts (a document has far fewer).
fn count(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

impl MergeQueue {
    /// Queues `plan`.
    pub(super) fn push(&mut self, plan: &MergePlan) {
        self.docs.push(plan.doc_id.clone());
        self.signatures.push(blob::from_u64s(&plan.signature));
        self.shingles.push(plan.shingles as i64);
        self.dup_groups.push(plan.dup_group.clone());
        self.dup_rename_counts.push(count(plan.dup_renames.len()));
        self.dup_renames.extend(plan.dup_renames.iter().cloned());
        self.rename_counts.push(count(plan.incident_renames.len()));
        for (old, new) in &plan.incident_renames {
            self.renamed_from.push(old.clone());
            self.renamed_to.push(new.clone());
            self.touched.insert(old.clone());
            self.touched.insert(new.clone());
        }
        self.event_counts.push(count(plan.events.len()));
        for e in &plan.events {
            self.event_ids.push(e.event_id.clone());
            self.incidents.push(e.incident.clone());
            self.touched.insert(e.incident.clone());
            self.sort_keys.push(e.sort_key.clone());
            self.families.push(e.family.clone());
            self.countries.push(e.country.clone().unwrap_or_default());
            self.day_lo.push(e.day_lo);
            self.day_hi.push(e.day_hi);
            self.geonames.push(e.place_geonames);
            self.place_country.push(i64::from(e.place_country));
            self.actor_roots.push(e.actor_root.clone());
            self.target_roots.push(e.target_root.clone());
            self.sketches.push(blob::from_u32s(&e.sketch));
            self.place_names.push(e.place_name.clone());
            let wide = e.day_lo.zip(e.day_hi).is_some_and(|(lo, hi)| hi - lo > WIDE_DAYS);
            self.wide.push(i64::from(wide));
            self.modes.push(e.mode.clone());
            self.fatalities_min.push(e.fatalities_min.map(|v| v as i64));
            self.fatalities_max.push(e.fatalities_max.map(|v| v as i64));
        }
    }

    /// How many merges are queued.
    pub(super) fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when nothing is queued.
    pub(super) fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// True when a queued merge writes to or renames `incident`.
    pub(super) fn touches(&self, incident: &str) -> bool {
        self.touched.contains(incident)
    }

    /// Forgets the queued merges.
    pub(super) fn clear(&mut self) {
        *self = MergeQueue::default();
    }

    /// The parameters of [`APPLY_MERGES`].
    pub(super) fn params(&self) -> [&(dyn ToSql + Sync); 27] {
        [
            &self.docs,
            &self.signatures,
            &self.shingles,
            &self.dup_groups,
            &self.dup_rename_counts,
            &self.dup_renames,
            &self.rename_counts,
            &self.renamed_from,
            &self.renamed_to,
            &self.event_counts,
            &self.event_ids,
            &self.incidents,
            &self.sort_keys,
            &self.families,
            &self.countries,
            &self.day_lo,
            &self.day_hi,
            &self.geonames,
            &self.place_country,
            &self.actor_roots,
            &self.target_roots,
            &self.sketches,
            &self.place_names,
            &self.wide,
            &self.modes,
            &self.fatalities_min,
            &self.fatalities_max,
        ]
    }

    /// The error for what [`APPLY_MERGES`] returned: the merge at 1-based position `failed`
    /// was refused with `message` (`not found`: its document is not stored).
    pub(super) fn failure(&self, failed: i32, message: &str) -> StoreError {
        let doc =
            usize::try_from(failed - 1).ok().and_then(|i| self.docs.get(i)).cloned().unwrap_or_default();
        match message {
            "not found" => StoreError::NotFound(doc),
            _ => StoreError::MergeRejected(format!("{doc}: {message}")),
        }
    }
}
