//! Listings: counts, documents, events, claims and aggregated entities.
//!
//! Filters are bound parameters of fixed statements (`?n IS NULL OR ...`), so no SQL is
//! ever built from user text and every statement is prepared once per connection.

use rusqlite::{Connection, Row};

use crate::codes::{from_code, to_code};
use crate::error::Result;
use crate::rows::{
    ClaimFilter, ClaimRow, Counts, DocumentKey, DocumentRow, EntityFilter, EntityRow, EventFilter, EventRow,
    Page,
};

use super::rebuild::{spans, strings};
use super::resolve::resolve_filter;

/// Row counts, read by one statement so they come from one snapshot.
pub(super) fn counts(conn: &Connection) -> Result<Counts> {
    let mut stmt = conn.prepare_cached(
        "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM entities),
                (SELECT count(*) FROM mentions), (SELECT count(*) FROM events),
                (SELECT count(*) FROM claims)",
    )?;
    Ok(stmt.query_row([], |r| {
        Ok(Counts {
            documents: unsigned(r, 0)?,
            entities: unsigned(r, 1)?,
            mentions: unsigned(r, 2)?,
            events: unsigned(r, 3)?,
            claims: unsigned(r, 4)?,
        })
    })?)
}

// Listings are ordered newest publication first. SQLite sorts NULL lowest, so `DESC` puts
// undated documents last, and the index on `published` (with `seq`, the rowid, as its
// tail) delivers that order without sorting. Events and claims are read per document in
// that order (`CROSS JOIN` fixes documents as the outer loop), so a page stops early
// instead of sorting every row.

pub(super) fn documents(conn: &Connection, page: &Page) -> Result<Vec<DocumentRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT d.id, d.title, d.publisher, d.published, d.url, d.language, d.source, d.ingested_at, d.chars,
                (SELECT count(*) FROM entities e WHERE e.doc = d.seq),
                (SELECT count(*) FROM events v WHERE v.doc = d.seq),
                (SELECT count(*) FROM claims c WHERE c.doc = d.seq), d.producer
         FROM documents d
         ORDER BY d.published DESC, d.seq DESC
         LIMIT ?1 OFFSET ?2",
    )?;
    let rows = stmt.query_map((sql_len(page.limit), sql_len(page.offset)), |r| {
        let row = DocumentRow {
            id: r.get(0)?,
            title: r.get(1)?,
            publisher: r.get(2)?,
            published: r.get(3)?,
            url: r.get(4)?,
            language: r.get(5)?,
            source: r.get(6)?,
            ingested_at: r.get(7)?,
            chars: unsigned(r, 8)?,
            n_entities: unsigned(r, 9)?,
            n_events: unsigned(r, 10)?,
            n_claims: unsigned(r, 11)?,
            producer: None,
        };
        Ok((row, r.get::<_, Option<String>>(12)?))
    })?;
    let mut out = Vec::new();
    for found in rows {
        let (mut row, producer) = found?;
        row.producer = crate::producer::from_json(producer.as_deref())?;
        out.push(row);
    }
    Ok(out)
}

/// Keyset page of documents in id order (the `UNIQUE` index on `id` serves it).
pub(super) fn documents_after(
    conn: &Connection,
    after: Option<&str>,
    limit: usize,
) -> Result<Vec<DocumentKey>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, source, ingested_at, producer FROM documents
         WHERE ?1 IS NULL OR id > ?1
         ORDER BY id
         LIMIT ?2",
    )?;
    let rows = stmt.query_map((after, sql_len(limit)), |r| {
        let key = DocumentKey { id: r.get(0)?, source: r.get(1)?, ingested_at: r.get(2)?, producer: None };
        Ok((key, r.get::<_, Option<String>>(3)?))
    })?;
    rows.map(|row| {
        let (mut key, producer) = row?;
        key.producer = crate::producer::from_json(producer.as_deref())?;
        Ok(key)
    })
    .collect()
}

/// An event row with its codes still as stored.
pub(super) struct RawEventRow {
    doc: i64,
    row: EventRow,
    event_type: String,
    precision: Option<String>,
    status: String,
}

pub(super) fn events(conn: &Connection, f: &EventFilter) -> Result<Vec<EventRow>> {
    let tx = conn.unchecked_transaction()?;
    let doc = resolve_filter(&tx, f.doc.as_deref())?;
    let ty = f.event_type.as_ref().map(to_code);
    let text = f.text.as_deref().map(like_pattern);
    events_where(
        &tx,
        "FROM documents d
         CROSS JOIN events v ON v.doc = d.seq
         LEFT JOIN entities a ON a.doc = v.doc AND a.id = v.actor
         LEFT JOIN entities t ON t.doc = v.doc AND t.id = v.target
         WHERE (?1 IS NULL OR d.seq = ?1)
           AND (?2 IS NULL OR v.type = ?2)
           AND (?3 IS NULL OR a.name LIKE ?3 ESCAPE '\\' OR t.name LIKE ?3 ESCAPE '\\'
                OR v.location_name LIKE ?3 ESCAPE '\\'
                OR EXISTS (SELECT 1 FROM event_evidence x
                           WHERE x.doc = v.doc AND x.event_id = v.id AND x.text LIKE ?3 ESCAPE '\\'))
         ORDER BY d.published DESC, d.seq DESC, v.ord
         LIMIT ?4 OFFSET ?5",
        (&doc, &ty, &text, sql_len(f.limit), sql_len(f.offset)),
    )
}

/// Events selected by `tail` (the `FROM ... WHERE ... ORDER BY ...` part of a statement,
/// with `d` the documents, `v` the events, `a` and `t` the actor and target entities),
/// with their evidence.
pub(super) fn events_where(
    conn: &Connection,
    tail: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<EventRow>> {
    let sql = format!(
        "SELECT d.id, d.published, v.id, v.type, v.mode, v.cameo, a.name, a.kb_id, t.name, t.kb_id,
                v.date_start, v.date_end, v.date_precision, v.location_name, v.location_country,
                v.location_lat, v.location_lon, v.fatalities_min, v.fatalities_max,
                v.injuries_min, v.injuries_max, v.status, v.doc
         {tail}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let raw: Vec<RawEventRow> = stmt.query_map(params, raw_event_row)?.collect::<Result<_, _>>()?;
    drop(stmt);
    let mut out = Vec::with_capacity(raw.len());
    for raw in raw {
        out.push(finish_event_row(conn, raw)?);
    }
    Ok(out)
}

/// Reads columns 0..=22 of an event select (`d.id, d.published, v.id, v.type, ... v.doc`, as
/// in [`events_where`]) with the codes still as stored.
pub(super) fn raw_event_row(r: &rusqlite::Row) -> rusqlite::Result<RawEventRow> {
    Ok(RawEventRow {
        doc: r.get(22)?,
        row: EventRow {
            doc_id: r.get(0)?,
            published: r.get(1)?,
            id: r.get(2)?,
            event_type: claimgraph_core::extraction::EventType::Agree,
            mode: r.get(4)?,
            cameo: r.get(5)?,
            actor: r.get(6)?,
            actor_kb_id: r.get(7)?,
            target: r.get(8)?,
            target_kb_id: r.get(9)?,
            date_start: r.get(10)?,
            date_end: r.get(11)?,
            date_precision: None,
            location: r.get(13)?,
            country: r.get(14)?,
            lat: r.get(15)?,
            lon: r.get(16)?,
            fatalities_min: opt_unsigned(r, 17)?,
            fatalities_max: opt_unsigned(r, 18)?,
            injuries_min: opt_unsigned(r, 19)?,
            injuries_max: opt_unsigned(r, 20)?,
            status: claimgraph_core::extraction::EventStatus::Reported,
            evidence: Vec::new(),
        },
        event_type: r.get(3)?,
        precision: r.get(12)?,
        status: r.get(21)?,
    })
}

/// Decodes the stored codes of an event row and reads its evidence spans.
pub(super) fn finish_event_row(conn: &Connection, raw: RawEventRow) -> Result<EventRow> {
    let RawEventRow { doc, mut row, event_type, precision, status } = raw;
    row.event_type = from_code("events.type", &event_type)?;
    row.status = from_code("events.status", &status)?;
    row.date_precision = precision.map(|p| from_code("events.date_precision", &p)).transpose()?;
    row.evidence = spans(
        conn,
        "SELECT start, \"end\", text FROM event_evidence WHERE doc = ?1 AND event_id = ?2 ORDER BY ord",
        doc,
        &row.id,
    )?;
    Ok(row)
}

/// A claim row with its codes still as stored.
struct RawClaimRow {
    doc: i64,
    row: ClaimRow,
    kind: String,
    stance: String,
}

pub(super) fn claims(conn: &Connection, f: &ClaimFilter) -> Result<Vec<ClaimRow>> {
    let tx = conn.unchecked_transaction()?;
    let doc = resolve_filter(&tx, f.doc.as_deref())?;
    let stance = f.stance.as_ref().map(to_code);
    let claimant = f.claimant.as_deref().map(like_pattern);
    let text = f.text.as_deref().map(like_pattern);
    claims_where(
        &tx,
        "FROM documents d
         CROSS JOIN claims c ON c.doc = d.seq
         LEFT JOIN entities e ON e.doc = c.doc AND e.id = c.claimant_entity
         WHERE (?1 IS NULL OR d.seq = ?1)
           AND (?2 IS NULL OR c.stance = ?2)
           AND (?3 IS NULL OR c.claimant_name LIKE ?3 ESCAPE '\\' OR e.name LIKE ?3 ESCAPE '\\')
           AND (?4 IS NULL OR EXISTS (SELECT 1 FROM claim_evidence x
                                      WHERE x.doc = c.doc AND x.claim_id = c.id
                                        AND x.text LIKE ?4 ESCAPE '\\'))
         ORDER BY d.published DESC, d.seq DESC, c.ord
         LIMIT ?5 OFFSET ?6",
        (&doc, &stance, &claimant, &text, sql_len(f.limit), sql_len(f.offset)),
    )
}

/// Claims selected by `tail` (the `FROM ... WHERE ... ORDER BY ...` part of a statement,
/// with `d` the documents, `c` the claims and `e` the claimant entity), with what they are
/// about and their evidence.
pub(super) fn claims_where(
    conn: &Connection,
    tail: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<ClaimRow>> {
    let sql = format!(
        "SELECT d.id, d.published, c.id, c.claimant_name, e.name, e.kb_id, c.claimant_kind,
                c.claimant_count, c.stance, c.hedged, c.via, c.doc
         {tail}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let raw: Vec<RawClaimRow> = stmt
        .query_map(params, |r| {
            Ok(RawClaimRow {
                doc: r.get(11)?,
                row: ClaimRow {
                    doc_id: r.get(0)?,
                    published: r.get(1)?,
                    id: r.get(2)?,
                    claimant: r.get(3)?,
                    claimant_entity: r.get(4)?,
                    claimant_kb_id: r.get(5)?,
                    claimant_kind: claimgraph_core::extraction::ClaimantKind::Anonymous,
                    claimant_count: r.get(7)?,
                    stance: claimgraph_core::extraction::Stance::Asserts,
                    hedged: r.get(9)?,
                    about: Vec::new(),
                    via: r.get(10)?,
                    evidence: Vec::new(),
                },
                kind: r.get(6)?,
                stance: r.get(8)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    drop(stmt);
    let mut out = Vec::with_capacity(raw.len());
    for RawClaimRow { doc, mut row, kind, stance } in raw {
        row.claimant_kind = from_code("claims.claimant_kind", &kind)?;
        row.stance = from_code("claims.stance", &stance)?;
        row.about = strings(
            conn,
            "SELECT event_id FROM claim_about WHERE doc = ?1 AND claim_id = ?2 ORDER BY ord",
            doc,
            &row.id,
        )?;
        row.evidence = spans(
            conn,
            "SELECT start, \"end\", text FROM claim_evidence WHERE doc = ?1 AND claim_id = ?2 ORDER BY ord",
            doc,
            &row.id,
        )?;
        out.push(row);
    }
    Ok(out)
}

pub(super) fn entities(conn: &Connection, f: &EntityFilter) -> Result<Vec<EntityRow>> {
    let tx = conn.unchecked_transaction()?;
    let doc = resolve_filter(&tx, f.doc.as_deref())?;
    let ty = f.entity_type.as_ref().map(to_code);
    let name = f.name.as_deref().map(like_pattern);
    // `f`: the matching entities with their group key and mention count; `agg`: per group
    // totals; `names`: per group the most frequent name (ties: alphabetical).
    let mut stmt = tx.prepare_cached(
        "WITH f AS (
             SELECT CASE WHEN e.kb_id IS NOT NULL THEN 'k:' || e.kb_id
                         ELSE 'n:' || e.type || ':' || e.name END AS key,
                    e.doc, e.name, e.type, e.country, e.kb_id,
                    (SELECT count(*) FROM mentions m WHERE m.doc = e.doc AND m.entity_id = e.id) AS n
             FROM entities e
             WHERE (?1 IS NULL OR e.doc = ?1)
               AND (?2 IS NULL OR e.type = ?2)
               AND (?3 IS NULL OR e.name LIKE ?3 ESCAPE '\\' OR e.kb_id LIKE ?3 ESCAPE '\\')
         ),
         agg AS (
             SELECT key, max(kb_id) AS kb_id, max(country) AS country,
                    sum(n) AS mentions, count(DISTINCT doc) AS documents
             FROM f GROUP BY key
         ),
         names AS (
             SELECT key, name, type,
                    row_number() OVER (PARTITION BY key ORDER BY count(*) DESC, name, type) AS rank
             FROM f GROUP BY key, name, type
         )
         SELECT agg.kb_id, names.name, names.type, agg.country, agg.mentions, agg.documents
         FROM agg JOIN names ON names.key = agg.key AND names.rank = 1
         ORDER BY agg.documents DESC, agg.mentions DESC, names.name, agg.key
         LIMIT ?4 OFFSET ?5",
    )?;
    let raw: Vec<(EntityRow, String)> = stmt
        .query_map((&doc, &ty, &name, sql_len(f.limit), sql_len(f.offset)), |r| {
            let row = EntityRow {
                kb_id: r.get(0)?,
                name: r.get(1)?,
                entity_type: claimgraph_core::extraction::EntityType::Misc,
                country: r.get(3)?,
                mentions: unsigned(r, 4)?,
                documents: unsigned(r, 5)?,
            };
            Ok((row, r.get(2)?))
        })?
        .collect::<Result<_, _>>()?;
    raw.into_iter()
        .map(|(mut row, ty)| {
            row.entity_type = from_code("entities.type", &ty)?;
            Ok(row)
        })
        .collect()
}

/// `GLOB` pattern of a publication date that names its month.
const MONTH_GLOB: &str = "[0-9][0-9][0-9][0-9]-[0-9][0-9]*";

pub(super) fn months(conn: &Connection) -> Result<Vec<(Option<String>, u64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT CASE WHEN published GLOB ?1 THEN substr(published, 1, 7) END AS m, count(*)
         FROM documents GROUP BY m ORDER BY m IS NULL, m",
    )?;
    let rows = stmt.query_map([MONTH_GLOB], |r| Ok((r.get(0)?, unsigned(r, 1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(super) fn document_ids_in_month(conn: &Connection, month: Option<&str>) -> Result<Vec<String>> {
    let ids = match month {
        // Every date of the month sorts in [month, month + U+10FFFF): the index on
        // `published` answers it.
        Some(m) => {
            let mut stmt = conn.prepare_cached(
                "SELECT id FROM documents WHERE published >= ?1 AND published < ?2 AND published GLOB ?3
                 ORDER BY id",
            )?;
            let upper = format!("{m}\u{10FFFF}");
            stmt.query_map((m, &upper, MONTH_GLOB), |r| r.get(0))?.collect::<Result<_, _>>()?
        }
        None => {
            let mut stmt = conn.prepare_cached(
                "SELECT id FROM documents WHERE published IS NULL OR published NOT GLOB ?1 ORDER BY id",
            )?;
            stmt.query_map([MONTH_GLOB], |r| r.get(0))?.collect::<Result<_, _>>()?
        }
    };
    Ok(ids)
}

/// A `LIKE` pattern matching `text` anywhere, with `%`, `_` and `\` in it taken literally.
pub(crate) fn like_pattern(text: &str) -> String {
    let mut p = String::with_capacity(text.len() + 2);
    p.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

/// A limit or offset as SQLite takes it (a huge one means "all").
pub(super) fn sql_len(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn unsigned(r: &Row, i: usize) -> rusqlite::Result<u64> {
    let v: i64 = r.get(i)?;
    u64::try_from(v).map_err(|_| rusqlite::Error::IntegralValueOutOfRange(i, v))
}

fn opt_unsigned(r: &Row, i: usize) -> rusqlite::Result<Option<u64>> {
    let v: Option<i64> = r.get(i)?;
    v.map(|v| u64::try_from(v).map_err(|_| rusqlite::Error::IntegralValueOutOfRange(i, v))).transpose()
}

#[cfg(test)]
mod tests {
    use super::like_pattern;

    #[test]
    fn like_patterns_are_literal() {
        assert_eq!(like_pattern("Kabul"), "%Kabul%");
        assert_eq!(like_pattern("50%_a\\b"), "%50\\%\\_a\\\\b%");
    }
}
