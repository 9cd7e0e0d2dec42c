//! A STIX 2.1 bundle (<https://docs.oasis-open.org/cti/stix/v2.1/stix-v2.1.html>) for
//! OpenCTI, MISP and other threat-intelligence platforms.
//!
//! | claimgraph | STIX |
//! |---|---|
//! | document | `report` (`published`, `object_refs` to everything found in it, `external_references` to its URL) |
//! | armed group, military | `threat-actor` (military: `threat_actor_types: nation-state`) |
//! | person | `identity` (`individual`); group, nationality: `group`; others: `organization` |
//! | place (as actor or target), event location | `location` (`country` as ISO alpha-2, `latitude`/`longitude`) |
//! | event with actor and target | `relationship` actor → target, `relationship_type` = the PLOVER type in lower case, `start_time`/`stop_time` from the date and its precision |
//! | event without both ends | `note` about what is known of it |
//! | claim | `opinion` about the events it is about (`asserts` → agree, `confirms` → strongly-agree, `denies` → strongly-disagree, one step more neutral when hedged), `authors` = the claimant, `explanation` = the evidence, `confidence` from [`claim_confidence`] |
//!
//! Ids are deterministic: UUIDv5 in the claimgraph namespace [`NAMESPACE`] over the type and
//! a natural key (the document id and local id for per-document objects; the knowledge-base
//! id, else the name and type, for actors; the GeoNames id, else name, country and
//! coordinates, for places), so a re-export upserts in the platform instead of duplicating.
//! `created`/`modified` are the time the document was stored. Every object is
//! `created_by_ref` the `identity` of claimgraph (class `system`). claimgraph-specific
//! values (kb ids, event types and dates, fatality ranges, stance…) are top-level
//! properties prefixed `x_claimgraph_`, declared the STIX 2.1 way by one
//! `extension-definition` (`toplevel-property-extension`) that each such object names in
//! its `extensions`.
//!
//! The bundle streams: one object per line, each document's objects written together;
//! actors and places are written once, at first use (a set of written ids, bounded by the
//! number of distinct actors and places, is kept).

use std::collections::{HashMap, HashSet};
use std::io::Write;

use claimgraph_core::extraction::{Entity, EntityKind, EntityType, Event, Extraction, Location, Stance};
use claimgraph_store::{DocumentKey, Store};
use serde_json::{Map, Value, json};
use uuid::Uuid;

use crate::credibility::claim_confidence;
use crate::csv::{evidence_text, name};
use crate::error::Result;
use crate::filter::type_name;
use crate::sourcing::{document_url, event_sourcing, source_name};
use crate::{Filter, Stats, walk};

/// The UUIDv5 namespace of claimgraph's STIX ids (UUIDv5 of the URL
/// `https://example.invalid/claimgraph/stix/v1` in the URL namespace). Never change it:
/// ids would no longer upsert.
pub const NAMESPACE: Uuid = Uuid::from_u128(0x387808c2_c59a_5132_9a15_01f8618260bc);

/// Version of the claimgraph property extension.
const EXTENSION_VERSION: &str = "1.0.0";

/// The plain-text definition of the extension (STIX allows a URL or text).
const EXTENSION_SCHEMA: &str = "Optional top-level properties, all from the claimgraph extraction contract v1 \
(claimgraph/extraction/v1): x_claimgraph_kb_id (string, knowledge-base id), x_claimgraph_country (ISO 3166-1 \
alpha-3), x_claimgraph_kind and x_claimgraph_entity_type (entity kind and type), x_claimgraph_event_type (PLOVER \
type), x_claimgraph_mode, x_claimgraph_cameo, x_claimgraph_status (reported, claimed, denied, planned, \
hypothetical, negated), x_claimgraph_date_start/_end (YYYY[-MM[-DD]]) and x_claimgraph_date_precision (day, \
month, year, range), x_claimgraph_fatalities_min/_max and x_claimgraph_injuries_min/_max (integers; no max = \
open range), x_claimgraph_sources (independent sources), x_claimgraph_incident_id, x_claimgraph_stance (asserts, \
confirms, denies), x_claimgraph_hedged (boolean), x_claimgraph_claimant_kind, x_claimgraph_claimant_count, \
x_claimgraph_claimant_kb_id.";

/// Every top-level property the extension adds.
const EXTENSION_PROPERTIES: &[&str] = &[
    "x_claimgraph_kb_id",
    "x_claimgraph_country",
    "x_claimgraph_kind",
    "x_claimgraph_entity_type",
    "x_claimgraph_event_type",
    "x_claimgraph_mode",
    "x_claimgraph_cameo",
    "x_claimgraph_status",
    "x_claimgraph_date_start",
    "x_claimgraph_date_end",
    "x_claimgraph_date_precision",
    "x_claimgraph_fatalities_min",
    "x_claimgraph_fatalities_max",
    "x_claimgraph_injuries_min",
    "x_claimgraph_injuries_max",
    "x_claimgraph_sources",
    "x_claimgraph_incident_id",
    "x_claimgraph_stance",
    "x_claimgraph_hedged",
    "x_claimgraph_claimant_kind",
    "x_claimgraph_claimant_count",
    "x_claimgraph_claimant_kb_id",
];

/// `created` of the claimgraph identity.
const TOOL_CREATED: &str = "2024-01-01T00:00:00.000Z";

/// The deterministic STIX id of an object of `stix_type` with natural key `key`.
pub fn stix_id(stix_type: &str, key: &str) -> String {
    let uuid = Uuid::new_v5(&NAMESPACE, format!("{stix_type}|{key}").as_bytes());
    format!("{stix_type}--{uuid}")
}

/// The id of the claimgraph `identity` that creates every object.
pub fn tool_id() -> String {
    stix_id("identity", "claimgraph")
}

/// The id of the `extension-definition` of claimgraph's top-level properties.
pub fn extension_id() -> String {
    stix_id("extension-definition", &format!("claimgraph-properties|{EXTENSION_VERSION}"))
}

/// Writes a STIX 2.1 bundle of the documents, events and claims that pass `filter`.
pub fn export_stix<S: Store + ?Sized, W: Write>(store: &S, filter: &Filter, out: W) -> Result<Stats> {
    let mut w = BundleWriter { out, first: true, written: HashSet::new(), stats: Stats::default() };
    let bundle_id = stix_id("bundle", &filter.describe());
    write!(w.out, "{{\"type\":\"bundle\",\"id\":\"{bundle_id}\",\"objects\":[")?;
    w.object(json!({
        "type": "identity",
        "spec_version": "2.1",
        "id": tool_id(),
        "created": TOOL_CREATED,
        "modified": TOOL_CREATED,
        "name": "claimgraph",
        "identity_class": "system",
        "description": "Events, actors and claims extracted from reports by claimgraph",
    }))?;
    w.object(json!({
        "type": "extension-definition",
        "spec_version": "2.1",
        "id": extension_id(),
        "created": TOOL_CREATED,
        "modified": TOOL_CREATED,
        "created_by_ref": tool_id(),
        "name": "claimgraph properties",
        "description": "Top-level x_claimgraph_* properties: knowledge-base ids, PLOVER event types, \
                        dates with precision, fatality and injury ranges, claim stance and claimant",
        "schema": EXTENSION_SCHEMA,
        "version": EXTENSION_VERSION,
        "extension_types": ["toplevel-property-extension"],
        "extension_properties": EXTENSION_PROPERTIES,
    }))?;
    let read = walk(store, |key, x| w.document(filter, key, &x))?;
    w.out.write_all(b"\n]}\n")?;
    w.out.flush()?;
    let mut stats = w.stats;
    stats.documents_read = read;
    Ok(stats)
}

struct BundleWriter<W: Write> {
    out: W,
    first: bool,
    /// Ids of actors and places already written.
    written: HashSet<String>,
    stats: Stats,
}

/// Objects of one document, before they are written.
struct Doc<'a> {
    key: &'a DocumentKey,
    x: &'a Extraction,
    created: String,
    report_id: String,
    /// Everything the report refers to.
    refs: Vec<String>,
    entities: HashMap<&'a str, &'a Entity>,
}

impl<W: Write> BundleWriter<W> {
    fn object(&mut self, mut v: Value) -> Result<()> {
        // Objects with claimgraph properties name the extension that declares them.
        if let Value::Object(o) = &mut v
            && o.keys().any(|k| k.starts_with("x_claimgraph_"))
        {
            let mut ext = Map::new();
            ext.insert(extension_id(), json!({ "extension_type": "toplevel-property-extension" }));
            o.insert("extensions".into(), Value::Object(ext));
        }
        self.out.write_all(if self.first { b"\n" } else { b",\n" })?;
        self.first = false;
        serde_json::to_writer(&mut self.out, &v)?;
        self.stats.objects += 1;
        Ok(())
    }

    /// Writes an actor or place once; returns its id.
    fn shared(&mut self, id: String, v: impl FnOnce() -> Value) -> Result<String> {
        if self.written.insert(id.clone()) {
            self.object(v())?;
        }
        Ok(id)
    }

    fn document(&mut self, filter: &Filter, key: &DocumentKey, x: &Extraction) -> Result<()> {
        let mut d = Doc {
            key,
            x,
            created: timestamp(&key.ingested_at),
            report_id: stix_id("report", &x.document.id),
            refs: Vec::new(),
            entities: x.entities.iter().map(|e| (e.id.as_str(), e)).collect(),
        };
        let mut event_ids: HashMap<&str, String> = HashMap::new();
        for e in x.events.iter().filter(|e| filter.event(x, e)) {
            let id = self.event(&mut d, e)?;
            event_ids.insert(e.id.as_str(), id);
            self.stats.events += 1;
        }
        for c in x.claims.iter().filter(|c| filter.claim(x, c, |id| event_ids.contains_key(id))) {
            let mut about: Vec<String> =
                c.about.iter().filter_map(|id| event_ids.get(id.as_str()).cloned()).collect();
            if about.is_empty() {
                about.push(d.report_id.clone());
            }
            let opinion = match (c.stance, c.hedged) {
                (Stance::Confirms, false) => "strongly-agree",
                (Stance::Confirms, true) | (Stance::Asserts, false) => "agree",
                (Stance::Asserts, true) => "neutral",
                (Stance::Denies, false) => "strongly-disagree",
                (Stance::Denies, true) => "disagree",
            };
            let claimant = c.claimant.entity.as_deref().and_then(|id| d.entities.get(id).copied());
            let mut o =
                common("opinion", stix_id("opinion", &format!("{}/{}", x.document.id, c.id)), &d.created);
            put(&mut o, "opinion", opinion);
            put(&mut o, "explanation", evidence_text(&c.evidence));
            put(&mut o, "authors", json!([c.claimant.name]));
            put(&mut o, "confidence", claim_confidence(c));
            put(&mut o, "object_refs", json!(about));
            put(&mut o, "external_references", doc_refs(&d, Some(&c.id)));
            put(&mut o, "x_claimgraph_stance", name(&c.stance));
            put(&mut o, "x_claimgraph_hedged", c.hedged);
            put(&mut o, "x_claimgraph_claimant_kind", name(&c.claimant.kind));
            opt(&mut o, "x_claimgraph_claimant_count", c.claimant.count);
            opt(&mut o, "x_claimgraph_claimant_kb_id", claimant.and_then(|e| e.kb_id.clone()));
            d.refs.push(o["id"].as_str().unwrap_or_default().to_string());
            self.object(Value::Object(o))?;
            self.stats.claims += 1;
        }
        if !filter.is_empty() && d.refs.is_empty() {
            return Ok(());
        }
        if d.refs.is_empty() {
            // `object_refs` must not be empty: a document where nothing was found refers to
            // the tool that read it.
            d.refs.push(tool_id());
        }
        let mut r = common("report", d.report_id.clone(), &d.created);
        let title = x.document.title.clone().filter(|t| !t.trim().is_empty());
        put(&mut r, "name", title.unwrap_or_else(|| format!("{} ({})", source_name(key, x), x.document.id)));
        put(&mut r, "published", published(x, &d.created));
        put(&mut r, "object_refs", json!(d.refs));
        put(&mut r, "external_references", doc_refs(&d, None));
        opt(&mut r, "lang", x.document.language.clone());
        self.object(Value::Object(r))?;
        self.stats.documents += 1;
        Ok(())
    }

    /// Writes the objects of one event (its actors, place, and relationship or note);
    /// returns the id of the relationship or note.
    fn event(&mut self, d: &mut Doc<'_>, e: &Event) -> Result<String> {
        let actor = e.actor.as_deref().and_then(|id| d.entities.get(id).copied());
        let target = e.target.as_deref().and_then(|id| d.entities.get(id).copied());
        let actor = actor.map(|a| self.actor(a, &d.created)).transpose()?;
        let target = target.map(|t| self.actor(t, &d.created)).transpose()?;
        let place = match e.location.as_ref() {
            Some(l) => self.location(l, &d.created)?,
            None => None,
        };
        for id in [&actor, &target, &place].into_iter().flatten() {
            if !d.refs.contains(id) {
                d.refs.push(id.clone());
            }
        }
        let local = format!("{}/{}", d.x.document.id, e.id);
        let sourcing = event_sourcing(d.key, d.x, e);
        let description = describe(d, e);
        // The relationship needs two ends: the place stands in for a missing target (or
        // actor); without two ends the event becomes a note.
        let ends = match (&actor, &target, &place) {
            (Some(a), Some(t), _) => Some((a, t)),
            (Some(a), None, Some(p)) => Some((a, p)),
            (None, Some(t), Some(p)) => Some((p, t)),
            _ => None,
        };
        let mut o = match ends {
            Some((source, target)) => {
                let mut o = common("relationship", stix_id("relationship", &local), &d.created);
                put(&mut o, "relationship_type", type_name(e.event_type).to_lowercase());
                put(&mut o, "source_ref", source.as_str());
                put(&mut o, "target_ref", target.as_str());
                put(&mut o, "description", description);
                if let Some(date) = &e.date {
                    put(&mut o, "start_time", day_start(&date.start));
                    put(&mut o, "stop_time", day_end(&date.end));
                }
                o
            }
            None => {
                let mut o = common("note", stix_id("note", &local), &d.created);
                let mut refs: Vec<&String> = [&actor, &target, &place].into_iter().flatten().collect();
                if refs.is_empty() {
                    refs.push(&d.report_id);
                }
                put(&mut o, "abstract", format!("{} event", type_name(e.event_type)));
                put(&mut o, "content", description);
                put(&mut o, "authors", json!([sourcing.sources.join("; ")]));
                put(&mut o, "object_refs", json!(refs));
                o
            }
        };
        put(&mut o, "external_references", doc_refs(d, Some(&e.id)));
        put(&mut o, "x_claimgraph_event_type", type_name(e.event_type));
        opt(&mut o, "x_claimgraph_mode", e.mode.clone());
        opt(&mut o, "x_claimgraph_cameo", e.cameo.clone());
        put(&mut o, "x_claimgraph_status", name(&e.status));
        if let Some(date) = &e.date {
            put(&mut o, "x_claimgraph_date_start", date.start.as_str());
            put(&mut o, "x_claimgraph_date_end", date.end.as_str());
            put(&mut o, "x_claimgraph_date_precision", name(&date.precision));
        }
        if let Some(f) = &e.fatalities {
            put(&mut o, "x_claimgraph_fatalities_min", f.min);
            opt(&mut o, "x_claimgraph_fatalities_max", f.max);
        }
        if let Some(i) = &e.injuries {
            put(&mut o, "x_claimgraph_injuries_min", i.min);
            opt(&mut o, "x_claimgraph_injuries_max", i.max);
        }
        put(&mut o, "x_claimgraph_sources", sourcing.independent_sources);
        opt(&mut o, "x_claimgraph_incident_id", sourcing.incident_id);
        let id = o["id"].as_str().unwrap_or_default().to_string();
        d.refs.push(id.clone());
        self.object(Value::Object(o))?;
        Ok(id)
    }

    /// Writes an entity that acts in an event (once); returns its id.
    fn actor(&mut self, e: &Entity, created: &str) -> Result<String> {
        let natural = match &e.kb_id {
            Some(kb) => format!("kb:{kb}"),
            None => format!("name:{}|{}", e.name.to_lowercase(), name(&e.entity_type)),
        };
        let place = matches!(e.kind, Some(EntityKind::Place | EntityKind::Facility))
            || (e.kind.is_none() && matches!(e.entity_type, EntityType::Loc | EntityType::Fac));
        let alpha2 = e.country.as_deref().and_then(alpha2);
        let (stix_type, class) = match e.kind {
            _ if place && alpha2.is_some() => ("location", None),
            Some(EntityKind::ArmedGroup | EntityKind::Military) => ("threat-actor", None),
            Some(EntityKind::Person) => ("identity", Some("individual")),
            Some(EntityKind::Group) => ("identity", Some("group")),
            None if e.entity_type == EntityType::Per => ("identity", Some("individual")),
            None if e.entity_type == EntityType::Norp => ("identity", Some("group")),
            _ => ("identity", Some("organization")),
        };
        let id = stix_id(stix_type, &natural);
        self.shared(id.clone(), || {
            let mut o = common(stix_type, id, created);
            put(&mut o, "name", e.name.as_str());
            if let Some(class) = class {
                put(&mut o, "identity_class", class);
            }
            if e.kind == Some(EntityKind::Military) {
                put(&mut o, "threat_actor_types", json!(["nation-state"]));
            }
            if stix_type == "location" {
                opt(&mut o, "country", alpha2);
            }
            if !e.aliases.is_empty() && stix_type == "threat-actor" {
                put(&mut o, "aliases", json!(e.aliases));
            }
            opt(&mut o, "x_claimgraph_kb_id", e.kb_id.clone());
            opt(&mut o, "x_claimgraph_country", e.country.clone());
            opt(&mut o, "x_claimgraph_kind", e.kind.as_ref().map(name));
            put(&mut o, "x_claimgraph_entity_type", name(&e.entity_type));
            Value::Object(o)
        })
    }

    /// Writes an event's place (once) when STIX can express it (a country or
    /// coordinates); returns its id.
    fn location(&mut self, l: &Location, created: &str) -> Result<Option<String>> {
        let alpha2 = l.country.as_deref().and_then(alpha2);
        let coords = l.lat.zip(l.lon).filter(|(lat, lon)| lat.abs() <= 90.0 && lon.abs() <= 180.0);
        if alpha2.is_none() && coords.is_none() {
            return Ok(None);
        }
        let natural = match l.geonames_id {
            Some(g) => format!("geonames:{g}"),
            None => format!(
                "{}|{}|{:?}",
                l.name.as_deref().unwrap_or_default().to_lowercase(),
                l.country.as_deref().unwrap_or_default(),
                coords
            ),
        };
        let id = stix_id("location", &natural);
        self.shared(id.clone(), || {
            let mut o = common("location", id, created);
            opt(&mut o, "name", l.name.clone());
            opt(&mut o, "country", alpha2);
            if let Some((lat, lon)) = coords {
                put(&mut o, "latitude", lat);
                put(&mut o, "longitude", lon);
            }
            if let Some(g) = l.geonames_id {
                put(
                    &mut o,
                    "external_references",
                    json!([{ "source_name": "geonames", "external_id": g.to_string(),
                             "url": format!("https://www.geonames.org/{g}") }]),
                );
            }
            opt(&mut o, "x_claimgraph_country", l.country.clone());
            Value::Object(o)
        })
        .map(Some)
    }
}

/// The properties every object has.
fn common(stix_type: &str, id: String, created: &str) -> Map<String, Value> {
    let mut o = Map::new();
    put(&mut o, "type", stix_type);
    put(&mut o, "spec_version", "2.1");
    put(&mut o, "id", id);
    put(&mut o, "created", created);
    put(&mut o, "modified", created);
    put(&mut o, "created_by_ref", tool_id());
    o
}

fn put(o: &mut Map<String, Value>, k: &str, v: impl Into<Value>) {
    o.insert(k.to_string(), v.into());
}

/// Sets `k` only when there is a value (STIX forbids `null`).
fn opt<T: Into<Value>>(o: &mut Map<String, Value>, k: &str, v: Option<T>) {
    if let Some(v) = v {
        put(o, k, v);
    }
}

/// External references of a document (or of one of its objects, `local`): the source URL,
/// and the claimgraph id.
fn doc_refs(d: &Doc<'_>, local: Option<&str>) -> Value {
    let mut refs = Vec::new();
    let source = source_name(d.key, d.x);
    if let Some(url) = document_url(d.key, d.x) {
        refs.push(json!({ "source_name": source, "url": url }));
    }
    let id = match local {
        Some(l) => format!("{}/{l}", d.x.document.id),
        None => d.x.document.id.clone(),
    };
    refs.push(json!({ "source_name": "claimgraph", "external_id": id }));
    Value::Array(refs)
}

/// A readable description of an event: its type, parties, date, place, toll and evidence.
fn describe(d: &Doc<'_>, e: &Event) -> String {
    let party = |id: &Option<String>| {
        id.as_deref().and_then(|id| d.entities.get(id)).map_or("(unnamed)".to_string(), |e| e.name.clone())
    };
    let mut s = format!("{}: {} → {}", type_name(e.event_type), party(&e.actor), party(&e.target));
    if let Some(date) = &e.date {
        s.push_str(&format!(
            "; date {}",
            if date.start == date.end { date.start.clone() } else { format!("{}..{}", date.start, date.end) }
        ));
    }
    if let Some(place) = e.location.as_ref().and_then(|l| l.name.as_deref()) {
        s.push_str(&format!("; in {place}"));
    }
    if let Some(f) = &e.fatalities {
        s.push_str(&format!(
            "; killed {}{}",
            f.min,
            f.max.filter(|m| *m != f.min).map(|m| format!("-{m}")).unwrap_or_default()
        ));
    }
    s.push_str(&format!("; status {}. Evidence: \"{}\"", name(&e.status), evidence_text(&e.evidence)));
    s
}

/// ISO 3166-1 alpha-2 of an alpha-3 code (STIX `country` SHOULD be alpha-2).
fn alpha2(alpha3: &str) -> Option<&'static str> {
    isocountry::CountryCode::for_alpha3_caseless(alpha3).ok().map(|c| c.alpha2())
}

/// A STIX timestamp (millisecond precision) of the store's `YYYY-MM-DDTHH:MM:SS[.fff]Z`.
fn timestamp(ingested_at: &str) -> String {
    match ingested_at.strip_suffix('Z') {
        Some(t) if t.len() == 19 => format!("{t}.000Z"),
        Some(t) if t.len() > 20 && t.as_bytes()[19] == b'.' => format!("{}Z", &t[..t.len().min(23)]),
        _ if ingested_at.len() >= 10 => day_start(&ingested_at[..10]),
        _ => TOOL_CREATED.to_string(),
    }
}

/// The report's `published`: the document's publication day, else when it was stored.
fn published(x: &Extraction, created: &str) -> String {
    x.document
        .published
        .as_deref()
        .and_then(|p| p.get(..10))
        .filter(|p| p.len() == 10 && p.as_bytes()[4] == b'-')
        .map_or_else(|| created.to_string(), day_start)
}

/// The first instant of a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` date.
fn day_start(date: &str) -> String {
    match date.len() {
        4 => format!("{date}-01-01T00:00:00.000Z"),
        7 => format!("{date}-01T00:00:00.000Z"),
        _ => format!("{}T00:00:00.000Z", &date[..date.len().min(10)]),
    }
}

/// The last instant of a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` date.
fn day_end(date: &str) -> String {
    match date.len() {
        4 => format!("{date}-12-31T23:59:59.999Z"),
        7 => {
            let year: u32 = date[..4].parse().unwrap_or(2000);
            let month: u32 = date[5..7].parse().unwrap_or(1);
            format!("{date}-{:02}T23:59:59.999Z", days_in_month(year, month))
        }
        _ => format!("{}T23:59:59.999Z", &date[..date.len().min(10)]),
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_deterministic_v5() {
        let a = stix_id("report", "sha256:00");
        assert_eq!(a, stix_id("report", "sha256:00"));
        assert_ne!(a, stix_id("report", "sha256:01"));
        assert!(a.starts_with("report--"));
        let uuid = Uuid::parse_str(&a["report--".len()..]).unwrap();
        assert_eq!(uuid.get_version_num(), 5);
    }

    #[test]
    fn times_cover_the_precision() {
        assert_eq!(day_end("2024"), "2024-12-31T23:59:59.999Z");
        assert_eq!(day_end("2024-02"), "2024-02-29T23:59:59.999Z");
        assert_eq!(day_end("2023-02"), "2023-02-28T23:59:59.999Z");
        assert_eq!(day_start("2024-03-05"), "2024-03-05T00:00:00.000Z");
        assert_eq!(timestamp("2026-11-27T01:00:00Z"), "2026-11-27T01:00:00.000Z");
        assert_eq!(timestamp("2026-11-27T01:13:17.428Z"), "2026-11-27T01:13:17.428Z");
        assert_eq!(alpha2("AFG"), Some("AF"));
        assert_eq!(alpha2("XXX"), None);
    }
}
