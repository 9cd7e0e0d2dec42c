//! ACLED/UCDP-style tables: `events.csv` (one row per event) and `claims.csv` (one row per
//! claim).
//!
//! Columns are documented in [`EVENT_COLUMNS`] and [`CLAIM_COLUMNS`]. Conventions:
//!
//! * `event_id` is `<document id>/<local id>` (`sha256:…/V1`), stable across exports.
//! * `fatalities_best` follows ACLED's rule of the most conservative figure: the lower
//!   bound; `fatalities_high` is empty when the text gives an open range ("more than 70").
//! * `geo_precision` follows ACLED: 1 when coordinates of a named place are known, 3 when
//!   only the country is known, empty without a location.
//! * `incident_id`, `source`, `source_url` and `n_sources` come from
//!   [`event_sourcing`](crate::sourcing::event_sourcing); several values are joined by `; `.
//! * `notes` is the evidence text of the event (spans joined by ` … `).

use std::collections::HashMap;
use std::io::Write;

use claimgraph_core::Span;
use claimgraph_core::extraction::{Entity, Extraction};
use claimgraph_store::{DocumentKey, Store};
use serde::Serialize;

use crate::credibility::claim_confidence;
use crate::error::Result;
use crate::sourcing::{document_url, event_sourcing, source_name};
use crate::{Filter, Stats, walk};

/// Header of `events.csv`.
pub const EVENT_COLUMNS: &[&str] = &[
    "event_id",
    "incident_id",
    "doc_id",
    "event_date",
    "event_date_end",
    "date_precision",
    "event_type",
    "sub_event_type",
    "cameo",
    "status",
    "actor1",
    "actor1_kb_id",
    "actor1_country",
    "actor2",
    "actor2_kb_id",
    "actor2_country",
    "location",
    "country",
    "latitude",
    "longitude",
    "geo_precision",
    "geonames_id",
    "fatalities_low",
    "fatalities_best",
    "fatalities_high",
    "injuries_low",
    "injuries_high",
    "source",
    "source_url",
    "published",
    "n_sources",
    "notes",
];

/// Header of `claims.csv`.
pub const CLAIM_COLUMNS: &[&str] = &[
    "claim_id",
    "doc_id",
    "published",
    "claimant",
    "claimant_entity",
    "claimant_kb_id",
    "claimant_kind",
    "claimant_count",
    "stance",
    "hedged",
    "confidence",
    "about",
    "via",
    "source",
    "source_url",
    "evidence",
];

/// One row of `events.csv`, fields in [`EVENT_COLUMNS`] order.
#[derive(Debug, Serialize)]
struct EventRow<'a> {
    event_id: String,
    incident_id: Option<String>,
    doc_id: &'a str,
    event_date: Option<&'a str>,
    event_date_end: Option<&'a str>,
    date_precision: Option<String>,
    event_type: String,
    sub_event_type: Option<&'a str>,
    cameo: Option<&'a str>,
    status: String,
    actor1: Option<&'a str>,
    actor1_kb_id: Option<&'a str>,
    actor1_country: Option<&'a str>,
    actor2: Option<&'a str>,
    actor2_kb_id: Option<&'a str>,
    actor2_country: Option<&'a str>,
    location: Option<&'a str>,
    country: Option<&'a str>,
    latitude: Option<f64>,
    longitude: Option<f64>,
    geo_precision: Option<u8>,
    geonames_id: Option<i64>,
    fatalities_low: Option<u64>,
    fatalities_best: Option<u64>,
    fatalities_high: Option<u64>,
    injuries_low: Option<u64>,
    injuries_high: Option<u64>,
    source: String,
    source_url: String,
    published: Option<&'a str>,
    n_sources: u32,
    notes: String,
}

/// One row of `claims.csv`, fields in [`CLAIM_COLUMNS`] order.
#[derive(Debug, Serialize)]
struct ClaimRow<'a> {
    claim_id: String,
    doc_id: &'a str,
    published: Option<&'a str>,
    claimant: &'a str,
    claimant_entity: Option<&'a str>,
    claimant_kb_id: Option<&'a str>,
    claimant_kind: String,
    claimant_count: Option<u32>,
    stance: String,
    hedged: bool,
    confidence: u8,
    about: String,
    via: Option<String>,
    source: String,
    source_url: Option<String>,
    evidence: String,
}

/// Writes `events.csv` to `events` and `claims.csv` to `claims`, headers included even
/// when no row passes `filter`.
pub fn export_csv<S, E, C>(store: &S, filter: &Filter, events: E, claims: C) -> Result<Stats>
where
    S: Store + ?Sized,
    E: Write,
    C: Write,
{
    let mut ev = ::csv::WriterBuilder::new().has_headers(false).from_writer(events);
    let mut cl = ::csv::WriterBuilder::new().has_headers(false).from_writer(claims);
    ev.write_record(EVENT_COLUMNS)?;
    cl.write_record(CLAIM_COLUMNS)?;
    let mut stats = Stats::default();
    stats.documents_read = walk(store, |key, x| {
        let (ne, nc) = write_document(&mut ev, &mut cl, filter, key, &x)?;
        stats.events += ne;
        stats.claims += nc;
        stats.documents += u64::from(ne + nc > 0);
        Ok(())
    })?;
    ev.flush()?;
    cl.flush()?;
    Ok(stats)
}

fn write_document<E: Write, C: Write>(
    ev: &mut ::csv::Writer<E>,
    cl: &mut ::csv::Writer<C>,
    filter: &Filter,
    key: &DocumentKey,
    x: &Extraction,
) -> Result<(u64, u64)> {
    let entities: HashMap<&str, &Entity> = x.entities.iter().map(|e| (e.id.as_str(), e)).collect();
    let ent = |id: &Option<String>| id.as_deref().and_then(|id| entities.get(id).copied());
    let doc_id = x.document.id.as_str();
    let published = x.document.published.as_deref();
    let mut kept = Vec::new();
    for e in x.events.iter().filter(|e| filter.event(x, e)) {
        kept.push(e.id.as_str());
        let (a1, a2) = (ent(&e.actor), ent(&e.target));
        let loc = e.location.as_ref();
        let sourcing = event_sourcing(key, x, e);
        let has_coords = loc.is_some_and(|l| l.lat.is_some() && l.lon.is_some());
        let geo_precision = loc.map(|l| {
            if has_coords && l.name.is_some() {
                1
            } else if l.country.is_some() || has_coords {
                3
            } else {
                0
            }
        });
        ev.serialize(EventRow {
            event_id: format!("{doc_id}/{}", e.id),
            incident_id: sourcing.incident_id,
            doc_id,
            event_date: e.date.as_ref().map(|d| d.start.as_str()),
            event_date_end: e.date.as_ref().map(|d| d.end.as_str()),
            date_precision: e.date.as_ref().map(|d| name(&d.precision)),
            event_type: name(&e.event_type),
            sub_event_type: e.mode.as_deref(),
            cameo: e.cameo.as_deref(),
            status: name(&e.status),
            actor1: a1.map(|a| a.name.as_str()),
            actor1_kb_id: a1.and_then(|a| a.kb_id.as_deref()),
            actor1_country: a1.and_then(|a| a.country.as_deref()),
            actor2: a2.map(|a| a.name.as_str()),
            actor2_kb_id: a2.and_then(|a| a.kb_id.as_deref()),
            actor2_country: a2.and_then(|a| a.country.as_deref()),
            location: loc.and_then(|l| l.name.as_deref()),
            country: loc.and_then(|l| l.country.as_deref()),
            latitude: loc.and_then(|l| l.lat),
            longitude: loc.and_then(|l| l.lon),
            geo_precision: geo_precision.filter(|p| *p > 0),
            geonames_id: loc.and_then(|l| l.geonames_id),
            fatalities_low: e.fatalities.as_ref().map(|c| c.min),
            fatalities_best: e.fatalities.as_ref().map(|c| c.min),
            fatalities_high: e.fatalities.as_ref().and_then(|c| c.max),
            injuries_low: e.injuries.as_ref().map(|c| c.min),
            injuries_high: e.injuries.as_ref().and_then(|c| c.max),
            source: sourcing.sources.join("; "),
            source_url: sourcing.urls.join("; "),
            published,
            n_sources: sourcing.independent_sources,
            notes: evidence_text(&e.evidence),
        })?;
    }
    let mut n_claims = 0;
    for c in x.claims.iter().filter(|c| filter.claim(x, c, |id| kept.contains(&id))) {
        let entity = ent(&c.claimant.entity);
        cl.serialize(ClaimRow {
            claim_id: format!("{doc_id}/{}", c.id),
            doc_id,
            published,
            claimant: &c.claimant.name,
            claimant_entity: entity.map(|e| e.name.as_str()),
            claimant_kb_id: entity.and_then(|e| e.kb_id.as_deref()),
            claimant_kind: name(&c.claimant.kind),
            claimant_count: c.claimant.count,
            stance: name(&c.stance),
            hedged: c.hedged,
            confidence: claim_confidence(c),
            about: c.about.iter().map(|id| format!("{doc_id}/{id}")).collect::<Vec<_>>().join("; "),
            via: c.via.as_ref().map(|id| format!("{doc_id}/{id}")),
            source: source_name(key, x),
            source_url: document_url(key, x),
            evidence: evidence_text(&c.evidence),
        })?;
        n_claims += 1;
    }
    Ok((kept.len() as u64, n_claims))
}

/// The serde (contract) name of a unit enum value (`ASSAULT`, `day`, `reported`).
pub(crate) fn name<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// Evidence spans as one text.
pub(crate) fn evidence_text(spans: &[Span]) -> String {
    spans.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" … ")
}
