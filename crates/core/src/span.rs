//! A checked span of a document's text.

use serde::{Deserialize, Serialize};

/// Char offsets into a document's normalized text (end exclusive) and the text there.
///
/// Build spans through [`Document::span`](crate::Document::span) or
/// [`Document::span_bytes`](crate::Document::span_bytes), which guarantee that `text`
/// equals the slice; [`Document::check_span`](crate::Document::check_span) verifies a span
/// read from elsewhere.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    /// Start offset in chars.
    pub start: usize,
    /// End offset in chars, exclusive.
    pub end: usize,
    /// The text of the span, equal to `document.text[start..end]` in chars.
    pub text: String,
}

impl Span {
    /// Length in chars.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no text.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}
