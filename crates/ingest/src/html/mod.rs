//! The HTML reader: charset, main article text, metadata.
//!
//! Metadata is read from the full page before Readability prunes it; the main text comes
//! from `dom_smoothie` (a Readability port) with block elements turned into paragraph
//! breaks, and falls back to the page's visible text minus navigation, headers, footers,
//! asides, forms, scripts and styles when Readability finds no article.

mod charset;
mod date;
mod depth;
mod jsonld;
mod main_text;
mod meta;

use claimgraph_core::Meta;

use crate::decode::decode;
use crate::error::{ErrorKind, IngestError, Result};
use crate::finish::finish;
use crate::limits::check_size;
use crate::{Loaded, ReadOptions};

pub use charset::declared_charset;

/// What was extracted from one HTML page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlPage {
    /// Main text, paragraphs separated by blank lines (not yet normalized).
    pub text: String,
    /// Title, publisher, published date (`YYYY-MM-DD`) and URL found in the page;
    /// `language` is left to detection.
    pub meta: Meta,
    /// The primary subtag of `<html lang>`, used when detection is not confident.
    pub declared_language: Option<String>,
    /// Metadata values that were found but ignored (e.g. unparseable dates).
    pub warnings: Vec<String>,
}

/// Deepest element nesting [`extract_html`] accepts (real pages nest a few dozen levels).
pub const MAX_NESTING: usize = 1000;

/// Extracts main text and metadata from a decoded HTML page. Fails with
/// [`ErrorKind::NoHtmlText`] when the page has no visible text, and with
/// [`ErrorKind::HtmlTooDeep`] when it nests elements more than [`MAX_NESTING`] deep
/// (parsing such a page would take time quadratic in its depth).
pub fn extract_html(html: &str) -> Result<HtmlPage, ErrorKind> {
    let depth = depth::nesting_depth(html);
    if depth > MAX_NESTING {
        return Err(ErrorKind::HtmlTooDeep { depth, limit: MAX_NESTING });
    }
    let doc = dom_query::Document::from(html);
    let found = meta::page_meta(&doc);
    let main = main_text::main_text(doc, html).ok_or(ErrorKind::NoHtmlText)?;
    let mut warnings = found.warnings;
    warnings.extend(main.warning);
    Ok(HtmlPage { text: main.text, meta: found.meta, declared_language: found.declared_language, warnings })
}

/// Reads an HTML page from `bytes` into a document named `source`. The charset comes from
/// a byte-order mark, else valid UTF-8, else `<meta charset>`, else detection.
pub fn read_html(bytes: &[u8], source: &str, opts: &ReadOptions) -> Result<Loaded> {
    let err = |k| IngestError::new(source, k);
    check_size(bytes.len() as u64, opts).map_err(err)?;
    let decoded = decode(bytes, declared_charset(bytes)).map_err(err)?;
    let page = extract_html(&decoded.text).map_err(err)?;
    let mut warnings: Vec<String> = decoded.warning.into_iter().collect();
    warnings.extend(page.warnings);
    finish(&page.text, page.meta, page.declared_language, source, opts, warnings)
}
