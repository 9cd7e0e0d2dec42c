//! claimgraph extraction: turns the normalized text of a report into the parts of a
//! v1 extraction (`claimgraph_core::extraction`).
//!
//! The stage as a whole finds events (who did what to whom), claims (who asserted,
//! confirmed or denied what), their dates and casualty counts, and resolves mentions
//! within the document (in-document coreference). Today it holds the two modules that work
//! on plain text without the parser:
//!
//! * [`time`]: temporal expressions, normalized to
//!   [`DateValue`](claimgraph_core::extraction::DateValue) and resolved against the
//!   publication date (`last year`, `on Monday`, `December 11`), plus the GUM evaluation;
//! * [`quantity`]: number expressions (`more than 70`, `dozens`) and casualty statements
//!   (`killed two civilians`), normalized to [`Count`](claimgraph_core::extraction::Count).
//!
//! [`Extractor`] (`pipeline`) runs the whole stage on a `Document`: [`annotate`] (words,
//! sentences, tags, recognizer spans), [`entities`] (KB and recognizer names, coreference),
//! [`events`] (PLOVER triggers, parties, status, date, place, tolls, merging) and [`claims`]
//! (attributions, claimants, stance, hedging, `about`, `via`).
//!
//! All spans are byte offsets into the text given to the finders; convert them with
//! `Document::span_bytes`. Finders never panic on any input and return nothing when
//! unsure: no date or count is better than a wrong one.

use std::path::PathBuf;

pub mod annotate;
pub mod claims;
pub mod entities;
pub mod events;
pub mod lexicon;
pub mod pipeline;
pub mod provenance;
pub mod quantity;
pub mod time;

pub use pipeline::Extractor;

/// Errors of the extraction crate.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    /// A file or directory could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// An embedded model or the KB could not be loaded.
    #[error("cannot load {0}")]
    Model(String),
    /// An evaluation corpus is missing or not in the expected format.
    #[error("{path}: {message}")]
    BadCorpus {
        /// The path.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

/// Result alias for the extraction crate.
pub type Result<T, E = ExtractError> = std::result::Result<T, E>;
