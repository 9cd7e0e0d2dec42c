//! Writing extractions: validate, then a batch of documents in one transaction with one
//! multi-row insert per table (`INSERT ... SELECT * FROM unnest($1::text[], ...)`).
//!
//! Statements are prepared once per writer connection and take arrays, so a batch of any
//! size costs the same dozen round trips. When a batch fails (a constraint, a lost
//! connection), it is rolled back whole and every document is retried in its own
//! transaction, so each ends up stored whole or not at all and only the bad ones fail.

use std::collections::{HashMap, HashSet};

use claimgraph_core::extraction::Count;
use claimgraph_core::{Extraction, Span};
use postgres::Statement;
use postgres::types::ToSql;

use crate::codes::to_code;
use crate::error::Result;
use crate::rows::PutOutcome;
use crate::validate::validate;

use super::Conn;

const DELETE: &str = "DELETE FROM documents WHERE id = ANY($1::text[]) RETURNING id";

const INSERT_DOCUMENTS: &str =
    "INSERT INTO documents (id, schema, title, url, publisher, published, language, text, chars,
                           source, ingested_at, producer)
     SELECT id, schema, title, url, publisher, published, language, text, chars, source,
            to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), producer
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                 $8::text[], $9::int8[], $10::text[], $11::text[])
          WITH ORDINALITY AS u (id, schema, title, url, publisher, published, language, text, chars,
                                source, producer, n)
     ORDER BY n
     ON CONFLICT (id) DO NOTHING
     RETURNING id, seq";

const INSERT_ENTITIES: &str = "INSERT INTO entities (doc, id, ord, name, type, kind, country, kb_id)
     SELECT * FROM unnest($1::int8[], $2::text[], $3::int8[], $4::text[], $5::text[], $6::text[],
                          $7::text[], $8::text[])";

const INSERT_ALIASES: &str = "INSERT INTO entity_aliases (doc, entity_id, ord, alias)
     SELECT * FROM unnest($1::int8[], $2::text[], $3::int8[], $4::text[])";

const INSERT_EVENTS: &str = "INSERT INTO events (doc, id, ord, type, mode, cameo, actor, target,
                         date_start, date_end, date_precision, date_text,
                         location, location_name, location_country, location_lat, location_lon,
                         location_geonames_id, fatalities_min, fatalities_max, fatalities_text,
                         injuries_min, injuries_max, injuries_text, status)
     SELECT * FROM unnest($1::int8[], $2::text[], $3::int8[], $4::text[], $5::text[], $6::text[],
                          $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[],
                          $13::bool[], $14::text[], $15::text[], $16::float8[], $17::float8[],
                          $18::int8[], $19::int8[], $20::int8[], $21::text[], $22::int8[], $23::int8[],
                          $24::text[], $25::text[])";

const INSERT_CLAIMS: &str = "INSERT INTO claims (doc, id, ord, claimant_entity, claimant_name, claimant_kind,
                         claimant_count, stance, hedged, via)
     SELECT * FROM unnest($1::int8[], $2::text[], $3::int8[], $4::text[], $5::text[], $6::text[],
                          $7::int8[], $8::text[], $9::bool[], $10::text[])";

const INSERT_ABOUT: &str = "INSERT INTO claim_about (doc, claim_id, ord, event_id)
     SELECT * FROM unnest($1::int8[], $2::text[], $3::int8[], $4::text[])";

fn insert_spans(table: &str, owner: &str) -> String {
    format!(
        "INSERT INTO {table} (doc, {owner}, ord, start, \"end\", text)
         SELECT * FROM unnest($1::int8[], $2::text[], $3::int8[], $4::int8[], $5::int8[], $6::text[])"
    )
}

/// The writer's connection and its prepared statements.
pub(super) struct Writer {
    conn: Conn,
    st: Statements,
}

struct Statements {
    delete: Statement,
    documents: Statement,
    entities: Statement,
    aliases: Statement,
    mentions: Statement,
    events: Statement,
    event_evidence: Statement,
    claims: Statement,
    about: Statement,
    claim_evidence: Statement,
}

impl Writer {
    pub(super) fn new(mut conn: Conn) -> Result<Self> {
        let st = Statements {
            delete: conn.prepare(DELETE)?,
            documents: conn.prepare(INSERT_DOCUMENTS)?,
            entities: conn.prepare(INSERT_ENTITIES)?,
            aliases: conn.prepare(INSERT_ALIASES)?,
            mentions: conn.prepare(&insert_spans("mentions", "entity_id"))?,
            events: conn.prepare(INSERT_EVENTS)?,
            event_evidence: conn.prepare(&insert_spans("event_evidence", "event_id"))?,
            claims: conn.prepare(INSERT_CLAIMS)?,
            about: conn.prepare(INSERT_ABOUT)?,
            claim_evidence: conn.prepare(&insert_spans("claim_evidence", "claim_id"))?,
        };
        Ok(Writer { conn, st })
    }

    /// True when the connection is broken and must not be used again.
    pub(super) fn is_closed(&self) -> bool {
        self.conn.is_closed()
    }

    /// Stores `items` (extraction, source); one outcome per item, in order.
    pub(super) fn put_many(
        &mut self,
        items: &[(&Extraction, &str)],
        replace: bool,
    ) -> Vec<Result<PutOutcome>> {
        let mut out: Vec<Option<Result<PutOutcome>>> = Vec::with_capacity(items.len());
        let mut valid = Vec::new();
        for (i, (x, _)) in items.iter().enumerate() {
            match validate(x) {
                Ok(()) => {
                    out.push(None);
                    valid.push(i);
                }
                Err(e) => out.push(Some(Err(e))),
            }
        }
        // A document twice in one batch would conflict with itself: such batches (rare)
        // are written one document at a time, which gives the sequential semantics.
        let mut seen = HashSet::new();
        let distinct = valid.iter().all(|&i| seen.insert(items[i].0.document.id.as_str()));
        let batch: Vec<(&Extraction, &str)> = valid.iter().map(|&i| items[i]).collect();
        let batched = if distinct && batch.len() > 1 { self.put_tx(&batch, replace).ok() } else { None };
        match batched {
            Some(outcomes) => {
                for (&i, o) in valid.iter().zip(outcomes) {
                    out[i] = Some(Ok(o));
                }
            }
            None => {
                for &i in &valid {
                    out[i] = Some(self.put_tx(&[items[i]], replace).map(|mut o| o.remove(0)));
                }
            }
        }
        out.into_iter().map(|o| o.unwrap_or(Ok(PutOutcome::Unchanged))).collect()
    }

    /// Writes validated, distinct documents in one transaction.
    fn put_tx(&mut self, items: &[(&Extraction, &str)], replace: bool) -> Result<Vec<PutOutcome>> {
        let st = &self.st;
        let mut tx = self.conn.transaction()?;
        let ids: Vec<&str> = items.iter().map(|(x, _)| x.document.id.as_str()).collect();
        let replaced: HashSet<String> = if replace {
            // Cascades to every row extracted from the documents.
            tx.query(&st.delete, &[&ids])?.iter().map(|r| r.get(0)).collect()
        } else {
            HashSet::new()
        };
        let docs = items.iter().map(|(x, _)| &x.document);
        let schemas: Vec<&str> = items.iter().map(|(x, _)| x.schema.as_str()).collect();
        let titles: Vec<Option<&str>> = docs.clone().map(|d| d.title.as_deref()).collect();
        let urls: Vec<Option<&str>> = docs.clone().map(|d| d.url.as_deref()).collect();
        let publishers: Vec<Option<&str>> = docs.clone().map(|d| d.publisher.as_deref()).collect();
        let published: Vec<Option<&str>> = docs.clone().map(|d| d.published.as_deref()).collect();
        let languages: Vec<Option<&str>> = docs.clone().map(|d| d.language.as_deref()).collect();
        let texts: Vec<&str> = docs.clone().map(|d| d.text.as_str()).collect();
        let chars: Vec<i64> = docs.map(|d| d.text.chars().count() as i64).collect();
        let sources: Vec<&str> = items.iter().map(|(_, s)| *s).collect();
        let producers: Vec<Option<String>> =
            items.iter().map(|(x, _)| crate::producer::to_json(x.producer.as_ref())).collect();
        let seqs: HashMap<String, i64> = tx
            .query(
                &st.documents,
                &[
                    &ids,
                    &schemas,
                    &titles,
                    &urls,
                    &publishers,
                    &published,
                    &languages,
                    &texts,
                    &chars,
                    &sources,
                    &producers,
                ],
            )?
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect();

        let mut rows = Rows::default();
        for (x, _) in items {
            if let Some(&seq) = seqs.get(&x.document.id) {
                rows.add(seq, x);
            }
        }
        rows.write(&mut tx, st)?;
        tx.commit()?;
        Ok(ids
            .iter()
            .map(|id| match (seqs.contains_key(*id), replaced.contains(*id)) {
                (false, _) => PutOutcome::Unchanged,
                (true, true) => PutOutcome::Replaced,
                (true, false) => PutOutcome::Inserted,
            })
            .collect())
    }
}

/// Columns of a span table (mentions, event or claim evidence).
#[derive(Default)]
struct SpanCols<'a> {
    doc: Vec<i64>,
    owner: Vec<&'a str>,
    ord: Vec<i64>,
    start: Vec<i64>,
    end: Vec<i64>,
    text: Vec<&'a str>,
}

impl<'a> SpanCols<'a> {
    fn add(&mut self, doc: i64, owner: &'a str, spans: &'a [Span]) {
        for (i, s) in spans.iter().enumerate() {
            self.doc.push(doc);
            self.owner.push(owner);
            self.ord.push(i as i64);
            // Offsets are char offsets into a Rust string, so they always fit an i64.
            self.start.push(s.start as i64);
            self.end.push(s.end as i64);
            self.text.push(&s.text);
        }
    }

    fn write(&self, tx: &mut postgres::Transaction<'_>, st: &Statement) -> Result<()> {
        if !self.doc.is_empty() {
            tx.execute(st, &[&self.doc, &self.owner, &self.ord, &self.start, &self.end, &self.text])?;
        }
        Ok(())
    }
}

/// Every child row of a batch, as one array per column.
#[derive(Default)]
struct Rows<'a> {
    // entities
    e_doc: Vec<i64>,
    e_id: Vec<&'a str>,
    e_ord: Vec<i64>,
    e_name: Vec<&'a str>,
    e_type: Vec<String>,
    e_kind: Vec<Option<String>>,
    e_country: Vec<Option<&'a str>>,
    e_kb: Vec<Option<&'a str>>,
    // entity_aliases
    a_doc: Vec<i64>,
    a_entity: Vec<&'a str>,
    a_ord: Vec<i64>,
    a_alias: Vec<&'a str>,
    mentions: SpanCols<'a>,
    // events
    v_doc: Vec<i64>,
    v_id: Vec<&'a str>,
    v_ord: Vec<i64>,
    v_type: Vec<String>,
    v_mode: Vec<Option<&'a str>>,
    v_cameo: Vec<Option<&'a str>>,
    v_actor: Vec<Option<&'a str>>,
    v_target: Vec<Option<&'a str>>,
    v_start: Vec<Option<&'a str>>,
    v_end: Vec<Option<&'a str>>,
    v_precision: Vec<Option<String>>,
    v_date_text: Vec<Option<&'a str>>,
    v_location: Vec<bool>,
    v_loc_name: Vec<Option<&'a str>>,
    v_loc_country: Vec<Option<&'a str>>,
    v_lat: Vec<Option<f64>>,
    v_lon: Vec<Option<f64>>,
    v_geonames: Vec<Option<i64>>,
    v_fat_min: Vec<Option<i64>>,
    v_fat_max: Vec<Option<i64>>,
    v_fat_text: Vec<Option<&'a str>>,
    v_inj_min: Vec<Option<i64>>,
    v_inj_max: Vec<Option<i64>>,
    v_inj_text: Vec<Option<&'a str>>,
    v_status: Vec<String>,
    event_evidence: SpanCols<'a>,
    // claims
    c_doc: Vec<i64>,
    c_id: Vec<&'a str>,
    c_ord: Vec<i64>,
    c_entity: Vec<Option<&'a str>>,
    c_name: Vec<&'a str>,
    c_kind: Vec<String>,
    c_count: Vec<Option<i64>>,
    c_stance: Vec<String>,
    c_hedged: Vec<bool>,
    c_via: Vec<Option<&'a str>>,
    // claim_about
    b_doc: Vec<i64>,
    b_claim: Vec<&'a str>,
    b_ord: Vec<i64>,
    b_event: Vec<&'a str>,
    claim_evidence: SpanCols<'a>,
}

impl<'a> Rows<'a> {
    fn add(&mut self, doc: i64, x: &'a Extraction) {
        for (ord, e) in x.entities.iter().enumerate() {
            self.e_doc.push(doc);
            self.e_id.push(&e.id);
            self.e_ord.push(ord as i64);
            self.e_name.push(&e.name);
            self.e_type.push(to_code(&e.entity_type));
            self.e_kind.push(e.kind.as_ref().map(to_code));
            self.e_country.push(e.country.as_deref());
            self.e_kb.push(e.kb_id.as_deref());
            for (i, a) in e.aliases.iter().enumerate() {
                self.a_doc.push(doc);
                self.a_entity.push(&e.id);
                self.a_ord.push(i as i64);
                self.a_alias.push(a);
            }
            self.mentions.add(doc, &e.id, &e.mentions);
        }
        for (ord, ev) in x.events.iter().enumerate() {
            let date = ev.date.as_ref();
            let loc = ev.location.as_ref();
            let (fat_min, fat_max, fat_text) = count_columns(ev.fatalities.as_ref());
            let (inj_min, inj_max, inj_text) = count_columns(ev.injuries.as_ref());
            self.v_doc.push(doc);
            self.v_id.push(&ev.id);
            self.v_ord.push(ord as i64);
            self.v_type.push(to_code(&ev.event_type));
            self.v_mode.push(ev.mode.as_deref());
            self.v_cameo.push(ev.cameo.as_deref());
            self.v_actor.push(ev.actor.as_deref());
            self.v_target.push(ev.target.as_deref());
            self.v_start.push(date.map(|d| d.start.as_str()));
            self.v_end.push(date.map(|d| d.end.as_str()));
            self.v_precision.push(date.map(|d| to_code(&d.precision)));
            self.v_date_text.push(date.and_then(|d| d.text.as_deref()));
            self.v_location.push(loc.is_some());
            self.v_loc_name.push(loc.and_then(|l| l.name.as_deref()));
            self.v_loc_country.push(loc.and_then(|l| l.country.as_deref()));
            self.v_lat.push(loc.and_then(|l| l.lat));
            self.v_lon.push(loc.and_then(|l| l.lon));
            self.v_geonames.push(loc.and_then(|l| l.geonames_id));
            self.v_fat_min.push(fat_min);
            self.v_fat_max.push(fat_max);
            self.v_fat_text.push(fat_text);
            self.v_inj_min.push(inj_min);
            self.v_inj_max.push(inj_max);
            self.v_inj_text.push(inj_text);
            self.v_status.push(to_code(&ev.status));
            self.event_evidence.add(doc, &ev.id, &ev.evidence);
        }
        for (ord, c) in x.claims.iter().enumerate() {
            self.c_doc.push(doc);
            self.c_id.push(&c.id);
            self.c_ord.push(ord as i64);
            self.c_entity.push(c.claimant.entity.as_deref());
            self.c_name.push(&c.claimant.name);
            self.c_kind.push(to_code(&c.claimant.kind));
            self.c_count.push(c.claimant.count.map(i64::from));
            self.c_stance.push(to_code(&c.stance));
            self.c_hedged.push(c.hedged);
            self.c_via.push(c.via.as_deref());
            for (i, ev) in c.about.iter().enumerate() {
                self.b_doc.push(doc);
                self.b_claim.push(&c.id);
                self.b_ord.push(i as i64);
                self.b_event.push(ev);
            }
            self.claim_evidence.add(doc, &c.id, &c.evidence);
        }
    }

    fn write(&self, tx: &mut postgres::Transaction<'_>, st: &Statements) -> Result<()> {
        if !self.e_doc.is_empty() {
            tx.execute(
                &st.entities,
                &[
                    &self.e_doc,
                    &self.e_id,
                    &self.e_ord,
                    &self.e_name,
                    &self.e_type,
                    &self.e_kind,
                    &self.e_country,
                    &self.e_kb,
                ],
            )?;
        }
        if !self.a_doc.is_empty() {
            tx.execute(&st.aliases, &[&self.a_doc, &self.a_entity, &self.a_ord, &self.a_alias])?;
        }
        self.mentions.write(tx, &st.mentions)?;
        if !self.v_doc.is_empty() {
            let params: [&(dyn ToSql + Sync); 25] = [
                &self.v_doc,
                &self.v_id,
                &self.v_ord,
                &self.v_type,
                &self.v_mode,
                &self.v_cameo,
                &self.v_actor,
                &self.v_target,
                &self.v_start,
                &self.v_end,
                &self.v_precision,
                &self.v_date_text,
                &self.v_location,
                &self.v_loc_name,
                &self.v_loc_country,
                &self.v_lat,
                &self.v_lon,
                &self.v_geonames,
                &self.v_fat_min,
                &self.v_fat_max,
                &self.v_fat_text,
                &self.v_inj_min,
                &self.v_inj_max,
                &self.v_inj_text,
                &self.v_status,
            ];
            tx.execute(&st.events, &params)?;
        }
        self.event_evidence.write(tx, &st.event_evidence)?;
        if !self.c_doc.is_empty() {
            tx.execute(
                &st.claims,
                &[
                    &self.c_doc,
                    &self.c_id,
                    &self.c_ord,
                    &self.c_entity,
                    &self.c_name,
                    &self.c_kind,
                    &self.c_count,
                    &self.c_stance,
                    &self.c_hedged,
                    &self.c_via,
                ],
            )?;
        }
        if !self.b_doc.is_empty() {
            tx.execute(&st.about, &[&self.b_doc, &self.b_claim, &self.b_ord, &self.b_event])?;
        }
        self.claim_evidence.write(tx, &st.claim_evidence)
    }
}

/// Columns of a count; validation has checked that the numbers fit an i64.
fn count_columns(c: Option<&Count>) -> (Option<i64>, Option<i64>, Option<&str>) {
    match c {
        None => (None, None, None),
        Some(c) => (Some(c.min as i64), c.max.map(|m| m as i64), c.text.as_deref()),
    }
}
