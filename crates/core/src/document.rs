//! The document model: normalized text, its id and metadata.

use serde::{Deserialize, Serialize};

use crate::error::{CoreError, Result};
use crate::normalize::normalize;
use crate::offsets::OffsetMap;
use crate::span::Span;

/// Metadata of a report. All fields are optional; readers fill what they find and the
/// command line may override any of them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// Headline or title.
    pub title: Option<String>,
    /// Where the report was published.
    pub url: Option<String>,
    /// Who published it (site name, outlet).
    pub publisher: Option<String>,
    /// Publication date as `YYYY-MM-DD`; relative dates in the text are resolved against it.
    pub published: Option<String>,
    /// ISO 639-1 language code, e.g. `en`.
    pub language: Option<String>,
}

impl Meta {
    /// Fills each field of `self` that `other` sets, leaving the rest as they are.
    pub fn override_with(&mut self, other: &Meta) {
        let pairs = [
            (&mut self.title, &other.title),
            (&mut self.url, &other.url),
            (&mut self.publisher, &other.publisher),
            (&mut self.published, &other.published),
            (&mut self.language, &other.language),
        ];
        for (mine, theirs) in pairs {
            if theirs.is_some() {
                mine.clone_from(theirs);
            }
        }
    }
}

/// One report: normalized text, its content id and metadata.
///
/// The text is normalized exactly once, here ([`normalize`](crate::normalize::normalize)),
/// and is immutable afterwards, so every offset into it stays valid.
#[derive(Debug, Clone)]
pub struct Document {
    id: String,
    text: String,
    offsets: OffsetMap,
    /// Metadata (title, url, publisher, published, language).
    pub meta: Meta,
}

/// `sha256:` + hex digest of `text`: the id of a document whose normalized text is `text`.
pub fn document_id(text: &str) -> String {
    format!("sha256:{}", crate::digest::sha256_hex(text.as_bytes()))
}

impl Document {
    /// Normalizes `raw` and makes a document of it.
    pub fn new(raw: &str, meta: Meta) -> Self {
        let text = normalize(raw);
        let id = document_id(&text);
        let offsets = OffsetMap::new(&text);
        Document { id, text, offsets, meta }
    }

    /// `sha256:` of the normalized text.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The normalized text every offset points into.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// True when the normalized text is empty.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Length of the text in chars.
    pub fn char_len(&self) -> usize {
        self.offsets.len_chars()
    }

    /// The byte/char offset map of the text.
    pub fn offsets(&self) -> &OffsetMap {
        &self.offsets
    }

    /// The span of chars `start..end`.
    pub fn span(&self, start: usize, end: usize) -> Result<Span> {
        if start > end || end > self.char_len() {
            return Err(CoreError::SpanOutOfRange { start, end, len: self.char_len() });
        }
        let bs = self.offsets.char_to_byte(start)?;
        let be = self.offsets.char_to_byte(end)?;
        Ok(Span { start, end, text: self.text[bs..be].to_string() })
    }

    /// The span of bytes `start..end` (both on char boundaries), expressed in chars.
    pub fn span_bytes(&self, start: usize, end: usize) -> Result<Span> {
        if start > end || end > self.text.len() {
            return Err(CoreError::SpanOutOfRange { start, end, len: self.char_len() });
        }
        let cs = self.offsets.byte_to_char(start)?;
        let ce = self.offsets.byte_to_char(end)?;
        Ok(Span { start: cs, end: ce, text: self.text[start..end].to_string() })
    }

    /// Checks that a span read from elsewhere matches this document's text.
    pub fn check_span(&self, span: &Span) -> Result<()> {
        let actual = self.span(span.start, span.end)?;
        if actual.text != span.text {
            return Err(CoreError::SpanMismatch {
                start: span.start,
                end: span.end,
                stored: span.text.clone(),
                actual: actual.text,
            });
        }
        Ok(())
    }
}

/// Parses a date given as `YYYY-MM-DD`, optionally followed by a time (`T...` or a space),
/// and returns the `YYYY-MM-DD` part. Rejects impossible months and days.
pub fn parse_iso_date(s: &str) -> Result<String> {
    let s = s.trim();
    let bad = || CoreError::BadDate(s.to_string());
    let date = s.get(..10).ok_or_else(bad)?;
    let rest = &s[10..];
    if !(rest.is_empty() || rest.starts_with('T') || rest.starts_with(' ')) {
        return Err(bad());
    }
    let b = date.as_bytes();
    if b[4] != b'-' || b[7] != b'-' {
        return Err(bad());
    }
    let num = |r: std::ops::Range<usize>| -> Result<u32> {
        let part = &date[r];
        if part.bytes().all(|c| c.is_ascii_digit()) { part.parse().map_err(|_| bad()) } else { Err(bad()) }
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(bad()),
    };
    if d == 0 || d > days {
        return Err(bad());
    }
    Ok(date.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_is_hash_of_normalized_text() {
        let a = Document::new("Iran  paid\r\nthem.", Meta::default());
        let b = Document::new("Iran paid\nthem.  ", Meta::default());
        assert_eq!(a.id(), b.id());
        assert_eq!(a.text(), "Iran paid\nthem.");
        assert!(a.id().starts_with("sha256:"));
        assert_eq!(a.id().len(), 7 + 64);
        // sha256("") is well known
        assert_eq!(
            Document::new("", Meta::default()).id(),
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn spans_are_chars() {
        let d = Document::new("CNN’s “Bounties” were paid", Meta::default());
        let s = d.span(7, 15).unwrap();
        assert_eq!(s.text, "Bounties");
        let b = d.text().find("were").unwrap();
        let s2 = d.span_bytes(b, b + 4).unwrap();
        assert_eq!((s2.start, s2.end, s2.text.as_str()), (17, 21, "were"));
        d.check_span(&s2).unwrap();
        assert!(d.check_span(&Span { start: 17, end: 21, text: "wore".into() }).is_err());
        assert!(d.span(20, 40).is_err());
        assert!(d.span(5, 4).is_err());
    }

    #[test]
    fn dates() {
        assert_eq!(parse_iso_date("2020-08-18").unwrap(), "2020-08-18");
        assert_eq!(parse_iso_date("2020-08-18T10:22:00Z").unwrap(), "2020-08-18");
        assert_eq!(parse_iso_date("2020-02-29").unwrap(), "2020-02-29");
        for bad in ["2019-02-29", "2020-13-01", "2020-8-18", "yesterday", "2020-08-18x", ""] {
            assert!(parse_iso_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn override_meta() {
        let mut m = Meta { title: Some("a".into()), url: Some("u".into()), ..Meta::default() };
        m.override_with(&Meta { title: Some("b".into()), ..Meta::default() });
        assert_eq!(m.title.as_deref(), Some("b"));
        assert_eq!(m.url.as_deref(), Some("u"));
    }
}
