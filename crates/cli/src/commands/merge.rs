//! The commands across reports: `incidents`, `incident`, `actor`, `timeline`, `grade` and
//! `merge`.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};
use claimgraph_core::extraction::{EventType, Stance};
use claimgraph_merge::reconcile::{Figure, count_text};
use claimgraph_merge::{Incident, Merger, incident_detail};
use claimgraph_store::{IncidentFilter, IncidentStore};
use serde::Serialize;

use crate::Outcome;
use crate::args::{ActorArgs, GradeCommand, IncidentArgs, IncidentsArgs, MergeArgs};
use crate::store::{CliStore, open_existing};
use crate::table::{self, clip, opt};

fn short(id: &str) -> String {
    id.strip_prefix("sha256:").unwrap_or(id).chars().take(12).collect()
}

/// Checks a `YYYY-MM-DD` filter value.
fn check_day(flag: &str, v: &Option<String>) -> Result<()> {
    if let Some(d) = v
        && claimgraph_merge::features::first_day(d).is_none()
    {
        bail!("--{flag} {d:?} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)");
    }
    Ok(())
}

fn filter(a: &IncidentsArgs) -> Result<IncidentFilter> {
    let event_type = match &a.event_type {
        None => None,
        Some(t) => {
            let parsed: EventType = serde_json::from_value(serde_json::Value::String(t.to_uppercase()))
                .map_err(|_| {
                    anyhow::anyhow!("unknown event type {t:?} (PLOVER types: ASSAULT, PROTEST, COERCE, ...)")
                })?;
            Some(table::name(&parsed))
        }
    };
    check_day("since", &a.since)?;
    check_day("until", &a.until)?;
    Ok(IncidentFilter {
        actor: a.actor.clone(),
        place: a.place.clone(),
        event_type,
        since: a.since.clone(),
        until: a.until.clone(),
        limit: a.limit,
        offset: a.offset,
    })
}

/// Loads the incidents matching the filters, earliest first.
fn load(store: &dyn CliStore, a: &IncidentsArgs) -> Result<Vec<Incident>> {
    let mut out = Vec::new();
    for id in store.incident_ids(&filter(a)?)? {
        if let Some(i) = claimgraph_merge::incident(store, &id)? {
            out.push(i);
        }
    }
    Ok(out)
}

fn figure_text(f: &Figure) -> String {
    match (f.low, f.best, f.high) {
        (Some(l), Some(b), Some(h)) if l == h => format!("{b}"),
        (Some(l), Some(b), Some(h)) => format!("{b} ({l}-{h})"),
        _ => "-".into(),
    }
}

fn date_text(i: &Incident) -> String {
    match (&i.date.start, &i.date.end) {
        (Some(s), Some(e)) if s != e => format!("{s}..{e}"),
        (Some(s), _) => s.clone(),
        _ => "-".into(),
    }
}

fn place_text(i: &Incident) -> String {
    match (&i.location.name, &i.location.country) {
        (Some(n), Some(c)) => format!("{n} ({c})"),
        (Some(n), None) => n.clone(),
        (None, Some(c)) => c.clone(),
        _ => "-".into(),
    }
}

/// Warns when documents are stored that have not been merged (a store from before merging).
fn warn_unmerged(store: &dyn CliStore) -> Result<()> {
    let n = store.unmerged_documents()?.len();
    if n > 0 {
        eprintln!("warning: {n} stored documents are not merged into incidents yet; run `claimgraph merge`");
    }
    Ok(())
}

/// `claimgraph incidents`.
pub fn incidents(db: &Path, a: &IncidentsArgs) -> Result<Outcome> {
    let store = open_existing(db)?;
    warn_unmerged(&*store)?;
    let list = load(&*store, a)?;
    let mut out = std::io::stdout().lock();
    if a.json {
        for i in &list {
            writeln!(out, "{}", serde_json::to_string(i)?)?;
        }
        return Ok(Outcome::Success);
    }
    if list.is_empty() {
        writeln!(out, "no incidents")?;
        return Ok(Outcome::Success);
    }
    let mut t = table::new(&[
        "id",
        "type",
        "date",
        "place",
        "killed",
        "injured",
        "reports",
        "sources",
        "disagree on",
        "contested",
    ]);
    for i in &list {
        t.add_row(vec![
            i.id.clone(),
            table::name(&i.event_type),
            date_text(i),
            clip(&place_text(i), 30),
            figure_text(&i.fatalities),
            figure_text(&i.injuries),
            i.documents.len().to_string(),
            i.independent_sources.to_string(),
            if i.discrepancies.is_empty() { "-".into() } else { i.discrepancies.join(", ") },
            if i.contested { "yes".into() } else { "-".into() },
        ]);
    }
    writeln!(out, "{t}")?;
    Ok(Outcome::Success)
}

/// `claimgraph timeline`: incidents in date order, one line each.
pub fn timeline(db: &Path, a: &IncidentsArgs) -> Result<Outcome> {
    let store = open_existing(db)?;
    warn_unmerged(&*store)?;
    let list = load(&*store, a)?;
    let mut out = std::io::stdout().lock();
    if a.json {
        #[derive(Serialize)]
        struct Line<'a> {
            date: &'a Option<String>,
            end: &'a Option<String>,
            id: &'a str,
            #[serde(rename = "type")]
            event_type: EventType,
            place: String,
            fatalities: Option<u64>,
            injuries: Option<u64>,
            independent_sources: usize,
            contested: bool,
        }
        for i in &list {
            let line = Line {
                date: &i.date.start,
                end: &i.date.end,
                id: &i.id,
                event_type: i.event_type,
                place: place_text(i),
                fatalities: i.fatalities.best,
                injuries: i.injuries.best,
                independent_sources: i.independent_sources,
                contested: i.contested,
            };
            writeln!(out, "{}", serde_json::to_string(&line)?)?;
        }
        return Ok(Outcome::Success);
    }
    if list.is_empty() {
        writeln!(out, "no incidents")?;
    }
    // Place unknown reads "ASSAULT, 12 killed", not "ASSAULT in -".
    for i in &list {
        let place = place_text(i);
        let mut what = if place == "-" {
            table::name(&i.event_type)
        } else {
            format!("{} in {place}", table::name(&i.event_type))
        };
        if i.fatalities.best.is_some() {
            what.push_str(&format!(", {} killed", figure_text(&i.fatalities)));
        }
        if i.injuries.best.is_some() {
            what.push_str(&format!(", {} injured", figure_text(&i.injuries)));
        }
        let sources = i.independent_sources;
        what.push_str(&format!(
            " — {sources} independent source{}, {} report{}",
            if sources == 1 { "" } else { "s" },
            i.documents.len(),
            if i.documents.len() == 1 { "" } else { "s" }
        ));
        if i.contested {
            what.push_str(" — contested");
        }
        writeln!(out, "{:<12} {}  {what}", date_text(i), i.id)?;
    }
    Ok(Outcome::Success)
}

/// `claimgraph incident ID`.
pub fn incident(db: &Path, a: &IncidentArgs) -> Result<Outcome> {
    let store = open_existing(db)?;
    let Some(id) = store.resolve_incident(&a.id)? else {
        bail!("no incident with id {:?} (see `claimgraph incidents`)", a.id);
    };
    let d = incident_detail(&*store, &id)?.with_context(|| format!("incident {id} has no events"))?;
    let mut out = std::io::stdout().lock();
    if a.json {
        serde_json::to_writer_pretty(&mut out, &d)?;
        writeln!(out)?;
        return Ok(Outcome::Success);
    }
    let i = &d.incident;
    writeln!(
        out,
        "Incident {} — {} in {}, {}",
        i.id,
        table::name(&i.event_type),
        place_text(i),
        date_text(i)
    )?;
    writeln!(
        out,
        "{} reports from {} sources; {} independent line{} of evidence{}",
        i.documents.len(),
        i.sources.len(),
        i.independent_sources,
        if i.independent_sources == 1 { "" } else { "s" },
        if i.contested { "; CONTESTED" } else { "" }
    )?;
    if !i.discrepancies.is_empty() {
        writeln!(out, "Sources disagree on: {}", i.discrepancies.join(", "))?;
    }
    writeln!(out, "\nReconciled")?;
    let mut t = table::new(&["attribute", "low", "best", "high", "by source"]);
    for (name, f) in [("killed", &i.fatalities), ("injured", &i.injuries)] {
        let by: Vec<String> = f
            .by_source
            .iter()
            .map(|s| format!("{}: {}", clip(&s.source, 30), count_text(s.min, s.max)))
            .collect();
        t.add_row(vec![
            name.to_string(),
            opt(f.low),
            opt(f.best),
            opt(f.high),
            if by.is_empty() { "-".into() } else { by.join("; ") },
        ]);
    }
    writeln!(out, "{t}")?;
    writeln!(out, "\nReports (every version)")?;
    let mut t = table::new(&[
        "document",
        "event",
        "source",
        "published",
        "status",
        "date",
        "place",
        "actor",
        "target",
        "killed",
        "injured",
    ]);
    for r in &d.reports {
        t.add_row(vec![
            short(&r.document),
            r.event.clone(),
            clip(r.publisher.as_deref().or(r.title.as_deref()).unwrap_or("-"), 24),
            opt(r.published.as_deref()),
            table::name(&r.status),
            opt(r.date.start.as_deref()),
            clip(&opt(r.location.name.as_deref()), 20),
            clip(&opt(r.actor.as_deref()), 20),
            clip(&opt(r.target.as_deref()), 20),
            r.fatalities.map_or("-".into(), |(a, b)| count_text(a, b)),
            r.injuries.map_or("-".into(), |(a, b)| count_text(a, b)),
        ]);
    }
    writeln!(out, "{t}")?;
    writeln!(out, "\nClaims")?;
    if d.claim_details.is_empty() {
        writeln!(out, "no claims")?;
    } else {
        let mut t =
            table::new(&["document", "claim", "claimant", "stance", "hedged", "via", "credibility", "words"]);
        for c in &d.claim_details {
            t.add_row(vec![
                short(&c.document),
                c.claim.clone(),
                clip(&c.claimant, 30),
                table::name(&c.stance),
                if c.hedged { "yes".into() } else { "-".into() },
                if c.via.is_empty() { "-".into() } else { c.via.join(" < ") },
                format!("{} ({})", c.credibility.grade, c.credibility.by),
                clip(&c.evidence.join(" … "), 60),
            ]);
        }
        writeln!(out, "{t}")?;
    }
    writeln!(out, "\nTimeline")?;
    for e in &d.timeline {
        writeln!(out, "  {:<12} {}", e.date, e.what)?;
    }
    Ok(Outcome::Success)
}

/// `claimgraph actor NAME`.
pub fn actor(db: &Path, a: &ActorArgs) -> Result<Outcome> {
    let store = open_existing(db)?;
    let as_actor = IncidentStore::actor_events(&*store, &a.name, false, a.limit)?;
    let as_target = IncidentStore::actor_events(&*store, &a.name, true, a.limit)?;
    let claims = store.actor_claims(&a.name, a.limit)?;
    let incident = |doc: &str, ev: &str| store.incident_of(doc, ev);
    #[derive(Serialize)]
    struct EventOut<'a> {
        incident: Option<String>,
        #[serde(flatten)]
        event: &'a claimgraph_store::EventRow,
    }
    let with_incidents = |rows: &'_ [claimgraph_store::EventRow]| -> Result<Vec<(Option<String>, usize)>> {
        rows.iter().enumerate().map(|(k, e)| Ok((incident(&e.doc_id, &e.id)?, k))).collect()
    };
    let actor_inc = with_incidents(&as_actor)?;
    let target_inc = with_incidents(&as_target)?;
    let mut out = std::io::stdout().lock();
    if a.json {
        let events = |rows: &[claimgraph_store::EventRow],
                      inc: &[(Option<String>, usize)]|
         -> Vec<serde_json::Value> {
            rows.iter()
                .zip(inc)
                .map(|(e, (i, _))| {
                    serde_json::to_value(EventOut { incident: i.clone(), event: e }).unwrap_or_default()
                })
                .collect()
        };
        let made: Vec<_> = claims.iter().filter(|c| c.stance != Stance::Denies).collect();
        let denied: Vec<_> = claims.iter().filter(|c| c.stance == Stance::Denies).collect();
        let v = serde_json::json!({
            "name": a.name,
            "as_actor": events(&as_actor, &actor_inc),
            "as_target": events(&as_target, &target_inc),
            "claims_made": made,
            "claims_denied": denied,
        });
        serde_json::to_writer_pretty(&mut out, &v)?;
        writeln!(out)?;
        return Ok(Outcome::Success);
    }
    if as_actor.is_empty() && as_target.is_empty() && claims.is_empty() {
        writeln!(
            out,
            "nothing stored about {:?} (names and kb ids match exactly, case-insensitively)",
            a.name
        )?;
        return Ok(Outcome::Success);
    }
    for (title, rows, inc) in [("As actor", &as_actor, &actor_inc), ("As target", &as_target, &target_inc)] {
        writeln!(out, "{title}")?;
        if rows.is_empty() {
            writeln!(out, "none\n")?;
            continue;
        }
        let mut t = table::new(&[
            "incident", "document", "event", "type", "date", "place", "actor", "target", "status",
        ]);
        for (e, (i, _)) in rows.iter().zip(inc.iter()) {
            t.add_row(vec![
                opt(i.as_deref()),
                short(&e.doc_id),
                e.id.clone(),
                table::name(&e.event_type),
                opt(e.date_start.as_deref()),
                clip(&opt(e.location.as_deref()), 20),
                clip(&opt(e.actor.as_deref()), 20),
                clip(&opt(e.target.as_deref()), 20),
                table::name(&e.status),
            ]);
        }
        writeln!(out, "{t}\n")?;
    }
    for (title, denies) in [("Claims made", false), ("Claims denied", true)] {
        writeln!(out, "{title}")?;
        let rows: Vec<_> = claims.iter().filter(|c| (c.stance == Stance::Denies) == denies).collect();
        if rows.is_empty() {
            writeln!(out, "none\n")?;
            continue;
        }
        let mut t = table::new(&["document", "claim", "claimant", "stance", "hedged", "about", "words"]);
        for c in rows {
            t.add_row(vec![
                short(&c.doc_id),
                c.id.clone(),
                clip(&c.claimant, 30),
                table::name(&c.stance),
                if c.hedged { "yes".into() } else { "-".into() },
                c.about.join(", "),
                clip(&c.evidence.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" … "), 60),
            ]);
        }
        writeln!(out, "{t}\n")?;
    }
    Ok(Outcome::Success)
}

/// `claimgraph grade ...`.
pub fn grade(db: &Path, c: &GradeCommand) -> Result<Outcome> {
    let mut store = open_existing(db)?;
    let mut out = std::io::stdout().lock();
    match c {
        GradeCommand::Source { name, grade } => {
            let g = grade.trim().to_ascii_uppercase();
            let mut chars = g.chars();
            let (Some(letter), None) = (chars.next(), chars.next()) else {
                bail!("a source grade is one letter A-F, not {grade:?}");
            };
            if !('A'..='F').contains(&letter) {
                bail!("a source grade is one letter A-F, not {grade:?}");
            }
            store.set_source_grade(name, letter)?;
            writeln!(
                out,
                "{name}: {letter} ({}); analyst grades are never overwritten by claimgraph",
                claimgraph_merge::credibility::reliability_label(&g)
            )?;
        }
        GradeCommand::Claim { id, grade } => {
            if !(1..=6).contains(grade) {
                bail!("a claim grade is 1-6, not {grade}");
            }
            let Some((doc, claim)) = id.split_once('#') else {
                bail!("give the claim as DOC#CLAIM, e.g. 3f2a#C1 (see `claimgraph claims`)");
            };
            let x = store.extraction(doc)?.with_context(|| format!("no document with id {doc:?}"))?;
            if !x.claims.iter().any(|c| c.id == claim) {
                bail!("document {} has no claim {claim:?}", short(&x.document.id));
            }
            store.set_claim_grade(&x.document.id, claim, *grade)?;
            writeln!(
                out,
                "{}#{claim}: {grade} ({}); it is shown instead of the suggested credibility",
                short(&x.document.id),
                claimgraph_merge::credibility::credibility_label(*grade)
            )?;
        }
        GradeCommand::List { json } => {
            let grades = store.source_grades()?;
            if *json {
                serde_json::to_writer_pretty(&mut out, &grades)?;
                writeln!(out)?;
            } else if grades.is_empty() {
                writeln!(out, "no source grades")?;
            } else {
                let mut t = table::new(&["source", "grade", "meaning", "graded at"]);
                for g in &grades {
                    t.add_row(vec![
                        g.name.clone(),
                        g.grade.clone(),
                        claimgraph_merge::credibility::reliability_label(&g.grade).to_string(),
                        g.graded_at.clone(),
                    ]);
                }
                writeln!(out, "{t}")?;
            }
        }
    }
    Ok(Outcome::Success)
}

/// `claimgraph merge [--rebuild]`.
pub fn merge(db: &Path, a: &MergeArgs) -> Result<Outcome> {
    let mut store = open_existing(db)?;
    let kb: &claimgraph_kb::Kb = if a.kb_extra.is_empty() {
        claimgraph_kb::Kb::shared()?
    } else {
        Box::leak(Box::new(crate::commands::kb::load(&a.kb_extra)?))
    };
    let merger = Merger::new(kb);
    let started = std::time::Instant::now();
    let n = if a.rebuild { merger.rebuild(&mut *store)? } else { merger.merge_pending(&mut *store)? };
    let incidents = store.incident_ids(&IncidentFilter::default())?.len();
    let seconds = started.elapsed().as_secs_f64();
    let mut out = std::io::stdout().lock();
    if a.json {
        writeln!(out, "{}", serde_json::json!({"merged": n, "incidents": incidents, "seconds": seconds}))?;
    } else {
        eprintln!("merge: {n} documents merged in {seconds:.1}s; the store holds {incidents} incidents");
    }
    Ok(Outcome::Success)
}
