//! claimgraph merge: many reports, taken together.
//!
//! * [`dedup`]: near-duplicate and syndicated documents (MinHash + LSH), grouped so that
//!   corroboration counts original sources, not pages.
//! * [`features`] and [`link`]: when two events are one happening.
//! * [`merge`]: incremental, order-independent assignment of events to incidents.
//! * [`reconcile`]: an incident as every source reported it — per-attribute versions,
//!   UCDP-style low/best/high figures, discrepancies, claims, contested flag — the
//!   `claimgraph incidents --json` contract.
//! * [`credibility`]: Admiralty source grades (by analysts) and suggested claim
//!   credibility (1–6); an analyst's grade always wins.

pub mod credibility;
pub mod dedup;
pub mod error;
pub mod features;
pub mod link;
pub mod merge;
pub mod reconcile;

pub use error::{MergeError, Result};
pub use merge::{MergeOutcome, Merger, PENDING_BATCH, incident_id};
pub use reconcile::{Incident, IncidentDetail, incident, incident_detail};
