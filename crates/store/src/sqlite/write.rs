//! Writing one extraction: validate, then everything in one transaction.

use claimgraph_core::extraction::{Claim, Count, Entity, Event};
use claimgraph_core::{Extraction, Span};
use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::codes::to_code;
use crate::error::Result;
use crate::rows::PutOutcome;
use crate::validate::validate;

/// Stores `x`; see [`Store::put_extraction`](crate::Store::put_extraction).
pub(super) fn put(conn: &mut Connection, x: &Extraction, source: &str, replace: bool) -> Result<PutOutcome> {
    validate(x)?;
    let doc_id = x.document.id.as_str();
    // IMMEDIATE takes the write lock now: a deferred transaction that reads first and
    // writes later can fail with SQLITE_BUSY that the busy timeout cannot retry.
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let exists = super::resolve::contains(&tx, doc_id)?;
    if exists && !replace {
        return Ok(PutOutcome::Unchanged);
    }
    if exists {
        // Cascades to every row extracted from the document, and to its FTS entry.
        tx.prepare_cached("DELETE FROM documents WHERE id = ?1")?.execute([doc_id])?;
    }
    insert_document(&tx, x, source)?;
    for (ord, e) in x.entities.iter().enumerate() {
        insert_entity(&tx, doc_id, ord, e)?;
    }
    for (ord, ev) in x.events.iter().enumerate() {
        insert_event(&tx, doc_id, ord, ev)?;
    }
    for (ord, c) in x.claims.iter().enumerate() {
        insert_claim(&tx, doc_id, ord, c)?;
    }
    tx.commit()?;
    Ok(if exists { PutOutcome::Replaced } else { PutOutcome::Inserted })
}

fn insert_document(tx: &Transaction, x: &Extraction, source: &str) -> Result<()> {
    let d = &x.document;
    let chars = d.text.chars().count() as i64;
    tx.prepare_cached(
        "INSERT INTO documents (id, schema, title, url, publisher, published, language, text, chars,
                                source, ingested_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
    )?
    .execute((
        &d.id,
        &x.schema,
        &d.title,
        &d.url,
        &d.publisher,
        &d.published,
        &d.language,
        &d.text,
        chars,
        source,
    ))?;
    Ok(())
}

fn insert_entity(tx: &Transaction, doc_id: &str, ord: usize, e: &Entity) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO entities (doc_id, id, ord, name, type, kind, country, kb_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute((
        doc_id,
        &e.id,
        ord as i64,
        &e.name,
        to_code(&e.entity_type),
        e.kind.as_ref().map(to_code),
        &e.country,
        &e.kb_id,
    ))?;
    let mut alias = tx.prepare_cached(
        "INSERT INTO entity_aliases (doc_id, entity_id, ord, alias) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (i, a) in e.aliases.iter().enumerate() {
        alias.execute((doc_id, &e.id, i as i64, a))?;
    }
    insert_spans(
        tx,
        "INSERT INTO mentions (doc_id, entity_id, ord, start, \"end\", text) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        doc_id,
        &e.id,
        &e.mentions,
    )
}

fn insert_event(tx: &Transaction, doc_id: &str, ord: usize, ev: &Event) -> Result<()> {
    let date = ev.date.as_ref();
    let loc = ev.location.as_ref();
    let (fat_min, fat_max, fat_text) = count_columns(ev.fatalities.as_ref());
    let (inj_min, inj_max, inj_text) = count_columns(ev.injuries.as_ref());
    tx.prepare_cached(
        "INSERT INTO events (doc_id, id, ord, type, mode, cameo, actor, target,
                             date_start, date_end, date_precision, date_text,
                             location, location_name, location_country, location_lat, location_lon,
                             location_geonames_id,
                             fatalities_min, fatalities_max, fatalities_text,
                             injuries_min, injuries_max, injuries_text, status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                 ?19, ?20, ?21, ?22, ?23, ?24, ?25)",
    )?
    .execute(rusqlite::params![
        doc_id,
        &ev.id,
        ord as i64,
        to_code(&ev.event_type),
        &ev.mode,
        &ev.cameo,
        &ev.actor,
        &ev.target,
        date.map(|d| &d.start),
        date.map(|d| &d.end),
        date.map(|d| to_code(&d.precision)),
        date.and_then(|d| d.text.as_ref()),
        loc.is_some(),
        loc.and_then(|l| l.name.as_ref()),
        loc.and_then(|l| l.country.as_ref()),
        loc.and_then(|l| l.lat),
        loc.and_then(|l| l.lon),
        loc.and_then(|l| l.geonames_id),
        fat_min,
        fat_max,
        fat_text,
        inj_min,
        inj_max,
        inj_text,
        to_code(&ev.status),
    ])?;
    insert_spans(
        tx,
        "INSERT INTO event_evidence (doc_id, event_id, ord, start, \"end\", text) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        doc_id,
        &ev.id,
        &ev.evidence,
    )
}

fn insert_claim(tx: &Transaction, doc_id: &str, ord: usize, c: &Claim) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO claims (doc_id, id, ord, claimant_entity, claimant_name, claimant_kind,
                             claimant_count, stance, hedged, via)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute((
        doc_id,
        &c.id,
        ord as i64,
        &c.claimant.entity,
        &c.claimant.name,
        to_code(&c.claimant.kind),
        c.claimant.count,
        to_code(&c.stance),
        c.hedged,
        &c.via,
    ))?;
    let mut about = tx.prepare_cached(
        "INSERT INTO claim_about (doc_id, claim_id, ord, event_id) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (i, ev) in c.about.iter().enumerate() {
        about.execute((doc_id, &c.id, i as i64, ev))?;
    }
    insert_spans(
        tx,
        "INSERT INTO claim_evidence (doc_id, claim_id, ord, start, \"end\", text) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        doc_id,
        &c.id,
        &c.evidence,
    )
}

/// Writes the spans of one owner (an entity's mentions, an event's or claim's evidence).
fn insert_spans(tx: &Transaction, sql: &str, doc_id: &str, owner: &str, spans: &[Span]) -> Result<()> {
    let mut stmt = tx.prepare_cached(sql)?;
    for (i, s) in spans.iter().enumerate() {
        // Offsets are char offsets into a Rust string, so they always fit an i64.
        stmt.execute((doc_id, owner, i as i64, s.start as i64, s.end as i64, &s.text))?;
    }
    Ok(())
}

/// Columns of a count; validation has checked that the numbers fit an i64.
fn count_columns(c: Option<&Count>) -> (Option<i64>, Option<i64>, Option<&String>) {
    match c {
        None => (None, None, None),
        Some(c) => (Some(c.min as i64), c.max.map(|m| m as i64), c.text.as_ref()),
    }
}
