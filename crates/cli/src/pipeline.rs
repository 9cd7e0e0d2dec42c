//! The analysis of one document: `Document` → v1 `Extraction`, a pure function that runs
//! on any thread. The models and the knowledge base are loaded once and shared.

use claimgraph_core::{Document, Extraction};
use claimgraph_extract::Extractor;

/// Everything the analysis needs, loaded once and shared by all threads.
pub struct Pipeline {
    extractor: Extractor,
}

impl Pipeline {
    /// Loads the shipped models and knowledge base.
    pub fn load() -> anyhow::Result<Self> {
        Ok(Pipeline { extractor: Extractor::new()? })
    }

    /// Analyses one document.
    pub fn extract(&self, doc: &Document) -> Extraction {
        self.extractor.extract(doc)
    }
}
