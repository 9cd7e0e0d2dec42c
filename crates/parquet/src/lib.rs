//! The store as a Parquet data lake: documents, entities, mentions, events, claims, claim
//! links and incidents as Parquet files that DuckDB, Spark, Trino, Polars or pandas read
//! as they are (schema: `docs/parquet.md`).
//!
//! Tables are hive-partitioned by month of publication
//! (`events/month=2020-08/part-0.parquet`; documents without a date in `month=unknown`), so
//! engines skip months a query does not touch. Incidents span months and documents: they
//! are one file, `incidents/part-0.parquet`.
//!
//! The export walks the store month by month ([`Store::months`],
//! [`Store::document_ids_in_month`]) and one document at a time, writing row groups of
//! [`Options::row_group_rows`] rows: memory is bounded by one month's document ids plus
//! one row group per table, whatever the store size. Files are written into a temporary
//! directory inside the output directory and moved into place table by table at the end,
//! so a failed export leaves an earlier export there as it was.

mod error;
mod table;

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use claimgraph_core::Extraction;
use claimgraph_core::extraction::EventType;
use claimgraph_store::{IncidentFilter, IncidentStore, Store};
use serde::Serialize;

pub use error::{ParquetError, Result};
use table::{Table, Val};

/// The tables an export writes, in order.
pub const TABLES: [&str; 7] =
    ["documents", "entities", "mentions", "events", "claims", "claim_links", "incidents"];

/// Which part of the store to export.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportFilter {
    /// Only documents published on or after this date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub since: Option<String>,
    /// Only documents published on or before this date (same forms, inclusive).
    pub until: Option<String>,
    /// Only events whose actor or target name or knowledge-base id contains this text
    /// (case-insensitive), with the documents, claims and links that go with them.
    pub actor: Option<String>,
    /// Only events of this PLOVER type, with the documents, claims and links that go with
    /// them.
    pub event_type: Option<EventType>,
}

impl ExportFilter {
    fn filters_events(&self) -> bool {
        self.actor.is_some() || self.event_type.is_some()
    }

    fn keeps_published(&self, published: Option<&str>) -> bool {
        if self.since.is_none() && self.until.is_none() {
            return true;
        }
        let Some(p) = published else { return false };
        let since_ok = self.since.as_deref().is_none_or(|s| p >= s);
        let until_ok = self.until.as_deref().is_none_or(|u| &p[..p.len().min(u.len())] <= u);
        since_ok && until_ok
    }

    /// False when no date of `month` can pass `since`/`until` (a month is skipped whole).
    fn keeps_month(&self, month: Option<&str>) -> bool {
        let Some(m) = month else { return self.since.is_none() && self.until.is_none() };
        let since_ok = self.since.as_deref().is_none_or(|s| m >= &s[..s.len().min(7)]);
        let until_ok = self.until.as_deref().is_none_or(|u| &m[..m.len().min(u.len())] <= u);
        since_ok && until_ok
    }
}

/// Export settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Rows per row group (and per write): the memory bound of each table.
    pub row_group_rows: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options { row_group_rows: 16_384 }
    }
}

/// What an export wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ExportSummary {
    /// Rows per table.
    pub rows: HashMap<String, u64>,
    /// Month partitions written.
    pub months: usize,
    /// Parquet files written.
    pub files: usize,
    /// False when the store keeps no incidents (then `incidents/` holds an empty file).
    pub incidents: bool,
}

/// Writes the store (or the part `filter` selects) under `dir` as Parquet; `incidents`
/// adds the incidents table when the backend keeps incidents.
pub fn export(
    store: &dyn Store,
    incidents: Option<&dyn IncidentStore>,
    dir: &Path,
    filter: &ExportFilter,
    options: Options,
) -> Result<ExportSummary> {
    fs::create_dir_all(dir).map_err(|e| ParquetError::io(dir, e))?;
    let tmp = dir.join(format!(".claimgraph-export-{}", std::process::id()));
    if tmp.exists() {
        fs::remove_dir_all(&tmp).map_err(|e| ParquetError::io(&tmp, e))?;
    }
    let result = write_all(store, incidents, &tmp, filter, options).and_then(|summary| {
        publish(&tmp, dir)?;
        Ok(summary)
    });
    // On failure the temporary files go; an earlier export stays as it was.
    let _ = fs::remove_dir_all(&tmp);
    result
}

/// Moves each table directory from `tmp` into `dir`, replacing an earlier one.
fn publish(tmp: &Path, dir: &Path) -> Result<()> {
    for name in TABLES {
        let (from, to) = (tmp.join(name), dir.join(name));
        if to.exists() {
            fs::remove_dir_all(&to).map_err(|e| ParquetError::io(&to, e))?;
        }
        fs::rename(&from, &to).map_err(|e| ParquetError::io(&to, e))?;
    }
    Ok(())
}

fn write_all(
    store: &dyn Store,
    incidents: Option<&dyn IncidentStore>,
    root: &Path,
    filter: &ExportFilter,
    options: Options,
) -> Result<ExportSummary> {
    let mut tables = Tables::new(root, options);
    let mut summary = ExportSummary::default();
    for (month, _) in store.months()? {
        if !filter.keeps_month(month.as_deref()) {
            continue;
        }
        let partition = format!("month={}", month.as_deref().unwrap_or("unknown"));
        tables.start_partition(&partition);
        let mut any = false;
        for id in store.document_ids_in_month(month.as_deref())? {
            // A document deleted since the listing is simply not exported.
            let Some(x) = store.extraction(&id)? else { continue };
            any |= tables.add(&x, filter)?;
        }
        tables.finish_partition()?;
        summary.months += usize::from(any);
    }
    if let Some(inc) = incidents {
        tables.add_incidents(inc, filter)?;
        summary.incidents = true;
    }
    tables.finish(&mut summary)?;
    Ok(summary)
}

/// The seven tables being written.
struct Tables {
    documents: Table,
    entities: Table,
    mentions: Table,
    events: Table,
    claims: Table,
    claim_links: Table,
    incidents: Table,
}

impl Tables {
    fn new(root: &Path, o: Options) -> Self {
        let t = |name: &str| Table::new(table::schema(name), root.join(name), o.row_group_rows);
        Tables {
            documents: t("documents"),
            entities: t("entities"),
            mentions: t("mentions"),
            events: t("events"),
            claims: t("claims"),
            claim_links: t("claim_links"),
            incidents: t("incidents"),
        }
    }

    fn partitioned(&mut self) -> [&mut Table; 6] {
        [
            &mut self.documents,
            &mut self.entities,
            &mut self.mentions,
            &mut self.events,
            &mut self.claims,
            &mut self.claim_links,
        ]
    }

    fn start_partition(&mut self, partition: &str) {
        for t in self.partitioned() {
            t.set_partition(Some(partition));
        }
    }

    fn finish_partition(&mut self) -> Result<()> {
        for t in self.partitioned() {
            t.close()?;
        }
        Ok(())
    }

    /// Adds the rows of one document; false when the filter leaves none of it.
    fn add(&mut self, x: &Extraction, filter: &ExportFilter) -> Result<bool> {
        let d = &x.document;
        if !filter.keeps_published(d.published.as_deref()) {
            return Ok(false);
        }
        let names: HashMap<&str, &claimgraph_core::extraction::Entity> =
            x.entities.iter().map(|e| (e.id.as_str(), e)).collect();
        let actor_matches = |id: &Option<String>| {
            let (Some(needle), Some(e)) = (&filter.actor, id.as_deref().and_then(|i| names.get(i))) else {
                return false;
            };
            let needle = needle.to_lowercase();
            e.name.to_lowercase().contains(&needle)
                || e.kb_id.as_deref().is_some_and(|k| k.to_lowercase().contains(&needle))
        };
        let kept_events: HashSet<&str> = x
            .events
            .iter()
            .filter(|ev| filter.event_type.is_none_or(|t| ev.event_type == t))
            .filter(|ev| filter.actor.is_none() || actor_matches(&ev.actor) || actor_matches(&ev.target))
            .map(|ev| ev.id.as_str())
            .collect();
        if filter.filters_events() && kept_events.is_empty() {
            return Ok(false);
        }
        let doc = || Val::s(&d.id);
        let published = || Val::opt(d.published.as_deref());

        let producer = x.producer.as_ref();
        self.documents.push(vec![
            doc(),
            published(),
            Val::opt(d.title.as_deref()),
            Val::opt(d.url.as_deref()),
            Val::opt(d.publisher.as_deref()),
            Val::opt(d.language.as_deref()),
            Val::i(d.text.chars().count() as i64),
            Val::s(&d.text),
            Val::opt(producer.map(|p| p.name.as_str())),
            Val::opt(producer.map(|p| p.version.as_str())),
            Val::opt(producer.and_then(|p| p.parser.as_deref())),
            Val::I(producer.and_then(|p| p.beam).map(i64::from)),
            Val::opt(producer.and_then(|p| p.models.as_deref())),
            Val::opt(producer.and_then(|p| p.rules.as_deref())),
        ])?;
        for e in &x.entities {
            self.entities.push(vec![
                doc(),
                Val::s(&e.id),
                Val::s(&e.name),
                Val::S(Some(code(&e.entity_type))),
                Val::S(e.kind.as_ref().map(code)),
                Val::opt(e.country.as_deref()),
                Val::opt(e.kb_id.as_deref()),
                Val::L(e.aliases.clone()),
            ])?;
            for (ord, m) in e.mentions.iter().enumerate() {
                self.mentions.push(vec![
                    doc(),
                    Val::s(&e.id),
                    Val::i(ord as i64),
                    Val::i(m.start as i64),
                    Val::i(m.end as i64),
                    Val::s(&m.text),
                ])?;
            }
        }
        let entity = |id: &Option<String>| id.as_deref().and_then(|i| names.get(i));
        for ev in x.events.iter().filter(|ev| kept_events.contains(ev.id.as_str())) {
            let (actor, target) = (entity(&ev.actor), entity(&ev.target));
            let date = ev.date.as_ref();
            let loc = ev.location.as_ref();
            let first = ev.evidence.first();
            self.events.push(vec![
                doc(),
                published(),
                Val::s(&ev.id),
                Val::S(Some(code(&ev.event_type))),
                Val::opt(ev.mode.as_deref()),
                Val::opt(ev.cameo.as_deref()),
                Val::opt(ev.actor.as_deref()),
                Val::opt(actor.map(|e| e.name.as_str())),
                Val::opt(actor.and_then(|e| e.kb_id.as_deref())),
                Val::opt(ev.target.as_deref()),
                Val::opt(target.map(|e| e.name.as_str())),
                Val::opt(target.and_then(|e| e.kb_id.as_deref())),
                Val::opt(date.map(|d| d.start.as_str())),
                Val::opt(date.map(|d| d.end.as_str())),
                Val::S(date.map(|d| code(&d.precision))),
                Val::opt(loc.and_then(|l| l.name.as_deref())),
                Val::opt(loc.and_then(|l| l.country.as_deref())),
                Val::F(loc.and_then(|l| l.lat)),
                Val::F(loc.and_then(|l| l.lon)),
                Val::I(loc.and_then(|l| l.geonames_id)),
                Val::I(ev.fatalities.as_ref().map(|c| c.min as i64)),
                Val::I(ev.fatalities.as_ref().and_then(|c| c.max).map(|m| m as i64)),
                Val::I(ev.injuries.as_ref().map(|c| c.min as i64)),
                Val::I(ev.injuries.as_ref().and_then(|c| c.max).map(|m| m as i64)),
                Val::S(Some(code(&ev.status))),
                Val::I(first.map(|s| s.start as i64)),
                Val::I(first.map(|s| s.end as i64)),
                Val::L(ev.evidence.iter().map(|s| s.text.clone()).collect()),
            ])?;
        }
        for c in &x.claims {
            let about: Vec<&String> = c.about.iter().filter(|e| kept_events.contains(e.as_str())).collect();
            if filter.filters_events() && about.is_empty() {
                continue;
            }
            let who = entity(&c.claimant.entity);
            let first = c.evidence.first();
            self.claims.push(vec![
                doc(),
                published(),
                Val::s(&c.id),
                Val::s(&c.claimant.name),
                Val::opt(c.claimant.entity.as_deref()),
                Val::opt(who.map(|e| e.name.as_str())),
                Val::opt(who.and_then(|e| e.kb_id.as_deref())),
                Val::S(Some(code(&c.claimant.kind))),
                Val::I(c.claimant.count.map(i64::from)),
                Val::S(Some(code(&c.stance))),
                Val::B(Some(c.hedged)),
                Val::opt(c.via.as_deref()),
                Val::I(first.map(|s| s.start as i64)),
                Val::I(first.map(|s| s.end as i64)),
                Val::L(c.evidence.iter().map(|s| s.text.clone()).collect()),
            ])?;
            for (ord, event) in about.into_iter().enumerate() {
                self.claim_links.push(vec![
                    doc(),
                    Val::s(&c.id),
                    Val::i(ord as i64),
                    Val::s(event),
                    Val::S(Some(code(&c.stance))),
                ])?;
            }
        }
        Ok(true)
    }

    /// One row per incident member (an event of a document), incidents earliest first.
    fn add_incidents(&mut self, store: &dyn IncidentStore, filter: &ExportFilter) -> Result<()> {
        let f = IncidentFilter {
            actor: filter.actor.clone(),
            event_type: filter.event_type.as_ref().map(code),
            ..IncidentFilter::default()
        };
        self.incidents.set_partition(None);
        for id in store.incident_ids(&f)? {
            for m in store.incident_members(&id)? {
                let ev = &m.event;
                if !filter.keeps_published(ev.published.as_deref()) {
                    continue;
                }
                self.incidents.push(vec![
                    Val::s(&m.incident),
                    Val::s(&ev.doc_id),
                    Val::s(&ev.id),
                    Val::opt(ev.published.as_deref()),
                    Val::S(Some(code(&ev.event_type))),
                    Val::opt(ev.actor.as_deref()),
                    Val::opt(ev.actor_kb_id.as_deref()),
                    Val::opt(ev.target.as_deref()),
                    Val::opt(ev.target_kb_id.as_deref()),
                    Val::opt(ev.date_start.as_deref()),
                    Val::opt(ev.date_end.as_deref()),
                    Val::opt(ev.location.as_deref()),
                    Val::opt(ev.country.as_deref()),
                    Val::I(ev.fatalities_min.map(|v| v as i64)),
                    Val::I(ev.fatalities_max.map(|v| v as i64)),
                    Val::opt(m.title.as_deref()),
                    Val::opt(m.publisher.as_deref()),
                    Val::opt(m.url.as_deref()),
                    Val::s(&m.dup_group),
                ])?;
            }
        }
        self.incidents.close()
    }

    /// Closes every table; a table that got no row gets one empty file (so that globs
    /// over it work and its schema is readable), in `month=unknown` when partitioned.
    fn finish(mut self, summary: &mut ExportSummary) -> Result<()> {
        for t in self.partitioned() {
            t.finish(Some("month=unknown"))?;
        }
        self.incidents.finish(None)?;
        let all = [
            &self.documents,
            &self.entities,
            &self.mentions,
            &self.events,
            &self.claims,
            &self.claim_links,
            &self.incidents,
        ];
        for (name, t) in TABLES.iter().zip(all) {
            summary.rows.insert(name.to_string(), t.rows_written());
            summary.files += t.files_written();
        }
        Ok(())
    }
}

/// The JSON name of a contract enum (`"ASSAULT"`, `"armed_group"`).
fn code<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        other => format!("{other:?}"),
    }
}

/// Where the files of `table` are under an export directory.
pub fn table_dir(dir: &Path, table: &str) -> PathBuf {
    dir.join(table)
}
