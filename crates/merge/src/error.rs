//! The error type of `claimgraph-merge`.

/// Errors raised while merging or reading incidents.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] claimgraph_store::StoreError),
    /// The knowledge base could not be loaded.
    #[error("knowledge base: {0}")]
    Kb(#[from] claimgraph_kb::KbError),
    /// A document to merge is not in the store.
    #[error("no stored document with id {0:?}")]
    NoDocument(String),
}

/// Result alias for `claimgraph-merge`.
pub type Result<T, E = MergeError> = std::result::Result<T, E>;
