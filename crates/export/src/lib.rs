//! claimgraph exports: the store in the formats its users already run.
//!
//! * [`jsonl`]: the v1 extraction contract, one document per line (what `extract` prints).
//! * [`csv`]: ACLED/UCDP-style `events.csv` (one row per event) and `claims.csv`.
//! * [`stix`]: a STIX 2.1 bundle (reports, identities/threat actors/locations,
//!   relationships per event, opinions per claim) with deterministic ids.
//! * [`graph`]: the actor network as GraphML or GEXF (Gephi, networkx, igraph).
//!
//! Every export streams: documents are walked in pages by id
//! ([`Store::documents_after`]) and each extraction is written and dropped before the next
//! one is read, so memory does not grow with the number of documents. The graph exports
//! and the STIX export keep one entry per distinct actor, place and actor pair (the graph
//! edges, the already written shared STIX objects), never per document.
//!
//! Every export takes a [`Filter`] (date range, actor, event type).

pub mod credibility;
pub mod csv;
pub mod error;
pub mod filter;
pub mod graph;
pub mod jsonl;
pub mod sourcing;
pub mod stix;

use claimgraph_core::Extraction;
use claimgraph_store::{DocumentKey, Store};
use serde::Serialize;

pub use error::{ExportError, Result};
pub use filter::Filter;

/// Documents read per page while walking the store.
pub const PAGE: usize = 256;

/// What an export wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Documents read from the store.
    pub documents_read: u64,
    /// Documents with at least one row or object in the output.
    pub documents: u64,
    /// Events written (rows, relationships, or events counted into edges).
    pub events: u64,
    /// Claims written (rows or opinions).
    pub claims: u64,
    /// Graph nodes, or STIX objects (all types).
    pub objects: u64,
    /// Graph edges.
    pub edges: u64,
}

/// Calls `f` with every stored document's key and extraction, in ascending order of id,
/// reading [`PAGE`] keys at a time and one extraction at a time.
pub fn walk<S, F>(store: &S, mut f: F) -> Result<u64>
where
    S: Store + ?Sized,
    F: FnMut(&DocumentKey, Extraction) -> Result<()>,
{
    let mut after: Option<String> = None;
    let mut n = 0;
    loop {
        let page = store.documents_after(after.as_deref(), PAGE)?;
        let Some(last) = page.last() else { break };
        after = Some(last.id.clone());
        for key in &page {
            // A document deleted between the page and this read is simply gone.
            if let Some(x) = store.extraction(&key.id)? {
                f(key, x)?;
                n += 1;
            }
        }
    }
    Ok(n)
}
