//! Writing one extraction: validate, then everything in one transaction (or one savepoint
//! of the batch's transaction).

use claimgraph_core::extraction::{Claim, Count, Entity, Event};
use claimgraph_core::{Extraction, Span};
use rusqlite::Connection;

use crate::codes::to_code;
use crate::error::Result;
use crate::rows::PutOutcome;
use crate::validate::validate;

/// Stores `x`; see [`Store::put_extraction`](crate::Store::put_extraction).
pub(super) fn put(conn: &mut Connection, x: &Extraction, source: &str, replace: bool) -> Result<PutOutcome> {
    validate(x)?;
    let tx = super::scope::write_scope(conn)?;
    let (outcome, seq) = write_rows(&tx, x, source, replace)?;
    if let Some(seq) = seq {
        index_text(&tx, seq)?;
    }
    tx.commit()?;
    Ok(outcome)
}

/// Writes the rows of a validated `x` (not its full-text entry: see [`index_text`]) on
/// `conn`, inside the caller's transaction. Returns the outcome and the new document's
/// `seq` (none when unchanged).
fn write_rows(
    conn: &Connection,
    x: &Extraction,
    source: &str,
    replace: bool,
) -> Result<(PutOutcome, Option<i64>)> {
    let old = super::resolve::seq_of(conn, &x.document.id)?;
    if old.is_some() && !replace {
        return Ok((PutOutcome::Unchanged, None));
    }
    if let Some(seq) = old {
        // Cascades to every row extracted from the document, and (by trigger) to its FTS
        // entry.
        conn.prepare_cached("DELETE FROM documents WHERE seq = ?1")?.execute([seq])?;
    }
    let doc = insert_document(conn, x, source)?;
    for (ord, e) in x.entities.iter().enumerate() {
        insert_entity(conn, doc, ord, e)?;
    }
    for (ord, ev) in x.events.iter().enumerate() {
        insert_event(conn, doc, ord, ev)?;
    }
    for (ord, c) in x.claims.iter().enumerate() {
        insert_claim(conn, doc, ord, c)?;
    }
    Ok((if old.is_some() { PutOutcome::Replaced } else { PutOutcome::Inserted }, Some(doc)))
}

/// Adds the title and text of document `seq` to the full-text index.
fn index_text(conn: &Connection, seq: i64) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO documents_fts (rowid, title, text) SELECT seq, title, text FROM documents WHERE seq = ?1",
    )?
    .execute([seq])?;
    Ok(())
}

/// Stores a batch; see [`Store::put_batch`](crate::Store::put_batch). Documents that fail
/// validation are refused alone; the others are written in one transaction (unless the
/// caller has one open), and when any write or the commit fails, nothing of the batch is
/// kept and each document is tried again on its own, so the outcomes say which ones failed.
///
/// No savepoint per document: a savepoint copies each page the document touches first, and
/// FTS5 flushes its pending terms at each one (an index segment per document); writes that
/// fail once validation passed are rare enough to pay for the retry.
pub(super) fn put_batch(
    conn: &mut Connection,
    items: &[(&Extraction, &str)],
    replace: bool,
) -> Vec<Result<PutOutcome>> {
    let one_by_one = |conn: &mut Connection| -> Vec<Result<PutOutcome>> {
        items.iter().map(|(x, source)| put(conn, x, source, replace)).collect()
    };
    // A document twice in one batch (rare) is written one document at a time: replacing the
    // first copy would delete a full-text entry that is only written at the end.
    let mut ids = std::collections::HashSet::new();
    let distinct = items.iter().all(|(x, _)| ids.insert(x.document.id.as_str()));
    if !conn.is_autocommit() || items.len() < 2 || !distinct {
        return one_by_one(conn);
    }
    // validation's verdict; each valid document's outcome replaces its `Ok` once written
    let mut outcomes: Vec<Result<PutOutcome>> =
        items.iter().map(|(x, _)| validate(x).map(|()| PutOutcome::Unchanged)).collect();
    if conn.execute_batch("BEGIN IMMEDIATE").is_err() {
        return one_by_one(conn);
    }
    let mut written = || -> Result<()> {
        let mut stored = Vec::with_capacity(items.len());
        for ((x, source), outcome) in items.iter().zip(outcomes.iter_mut()) {
            if outcome.is_ok() {
                let (o, seq) = write_rows(conn, x, source, replace)?;
                stored.extend(seq);
                *outcome = Ok(o);
            }
        }
        // The text index after the rows, one statement per document.
        stored.iter().try_for_each(|&seq| index_text(conn, seq))
    };
    if written().is_ok() && conn.execute_batch("COMMIT").is_ok() {
        return outcomes;
    }
    if !conn.is_autocommit() {
        let _ = conn.execute_batch("ROLLBACK");
    }
    one_by_one(conn)
}

/// Writes the document row and returns its `seq`, the key of its rows in other tables.
fn insert_document(tx: &Connection, x: &Extraction, source: &str) -> Result<i64> {
    let d = &x.document;
    let chars = d.text.chars().count() as i64;
    tx.prepare_cached(
        "INSERT INTO documents (id, schema, title, url, publisher, published, language, text, chars,
                                source, ingested_at, producer)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?11)",
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
        crate::producer::to_json(x.producer.as_ref()),
    ))?;
    Ok(tx.last_insert_rowid())
}

fn insert_entity(tx: &Connection, doc: i64, ord: usize, e: &Entity) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO entities (doc, id, ord, name, type, kind, country, kb_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute((
        doc,
        &e.id,
        ord as i64,
        &e.name,
        to_code(&e.entity_type),
        e.kind.as_ref().map(to_code),
        &e.country,
        &e.kb_id,
    ))?;
    let mut alias =
        tx.prepare_cached("INSERT INTO entity_aliases (doc, entity_id, ord, alias) VALUES (?1, ?2, ?3, ?4)")?;
    for (i, a) in e.aliases.iter().enumerate() {
        alias.execute((doc, &e.id, i as i64, a))?;
    }
    insert_spans(
        tx,
        "INSERT INTO mentions (doc, entity_id, ord, start, \"end\", text) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        doc,
        &e.id,
        &e.mentions,
    )
}

fn insert_event(tx: &Connection, doc: i64, ord: usize, ev: &Event) -> Result<()> {
    let date = ev.date.as_ref();
    let loc = ev.location.as_ref();
    let (fat_min, fat_max, fat_text) = count_columns(ev.fatalities.as_ref());
    let (inj_min, inj_max, inj_text) = count_columns(ev.injuries.as_ref());
    tx.prepare_cached(
        "INSERT INTO events (doc, id, ord, type, mode, cameo, actor, target,
                             date_start, date_end, date_precision, date_text,
                             location, location_name, location_country, location_lat, location_lon,
                             location_geonames_id,
                             fatalities_min, fatalities_max, fatalities_text,
                             injuries_min, injuries_max, injuries_text, status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                 ?19, ?20, ?21, ?22, ?23, ?24, ?25)",
    )?
    .execute(rusqlite::params![
        doc,
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
        "INSERT INTO event_evidence (doc, event_id, ord, start, \"end\", text) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        doc,
        &ev.id,
        &ev.evidence,
    )
}

fn insert_claim(tx: &Connection, doc: i64, ord: usize, c: &Claim) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO claims (doc, id, ord, claimant_entity, claimant_name, claimant_kind,
                             claimant_count, stance, hedged, via)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute((
        doc,
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
    let mut about =
        tx.prepare_cached("INSERT INTO claim_about (doc, claim_id, ord, event_id) VALUES (?1, ?2, ?3, ?4)")?;
    for (i, ev) in c.about.iter().enumerate() {
        about.execute((doc, &c.id, i as i64, ev))?;
    }
    insert_spans(
        tx,
        "INSERT INTO claim_evidence (doc, claim_id, ord, start, \"end\", text) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        doc,
        &c.id,
        &c.evidence,
    )
}

/// Writes the spans of one owner (an entity's mentions, an event's or claim's evidence).
fn insert_spans(tx: &Connection, sql: &str, doc: i64, owner: &str, spans: &[Span]) -> Result<()> {
    let mut stmt = tx.prepare_cached(sql)?;
    for (i, s) in spans.iter().enumerate() {
        // Offsets are char offsets into a Rust string, so they always fit an i64.
        stmt.execute((doc, owner, i as i64, s.start as i64, s.end as i64, &s.text))?;
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
