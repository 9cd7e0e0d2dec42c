//! The query commands: `docs`, `events`, `claims`, `entities`, `show`, `search`.
//!
//! Each prints a readable table, or JSON with `--json`. Query commands never create a store:
//! pointing one at a missing file is an error, not an empty answer.

use std::io::Write;
use std::path::Path;

use anyhow::{Result, bail};
use claimgraph_core::extraction::EventType;
use claimgraph_store::{ClaimFilter, EntityFilter, EventFilter, Page};
use serde::Serialize;

use crate::Outcome;
use crate::args::{ClaimsArgs, EventsArgs, ListArgs, SearchArgs, ShowArgs};
use crate::table::{self, clip, opt};

/// Opens an existing store for reading.
pub fn open_existing(db: &Path) -> Result<crate::store::AnyStore> {
    crate::store::open_existing(db)
}

fn print_json<T: Serialize>(value: &T) -> Result<Outcome> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(Outcome::Success)
}

fn print_table(t: comfy_table::Table, shown: usize, what: &str) -> Result<Outcome> {
    let mut out = std::io::stdout().lock();
    if shown == 0 {
        writeln!(out, "no {what}")?;
    } else {
        writeln!(out, "{t}")?;
    }
    Ok(Outcome::Success)
}

fn short_id(id: &str) -> String {
    let hex = id.strip_prefix("sha256:").unwrap_or(id);
    hex.chars().take(12).collect()
}

/// `claimgraph docs`.
pub fn docs(db: &Path, a: &ListArgs) -> Result<Outcome> {
    let store = open_existing(db)?;
    let rows = store.documents(&Page { limit: a.limit, offset: a.offset })?;
    if a.json {
        return print_json(&rows);
    }
    let mut t = table::new(&[
        "id",
        "published",
        "publisher",
        "title",
        "chars",
        "entities",
        "events",
        "claims",
        "parser",
    ]);
    for r in &rows {
        t.add_row(vec![
            short_id(&r.id),
            opt(r.published.as_deref()),
            clip(&opt(r.publisher.as_deref()), 24),
            clip(&opt(r.title.as_deref()), 60),
            r.chars.to_string(),
            r.n_entities.to_string(),
            r.n_events.to_string(),
            r.n_claims.to_string(),
            parser_used(r.producer.as_ref()),
        ]);
    }
    print_table(t, rows.len(), "documents")
}

fn parse_event_type(s: &str) -> Result<EventType> {
    serde_json::from_value(serde_json::Value::String(s.to_uppercase())).map_err(|_| {
        anyhow::anyhow!(
            "unknown event type {s:?}: use a PLOVER type (AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT \
             REQUEST ACCUSE REJECT THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT)"
        )
    })
}

fn range(min: Option<u64>, max: Option<u64>) -> String {
    match (min, max) {
        (None, _) => "-".into(),
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a}-{b}"),
        (Some(a), None) => format!("{a}+"),
    }
}

/// `claimgraph events`.
pub fn events(db: &Path, a: &EventsArgs) -> Result<Outcome> {
    let store = open_existing(db)?;
    let filter = EventFilter {
        doc: a.doc.clone(),
        event_type: a.event_type.as_deref().map(parse_event_type).transpose()?,
        text: None,
        limit: a.list.limit,
        offset: a.list.offset,
    };
    let rows = store.events(&filter)?;
    if a.list.json {
        return print_json(&rows);
    }
    let mut t = table::new(&[
        "doc", "id", "type", "actor", "target", "date", "where", "killed", "injured", "status", "evidence",
    ]);
    for r in &rows {
        let date = match (&r.date_start, &r.date_end) {
            (Some(s), Some(e)) if s != e => format!("{s}..{e}"),
            (Some(s), _) => s.clone(),
            _ => "-".into(),
        };
        let place = match (&r.location, &r.country) {
            (Some(l), Some(c)) => format!("{l} ({c})"),
            (Some(l), None) => l.clone(),
            (None, Some(c)) => c.clone(),
            (None, None) => "-".into(),
        };
        t.add_row(vec![
            short_id(&r.doc_id),
            r.id.clone(),
            table::name(&r.event_type),
            opt(r.actor.as_deref()),
            opt(r.target.as_deref()),
            date,
            place,
            range(r.fatalities_min, r.fatalities_max),
            range(r.injuries_min, r.injuries_max),
            table::name(&r.status),
            clip(r.evidence.first().map_or("", |s| s.text.as_str()), 60),
        ]);
    }
    print_table(t, rows.len(), "events")
}

/// `claimgraph claims`.
pub fn claims(db: &Path, a: &ClaimsArgs) -> Result<Outcome> {
    let store = open_existing(db)?;
    let filter = ClaimFilter {
        doc: a.doc.clone(),
        limit: a.list.limit,
        offset: a.list.offset,
        ..ClaimFilter::default()
    };
    let rows = store.claims(&filter)?;
    if a.list.json {
        return print_json(&rows);
    }
    let mut t =
        table::new(&["doc", "id", "claimant", "kind", "stance", "hedged", "about", "via", "evidence"]);
    for r in &rows {
        let who = match r.claimant_count {
            Some(n) if n > 1 => format!("{} ({n})", r.claimant),
            _ => r.claimant.clone(),
        };
        t.add_row(vec![
            short_id(&r.doc_id),
            r.id.clone(),
            clip(&who, 40),
            table::name(&r.claimant_kind),
            table::name(&r.stance),
            if r.hedged { "yes".into() } else { "no".into() },
            if r.about.is_empty() { "-".into() } else { r.about.join(",") },
            opt(r.via.as_deref()),
            clip(r.evidence.first().map_or("", |s| s.text.as_str()), 60),
        ]);
    }
    print_table(t, rows.len(), "claims")
}

/// `claimgraph entities`.
pub fn entities(db: &Path, a: &ListArgs) -> Result<Outcome> {
    let store = open_existing(db)?;
    let filter = EntityFilter { limit: a.limit, offset: a.offset, ..EntityFilter::default() };
    let rows = store.entities(&filter)?;
    if a.json {
        return print_json(&rows);
    }
    let mut t = table::new(&["name", "type", "country", "kb id", "documents", "mentions"]);
    for r in &rows {
        t.add_row(vec![
            clip(&r.name, 40),
            table::name(&r.entity_type),
            opt(r.country.as_deref()),
            opt(r.kb_id.as_deref()),
            r.documents.to_string(),
            r.mentions.to_string(),
        ]);
    }
    print_table(t, rows.len(), "entities")
}

/// `claimgraph show`.
pub fn show(db: &Path, a: &ShowArgs) -> Result<Outcome> {
    let store = open_existing(db)?;
    let Some(x) = store.extraction(&a.doc_id)? else {
        bail!("no stored document matches {:?}", a.doc_id);
    };
    if a.json {
        return print_json(&x);
    }
    let mut out = std::io::stdout().lock();
    let d = &x.document;
    writeln!(out, "{}", d.id)?;
    writeln!(out, "title:     {}", opt(d.title.as_deref()))?;
    writeln!(out, "publisher: {}", opt(d.publisher.as_deref()))?;
    writeln!(out, "published: {}", opt(d.published.as_deref()))?;
    writeln!(out, "url:       {}", opt(d.url.as_deref()))?;
    writeln!(out, "text:      {} chars", d.text.chars().count())?;
    writeln!(out, "made by:   {}", made_by(x.producer.as_ref()))?;
    writeln!(out, "\n{} entities", x.entities.len())?;
    for e in &x.entities {
        let kind = e.kind.map(|k| format!(" {}", table::name(&k))).unwrap_or_default();
        writeln!(
            out,
            "  {:<4} {:<30} {}{kind} {} {} ({} mentions)",
            e.id,
            clip(&e.name, 30),
            table::name(&e.entity_type),
            opt(e.country.as_deref()),
            opt(e.kb_id.as_deref()),
            e.mentions.len()
        )?;
    }
    writeln!(out, "\n{} events", x.events.len())?;
    for v in &x.events {
        let name = |id: &Option<String>| {
            id.as_ref()
                .and_then(|id| x.entities.iter().find(|e| &e.id == id))
                .map_or("-".to_string(), |e| e.name.clone())
        };
        writeln!(
            out,
            "  {:<4} {} {} -> {} [{}] {}",
            v.id,
            table::name(&v.event_type),
            name(&v.actor),
            name(&v.target),
            table::name(&v.status),
            clip(v.evidence.first().map_or("", |s| s.text.as_str()), 70)
        )?;
    }
    writeln!(out, "\n{} claims", x.claims.len())?;
    for c in &x.claims {
        writeln!(
            out,
            "  {:<4} {} {}{} about [{}] {}",
            c.id,
            c.claimant.name,
            table::name(&c.stance),
            if c.hedged { " (hedged)" } else { "" },
            c.about.join(","),
            clip(c.evidence.first().map_or("", |s| s.text.as_str()), 70)
        )?;
    }
    Ok(Outcome::Success)
}

/// The parser and beam width of a stored extraction, for `docs`: `accurate/8`, `fast/1`,
/// `none` (made without a parser), `-` (it does not say).
fn parser_used(p: Option<&claimgraph_core::extraction::Producer>) -> String {
    match p.map(|p| (p.parser.as_deref(), p.beam)) {
        Some((Some(parser), Some(beam))) => format!("{parser}/{beam}"),
        Some((Some(parser), None)) => parser.to_string(),
        Some((None, _)) => "none".to_string(),
        None => "-".to_string(),
    }
}

/// What made a stored extraction, for `show`: `claimgraph 0.1.0, accurate parser, beam 8,
/// models sha256:8948b5328de4` (the models digest cut to 12 hex digits, as `git` shortens
/// hashes; `show --json` has it whole).
pub(crate) fn made_by(p: Option<&claimgraph_core::extraction::Producer>) -> String {
    let Some(p) = p else { return "-".to_string() };
    let mut s = match (&p.parser, p.beam) {
        (Some(parser), Some(beam)) => format!("{} {}, {parser} parser, beam {beam}", p.name, p.version),
        (Some(parser), None) => format!("{} {}, {parser} parser", p.name, p.version),
        (None, _) => format!("{} {}, no parser", p.name, p.version),
    };
    if let Some(models) = &p.models {
        s.push_str(", models ");
        s.extend(models.chars().take("sha256:".len() + 12));
    }
    if let Some(rules) = &p.rules {
        s.push_str(", rules ");
        s.extend(rules.chars().take("sha256:".len() + 12));
    }
    s
}

/// `claimgraph search`.
pub fn search(db: &Path, a: &SearchArgs) -> Result<Outcome> {
    let store = open_existing(db)?;
    let hits = store.search(&a.query, a.limit)?;
    if a.json {
        return print_json(&hits);
    }
    let mut t = table::new(&["id", "title", "snippet"]);
    for h in &hits {
        t.add_row(vec![short_id(&h.doc_id), clip(&opt(h.title.as_deref()), 50), clip(&h.snippet, 90)]);
    }
    print_table(t, hits.len(), "matches")
}
