//! claimgraph readers: turn files, directories, JSON Lines and standard input into
//! [`Document`]s ready for analysis.
//!
//! * **Plain text** in UTF-8, UTF-16 (with byte-order mark), windows-1252/Latin-1 and the
//!   other legacy encodings `chardetng` recognises ([`decode`]).
//! * **HTML**: the main article text (Readability, via `dom_smoothie`) with paragraph breaks,
//!   plus title, publisher, published date and URL from `<meta>`, Open Graph, JSON-LD
//!   `NewsArticle` and `<time datetime>` ([`html`]).
//! * **JSON Lines**: one record per line with `text` or `html` ([`jsonl`]).
//! * **Directories**, walked lazily, recursively and in sorted order ([`walk`]), and `-` for
//!   standard input, sniffed ([`format`]).
//!
//! [`read_inputs`] streams [`Loaded`] documents from command-line paths. Every failure is an
//! [`IngestError`] item naming the input (`path`, `path:LINE` or `-`), so a batch goes on
//! after a bad file. Memory stays bounded: files are read only up to
//! [`ReadOptions::max_bytes`], JSON Lines one line at a time, directories one listing at a
//! time. The lower-level readers ([`read_text_bytes`], [`read_html`], [`read_jsonl_line`],
//! [`read_jsonl`], [`read_bytes`]) take bytes already in memory, e.g. a posted HTTP body.

#![warn(missing_docs)]

pub mod decode;
pub mod error;
mod finish;
pub mod format;
pub mod html;
pub mod inputs;
pub mod jsonl;
pub mod lang;
mod limits;
pub mod text;
pub mod walk;

use claimgraph_core::{Document, Meta};

pub use error::{ErrorKind, IngestError, Result};
pub use format::{Format, detect_format, format_from_extension, sniff};
pub use html::{HtmlPage, extract_html, read_html};
pub use inputs::{Inputs, Stats, read_inputs};
pub use jsonl::{JsonlReader, read_jsonl, read_jsonl_line};
pub use lang::detect_language;
pub use text::read_text_bytes;

/// Default [`ReadOptions::max_bytes`]: 20 MB.
pub const DEFAULT_MAX_BYTES: u64 = 20_000_000;

/// How inputs are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// Largest input accepted, in bytes: a file, a stdin document or one JSON Lines line.
    pub max_bytes: u64,
    /// Metadata that replaces what the readers find, field by field, in every document
    /// (the command line's `--title`, `--url`, `--publisher`, `--published`, `--language`).
    pub overrides: Meta,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions { max_bytes: DEFAULT_MAX_BYTES, overrides: Meta::default() }
    }
}

impl ReadOptions {
    /// Checks the overrides once up front (a bad `--published` would otherwise fail every
    /// document), naming them `source` in the error.
    pub fn check(&self, source: &str) -> Result<()> {
        if let Some(p) = &self.overrides.published {
            claimgraph_core::document::parse_iso_date(p)
                .map_err(|_| IngestError::new(source, ErrorKind::BadDate(p.clone())))?;
        }
        Ok(())
    }
}

/// One document read from an input.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// Where it came from: a path, `path:LINE` (1-based) for JSON Lines, or `-` for stdin
    /// (`-:LINE` for JSON Lines on stdin).
    pub source: String,
    /// The document: normalized text and metadata.
    pub document: Document,
    /// Things worth telling the user that did not stop the read (encoding guessed,
    /// unparseable dates ignored, ...).
    pub warnings: Vec<String>,
}

/// Reads one in-memory input of a known format. Text and HTML give one document; JSON
/// Lines gives one item per non-blank line, named `source:LINE`.
pub fn read_bytes<'a>(
    bytes: &'a [u8],
    format: Format,
    source: &'a str,
    opts: &'a ReadOptions,
) -> Box<dyn Iterator<Item = Result<Loaded>> + 'a> {
    match format {
        Format::Text => Box::new(std::iter::once(read_text_bytes(bytes, source, opts))),
        Format::Html => Box::new(std::iter::once(read_html(bytes, source, opts))),
        Format::Jsonl => Box::new(read_jsonl(bytes, source, opts.clone())),
    }
}
