//! The error type of `claimgraph-export`.

use claimgraph_store::StoreError;

/// Errors raised by an export.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Reading the store failed.
    #[error("reading the store: {0}")]
    Store(#[from] StoreError),
    /// Writing the output failed.
    #[error("writing the export: {0}")]
    Io(#[from] std::io::Error),
    /// Writing a CSV row failed.
    #[error("writing CSV: {0}")]
    Csv(#[from] ::csv::Error),
    /// Serializing JSON failed.
    #[error("writing JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// A filter value cannot be read (e.g. a date that is not `YYYY[-MM[-DD]]`).
    #[error("invalid filter: {0}")]
    Filter(String),
}

/// Result alias for `claimgraph-export`.
pub type Result<T, E = ExportError> = std::result::Result<T, E>;
