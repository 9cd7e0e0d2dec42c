//! What the web workspace keeps and asks beyond the [`Store`](crate::Store) trait: API token
//! hashes, boards of competing hypotheses (ACH), an actor's events and event timelines
//! ([`Workspace`], on both backends).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::codes::from_code;
use crate::error::{Result, StoreError};
use crate::rows::{EntityRow, EventRow};

/// What `claimgraph serve` keeps and asks of a store besides documents and incidents; both
/// backends give the same answers in the same order.
pub trait Workspace {
    /// The stored API token hashes (sha256 hex), oldest first.
    fn token_hashes(&self) -> Result<Vec<String>>;

    /// Replaces every API token hash by `hash` (a new token revokes the old ones).
    fn set_token_hash(&mut self, hash: &str) -> Result<()>;

    /// Every board, most recently saved first.
    fn boards(&self) -> Result<Vec<BoardSummary>>;

    /// One board, `None` when there is none with this id.
    fn board(&self, id: i64) -> Result<Option<Board>>;

    /// Saves a board: a new one when `id` is `None`, else replaces board `id` whole (`None`
    /// back when it does not exist). The board is checked first (title, indexes of ratings,
    /// credibility in 0..=1, no evidence twice, sizes); an invalid one changes nothing.
    fn save_board(&mut self, id: Option<i64>, b: &BoardInput) -> Result<Option<Board>>;

    /// Deletes a board; false when there was none with this id.
    fn delete_board(&mut self, id: i64) -> Result<bool>;

    /// Events whose actor or target is the entity with knowledge-base id `key`, or, for
    /// entities without one, named exactly `key`; newest document first.
    fn actor_involvement(&self, key: &str, limit: usize, offset: usize) -> Result<Vec<ActorEvent>>;

    /// The actor with knowledge-base id `key`, else the one named exactly `key` (a resolved
    /// entity of that name first), aggregated across documents; `None` when there is none.
    fn actor_entity(&self, key: &str) -> Result<Option<EntityRow>>;

    /// Ids of the documents, newest first, in which the actor `key` (kb id, or name of an
    /// unresolved entity) or a source named `name` makes a claim.
    fn actor_claim_documents(&self, key: &str, name: &str, limit: usize) -> Result<Vec<String>>;

    /// Number of events per period and type, oldest period first; events without a date
    /// are not counted.
    fn timeline(&self, f: &TimelineFilter) -> Result<Vec<TimelineBucket>>;
}

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

/// One entity row of an actor: name, type, country, kb id, document `seq`, mentions.
pub(crate) type ActorEntityRow = (String, String, Option<String>, Option<String>, i64, i64);

/// The entity rows of one actor, aggregated: the most frequent (name, type) names it (ties:
/// alphabetical); `None` for no rows.
pub(crate) fn aggregate_actor(rows: &[ActorEntityRow]) -> Result<Option<EntityRow>> {
    if rows.is_empty() {
        return Ok(None);
    }
    let mut names: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for r in rows {
        *names.entry((r.0.as_str(), r.1.as_str())).or_default() += 1;
    }
    let best = names.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(k, _)| *k);
    let (name, ty) = best.unwrap_or(("", ""));
    let docs: BTreeSet<i64> = rows.iter().map(|r| r.4).collect();
    Ok(Some(EntityRow {
        kb_id: rows.iter().find_map(|r| r.3.clone()),
        name: name.to_string(),
        entity_type: from_code("entities.type", ty)?,
        country: rows.iter().filter_map(|r| r.2.clone()).max(),
        mentions: rows.iter().map(|r| r.5.max(0) as u64).sum(),
        documents: docs.len() as u64,
    }))
}

/// How many leading characters of a date name a timeline period.
pub(crate) fn bucket_width(f: &TimelineFilter) -> Result<i64> {
    match f.bucket.as_deref() {
        None | Some("month") => Ok(7),
        Some("day") => Ok(10),
        Some("year") => Ok(4),
        Some(other) => Err(StoreError::BadValue { column: "timeline bucket", value: other.to_string() }),
    }
}

/// Limits of a board, so one request cannot store megabytes of hypotheses.
const MAX_HYPOTHESES: usize = 50;
const MAX_EVIDENCE: usize = 500;
const MAX_TEXT: usize = 4000;

/// Checks a board before it is saved.
pub(crate) fn check_board(b: &BoardInput) -> Result<()> {
    let bad = |reason: String| Err(StoreError::InvalidBoard(reason));
    if b.title.trim().is_empty() {
        return bad("the title is empty".into());
    }
    if b.title.chars().count() > MAX_TEXT || b.question.chars().count() > MAX_TEXT {
        return bad(format!("the title or question is longer than {MAX_TEXT} characters"));
    }
    if b.hypotheses.len() > MAX_HYPOTHESES {
        return bad(format!("more than {MAX_HYPOTHESES} hypotheses"));
    }
    if b.evidence.len() > MAX_EVIDENCE {
        return bad(format!("more than {MAX_EVIDENCE} pieces of evidence"));
    }
    for (i, h) in b.hypotheses.iter().enumerate() {
        if h.trim().is_empty() || h.chars().count() > MAX_TEXT {
            return bad(format!("hypothesis {i} is empty or longer than {MAX_TEXT} characters"));
        }
    }
    for (i, e) in b.evidence.iter().enumerate() {
        if !(0.0..=1.0).contains(&e.credibility) {
            return bad(format!("evidence {i}: credibility {} is not between 0 and 1", e.credibility));
        }
        if e.doc_id.is_empty() || e.claim_id.is_empty() || e.doc_id.len() > 100 || e.claim_id.len() > 100 {
            return bad(format!("evidence {i}: doc_id and claim_id must be given"));
        }
        if b.evidence[..i].iter().any(|o| o.doc_id == e.doc_id && o.claim_id == e.claim_id) {
            return bad(format!("evidence {i}: claim {} of {} is listed twice", e.claim_id, e.doc_id));
        }
    }
    for (i, r) in b.ratings.iter().enumerate() {
        if r.hypothesis >= b.hypotheses.len() || r.evidence >= b.evidence.len() {
            return bad(format!("rating {i} refers to a hypothesis or evidence that is not on the board"));
        }
        if b.ratings[..i].iter().any(|o| o.hypothesis == r.hypothesis && o.evidence == r.evidence) {
            return bad(format!(
                "rating {i}: hypothesis {} and evidence {} are rated twice",
                r.hypothesis, r.evidence
            ));
        }
    }
    Ok(())
}
