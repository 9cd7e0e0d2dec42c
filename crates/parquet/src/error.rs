//! The error type of `claimgraph-parquet`.

use std::path::{Path, PathBuf};

/// Errors of a Parquet export.
#[derive(Debug, thiserror::Error)]
pub enum ParquetError {
    /// Reading the store failed.
    #[error(transparent)]
    Store(#[from] claimgraph_store::StoreError),
    /// A file or directory could not be written.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The Parquet writer failed.
    #[error("parquet: {0}")]
    Parquet(#[from] parquet::errors::ParquetError),
    /// Building an Arrow batch failed.
    #[error("arrow: {0}")]
    Arrow(#[from] arrow_schema::ArrowError),
}

impl ParquetError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        ParquetError::Io { path: path.to_path_buf(), source }
    }
}

/// Result alias for `claimgraph-parquet`.
pub type Result<T, E = ParquetError> = std::result::Result<T, E>;
