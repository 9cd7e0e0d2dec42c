//! The JSON Lines reader: one document per line, streamed.
//!
//! Each non-blank line is a JSON object with a `text` or an `html` string and optional
//! `title`, `url`, `publisher`, `published` (ISO date) and `language` strings; other
//! fields are ignored. When both `text` and `html` are given, `text` is the document and
//! the page only contributes metadata the record lacks.

use std::io::BufRead;

use claimgraph_core::Meta;
use serde::Deserialize;

use crate::error::{ErrorKind, IngestError, Result};
use crate::finish::finish;
use crate::html::extract_html;
use crate::limits::{LineRead, check_size, read_line_bounded};
use crate::{Loaded, ReadOptions};

/// One JSON Lines record.
#[derive(Debug, Deserialize)]
struct Record {
    text: Option<String>,
    html: Option<String>,
    title: Option<String>,
    url: Option<String>,
    publisher: Option<String>,
    published: Option<String>,
    language: Option<String>,
}

/// Reads one JSON Lines line (without its line break) into a document named `source`
/// (usually `path:LINE`). Returns `Ok(None)` for a blank line.
pub fn read_jsonl_line(line: &[u8], source: &str, opts: &ReadOptions) -> Result<Option<Loaded>> {
    let err = |k| IngestError::new(source, k);
    // a UTF-8 byte-order mark may open the first line of a file
    let line = line.strip_prefix(b"\xef\xbb\xbf").unwrap_or(line).trim_ascii();
    if line.is_empty() {
        return Ok(None);
    }
    check_size(line.len() as u64, opts).map_err(err)?;
    let value: serde_json::Value =
        serde_json::from_slice(line).map_err(|e| err(ErrorKind::Json(e.to_string())))?;
    if !value.is_object() {
        return Err(err(ErrorKind::Json("expected a JSON object".into())));
    }
    let record: Record = serde_json::from_value(value).map_err(|e| err(ErrorKind::Json(e.to_string())))?;
    let meta = Meta {
        title: record.title,
        url: record.url,
        publisher: record.publisher,
        published: record.published,
        language: record.language,
    };
    let text = record.text.filter(|t| !t.trim().is_empty());
    let html = record.html.filter(|h| !h.trim().is_empty());
    match (text, html) {
        (Some(text), html) => {
            let mut found = Meta::default();
            let mut warnings = Vec::new();
            if let Some(page) = html.and_then(|h| extract_html(&h).ok()) {
                found = page.meta;
                warnings = page.warnings;
            }
            found.override_with(&meta);
            finish(&text, found, None, source, opts, warnings).map(Some)
        }
        (None, Some(html)) => {
            let page = extract_html(&html).map_err(err)?;
            let mut found = page.meta;
            found.override_with(&meta);
            finish(&page.text, found, page.declared_language, source, opts, page.warnings).map(Some)
        }
        (None, None) => Err(err(ErrorKind::MissingText)),
    }
}

/// Streams the documents of a JSON Lines input, one line at a time; items are named
/// `source:LINE` (1-based). Blank lines are skipped; a line longer than
/// [`ReadOptions::max_bytes`] is skipped with [`ErrorKind::TooLarge`] without being held in
/// memory. A read error ends the stream after being reported.
pub fn read_jsonl<R: BufRead>(reader: R, source: &str, opts: ReadOptions) -> JsonlReader<R> {
    JsonlReader { reader, source: source.to_string(), opts, line_no: 0, buf: Vec::new(), done: false }
}

/// Iterator over the documents of a JSON Lines input; see [`read_jsonl`].
#[derive(Debug)]
pub struct JsonlReader<R> {
    reader: R,
    source: String,
    opts: ReadOptions,
    line_no: u64,
    buf: Vec<u8>,
    done: bool,
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Result<Loaded>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let read = read_line_bounded(&mut self.reader, &mut self.buf, self.opts.max_bytes);
            self.line_no += 1;
            let name = format!("{}:{}", self.source, self.line_no);
            match read {
                Ok(LineRead::Eof) => self.done = true,
                Ok(LineRead::TooLong(size)) => {
                    return Some(Err(IngestError::new(
                        name,
                        ErrorKind::TooLarge { size, limit: self.opts.max_bytes },
                    )));
                }
                Ok(LineRead::Line) => match read_jsonl_line(&self.buf, &name, &self.opts) {
                    Ok(None) => {}
                    Ok(Some(loaded)) => return Some(Ok(loaded)),
                    Err(e) => return Some(Err(e)),
                },
                Err(e) => {
                    self.done = true;
                    return Some(Err(IngestError::new(name, ErrorKind::Io(e))));
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_record_with_meta() {
        let line = br#"{"text":"Rebels seized the town.","title":"T","published":"2020-01-02","id":7}"#;
        let l = read_jsonl_line(line, "a.jsonl:1", &ReadOptions::default()).unwrap().unwrap();
        assert_eq!(l.document.text(), "Rebels seized the town.");
        assert_eq!(l.document.meta.title.as_deref(), Some("T"));
        assert_eq!(l.document.meta.published.as_deref(), Some("2020-01-02"));
        assert!(read_jsonl_line(b"  \r", "a.jsonl:2", &ReadOptions::default()).unwrap().is_none());
        let bom = b"\xef\xbb\xbf{\"text\":\"x\"}\r";
        assert_eq!(
            read_jsonl_line(bom, "b:1", &ReadOptions::default()).unwrap().unwrap().document.text(),
            "x"
        );
    }

    #[test]
    fn bad_records() {
        let opts = ReadOptions::default();
        let kind = |line: &[u8]| read_jsonl_line(line, "s:1", &opts).unwrap_err().into_kind();
        assert!(matches!(kind(b"{not json"), ErrorKind::Json(_)));
        assert!(matches!(kind(b"[1,2]"), ErrorKind::Json(_)));
        assert!(matches!(kind(br#"{"title":3,"text":"x"}"#), ErrorKind::Json(_)));
        assert!(matches!(kind(br#"{"title":"no body"}"#), ErrorKind::MissingText));
        assert!(matches!(kind(br#"{"text":"  "}"#), ErrorKind::MissingText));
        assert!(matches!(kind(br#"{"text":"x","published":"03/04/2020"}"#), ErrorKind::BadDate(_)));
    }

    #[test]
    fn stream_names_lines() {
        let input = "{\"text\":\"one\"}\n\n{\"oops\n{\"text\":\"three\"}\n";
        let items: Vec<_> = read_jsonl(input.as_bytes(), "f.jsonl", ReadOptions::default()).collect();
        assert_eq!(items.len(), 3);
        assert_eq!(items[0].as_ref().unwrap().source, "f.jsonl:1");
        assert_eq!(items[1].as_ref().unwrap_err().source_name(), "f.jsonl:3");
        assert_eq!(items[2].as_ref().unwrap().source, "f.jsonl:4");
    }
}
