//! The v1 extraction contract (`spec/extraction-v1.md`): what `claimgraph extract` prints
//! for each document, what the store keeps and what exports read.
//!
//! Field names and meanings are public: add fields, never rename them.

use serde::{Deserialize, Serialize};

use crate::document::Document;
use crate::error::Result;
use crate::span::Span;

/// The `schema` tag of every v1 extraction.
pub const SCHEMA_V1: &str = "claimgraph/extraction/v1";

/// Everything extracted from one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    /// Always [`SCHEMA_V1`].
    pub schema: String,
    /// What made this extraction (software, version, how sentences were parsed), when known:
    /// the same text can give other results with another parser or beam width. Absent from
    /// extractions made by other tools or before the field existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub producer: Option<Producer>,
    /// The document, with the normalized text all offsets point into.
    pub document: DocumentRecord,
    /// Entities resolved within the document.
    pub entities: Vec<Entity>,
    /// Events (who did what to whom).
    pub events: Vec<Event>,
    /// Claims (who asserted, confirmed or denied what).
    pub claims: Vec<Claim>,
}

/// The `producer` object of an extraction: which program and which analysis made it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Producer {
    /// The program, `claimgraph` for this one.
    pub name: String,
    /// Its version.
    pub version: String,
    /// How the sentences were parsed: `accurate` (beam search) or `fast` (greedy) for the
    /// shipped parsers; null when no parser was used.
    pub parser: Option<String>,
    /// The beam width the parser decoded with (1: greedy); null when no parser was used.
    pub beam: Option<u16>,
    /// Which models and knowledge base made it: `sha256:` of a manifest listing the sha256 of
    /// each model file and knowledge base used (and of each user dictionary added to the
    /// knowledge base), so that two extractions by builds with other models differ here even
    /// when the version is the same. Null when unknown (older extractions, other programs).
    #[serde(default)]
    pub models: Option<String>,
    /// Which extraction code made it: `sha256:` of a manifest listing the sha256 of each
    /// source file (and trigger table) of the crates that turn text into an extraction, so
    /// that two builds with the same version and models but other rules differ here. Null
    /// when unknown (older extractions, other programs).
    #[serde(default)]
    pub rules: Option<String>,
}

/// The `document` object of an extraction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRecord {
    /// `sha256:` of the normalized text.
    pub id: String,
    /// Title, if known.
    pub title: Option<String>,
    /// Source URL, if known.
    pub url: Option<String>,
    /// Publisher, if known.
    pub publisher: Option<String>,
    /// ISO date the text is anchored to, if known.
    pub published: Option<String>,
    /// Language code, if known.
    pub language: Option<String>,
    /// The normalized text.
    pub text: String,
}

impl From<&Document> for DocumentRecord {
    fn from(d: &Document) -> Self {
        DocumentRecord {
            id: d.id().to_string(),
            title: d.meta.title.clone(),
            url: d.meta.url.clone(),
            publisher: d.meta.publisher.clone(),
            published: d.meta.published.clone(),
            language: d.meta.language.clone(),
            text: d.text().to_string(),
        }
    }
}

/// Entity type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    /// Person.
    Per,
    /// Organization.
    Org,
    /// Geo-political entity (country, city, state).
    Gpe,
    /// Non-political location.
    Loc,
    /// Facility (air base, building).
    Fac,
    /// Nationality, religious or political group.
    Norp,
    /// Anything else named.
    Misc,
}

/// What kind of actor or place an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// A country as a whole.
    State,
    /// A government or its ministries.
    Government,
    /// Armed forces.
    Military,
    /// Non-state armed group.
    ArmedGroup,
    /// Intelligence or other state agency.
    Agency,
    /// News organization.
    Media,
    /// Individual.
    Person,
    /// Any other organization.
    Organization,
    /// A place.
    Place,
    /// A facility.
    Facility,
    /// A group of people.
    Group,
}

/// An actor, place or other named thing, with all its mentions in the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Local id (`E1`, `E2`, ...).
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Entity type.
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    /// Kind of actor or place.
    pub kind: Option<EntityKind>,
    /// ISO 3166-1 alpha-3 country the entity belongs to.
    pub country: Option<String>,
    /// Stable knowledge-base id, when resolved.
    pub kb_id: Option<String>,
    /// Other surface forms resolved to it in this document.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Every mention.
    pub mentions: Vec<Span>,
}

/// PLOVER event type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
#[allow(missing_docs)]
pub enum EventType {
    Agree,
    Consult,
    Support,
    Concede,
    Cooperate,
    Aid,
    Retreat,
    Request,
    Accuse,
    Reject,
    Threaten,
    Protest,
    Sanction,
    Mobilize,
    Coerce,
    Assault,
}

/// Whether the text asserts an event, only relays it, denies it, or treats it as unreal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventStatus {
    /// Asserted by the text.
    Reported,
    /// Only attributed to someone, not asserted by the text.
    Claimed,
    /// Denied.
    Denied,
    /// Planned or intended.
    Planned,
    /// Conditional or hypothetical.
    Hypothetical,
    /// Said not to have happened.
    Negated,
}

/// Precision of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    /// A single day.
    Day,
    /// A month.
    Month,
    /// A year.
    Year,
    /// Any other interval.
    Range,
}

/// When an event happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateValue {
    /// First day (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`).
    pub start: String,
    /// Last day.
    pub end: String,
    /// Precision.
    pub precision: DatePrecision,
    /// The words that gave the date.
    pub text: Option<String>,
}

/// Where an event happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    /// Place name.
    pub name: Option<String>,
    /// ISO 3166-1 alpha-3.
    pub country: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// GeoNames id, when known.
    pub geonames_id: Option<i64>,
}

/// A count of people killed or injured, possibly a range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    /// Lower bound.
    pub min: u64,
    /// Upper bound, `None` when open ("more than 70").
    pub max: Option<u64>,
    /// The words that gave the number.
    pub text: Option<String>,
}

/// One happening: who did what to whom, when, where, how many.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Local id (`V1`, ...).
    pub id: String,
    /// PLOVER type.
    #[serde(rename = "type")]
    pub event_type: EventType,
    /// PLOVER mode.
    pub mode: Option<String>,
    /// Closest CAMEO code.
    pub cameo: Option<String>,
    /// Entity id of the actor.
    pub actor: Option<String>,
    /// Entity id of the target.
    pub target: Option<String>,
    /// When.
    pub date: Option<DateValue>,
    /// Where.
    pub location: Option<Location>,
    /// People killed.
    pub fatalities: Option<Count>,
    /// People injured.
    pub injuries: Option<Count>,
    /// Status.
    pub status: EventStatus,
    /// The words that support it (at least one span).
    pub evidence: Vec<Span>,
}

/// Stance of a claimant towards what it says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    /// States it.
    Asserts,
    /// Confirms what was stated elsewhere.
    Confirms,
    /// Denies it.
    Denies,
}

/// What kind of source a claimant is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[allow(missing_docs)]
pub enum ClaimantKind {
    Media,
    Official,
    Government,
    Organization,
    Person,
    Anonymous,
    Document,
}

/// Who makes a claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claimant {
    /// Entity id, when the claimant is one.
    pub entity: Option<String>,
    /// How the text names the claimant.
    pub name: String,
    /// Kind of source.
    pub kind: ClaimantKind,
    /// Number of sources, when the text says.
    pub count: Option<u32>,
}

/// An attribution: someone asserts, confirms or denies something.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// Local id (`C1`, ...).
    pub id: String,
    /// Who.
    pub claimant: Claimant,
    /// Stance.
    pub stance: Stance,
    /// Marked uncertain (may, might, likely, allegedly...).
    pub hedged: bool,
    /// Event ids the claim is about.
    pub about: Vec<String>,
    /// Claim through which this one reached the reader.
    pub via: Option<String>,
    /// The words that support it (at least one span).
    pub evidence: Vec<Span>,
}

impl Extraction {
    /// An extraction of `doc` with nothing found yet.
    pub fn empty(doc: &Document) -> Self {
        Extraction {
            schema: SCHEMA_V1.to_string(),
            producer: None,
            document: DocumentRecord::from(doc),
            entities: Vec::new(),
            events: Vec::new(),
            claims: Vec::new(),
        }
    }

    /// Every span stored in the extraction (mentions and evidence).
    pub fn spans(&self) -> impl Iterator<Item = &Span> {
        let mentions = self.entities.iter().flat_map(|e| e.mentions.iter());
        let events = self.events.iter().flat_map(|e| e.evidence.iter());
        let claims = self.claims.iter().flat_map(|c| c.evidence.iter());
        mentions.chain(events).chain(claims)
    }

    /// Checks that every span's text equals its slice of `document.text`, and that the
    /// document id is the hash of the text.
    pub fn check_spans(&self) -> Result<()> {
        let doc = Document::new(&self.document.text, crate::Meta::default());
        for span in self.spans() {
            doc.check_span(span)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Meta;

    #[test]
    fn serializes_contract_names() {
        let doc = Document::new("Iran paid the Taliban.", Meta::default());
        let mut x = Extraction::empty(&doc);
        x.entities.push(Entity {
            id: "E1".into(),
            name: "Iran".into(),
            entity_type: EntityType::Gpe,
            kind: Some(EntityKind::ArmedGroup),
            country: Some("IRN".into()),
            kb_id: None,
            aliases: vec![],
            mentions: vec![doc.span(0, 4).unwrap()],
        });
        x.events.push(Event {
            id: "V1".into(),
            event_type: EventType::Aid,
            mode: None,
            cameo: Some("071".into()),
            actor: Some("E1".into()),
            target: None,
            date: Some(DateValue {
                start: "2019".into(),
                end: "2019".into(),
                precision: DatePrecision::Year,
                text: None,
            }),
            location: None,
            fatalities: None,
            injuries: None,
            status: EventStatus::Claimed,
            evidence: vec![doc.span(0, 9).unwrap()],
        });
        x.claims.push(Claim {
            id: "C1".into(),
            claimant: Claimant {
                entity: None,
                name: "two sources".into(),
                kind: ClaimantKind::Anonymous,
                count: Some(2),
            },
            stance: Stance::Confirms,
            hedged: true,
            about: vec!["V1".into()],
            via: None,
            evidence: vec![doc.span(0, 9).unwrap()],
        });
        let v = serde_json::to_value(&x).unwrap();
        assert_eq!(v["schema"], "claimgraph/extraction/v1");
        assert_eq!(v["entities"][0]["type"], "GPE");
        assert_eq!(v["entities"][0]["kind"], "armed_group");
        assert_eq!(v["events"][0]["type"], "AID");
        assert_eq!(v["events"][0]["status"], "claimed");
        assert_eq!(v["events"][0]["date"]["precision"], "year");
        assert_eq!(v["claims"][0]["stance"], "confirms");
        assert_eq!(v["claims"][0]["claimant"]["kind"], "anonymous");
        let back: Extraction = serde_json::from_value(v).unwrap();
        assert_eq!(back, x);
        x.check_spans().unwrap();
        x.claims[0].evidence[0].text = "Iran said".into();
        assert!(x.check_spans().is_err());
    }
}
