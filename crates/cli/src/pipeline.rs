//! The analysis of one document: `Document` → v1 `Extraction`, a pure function that runs
//! on any thread. The models and the knowledge base are loaded once and shared.

use std::path::PathBuf;

use claimgraph_core::{Document, Extraction};
use claimgraph_extract::Extractor;

/// Everything the analysis needs, loaded once and shared by all threads.
pub struct Pipeline {
    extractor: Extractor,
    kb: &'static claimgraph_kb::Kb,
}

impl Pipeline {
    /// Loads the shipped models and knowledge base, plus the user's extra dictionaries.
    pub fn load(kb_extra: &[PathBuf]) -> anyhow::Result<Self> {
        if kb_extra.is_empty() {
            return Ok(Pipeline { extractor: Extractor::new()?, kb: claimgraph_kb::Kb::shared()? });
        }
        // One KB per process, alive until exit: leaking it gives the `'static` borrow that
        // every extraction thread shares.
        let kb: &'static claimgraph_kb::Kb = Box::leak(Box::new(crate::commands::kb::load(kb_extra)?));
        Ok(Pipeline { extractor: Extractor::with_kb(kb)?, kb })
    }

    /// The knowledge base the analysis resolves against (merging uses the same one).
    pub fn kb(&self) -> &'static claimgraph_kb::Kb {
        self.kb
    }

    /// Analyses one document.
    pub fn extract(&self, doc: &Document) -> Extraction {
        self.extractor.extract(doc)
    }

    /// The `producer` every extraction of this pipeline carries.
    pub fn producer(&self) -> claimgraph_core::extraction::Producer {
        self.extractor.producer()
    }
}
