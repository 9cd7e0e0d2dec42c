//! The error type of `claimgraph-core`.

/// Errors raised by core types.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CoreError {
    /// A span's offsets do not lie on the document's char boundaries, or are reversed.
    #[error("span {start}..{end} is outside the text (length {len} chars)")]
    SpanOutOfRange {
        /// Start offset in chars.
        start: usize,
        /// End offset in chars (exclusive).
        end: usize,
        /// Length of the text in chars.
        len: usize,
    },
    /// A byte offset does not fall on a UTF-8 char boundary.
    #[error("byte offset {0} is not on a char boundary")]
    NotCharBoundary(usize),
    /// A stored span's text differs from the slice of the document it points into.
    #[error("span {start}..{end} says {stored:?} but the text there is {actual:?}")]
    SpanMismatch {
        /// Start offset in chars.
        start: usize,
        /// End offset in chars.
        end: usize,
        /// The text stored beside the span.
        stored: String,
        /// The actual slice of the document text.
        actual: String,
    },
    /// A date string is not an ISO date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`).
    #[error("{0:?} is not an ISO date (YYYY-MM-DD)")]
    BadDate(String),
}

/// Result alias for `claimgraph-core`.
pub type Result<T, E = CoreError> = std::result::Result<T, E>;
