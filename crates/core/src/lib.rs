//! Core types shared by every claimgraph stage.
//!
//! * [`Document`]: the normalized text of one report plus its metadata. Every offset any
//!   later stage produces points into [`Document::text`], counted in Unicode scalar values
//!   (chars), as the extraction contract (`spec/extraction-v1.md`) requires.
//! * [`Span`]: a checked `(start, end, text)` triple whose `text` always equals the slice.
//! * [`extraction`]: the v1 output contract (`claimgraph/extraction/v1`) with serde.
//!
//! Normalization lives here rather than in `claimgraph-text` because it is the invariant
//! that makes a `Document` a `Document`: its id is the hash of the normalized text.

pub mod digest;
pub mod document;
pub mod error;
pub mod extraction;
pub mod normalize;
pub mod offsets;
pub mod span;

pub use document::{Document, Meta};
pub use error::{CoreError, Result};
pub use extraction::Extraction;
pub use offsets::OffsetMap;
pub use span::Span;
