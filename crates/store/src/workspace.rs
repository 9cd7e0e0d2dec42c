//! What the web workspace keeps and asks beyond the [`Store`](crate::Store) trait: API token
//! hashes, boards of competing hypotheses (ACH), an actor's events and event timelines.

use serde::{Deserialize, Serialize};

use crate::rows::EventRow;

/// How an analyst rates one piece of evidence against one hypothesis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Rating {
    /// The evidence fits the hypothesis.
    Consistent,
    /// The evidence argues against the hypothesis.
    Inconsistent,
    /// The evidence does not bear on it.
    Neutral,
}

/// One claim used as evidence on a board.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BoardEvidence {
    /// Document id (`sha256:...`).
    pub doc_id: String,
    /// Local claim id in that document (`C1`).
    pub claim_id: String,
    /// The analyst's weight of this evidence, 0 to 1 (default 1).
    #[serde(default = "one")]
    pub credibility: f64,
}

fn one() -> f64 {
    1.0
}

/// One rating: hypothesis `hypothesis` (index into [`Board::hypotheses`]) against evidence
/// `evidence` (index into [`Board::evidence`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardRating {
    /// Index of the hypothesis.
    pub hypothesis: usize,
    /// Index of the evidence.
    pub evidence: usize,
    /// The rating.
    pub rating: Rating,
}

/// A board of competing hypotheses as the analyst writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BoardInput {
    /// Title.
    pub title: String,
    /// The question the hypotheses answer.
    #[serde(default)]
    pub question: String,
    /// Hypotheses, in order.
    #[serde(default)]
    pub hypotheses: Vec<String>,
    /// Evidence, in order.
    #[serde(default)]
    pub evidence: Vec<BoardEvidence>,
    /// Ratings (at most one per hypothesis and evidence; missing means not rated).
    #[serde(default)]
    pub ratings: Vec<BoardRating>,
}

/// A stored board.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Board {
    /// Board id.
    pub id: i64,
    /// When it was created (UTC, ISO 8601).
    pub created_at: String,
    /// When it was last saved.
    pub updated_at: String,
    /// Its content.
    #[serde(flatten)]
    pub content: BoardInput,
}

/// A board in a listing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardSummary {
    /// Board id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Number of hypotheses.
    pub n_hypotheses: u64,
    /// Number of pieces of evidence.
    pub n_evidence: u64,
    /// When it was last saved.
    pub updated_at: String,
}

/// How an event involves an actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// The actor did it.
    Actor,
    /// It was done to the actor.
    Target,
}

/// An event that involves an actor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorEvent {
    /// The actor's role in it.
    pub role: Role,
    /// The event.
    #[serde(flatten)]
    pub event: EventRow,
}

/// Which events a timeline counts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineFilter {
    /// Only events whose actor or target has this knowledge-base id or exact name.
    pub actor: Option<String>,
    /// Only events of this PLOVER type (its JSON name, `ASSAULT`).
    pub event_type: Option<String>,
    /// Only events starting on or after this day (`YYYY-MM-DD` or a prefix).
    pub since: Option<String>,
    /// Only events starting on or before this day.
    pub until: Option<String>,
    /// `day`, `month` (default) or `year`.
    pub bucket: Option<String>,
}

/// Number of events in one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineBucket {
    /// The period: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub period: String,
    /// PLOVER type.
    #[serde(rename = "type")]
    pub event_type: String,
    /// Number of events.
    pub events: u64,
    /// Fewest killed, summed over the events that state it.
    pub fatalities_min: u64,
}
