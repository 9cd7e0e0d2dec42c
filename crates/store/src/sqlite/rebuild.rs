//! Rebuilding a stored extraction, exactly as it was put, from the tables.

use claimgraph_core::extraction::{
    Claim, Claimant, Count, DateValue, DocumentRecord, Entity, Event, Location,
};
use claimgraph_core::{Extraction, Span};
use rusqlite::{Connection, Row};

use crate::codes::from_code;
use crate::error::Result;

/// The extraction of the document `id_or_prefix` resolves to, read in one snapshot.
pub(super) fn extraction(conn: &Connection, id_or_prefix: &str) -> Result<Option<Extraction>> {
    // A read transaction, so a writer committing meanwhile cannot mix two versions.
    let tx = conn.unchecked_transaction()?;
    let Some(key) = super::resolve::resolve(&tx, id_or_prefix)? else {
        return Ok(None);
    };
    let doc = key.seq;
    let (schema, document, producer) = tx
        .prepare_cached(
            "SELECT schema, id, title, url, publisher, published, language, text, producer
             FROM documents WHERE seq = ?1",
        )?
        .query_row([doc], |r| {
            Ok((
                r.get::<_, String>(0)?,
                DocumentRecord {
                    id: r.get(1)?,
                    title: r.get(2)?,
                    url: r.get(3)?,
                    publisher: r.get(4)?,
                    published: r.get(5)?,
                    language: r.get(6)?,
                    text: r.get(7)?,
                },
                r.get::<_, Option<String>>(8)?,
            ))
        })?;
    let producer = crate::producer::from_json(producer.as_deref())?;
    let entities = entities(&tx, doc)?;
    let events = events(&tx, doc)?;
    let claims = claims(&tx, doc)?;
    Ok(Some(Extraction { schema, producer, document, entities, events, claims }))
}

fn entities(conn: &Connection, doc: i64) -> Result<Vec<Entity>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, type, kind, country, kb_id FROM entities WHERE doc = ?1 ORDER BY ord",
    )?;
    // (entity without type, kind, aliases and mentions; stored type; stored kind)
    let raw: Vec<(Entity, String, Option<String>)> = stmt
        .query_map([doc], |r| {
            let entity = Entity {
                id: r.get(0)?,
                name: r.get(1)?,
                entity_type: claimgraph_core::extraction::EntityType::Misc,
                kind: None,
                country: r.get(4)?,
                kb_id: r.get(5)?,
                aliases: Vec::new(),
                mentions: Vec::new(),
            };
            Ok((entity, r.get(2)?, r.get(3)?))
        })?
        .collect::<Result<_, _>>()?;
    let mut out = Vec::with_capacity(raw.len());
    for (mut e, ty, kind) in raw {
        e.entity_type = from_code("entities.type", &ty)?;
        e.kind = kind.map(|k| from_code("entities.kind", &k)).transpose()?;
        e.aliases = strings(
            conn,
            "SELECT alias FROM entity_aliases WHERE doc = ?1 AND entity_id = ?2 ORDER BY ord",
            doc,
            &e.id,
        )?;
        e.mentions = spans(
            conn,
            "SELECT start, \"end\", text FROM mentions WHERE doc = ?1 AND entity_id = ?2 ORDER BY ord",
            doc,
            &e.id,
        )?;
        out.push(e);
    }
    Ok(out)
}

/// An event row before its codes are parsed (parsing can fail, which `query_map` cannot
/// report as a store error).
struct RawEvent {
    event: Event,
    event_type: String,
    status: String,
    precision: Option<String>,
}

fn events(conn: &Connection, doc: i64) -> Result<Vec<Event>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, type, mode, cameo, actor, target, date_start, date_end, date_precision, date_text,
                location, location_name, location_country, location_lat, location_lon,
                location_geonames_id, fatalities_min, fatalities_max, fatalities_text,
                injuries_min, injuries_max, injuries_text, status
         FROM events WHERE doc = ?1 ORDER BY ord",
    )?;
    let raw: Vec<RawEvent> = stmt.query_map([doc], raw_event)?.collect::<Result<_, _>>()?;
    let mut out = Vec::with_capacity(raw.len());
    for RawEvent { mut event, event_type, status, precision } in raw {
        event.event_type = from_code("events.type", &event_type)?;
        event.status = from_code("events.status", &status)?;
        if let (Some(date), Some(p)) = (event.date.as_mut(), precision) {
            date.precision = from_code("events.date_precision", &p)?;
        }
        event.evidence = spans(
            conn,
            "SELECT start, \"end\", text FROM event_evidence WHERE doc = ?1 AND event_id = ?2 ORDER BY ord",
            doc,
            &event.id,
        )?;
        out.push(event);
    }
    Ok(out)
}

fn raw_event(r: &Row) -> rusqlite::Result<RawEvent> {
    let precision: Option<String> = r.get(8)?;
    // A date is stored whole or not at all; its precision is filled in after parsing.
    let date = match &precision {
        Some(_) => Some(DateValue {
            start: r.get(6)?,
            end: r.get(7)?,
            precision: claimgraph_core::extraction::DatePrecision::Day,
            text: r.get(9)?,
        }),
        None => None,
    };
    let location = if r.get::<_, bool>(10)? {
        Some(Location {
            name: r.get(11)?,
            country: r.get(12)?,
            lat: r.get(13)?,
            lon: r.get(14)?,
            geonames_id: r.get(15)?,
        })
    } else {
        None
    };
    Ok(RawEvent {
        event: Event {
            id: r.get(0)?,
            event_type: claimgraph_core::extraction::EventType::Agree,
            mode: r.get(2)?,
            cameo: r.get(3)?,
            actor: r.get(4)?,
            target: r.get(5)?,
            date,
            location,
            fatalities: count(r, 16)?,
            injuries: count(r, 19)?,
            status: claimgraph_core::extraction::EventStatus::Reported,
            evidence: Vec::new(),
        },
        event_type: r.get(1)?,
        status: r.get(22)?,
        precision,
    })
}

/// The count stored in columns `at` (min), `at + 1` (max), `at + 2` (text).
fn count(r: &Row, at: usize) -> rusqlite::Result<Option<Count>> {
    let min: Option<i64> = r.get(at)?;
    let Some(min) = min else { return Ok(None) };
    let max: Option<i64> = r.get(at + 1)?;
    // Written from u64 values checked to fit an i64, so never negative unless tampered.
    let unsigned = |v: i64| u64::try_from(v).map_err(|_| rusqlite::Error::IntegralValueOutOfRange(at, v));
    Ok(Some(Count { min: unsigned(min)?, max: max.map(unsigned).transpose()?, text: r.get(at + 2)? }))
}

/// A claim row with its codes still as stored.
struct RawClaim {
    id: String,
    entity: Option<String>,
    name: String,
    kind: String,
    count: Option<u32>,
    stance: String,
    hedged: bool,
    via: Option<String>,
}

fn claims(conn: &Connection, doc: i64) -> Result<Vec<Claim>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, claimant_entity, claimant_name, claimant_kind, claimant_count, stance, hedged, via
         FROM claims WHERE doc = ?1 ORDER BY ord",
    )?;
    let raw: Vec<RawClaim> = stmt
        .query_map([doc], |r| {
            Ok(RawClaim {
                id: r.get(0)?,
                entity: r.get(1)?,
                name: r.get(2)?,
                kind: r.get(3)?,
                count: r.get(4)?,
                stance: r.get(5)?,
                hedged: r.get(6)?,
                via: r.get(7)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let mut out = Vec::with_capacity(raw.len());
    for c in raw {
        let about = strings(
            conn,
            "SELECT event_id FROM claim_about WHERE doc = ?1 AND claim_id = ?2 ORDER BY ord",
            doc,
            &c.id,
        )?;
        let evidence = spans(
            conn,
            "SELECT start, \"end\", text FROM claim_evidence WHERE doc = ?1 AND claim_id = ?2 ORDER BY ord",
            doc,
            &c.id,
        )?;
        out.push(Claim {
            claimant: Claimant {
                entity: c.entity,
                name: c.name,
                kind: from_code("claims.claimant_kind", &c.kind)?,
                count: c.count,
            },
            stance: from_code("claims.stance", &c.stance)?,
            hedged: c.hedged,
            about,
            via: c.via,
            evidence,
            id: c.id,
        });
    }
    Ok(out)
}

/// The spans `sql` selects (`start`, `end`, `text`) for one owner, in order.
pub(super) fn spans(conn: &Connection, sql: &str, doc: i64, owner: &str) -> Result<Vec<Span>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map((doc, owner), |r| {
        let start: i64 = r.get(0)?;
        let end: i64 = r.get(1)?;
        let start = usize::try_from(start).map_err(|_| rusqlite::Error::IntegralValueOutOfRange(0, start))?;
        let end = usize::try_from(end).map_err(|_| rusqlite::Error::IntegralValueOutOfRange(1, end))?;
        Ok(Span { start, end, text: r.get(2)? })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The strings `sql` selects for one owner, in order.
pub(super) fn strings(conn: &Connection, sql: &str, doc: i64, owner: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map((doc, owner), |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
