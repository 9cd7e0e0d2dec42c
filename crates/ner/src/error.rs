//! The crate's error type.

use std::path::PathBuf;

/// Everything that can go wrong while reading data, training, or loading a model.
#[derive(Debug, thiserror::Error)]
pub enum NerError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A training or evaluation file is malformed.
    #[error("{path}:{line}: {message}")]
    Format {
        /// The file concerned.
        path: PathBuf,
        /// 1-based line number (0 when unknown).
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A model file is not a valid claimgraph NER model (wrong magic, version, truncated or
    /// corrupted).
    #[error("invalid NER model: {0}")]
    Model(String),
    /// The knowledge base (a gazetteer source for training) could not be loaded.
    #[error("knowledge base: {0}")]
    Kb(String),
    /// Training was asked to run without any training sentences.
    #[error("no training data found under {0}")]
    NoData(PathBuf),
}

/// Result alias for this crate.
pub type Result<T> = std::result::Result<T, NerError>;

impl NerError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        NerError::Io { path: path.into(), source }
    }

    pub(crate) fn format(path: impl Into<PathBuf>, line: usize, message: impl Into<String>) -> Self {
        NerError::Format { path: path.into(), line, message: message.into() }
    }
}
