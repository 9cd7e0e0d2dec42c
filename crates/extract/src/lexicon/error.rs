//! Errors of the lexicon module: reading and compiling the source dictionaries and the
//! PLOVER gold records.

use thiserror::Error;

/// What can go wrong while compiling a lexicon or reading gold records.
#[derive(Debug, Error)]
pub enum LexiconError {
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The gold file is not the JSON it should be.
    #[error("invalid gold JSON in {path}: {source}")]
    Json {
        /// The file.
        path: String,
        /// The underlying error.
        #[source]
        source: serde_json::Error,
    },
    /// A line of a source dictionary or conversion table does not parse.
    #[error("{what}, line {line}: {message}")]
    Syntax {
        /// Which input (e.g. `CAMEO2PLOVER`).
        what: &'static str,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// Result alias of the lexicon module.
pub type Result<T> = std::result::Result<T, LexiconError>;
