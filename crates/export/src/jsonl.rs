//! JSONL: one v1 extraction per line, exactly as `claimgraph extract` prints it.
//!
//! Extractions are written whole (their spans and local ids stay valid). With a filter, a
//! document is written when at least one of its events passes it.

use std::io::Write;

use claimgraph_store::Store;

use crate::error::Result;
use crate::{Filter, Stats, walk};

/// Writes the stored extractions that pass `filter` to `out`, one JSON object per line.
pub fn export_jsonl<S: Store + ?Sized, W: Write>(store: &S, filter: &Filter, mut out: W) -> Result<Stats> {
    let mut stats = Stats::default();
    stats.documents_read = walk(store, |_, x| {
        let events = x.events.iter().filter(|e| filter.event(&x, e)).count();
        if !filter.is_empty() && events == 0 {
            return Ok(());
        }
        serde_json::to_writer(&mut out, &x)?;
        out.write_all(b"\n")?;
        stats.documents += 1;
        stats.events += events as u64;
        stats.claims += x.claims.len() as u64;
        Ok(())
    })?;
    out.flush()?;
    Ok(stats)
}
