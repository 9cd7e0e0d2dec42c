//! The analysis of one document: `Document` → v1 `Extraction`, a pure function that runs
//! on any thread.

use claimgraph_core::{Document, Extraction};

/// Everything the analysis needs, loaded once and shared by all threads.
pub struct Pipeline {}

impl Pipeline {
    /// Loads the shipped models.
    pub fn load() -> anyhow::Result<Self> {
        Ok(Pipeline {})
    }

    /// Analyses one document.
    pub fn extract(&self, doc: &Document) -> Extraction {
        Extraction::empty(doc)
    }
}
