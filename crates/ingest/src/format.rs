//! Which reader an input goes to: by file extension, or by sniffing its first bytes.

use std::path::Path;

/// The kinds of input the readers understand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text (`.txt`, `.text`, `.md`).
    Text,
    /// An HTML page (`.html`, `.htm`, `.xhtml`).
    Html,
    /// JSON Lines, one document per line (`.jsonl`, `.ndjson`).
    Jsonl,
}

/// How many leading bytes [`sniff`] looks at.
pub const SNIFF_BYTES: usize = 1024;

/// The format a directory walk assigns to `path` by its extension (case-insensitive), or
/// `None` for files a directory walk skips.
pub fn format_from_extension(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "text" | "md" => Some(Format::Text),
        "html" | "htm" | "xhtml" => Some(Format::Html),
        "jsonl" | "ndjson" => Some(Format::Jsonl),
        _ => None,
    }
}

/// Guesses the format of content from its first bytes: JSON Lines when the first visible
/// char is `{`, HTML when it looks like markup, text otherwise.
pub fn sniff(head: &[u8]) -> Format {
    let head = &head[..head.len().min(SNIFF_BYTES)];
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(head.len());
    let head = &head[start..];
    if head.first() == Some(&b'{') {
        return Format::Jsonl;
    }
    if looks_like_markup(head) { Format::Html } else { Format::Text }
}

/// The format of an input named `path` (extension first) whose first bytes are `head`.
pub fn detect_format(path: Option<&Path>, head: &[u8]) -> Format {
    path.and_then(format_from_extension).unwrap_or_else(|| sniff(head))
}

fn looks_like_markup(head: &[u8]) -> bool {
    const TAGS: [&[u8]; 10] = [
        b"<!doctype html",
        b"<html",
        b"<head",
        b"<body",
        b"<meta",
        b"<title",
        b"<article",
        b"<div",
        b"<p>",
        b"<p ",
    ];
    let lower = head.to_ascii_lowercase();
    if lower.first() != Some(&b'<') {
        return false;
    }
    // `<?xml` and comments may precede the real start of an XHTML page
    TAGS.iter().any(|tag| lower.windows(tag.len()).any(|w| w == *tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions() {
        assert_eq!(format_from_extension(Path::new("a/b.TXT")), Some(Format::Text));
        assert_eq!(format_from_extension(Path::new("x.md")), Some(Format::Text));
        assert_eq!(format_from_extension(Path::new("x.xhtml")), Some(Format::Html));
        assert_eq!(format_from_extension(Path::new("x.ndjson")), Some(Format::Jsonl));
        assert_eq!(format_from_extension(Path::new("x.pdf")), None);
        assert_eq!(format_from_extension(Path::new("README")), None);
    }

    #[test]
    fn sniffing() {
        assert_eq!(sniff(b"  <!DOCTYPE html><html><body>x"), Format::Html);
        assert_eq!(sniff(b"<?xml version=\"1.0\"?>\n<html xmlns=\"x\">"), Format::Html);
        assert_eq!(sniff(b"\n{\"text\": \"a\"}\n"), Format::Jsonl);
        assert_eq!(sniff(b"KABUL - Two rockets hit <the> city."), Format::Text);
        assert_eq!(sniff(b"<not markup at all"), Format::Text);
        assert_eq!(sniff(b""), Format::Text);
        assert_eq!(detect_format(Some(Path::new("a.html")), b"plain"), Format::Html);
        assert_eq!(detect_format(Some(Path::new("a.dat")), b"<html>"), Format::Html);
        assert_eq!(detect_format(None, b"words"), Format::Text);
    }
}
