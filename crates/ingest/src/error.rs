//! The error type of `claimgraph-ingest`: what went wrong ([`ErrorKind`]) and where
//! ([`IngestError::source_name`], a path, `path:LINE` for JSON Lines, or `-` for stdin).

use std::fmt;

/// Why an input could not be turned into a document.
#[derive(Debug, thiserror::Error)]
pub enum ErrorKind {
    /// The path could not be opened or read.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// The input is larger than [`ReadOptions::max_bytes`](crate::ReadOptions::max_bytes).
    #[error("too large: {size} bytes, the limit is {limit} bytes")]
    TooLarge {
        /// Size in bytes (for streams: at least this many).
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The input holds NUL bytes or is mostly control characters.
    #[error("binary content ({0}), not text")]
    Binary(String),
    /// The input is empty, or its text normalizes to nothing.
    #[error("empty: no text")]
    Empty,
    /// The bytes are neither valid UTF-8 nor a legacy encoding we recognise.
    #[error("invalid encoding: {0}")]
    Encoding(String),
    /// An HTML page from which no text could be extracted.
    #[error("no text could be extracted from the HTML")]
    NoHtmlText,
    /// An HTML page nested so deep that parsing it would take too long.
    #[error("HTML nested {depth} elements deep (the limit is {limit})")]
    HtmlTooDeep {
        /// Estimated nesting depth.
        depth: usize,
        /// The limit ([`MAX_NESTING`](crate::html::MAX_NESTING)).
        limit: usize,
    },
    /// A JSON Lines line that is not a JSON object of the expected shape.
    #[error("bad JSON: {0}")]
    Json(String),
    /// A JSON Lines record without a `text` or `html` string.
    #[error("the record has no \"text\" or \"html\" string")]
    MissingText,
    /// A `published` value that is not an ISO date.
    #[error("bad published date {0:?}: expected YYYY-MM-DD")]
    BadDate(String),
    /// A stored document that could not be read back to be extracted again.
    #[error("cannot read the stored document: {0}")]
    Stored(String),
}

/// An input that could not be read, with the name of the input.
#[derive(Debug)]
pub struct IngestError {
    source_name: String,
    kind: ErrorKind,
}

impl IngestError {
    /// An error of `kind` about the input named `source_name`.
    pub fn new(source_name: impl Into<String>, kind: ErrorKind) -> Self {
        IngestError { source_name: source_name.into(), kind }
    }

    /// The input: a path, `path:LINE` for a JSON Lines record, or `-` for stdin.
    pub fn source_name(&self) -> &str {
        &self.source_name
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// Consumes the error and returns what went wrong.
    pub fn into_kind(self) -> ErrorKind {
        self.kind
    }
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.source_name, self.kind)
    }
}

impl std::error::Error for IngestError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ErrorKind::Io(e) => Some(e),
            _ => None,
        }
    }
}

/// Result alias for `claimgraph-ingest`.
pub type Result<T, E = IngestError> = std::result::Result<T, E>;
