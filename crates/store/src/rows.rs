//! What the store returns: outcomes, counts, listing rows and the filters that select them.
//!
//! Every row derives `Serialize` so the command line can print it as JSON as it is.

use claimgraph_core::Span;
use claimgraph_core::extraction::{
    ClaimantKind, DatePrecision, EntityType, EventStatus, EventType, Producer, Stance,
};
use serde::{Deserialize, Serialize};

/// Default number of rows a listing returns.
pub const DEFAULT_LIMIT: usize = 100;

/// What [`put_extraction`](crate::Store::put_extraction) did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PutOutcome {
    /// The document was new and is now stored.
    Inserted,
    /// The document was already stored and `replace` was false: nothing changed.
    Unchanged,
    /// The document was already stored and its extraction was replaced.
    Replaced,
}

/// Number of rows of each kind in the store.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Documents.
    pub documents: u64,
    /// Entities (per document).
    pub entities: u64,
    /// Entity mentions.
    pub mentions: u64,
    /// Events.
    pub events: u64,
    /// Claims.
    pub claims: u64,
}

/// A window of a listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    /// Most rows to return.
    pub limit: usize,
    /// Rows to skip first.
    pub offset: usize,
}

impl Default for Page {
    fn default() -> Self {
        Page { limit: DEFAULT_LIMIT, offset: 0 }
    }
}

/// One stored document, as listed by [`documents`](crate::Store::documents).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentRow {
    /// `sha256:` id.
    pub id: String,
    /// Title.
    pub title: Option<String>,
    /// Publisher.
    pub publisher: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Language code.
    pub language: Option<String>,
    /// Where the document was read from.
    pub source: String,
    /// When it was stored (UTC, ISO 8601).
    pub ingested_at: String,
    /// Length of the text in chars.
    pub chars: u64,
    /// Number of entities extracted.
    pub n_entities: u64,
    /// Number of events extracted.
    pub n_events: u64,
    /// Number of claims extracted.
    pub n_claims: u64,
    /// What made the extraction (program, version, parser, beam width), when it says.
    #[serde(default)]
    pub producer: Option<Producer>,
}

/// A stored document as walked by [`documents_after`](crate::Store::documents_after): its id,
/// where and when it was stored and what made its extraction, without its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentKey {
    /// `sha256:` id.
    pub id: String,
    /// Where the document was read from (a path, a URL).
    pub source: String,
    /// When it was stored (UTC, ISO 8601).
    pub ingested_at: String,
    /// What made the extraction, when it says.
    #[serde(default)]
    pub producer: Option<Producer>,
}

/// Which events [`events`](crate::Store::events) returns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventFilter {
    /// Only events of this document (full id or unique prefix).
    pub doc: Option<String>,
    /// Only events of this PLOVER type.
    pub event_type: Option<EventType>,
    /// Only events whose evidence, actor, target or location name contains this text
    /// (ASCII case-insensitive).
    pub text: Option<String>,
    /// Most rows to return.
    pub limit: usize,
    /// Rows to skip first.
    pub offset: usize,
}

impl Default for EventFilter {
    fn default() -> Self {
        EventFilter { doc: None, event_type: None, text: None, limit: DEFAULT_LIMIT, offset: 0 }
    }
}

/// One event with its actor and target resolved to names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRow {
    /// Document id.
    pub doc_id: String,
    /// Publication date of the document.
    pub published: Option<String>,
    /// Local event id (`V1`).
    pub id: String,
    /// PLOVER type.
    #[serde(rename = "type")]
    pub event_type: EventType,
    /// PLOVER mode.
    pub mode: Option<String>,
    /// CAMEO code.
    pub cameo: Option<String>,
    /// Actor's canonical name.
    pub actor: Option<String>,
    /// Actor's knowledge-base id.
    pub actor_kb_id: Option<String>,
    /// Target's canonical name.
    pub target: Option<String>,
    /// Target's knowledge-base id.
    pub target_kb_id: Option<String>,
    /// First day.
    pub date_start: Option<String>,
    /// Last day.
    pub date_end: Option<String>,
    /// Date precision.
    pub date_precision: Option<DatePrecision>,
    /// Place name.
    pub location: Option<String>,
    /// Country of the place (ISO 3166-1 alpha-3).
    pub country: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// Fewest killed.
    pub fatalities_min: Option<u64>,
    /// Most killed (`None`: open or not stated).
    pub fatalities_max: Option<u64>,
    /// Fewest injured.
    pub injuries_min: Option<u64>,
    /// Most injured (`None`: open or not stated).
    pub injuries_max: Option<u64>,
    /// Status.
    pub status: EventStatus,
    /// Supporting spans, in order.
    pub evidence: Vec<Span>,
}

/// Which claims [`claims`](crate::Store::claims) returns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimFilter {
    /// Only claims of this document (full id or unique prefix).
    pub doc: Option<String>,
    /// Only claims with this stance.
    pub stance: Option<Stance>,
    /// Only claims whose claimant name (or entity name) contains this text
    /// (ASCII case-insensitive).
    pub claimant: Option<String>,
    /// Only claims whose evidence contains this text (ASCII case-insensitive).
    pub text: Option<String>,
    /// Most rows to return.
    pub limit: usize,
    /// Rows to skip first.
    pub offset: usize,
}

impl Default for ClaimFilter {
    fn default() -> Self {
        ClaimFilter { doc: None, stance: None, claimant: None, text: None, limit: DEFAULT_LIMIT, offset: 0 }
    }
}

/// One claim with its claimant resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimRow {
    /// Document id.
    pub doc_id: String,
    /// Publication date of the document.
    pub published: Option<String>,
    /// Local claim id (`C1`).
    pub id: String,
    /// How the text names the claimant.
    pub claimant: String,
    /// Canonical name of the claimant's entity, when it is one.
    pub claimant_entity: Option<String>,
    /// Knowledge-base id of the claimant's entity.
    pub claimant_kb_id: Option<String>,
    /// Kind of source.
    pub claimant_kind: ClaimantKind,
    /// Number of sources, when the text says.
    pub claimant_count: Option<u32>,
    /// Stance.
    pub stance: Stance,
    /// Marked uncertain.
    pub hedged: bool,
    /// Local ids of the events the claim is about.
    pub about: Vec<String>,
    /// Local id of the claim that carried this one.
    pub via: Option<String>,
    /// Supporting spans, in order.
    pub evidence: Vec<Span>,
}

/// Which entities [`entities`](crate::Store::entities) returns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityFilter {
    /// Only entities of this document (full id or unique prefix).
    pub doc: Option<String>,
    /// Only entities of this type.
    pub entity_type: Option<EntityType>,
    /// Only entities whose name or knowledge-base id contains this text
    /// (ASCII case-insensitive).
    pub name: Option<String>,
    /// Most rows to return.
    pub limit: usize,
    /// Rows to skip first.
    pub offset: usize,
}

impl Default for EntityFilter {
    fn default() -> Self {
        EntityFilter { doc: None, entity_type: None, name: None, limit: DEFAULT_LIMIT, offset: 0 }
    }
}

/// An entity aggregated across documents: by knowledge-base id when resolved, else by
/// (name, type).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityRow {
    /// Knowledge-base id, when resolved.
    pub kb_id: Option<String>,
    /// Canonical name (the most frequent one among the grouped entities).
    pub name: String,
    /// Entity type.
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    /// Country, when known.
    pub country: Option<String>,
    /// Total mentions.
    pub mentions: u64,
    /// Documents that mention it.
    pub documents: u64,
}

/// One full-text search result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    /// Document id.
    pub doc_id: String,
    /// Title.
    pub title: Option<String>,
    /// Excerpt of the text around the matches, matched terms in `[` `]`.
    pub snippet: String,
    /// BM25 rank: lower is a better match.
    pub rank: f64,
}
