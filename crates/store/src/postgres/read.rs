//! Reads: resolving ids, counts, listings and rebuilding an extraction, with the same
//! orders and filters as the SQLite backend.
//!
//! Child lists (evidence, aliases, `about`) are fetched for all rows of a page in one query
//! each, not one query per row: every query is a network round trip here.

use std::collections::{HashMap, HashSet};

use claimgraph_core::extraction::{
    Claim, Claimant, Count, DateValue, DocumentRecord, Entity, Event, Location,
};
use claimgraph_core::{Extraction, Span};

use postgres::types::{ToSql, Type};
use postgres::{GenericClient, Row};

use crate::codes::{from_code, to_code};
use crate::error::{Result, StoreError};
use crate::rows::{
    ClaimFilter, ClaimRow, Counts, DocumentKey, DocumentRow, EntityFilter, EntityRow, EventFilter, EventRow,
    Page,
};
use crate::sqlite::list::like_pattern;

use super::{sql_len, unsigned};

/// The `seq` of the document with exactly this id. One round trip (a typed query, not
/// prepared first): an ingest asks it of every document it reads.
pub(super) fn seq_of(c: &mut impl GenericClient, doc_id: &str) -> Result<Option<i64>> {
    Ok(c.query_typed_opt("SELECT seq FROM documents WHERE id = $1", &[(&doc_id, Type::TEXT)])?
        .map(|r| r.get(0)))
}

/// Which of `doc_ids` are stored: one typed query, one round trip.
pub(super) fn stored_among(c: &mut impl GenericClient, doc_ids: &[&str]) -> Result<HashSet<String>> {
    if doc_ids.is_empty() {
        return Ok(HashSet::new());
    }
    let rows =
        c.query_typed("SELECT id FROM documents WHERE id = ANY($1)", &[(&doc_ids, Type::TEXT_ARRAY)])?;
    Ok(rows.iter().map(|r| r.get(0)).collect())
}

/// The one document whose id is `id_or_prefix` or starts with it (`sha256:` may be left
/// out): its `seq` and id. `None` when nothing matches.
fn resolve(c: &mut impl GenericClient, id_or_prefix: &str) -> Result<Option<(i64, String)>> {
    let given = id_or_prefix.trim();
    if given.is_empty() {
        return Ok(None);
    }
    if let Some(seq) = seq_of(c, given)? {
        return Ok(Some((seq, given.to_string())));
    }
    let prefix = if given.starts_with("sha256:") { given.to_string() } else { format!("sha256:{given}") };
    // Ids are "C"-collated: every id starting with `prefix` sorts in
    // [prefix, prefix + U+10FFFF), which the unique index answers without a scan.
    let upper = format!("{prefix}\u{10FFFF}");
    let keys: Vec<(i64, String)> = c
        .query(
            "SELECT seq, id FROM documents WHERE id >= $1 AND id < $2 ORDER BY id LIMIT 2",
            &[&prefix, &upper],
        )?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    match keys.len() {
        0 => Ok(None),
        1 => Ok(keys.into_iter().next()),
        _ => {
            let matches: i64 = c
                .query_one("SELECT count(*) FROM documents WHERE id >= $1 AND id < $2", &[&prefix, &upper])?
                .get(0);
            Err(StoreError::AmbiguousId { prefix: given.to_string(), matches: matches as usize })
        }
    }
}

/// Like [`resolve`], for filters: a document that is not there is an error.
fn resolve_filter(c: &mut impl GenericClient, doc: Option<&str>) -> Result<Option<i64>> {
    match doc {
        None => Ok(None),
        Some(d) => match resolve(c, d)? {
            Some((seq, _)) => Ok(Some(seq)),
            None => Err(StoreError::NotFound(d.to_string())),
        },
    }
}

pub(super) fn counts(c: &mut impl GenericClient) -> Result<Counts> {
    let r = c.query_one(
        "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM entities),
                (SELECT count(*) FROM mentions), (SELECT count(*) FROM events),
                (SELECT count(*) FROM claims)",
        &[],
    )?;
    Ok(Counts {
        documents: unsigned("documents", r.get(0))?,
        entities: unsigned("entities", r.get(1))?,
        mentions: unsigned("mentions", r.get(2))?,
        events: unsigned("events", r.get(3))?,
        claims: unsigned("claims", r.get(4))?,
    })
}

pub(super) fn documents(c: &mut impl GenericClient, page: &Page) -> Result<Vec<DocumentRow>> {
    let rows = c.query(
        "SELECT d.id, d.title, d.publisher, d.published, d.url, d.language, d.source, d.ingested_at, d.chars,
                (SELECT count(*) FROM entities e WHERE e.doc = d.seq),
                (SELECT count(*) FROM events v WHERE v.doc = d.seq),
                (SELECT count(*) FROM claims c WHERE c.doc = d.seq), d.producer
         FROM documents d
         ORDER BY d.published DESC NULLS LAST, d.seq DESC
         LIMIT $1 OFFSET $2",
        &[&sql_len(page.limit), &sql_len(page.offset)],
    )?;
    rows.iter()
        .map(|r| {
            Ok(DocumentRow {
                id: r.get(0),
                title: r.get(1),
                publisher: r.get(2),
                published: r.get(3),
                url: r.get(4),
                language: r.get(5),
                source: r.get(6),
                ingested_at: r.get(7),
                chars: unsigned("documents.chars", r.get(8))?,
                n_entities: unsigned("entities", r.get(9))?,
                n_events: unsigned("events", r.get(10))?,
                n_claims: unsigned("claims", r.get(11))?,
                producer: crate::producer::from_json(r.get::<_, Option<&str>>(12))?,
            })
        })
        .collect()
}

/// Keyset page of documents in id order (the unique index on `id` serves it; comparison
/// and order use the same collation, so pages never repeat or skip).
pub(super) fn documents_after(
    c: &mut impl GenericClient,
    after: Option<&str>,
    limit: usize,
) -> Result<Vec<DocumentKey>> {
    let rows = c.query(
        "SELECT id, source, ingested_at, producer FROM documents
         WHERE $1::text IS NULL OR id > $1
         ORDER BY id
         LIMIT $2",
        &[&after, &sql_len(limit)],
    )?;
    rows.iter()
        .map(|r| {
            Ok(DocumentKey {
                id: r.get(0),
                source: r.get(1),
                ingested_at: r.get(2),
                producer: crate::producer::from_json(r.get::<_, Option<&str>>(3))?,
            })
        })
        .collect()
}

pub(super) fn events(c: &mut impl GenericClient, f: &EventFilter) -> Result<Vec<EventRow>> {
    let doc = resolve_filter(c, f.doc.as_deref())?;
    let ty = f.event_type.as_ref().map(to_code);
    let text = f.text.as_deref().map(like_pattern);
    events_where(
        c,
        "FROM documents d
         JOIN events v ON v.doc = d.seq
         LEFT JOIN entities a ON a.doc = v.doc AND a.id = v.actor
         LEFT JOIN entities t ON t.doc = v.doc AND t.id = v.target
         WHERE ($1::int8 IS NULL OR d.seq = $1)
           AND ($2::text IS NULL OR v.type = $2)
           AND ($3::text IS NULL OR a.name ILIKE $3 OR t.name ILIKE $3 OR v.location_name ILIKE $3
                OR EXISTS (SELECT 1 FROM event_evidence x
                           WHERE x.doc = v.doc AND x.event_id = v.id AND x.text ILIKE $3))
         ORDER BY d.published DESC NULLS LAST, d.seq DESC, v.ord
         LIMIT $4 OFFSET $5",
        &[&doc, &ty, &text, &sql_len(f.limit), &sql_len(f.offset)],
    )
}

/// Events selected by `tail` (the `FROM ... WHERE ... ORDER BY ...` part of a statement,
/// with `d` the documents, `v` the events, `a` and `t` the actor and target entities),
/// with their evidence.
pub(super) fn events_where(
    c: &mut impl GenericClient,
    tail: &str,
    params: &[&(dyn ToSql + Sync)],
) -> Result<Vec<EventRow>> {
    let sql = format!(
        "SELECT d.id, d.published, v.id, v.type, v.mode, v.cameo, a.name, a.kb_id, t.name, t.kb_id,
                v.date_start, v.date_end, v.date_precision, v.location_name, v.location_country,
                v.location_lat, v.location_lon, v.fatalities_min, v.fatalities_max,
                v.injuries_min, v.injuries_max, v.status, v.doc
         {tail}"
    );
    let rows = c.query(&sql, params)?;
    let keys: Vec<(i64, String)> = rows.iter().map(|r| (r.get(22), r.get(2))).collect();
    let mut evidence = spans_of(c, "event_evidence", "event_id", &keys)?;
    let mut out = Vec::with_capacity(rows.len());
    for (r, key) in rows.iter().zip(keys) {
        let precision: Option<String> = r.get(12);
        out.push(EventRow {
            doc_id: r.get(0),
            published: r.get(1),
            id: r.get(2),
            event_type: from_code("events.type", r.get::<_, &str>(3))?,
            mode: r.get(4),
            cameo: r.get(5),
            actor: r.get(6),
            actor_kb_id: r.get(7),
            target: r.get(8),
            target_kb_id: r.get(9),
            date_start: r.get(10),
            date_end: r.get(11),
            date_precision: precision.map(|p| from_code("events.date_precision", &p)).transpose()?,
            location: r.get(13),
            country: r.get(14),
            lat: r.get(15),
            lon: r.get(16),
            fatalities_min: opt_unsigned("events.fatalities_min", r.get(17))?,
            fatalities_max: opt_unsigned("events.fatalities_max", r.get(18))?,
            injuries_min: opt_unsigned("events.injuries_min", r.get(19))?,
            injuries_max: opt_unsigned("events.injuries_max", r.get(20))?,
            status: from_code("events.status", r.get::<_, &str>(21))?,
            evidence: evidence.remove(&key).unwrap_or_default(),
        });
    }
    Ok(out)
}

pub(super) fn claims(c: &mut impl GenericClient, f: &ClaimFilter) -> Result<Vec<ClaimRow>> {
    let doc = resolve_filter(c, f.doc.as_deref())?;
    let stance = f.stance.as_ref().map(to_code);
    let claimant = f.claimant.as_deref().map(like_pattern);
    let text = f.text.as_deref().map(like_pattern);
    claims_where(
        c,
        "FROM documents d
         JOIN claims c ON c.doc = d.seq
         LEFT JOIN entities e ON e.doc = c.doc AND e.id = c.claimant_entity
         WHERE ($1::int8 IS NULL OR d.seq = $1)
           AND ($2::text IS NULL OR c.stance = $2)
           AND ($3::text IS NULL OR c.claimant_name ILIKE $3 OR e.name ILIKE $3)
           AND ($4::text IS NULL OR EXISTS (SELECT 1 FROM claim_evidence x
                                            WHERE x.doc = c.doc AND x.claim_id = c.id
                                              AND x.text ILIKE $4))
         ORDER BY d.published DESC NULLS LAST, d.seq DESC, c.ord
         LIMIT $5 OFFSET $6",
        &[&doc, &stance, &claimant, &text, &sql_len(f.limit), &sql_len(f.offset)],
    )
}

/// Claims selected by `tail` (the `FROM ... WHERE ... ORDER BY ...` part of a statement,
/// with `d` the documents, `c` the claims and `e` the claimant entity), with what they are
/// about and their evidence.
pub(super) fn claims_where(
    c: &mut impl GenericClient,
    tail: &str,
    params: &[&(dyn ToSql + Sync)],
) -> Result<Vec<ClaimRow>> {
    let sql = format!(
        "SELECT d.id, d.published, c.id, c.claimant_name, e.name, e.kb_id, c.claimant_kind,
                c.claimant_count, c.stance, c.hedged, c.via, c.doc
         {tail}"
    );
    let rows = c.query(&sql, params)?;
    let keys: Vec<(i64, String)> = rows.iter().map(|r| (r.get(11), r.get(2))).collect();
    let mut evidence = spans_of(c, "claim_evidence", "claim_id", &keys)?;
    let mut about = about_of(c, &keys)?;
    let mut out = Vec::with_capacity(rows.len());
    for (r, key) in rows.iter().zip(keys) {
        out.push(ClaimRow {
            doc_id: r.get(0),
            published: r.get(1),
            id: r.get(2),
            claimant: r.get(3),
            claimant_entity: r.get(4),
            claimant_kb_id: r.get(5),
            claimant_kind: from_code("claims.claimant_kind", r.get::<_, &str>(6))?,
            claimant_count: claimant_count(r.get(7))?,
            stance: from_code("claims.stance", r.get::<_, &str>(8))?,
            hedged: r.get(9),
            via: r.get(10),
            about: about.remove(&key).unwrap_or_default(),
            evidence: evidence.remove(&key).unwrap_or_default(),
        });
    }
    Ok(out)
}

pub(super) fn entities(c: &mut impl GenericClient, f: &EntityFilter) -> Result<Vec<EntityRow>> {
    let doc = resolve_filter(c, f.doc.as_deref())?;
    let ty = f.entity_type.as_ref().map(to_code);
    let name = f.name.as_deref().map(like_pattern);
    // As in SQLite: `f` the matching entities with their group key and mention count,
    // `agg` per group totals, `names` per group the most frequent name.
    let rows = c.query(
        "WITH f AS (
             SELECT CASE WHEN e.kb_id IS NOT NULL THEN 'k:' || e.kb_id
                         ELSE 'n:' || e.type || ':' || e.name END COLLATE \"C\" AS key,
                    e.doc, e.name, e.type, e.country, e.kb_id,
                    (SELECT count(*) FROM mentions m WHERE m.doc = e.doc AND m.entity_id = e.id) AS n
             FROM entities e
             WHERE ($1::int8 IS NULL OR e.doc = $1)
               AND ($2::text IS NULL OR e.type = $2)
               AND ($3::text IS NULL OR e.name ILIKE $3 OR e.kb_id ILIKE $3)
         ),
         agg AS (
             SELECT key, max(kb_id) AS kb_id, max(country) AS country,
                    sum(n)::int8 AS mentions, count(DISTINCT doc) AS documents
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
         LIMIT $4 OFFSET $5",
        &[&doc, &ty, &name, &sql_len(f.limit), &sql_len(f.offset)],
    )?;
    rows.iter()
        .map(|r| {
            Ok(EntityRow {
                kb_id: r.get(0),
                name: r.get(1),
                entity_type: from_code("entities.type", r.get::<_, &str>(2))?,
                country: r.get(3),
                mentions: unsigned("mentions", r.get(4))?,
                documents: unsigned("documents", r.get(5))?,
            })
        })
        .collect()
}

/// Regular expression of a publication date that names its month.
const MONTH_RE: &str = "^[0-9]{4}-[0-9]{2}";

pub(super) fn months(c: &mut impl GenericClient) -> Result<Vec<(Option<String>, u64)>> {
    let rows = c.query(
        "SELECT CASE WHEN published ~ $1 THEN substr(published, 1, 7) END AS m, count(*)
         FROM documents GROUP BY m ORDER BY m NULLS LAST",
        &[&MONTH_RE],
    )?;
    rows.iter().map(|r| Ok((r.get(0), unsigned("documents", r.get(1))?))).collect()
}

pub(super) fn document_ids_in_month(c: &mut impl GenericClient, month: Option<&str>) -> Result<Vec<String>> {
    let rows = match month {
        Some(m) => {
            let upper = format!("{m}\u{10FFFF}");
            c.query(
                "SELECT id FROM documents WHERE published >= $1 AND published < $2 AND published ~ $3
                 ORDER BY id",
                &[&m, &upper, &MONTH_RE],
            )?
        }
        None => c.query(
            "SELECT id FROM documents WHERE published IS NULL OR published !~ $1 ORDER BY id",
            &[&MONTH_RE],
        )?,
    };
    Ok(rows.iter().map(|r| r.get(0)).collect())
}

/// The spans of many owners (`(doc, local id)`), in order, from one span table.
fn spans_of(
    c: &mut impl GenericClient,
    table: &str,
    owner: &str,
    keys: &[(i64, String)],
) -> Result<HashMap<(i64, String), Vec<Span>>> {
    let mut out: HashMap<(i64, String), Vec<Span>> = HashMap::new();
    if keys.is_empty() {
        return Ok(out);
    }
    let (docs, ids): (Vec<i64>, Vec<&str>) = keys.iter().map(|(d, i)| (*d, i.as_str())).unzip();
    // `table` and `owner` are constants of this module, never user text.
    let sql = format!(
        "SELECT x.doc, x.{owner}, x.start, x.\"end\", x.text
         FROM {table} x JOIN (SELECT DISTINCT * FROM unnest($1::int8[], $2::text[])) k (doc, id)
              ON x.doc = k.doc AND x.{owner} = k.id
         ORDER BY x.doc, x.{owner}, x.ord"
    );
    for r in c.query(&sql, &[&docs, &ids])? {
        out.entry((r.get(0), r.get(1))).or_default().push(span(&r, 2)?);
    }
    Ok(out)
}

/// The `about` event ids of many claims, in order.
fn about_of(
    c: &mut impl GenericClient,
    keys: &[(i64, String)],
) -> Result<HashMap<(i64, String), Vec<String>>> {
    let mut out: HashMap<(i64, String), Vec<String>> = HashMap::new();
    if keys.is_empty() {
        return Ok(out);
    }
    let (docs, ids): (Vec<i64>, Vec<&str>) = keys.iter().map(|(d, i)| (*d, i.as_str())).unzip();
    let rows = c.query(
        "SELECT x.doc, x.claim_id, x.event_id
         FROM claim_about x JOIN (SELECT DISTINCT * FROM unnest($1::int8[], $2::text[])) k (doc, id)
              ON x.doc = k.doc AND x.claim_id = k.id
         ORDER BY x.doc, x.claim_id, x.ord",
        &[&docs, &ids],
    )?;
    for r in rows {
        out.entry((r.get(0), r.get(1))).or_default().push(r.get(2));
    }
    Ok(out)
}

/// The span in columns `at` (start), `at + 1` (end), `at + 2` (text).
fn span(r: &Row, at: usize) -> Result<Span> {
    let offset = |v: i64| {
        usize::try_from(v).map_err(|_| StoreError::BadValue { column: "span offset", value: v.to_string() })
    };
    Ok(Span { start: offset(r.get(at))?, end: offset(r.get(at + 1))?, text: r.get(at + 2) })
}

fn opt_unsigned(column: &'static str, v: Option<i64>) -> Result<Option<u64>> {
    v.map(|v| unsigned(column, v)).transpose()
}

fn claimant_count(v: Option<i64>) -> Result<Option<u32>> {
    v.map(|v| {
        u32::try_from(v)
            .map_err(|_| StoreError::BadValue { column: "claims.claimant_count", value: v.to_string() })
    })
    .transpose()
}

/// The extraction of the document `id_or_prefix` resolves to.
pub(super) fn extraction(c: &mut impl GenericClient, id_or_prefix: &str) -> Result<Option<Extraction>> {
    let Some((doc, _)) = resolve(c, id_or_prefix)? else {
        return Ok(None);
    };
    let r = c.query_one(
        "SELECT schema, id, title, url, publisher, published, language, text, producer
         FROM documents WHERE seq = $1",
        &[&doc],
    )?;
    let schema: String = r.get(0);
    let producer = crate::producer::from_json(r.get::<_, Option<&str>>(8))?;
    let document = DocumentRecord {
        id: r.get(1),
        title: r.get(2),
        url: r.get(3),
        publisher: r.get(4),
        published: r.get(5),
        language: r.get(6),
        text: r.get(7),
    };
    let mut mentions = owned_spans(c, "mentions", "entity_id", doc)?;
    let mut aliases = owned_strings(
        c,
        "SELECT entity_id, alias FROM entity_aliases WHERE doc = $1 ORDER BY entity_id, ord",
        doc,
    )?;
    let mut entities = Vec::new();
    for r in c.query(
        "SELECT id, name, type, kind, country, kb_id FROM entities WHERE doc = $1 ORDER BY ord",
        &[&doc],
    )? {
        let id: String = r.get(0);
        let kind: Option<String> = r.get(3);
        entities.push(Entity {
            name: r.get(1),
            entity_type: from_code("entities.type", r.get::<_, &str>(2))?,
            kind: kind.map(|k| from_code("entities.kind", &k)).transpose()?,
            country: r.get(4),
            kb_id: r.get(5),
            aliases: aliases.remove(&id).unwrap_or_default(),
            mentions: mentions.remove(&id).unwrap_or_default(),
            id,
        });
    }

    let mut evidence = owned_spans(c, "event_evidence", "event_id", doc)?;
    let mut events = Vec::new();
    for r in c.query(
        "SELECT id, type, mode, cameo, actor, target, date_start, date_end, date_precision, date_text,
                location, location_name, location_country, location_lat, location_lon,
                location_geonames_id, fatalities_min, fatalities_max, fatalities_text,
                injuries_min, injuries_max, injuries_text, status
         FROM events WHERE doc = $1 ORDER BY ord",
        &[&doc],
    )? {
        let id: String = r.get(0);
        let precision: Option<String> = r.get(8);
        // A date is stored whole or not at all.
        let date = match precision {
            Some(p) => Some(DateValue {
                start: r.get(6),
                end: r.get(7),
                precision: from_code("events.date_precision", &p)?,
                text: r.get(9),
            }),
            None => None,
        };
        let location = r.get::<_, bool>(10).then(|| Location {
            name: r.get(11),
            country: r.get(12),
            lat: r.get(13),
            lon: r.get(14),
            geonames_id: r.get(15),
        });
        events.push(Event {
            event_type: from_code("events.type", r.get::<_, &str>(1))?,
            mode: r.get(2),
            cameo: r.get(3),
            actor: r.get(4),
            target: r.get(5),
            date,
            location,
            fatalities: count(&r, 16)?,
            injuries: count(&r, 19)?,
            status: from_code("events.status", r.get::<_, &str>(22))?,
            evidence: evidence.remove(&id).unwrap_or_default(),
            id,
        });
    }

    let mut evidence = owned_spans(c, "claim_evidence", "claim_id", doc)?;
    let mut about = owned_strings(
        c,
        "SELECT claim_id, event_id FROM claim_about WHERE doc = $1 ORDER BY claim_id, ord",
        doc,
    )?;
    let mut claims = Vec::new();
    for r in c.query(
        "SELECT id, claimant_entity, claimant_name, claimant_kind, claimant_count, stance, hedged, via
         FROM claims WHERE doc = $1 ORDER BY ord",
        &[&doc],
    )? {
        let id: String = r.get(0);
        claims.push(Claim {
            claimant: Claimant {
                entity: r.get(1),
                name: r.get(2),
                kind: from_code("claims.claimant_kind", r.get::<_, &str>(3))?,
                count: claimant_count(r.get(4))?,
            },
            stance: from_code("claims.stance", r.get::<_, &str>(5))?,
            hedged: r.get(6),
            via: r.get(7),
            about: about.remove(&id).unwrap_or_default(),
            evidence: evidence.remove(&id).unwrap_or_default(),
            id,
        });
    }
    Ok(Some(Extraction { schema, producer, document, entities, events, claims }))
}

/// The count stored in columns `at` (min), `at + 1` (max), `at + 2` (text).
fn count(r: &Row, at: usize) -> Result<Option<Count>> {
    let Some(min) = r.get::<_, Option<i64>>(at) else { return Ok(None) };
    Ok(Some(Count {
        min: unsigned("count min", min)?,
        max: opt_unsigned("count max", r.get(at + 1))?,
        text: r.get(at + 2),
    }))
}

/// Every span of one document's span table, by owner, in order.
fn owned_spans(
    c: &mut impl GenericClient,
    table: &str,
    owner: &str,
    doc: i64,
) -> Result<HashMap<String, Vec<Span>>> {
    // `table` and `owner` are constants of this module, never user text.
    let sql =
        format!("SELECT {owner}, start, \"end\", text FROM {table} WHERE doc = $1 ORDER BY {owner}, ord");
    let mut out: HashMap<String, Vec<Span>> = HashMap::new();
    for r in c.query(&sql, &[&doc])? {
        out.entry(r.get(0)).or_default().push(span(&r, 1)?);
    }
    Ok(out)
}

/// Every (owner, string) pair `sql` selects for one document, by owner, in order.
fn owned_strings(c: &mut impl GenericClient, sql: &str, doc: i64) -> Result<HashMap<String, Vec<String>>> {
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for r in c.query(sql, &[&doc])? {
        out.entry(r.get(0)).or_default().push(r.get(1));
    }
    Ok(out)
}
