//! The error type of `claimgraph-kb`.

use std::path::PathBuf;

/// Errors raised while building, loading or extending the knowledge base.
#[derive(Debug, thiserror::Error)]
pub enum KbError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A JSON source file is malformed.
    #[error("{path}: bad JSON: {source}")]
    Json {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: serde_json::Error,
    },
    /// A TOML dictionary is malformed.
    #[error("{path}: bad TOML: {source}")]
    Toml {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: Box<toml::de::Error>,
    },
    /// A dictionary entry is invalid (missing field, unknown kind, ...).
    #[error("{path}: {message}")]
    BadEntry {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// A compiled KB file is not one this version can read.
    #[error("not a claimgraph KB file (or wrong version): {0}")]
    BadFormat(String),
    /// No KB was compiled into this binary (`kb/claimgraph.kb` was missing at build time).
    #[error("no knowledge base embedded in this build; run `claimgraph kb build` and rebuild")]
    NotEmbedded,
}

impl KbError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        KbError::Io { path: path.into(), source }
    }
}

/// Result alias for `claimgraph-kb`.
pub type Result<T, E = KbError> = std::result::Result<T, E>;
