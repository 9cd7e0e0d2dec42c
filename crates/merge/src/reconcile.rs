//! An incident as its sources report it: every version of every attribute, reconciled
//! values (casualties as low/best/high, the UCDP way), discrepancies, claims across reports
//! and whether the incident is contested. [`Incident`] is the `claimgraph incidents --json`
//! contract (`spec/incidents-v1.md` in the repository); [`IncidentDetail`] adds what `claimgraph incident ID`
//! shows.

use std::collections::{BTreeMap, BTreeSet};

use claimgraph_core::extraction::{ClaimantKind, DatePrecision, EventStatus, EventType, Stance};
use claimgraph_kb::Kb;
use claimgraph_store::{ClaimRow, IncidentStore, MemberRow};
use serde::Serialize;

use crate::credibility::{Credibility, suggest};
use crate::error::Result;
use crate::features::{first_day, last_day};

/// When an incident happened.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DateOut {
    /// First day (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`), `null` when no source dates it.
    pub start: Option<String>,
    /// Last day.
    pub end: Option<String>,
    /// Precision of the reconciled date.
    pub precision: Option<DatePrecision>,
}

/// Where an incident happened.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LocationOut {
    /// The most precise place the sources give.
    pub name: Option<String>,
    /// ISO 3166-1 alpha-3 country.
    pub country: Option<String>,
}

/// One source's figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceFigure {
    /// The source (publisher, else title, else document id of its earliest copy).
    pub source: String,
    /// The document that gives the figure.
    pub document: String,
    /// Fewest.
    pub min: u64,
    /// Most, `null` when open ("at least 3").
    pub max: Option<u64>,
}

/// A casualty figure across sources, UCDP style.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Figure {
    /// Lowest figure any source gives.
    pub low: Option<u64>,
    /// Best estimate: the median of the sources' figures (the lower one of the middle two).
    pub best: Option<u64>,
    /// Highest figure any source gives (an open "at least N" counts as N).
    pub high: Option<u64>,
    /// Each independent source's figure (copies of one report count once).
    pub by_source: Vec<SourceFigure>,
}

/// Claimants by stance.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ClaimSides {
    /// Claimants who assert it.
    pub asserts: Vec<String>,
    /// Claimants who confirm it.
    pub confirms: Vec<String>,
    /// Claimants who deny it.
    pub denies: Vec<String>,
}

/// A source (a group of near-duplicate documents) of an incident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceOut {
    /// Id of the earliest document of the group.
    pub group: String,
    /// The source's name (publisher, else title).
    pub name: String,
    /// Its documents in this incident.
    pub documents: Vec<String>,
}

/// One incident: the `claimgraph incidents --json` line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Incident {
    /// Incident id (16 hex digits, see [`incident_id`](crate::merge::incident_id)).
    pub id: String,
    /// PLOVER type (the most reported one among its events).
    #[serde(rename = "type")]
    pub event_type: EventType,
    /// Every document with an event in it.
    pub documents: Vec<String>,
    /// Its events, as `document id#event id`.
    pub events: Vec<String>,
    /// Independent lines of evidence that report it: distinct original claimants through
    /// reporting chains, and reports that state it on their own authority, copies counted once.
    pub independent_sources: usize,
    /// Reconciled date.
    pub date: DateOut,
    /// Reconciled place.
    pub location: LocationOut,
    /// People killed.
    pub fatalities: Figure,
    /// People injured.
    pub injuries: Figure,
    /// Attributes on which sources disagree beyond their precision (`date`, `location`,
    /// `actor`, `target`, `fatalities`, `injuries`).
    pub discrepancies: Vec<String>,
    /// Who asserts, confirms and denies it.
    pub claims: ClaimSides,
    /// True when someone denies what others assert.
    pub contested: bool,
    /// Sources (near-duplicate groups) reporting it.
    pub sources: Vec<SourceOut>,
    /// Actors named by the sources.
    pub actors: Vec<String>,
    /// Targets named by the sources.
    pub targets: Vec<String>,
}

/// One report's version of the incident (one event of one document).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Document id.
    pub document: String,
    /// Event id in the document.
    pub event: String,
    /// Publisher.
    pub publisher: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// Near-duplicate group (id of its earliest document).
    pub source_group: String,
    /// PLOVER type.
    #[serde(rename = "type")]
    pub event_type: EventType,
    /// Status in that report.
    pub status: EventStatus,
    /// Date as reported.
    pub date: DateOut,
    /// Place as reported.
    pub location: LocationOut,
    /// Actor as reported.
    pub actor: Option<String>,
    /// Target as reported.
    pub target: Option<String>,
    /// Killed, as reported (`[min, max]`, `max` null when open).
    pub fatalities: Option<(u64, Option<u64>)>,
    /// Injured, as reported.
    pub injuries: Option<(u64, Option<u64>)>,
    /// The words of the report.
    pub evidence: Vec<String>,
}

/// One claim about the incident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClaimOut {
    /// Document id.
    pub document: String,
    /// Claim id in the document.
    pub claim: String,
    /// Claimant as named.
    pub claimant: String,
    /// Kind of source.
    pub kind: ClaimantKind,
    /// Stance.
    pub stance: Stance,
    /// Marked uncertain.
    pub hedged: bool,
    /// The reporting chain outwards, claimant names (`["CNN"]` for "a Pentagon document
    /// seen by CNN").
    pub via: Vec<String>,
    /// Publication date of the document.
    pub published: Option<String>,
    /// Credibility (analyst's grade, else suggested).
    pub credibility: Credibility,
    /// The words of the claim.
    pub evidence: Vec<String>,
}

/// One entry of an incident's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimelineEntry {
    /// Day (`YYYY-MM-DD`, or coarser), or `undated`.
    pub date: String,
    /// What happened then.
    pub what: String,
}

/// Everything `claimgraph incident ID` shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IncidentDetail {
    /// The contract summary.
    #[serde(flatten)]
    pub incident: Incident,
    /// Every report's version.
    pub reports: Vec<Report>,
    /// Every claim about it.
    pub claim_details: Vec<ClaimOut>,
    /// Reports and claims in time order.
    pub timeline: Vec<TimelineEntry>,
}

/// The summary of an incident.
pub fn incident<S: IncidentStore + ?Sized>(store: &S, id: &str) -> Result<Option<Incident>> {
    Ok(incident_detail(store, id)?.map(|d| d.incident))
}

/// The full view of an incident.
pub fn incident_detail<S: IncidentStore + ?Sized>(store: &S, id: &str) -> Result<Option<IncidentDetail>> {
    let members = store.incident_members(id)?;
    if members.is_empty() {
        return Ok(None);
    }
    let mut doc_ids: Vec<String> = Vec::new();
    for m in &members {
        if !doc_ids.contains(&m.event.doc_id) {
            doc_ids.push(m.event.doc_id.clone());
        }
    }
    let claims = store.claims_of(&doc_ids)?;
    let mut grades = BTreeMap::new();
    for c in &claims {
        if let Some(g) = store.claim_grade(&c.doc_id, &c.id)? {
            grades.insert((c.doc_id.clone(), c.id.clone()), g);
        }
    }
    // The process-wide knowledge base resolves claimants the extraction left unresolved.
    let kb = Kb::shared().ok();
    Ok(Some(build(id, &members, &claims, &grades, kb)))
}

fn date_of(m: &MemberRow) -> DateOut {
    DateOut {
        start: m.event.date_start.clone(),
        end: m.event.date_end.clone(),
        precision: m.event.date_precision,
    }
}

fn source_name(m: &MemberRow) -> String {
    m.publisher.clone().or_else(|| m.title.clone()).unwrap_or_else(|| m.dup_group.chars().take(19).collect())
}

/// A figure from each source: per near-duplicate group, the largest figure its reports
/// give (a report's later, revised toll is the higher one).
fn figure(members: &[MemberRow], get: impl Fn(&MemberRow) -> Option<(u64, Option<u64>)>) -> (Figure, bool) {
    let mut per_group: BTreeMap<&str, SourceFigure> = BTreeMap::new();
    for m in members {
        let Some((min, max)) = get(m) else { continue };
        let f = SourceFigure { source: source_name(m), document: m.event.doc_id.clone(), min, max };
        per_group
            .entry(m.dup_group.as_str())
            .and_modify(|old| {
                if (min, max.unwrap_or(u64::MAX)) > (old.min, old.max.unwrap_or(u64::MAX)) {
                    *old = f.clone();
                }
            })
            .or_insert(f);
    }
    let by_source: Vec<SourceFigure> = per_group.into_values().collect();
    if by_source.is_empty() {
        return (Figure::default(), false);
    }
    let low = by_source.iter().map(|f| f.min).min();
    let high = by_source.iter().map(|f| f.max.unwrap_or(f.min)).max();
    let mut points: Vec<u64> =
        by_source.iter().map(|f| f.max.map_or(f.min, |mx| f.min + (mx.saturating_sub(f.min)) / 2)).collect();
    points.sort_unstable();
    let best = points.get((points.len() - 1) / 2).copied();
    // Sources disagree when two of their ranges do not overlap.
    let disagree = by_source.iter().enumerate().any(|(i, a)| {
        by_source[i + 1..]
            .iter()
            .any(|b| a.min > b.max.unwrap_or(u64::MAX) || b.min > a.max.unwrap_or(u64::MAX))
    });
    (Figure { low, best, high, by_source }, disagree)
}

fn precision_rank(p: Option<DatePrecision>) -> u8 {
    match p {
        Some(DatePrecision::Day) => 0,
        Some(DatePrecision::Range) => 1,
        Some(DatePrecision::Month) => 2,
        Some(DatePrecision::Year) => 3,
        None => 4,
    }
}

/// The reconciled date (the finest, most reported one) and whether explicit dates clash.
fn reconcile_date(members: &[MemberRow]) -> (DateOut, bool) {
    let dated: Vec<(DateOut, i64, i64)> = members
        .iter()
        .filter_map(|m| {
            let d = date_of(m);
            let lo = first_day(d.start.as_deref()?)?;
            let hi = last_day(d.end.as_deref().or(d.start.as_deref())?)?;
            Some((d, lo, hi))
        })
        .collect();
    let clash = dated.iter().enumerate().any(|(i, a)| dated[i + 1..].iter().any(|b| a.1 > b.2 || b.1 > a.2));
    let mut tally: BTreeMap<(u8, String, String), usize> = BTreeMap::new();
    for (d, _, _) in &dated {
        let key = (
            precision_rank(d.precision),
            d.start.clone().unwrap_or_default(),
            d.end.clone().unwrap_or_default(),
        );
        *tally.entry(key).or_default() += 1;
    }
    let best = tally.iter().min_by_key(|(k, n)| (k.0, std::cmp::Reverse(**n), k.1.clone())).map(|(k, _)| k);
    let out = match best {
        Some(k) => dated
            .iter()
            .find(|(d, _, _)| {
                precision_rank(d.precision) == k.0
                    && d.start.as_deref() == Some(&k.1)
                    && d.end.as_deref() == Some(&k.2)
            })
            .map(|(d, _, _)| d.clone())
            .unwrap_or_default(),
        None => DateOut::default(),
    };
    (out, clash)
}

/// The reconciled place (the most reported precise one) and whether places clash: two
/// different towns, or different countries. A town and its country do not clash.
fn reconcile_location(members: &[MemberRow]) -> (LocationOut, bool) {
    let placed: Vec<&MemberRow> = members.iter().filter(|m| m.event.location.is_some()).collect();
    let countries: BTreeSet<&str> = members.iter().filter_map(|m| m.event.country.as_deref()).collect();
    let precise: Vec<&MemberRow> = placed.iter().copied().filter(|m| !m.place_country).collect();
    let mut names: BTreeSet<String> = BTreeSet::new();
    let mut ids: BTreeSet<i64> = BTreeSet::new();
    for m in &precise {
        match m.place_geonames {
            Some(g) => {
                ids.insert(g);
            }
            None => {
                names.insert(m.event.location.clone().unwrap_or_default().to_lowercase());
            }
        }
    }
    let clash = countries.len() > 1 || ids.len() > 1 || names.len() > 1;
    let pool = if precise.is_empty() { &placed } else { &precise };
    let mut tally: BTreeMap<&str, usize> = BTreeMap::new();
    for m in pool {
        *tally.entry(m.event.location.as_deref().unwrap_or("")).or_default() += 1;
    }
    let name = tally.iter().max_by_key(|(n, c)| (**c, std::cmp::Reverse(**n))).map(|(n, _)| n.to_string());
    let country = pool
        .iter()
        .find(|m| m.event.location.as_deref() == name.as_deref())
        .and_then(|m| m.event.country.clone())
        .or_else(|| countries.iter().next().map(|c| c.to_string()));
    (LocationOut { name, country }, clash)
}

/// Distinct values as reported, and whether two resolved ones differ.
fn names(
    members: &[MemberRow],
    get: impl Fn(&MemberRow) -> (Option<&String>, Option<&String>),
) -> (Vec<String>, bool) {
    let mut shown: Vec<String> = Vec::new();
    let mut kb: BTreeSet<&String> = BTreeSet::new();
    for m in members {
        let (name, kb_id) = get(m);
        if let Some(n) = name
            && !shown.contains(n)
        {
            shown.push(n.clone());
        }
        if let Some(k) = kb_id {
            kb.insert(k);
        }
    }
    (shown, kb.len() > 1)
}

/// Words that name what carried a claim rather than who made it ("a Pentagon document",
/// "ministry officials", "a police spokesman").
const CARRIERS: &[&str] = &[
    "document",
    "documents",
    "report",
    "reports",
    "statement",
    "statements",
    "memo",
    "memos",
    "cable",
    "briefing",
    "official",
    "officials",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "source",
    "sources",
    "letter",
    "assessment",
    "figures",
    "data",
];

/// The knowledge-base id of a claimant the extraction left unresolved, when its name less
/// its carrier words ("Pentagon document" → "Pentagon") is a confident match.
fn resolve_claimant(kb: &Kb, name: &str) -> Option<String> {
    let mut words: Vec<&str> = name.split_whitespace().collect();
    while words.first().is_some_and(|w| matches!(w.to_lowercase().as_str(), "the" | "a" | "an")) {
        words.remove(0);
    }
    while words.last().is_some_and(|w| CARRIERS.contains(&w.to_lowercase().as_str())) {
        words.pop();
    }
    if words.is_empty() {
        return None;
    }
    let best = kb
        .lookup(&words.join(" "))
        .into_iter()
        .filter(|c| !c.common)
        .max_by(|a, b| a.score.total_cmp(&b.score))?;
    (best.score >= 1.0).then(|| best.entry.kb_id.clone())
}

/// The key under which claimants count as one line of evidence.
fn claimant_key(c: &ClaimRow, group: &str, kb: Option<&Kb>) -> String {
    if let Some(k) = &c.claimant_kb_id {
        return format!("kb:{k}");
    }
    if let Some(k) = kb.and_then(|kb| resolve_claimant(kb, &c.claimant)) {
        return format!("kb:{k}");
    }
    if let Some(e) = &c.claimant_entity {
        return format!("name:{}", e.to_lowercase());
    }
    let name = c.claimant.trim().trim_start_matches("the ").trim_start_matches("The ").to_lowercase();
    match c.claimant_kind {
        // "officials", "a source": unnamed, so one line per report.
        ClaimantKind::Official | ClaimantKind::Anonymous => format!("anon:{name}@{group}"),
        _ => format!("name:{name}"),
    }
}

fn claimant_display(c: &ClaimRow) -> String {
    c.claimant_entity.clone().unwrap_or_else(|| c.claimant.clone())
}

fn build(
    id: &str,
    members: &[MemberRow],
    claims: &[ClaimRow],
    grades: &BTreeMap<(String, String), u8>,
    kb: Option<&Kb>,
) -> IncidentDetail {
    let mut documents: Vec<String> = Vec::new();
    let mut sources: Vec<SourceOut> = Vec::new();
    for m in members {
        if !documents.contains(&m.event.doc_id) {
            documents.push(m.event.doc_id.clone());
            match sources.iter_mut().find(|s| s.group == m.dup_group) {
                Some(s) => s.documents.push(m.event.doc_id.clone()),
                None => sources.push(SourceOut {
                    group: m.dup_group.clone(),
                    name: source_name(m),
                    documents: vec![m.event.doc_id.clone()],
                }),
            }
        }
    }
    let events: Vec<String> = members.iter().map(|m| format!("{}#{}", m.event.doc_id, m.event.id)).collect();
    let mut type_tally: BTreeMap<EventType, usize> = BTreeMap::new();
    for m in members {
        *type_tally.entry(m.event.event_type).or_default() += 1;
    }
    let event_type = type_tally
        .iter()
        .max_by_key(|(t, n)| (**n, std::cmp::Reverse(**t)))
        .map(|(t, _)| *t)
        .unwrap_or(EventType::Assault);
    let asserted: Vec<&MemberRow> = members
        .iter()
        .filter(|m| !matches!(m.event.status, EventStatus::Denied | EventStatus::Negated))
        .collect();
    let asserted_owned: Vec<MemberRow> = asserted.iter().map(|m| (*m).clone()).collect();
    let (fatalities, fat_clash) =
        figure(&asserted_owned, |m| m.event.fatalities_min.map(|min| (min, m.event.fatalities_max)));
    let (injuries, inj_clash) =
        figure(&asserted_owned, |m| m.event.injuries_min.map(|min| (min, m.event.injuries_max)));
    let (date, date_clash) = reconcile_date(&asserted_owned);
    let (location, loc_clash) = reconcile_location(&asserted_owned);
    let (actors, actor_clash) = names(members, |m| (m.event.actor.as_ref(), m.event.actor_kb_id.as_ref()));
    let (targets, target_clash) =
        names(members, |m| (m.event.target.as_ref(), m.event.target_kb_id.as_ref()));
    let mut discrepancies = Vec::new();
    for (name, clash) in [
        ("date", date_clash),
        ("location", loc_clash),
        ("actor", actor_clash),
        ("target", target_clash),
        ("fatalities", fat_clash),
        ("injuries", inj_clash),
    ] {
        if clash {
            discrepancies.push(name.to_string());
        }
    }

    // Claims about the incident's events, with their reporting chains.
    let group_of: BTreeMap<&str, &str> =
        members.iter().map(|m| (m.event.doc_id.as_str(), m.dup_group.as_str())).collect();
    let member_events: BTreeSet<(&str, &str)> =
        members.iter().map(|m| (m.event.doc_id.as_str(), m.event.id.as_str())).collect();
    let by_id: BTreeMap<(&str, &str), &ClaimRow> =
        claims.iter().map(|c| ((c.doc_id.as_str(), c.id.as_str()), c)).collect();
    let about: Vec<&ClaimRow> = claims
        .iter()
        .filter(|c| c.about.iter().any(|e| member_events.contains(&(c.doc_id.as_str(), e.as_str()))))
        .collect();
    // A line of evidence: the innermost claimant of a reporting chain ("the Pentagon" in
    // "a Pentagon document seen by CNN"), keyed through the knowledge base.
    let line_of = |c: &ClaimRow| -> String {
        let group = group_of.get(c.doc_id.as_str()).copied().unwrap_or(c.doc_id.as_str());
        // Walk inwards: a claim relayed by `c` is one whose via is `c`.
        let mut cur = c;
        for _ in 0..8 {
            match claims.iter().find(|o| o.doc_id == cur.doc_id && o.via.as_deref() == Some(cur.id.as_str()))
            {
                Some(inner) => cur = inner,
                None => break,
            }
        }
        claimant_key(cur, group, kb)
    };
    let mut sides = ClaimSides::default();
    let mut support_lines: BTreeSet<String> = BTreeSet::new();
    let mut deny_lines: BTreeSet<String> = BTreeSet::new();
    for c in &about {
        let list = match c.stance {
            Stance::Asserts => &mut sides.asserts,
            Stance::Confirms => &mut sides.confirms,
            Stance::Denies => &mut sides.denies,
        };
        let name = claimant_display(c);
        if !list.contains(&name) {
            list.push(name);
        }
        let line = line_of(c);
        match c.stance {
            Stance::Denies => deny_lines.insert(line),
            _ => support_lines.insert(line),
        };
    }
    // A source (group of copies) that reports the incident without attributing it to
    // anyone states it on its own authority: one more line. One that attributes it (the
    // ministry said) adds nothing beyond that claimant, even where a headline repeats it.
    let attributing: BTreeSet<&str> = about
        .iter()
        .filter(|c| c.stance != Stance::Denies)
        .filter_map(|c| group_of.get(c.doc_id.as_str()).copied())
        .collect();
    for m in &asserted {
        if m.event.status == EventStatus::Reported && !attributing.contains(m.dup_group.as_str()) {
            support_lines.insert(format!("doc:{}", m.dup_group));
        }
    }
    let denied_events = members.iter().any(|m| m.event.status == EventStatus::Denied);
    let contested = (!sides.denies.is_empty() || denied_events) && !support_lines.is_empty();

    let claim_details: Vec<ClaimOut> = about
        .iter()
        .map(|c| {
            let line = line_of(c);
            let (same, other): (&BTreeSet<String>, &BTreeSet<String>) = if c.stance == Stance::Denies {
                (&deny_lines, &support_lines)
            } else {
                (&support_lines, &deny_lines)
            };
            let others = same.iter().filter(|l| **l != line).count();
            let suggested = suggest(others, other.len(), c.hedged);
            let mut via = Vec::new();
            let mut cur = c.via.as_deref();
            while let Some(v) = cur {
                let Some(outer) = by_id.get(&(c.doc_id.as_str(), v)) else { break };
                if via.len() > 8 {
                    break;
                }
                via.push(claimant_display(outer));
                cur = outer.via.as_deref();
            }
            ClaimOut {
                document: c.doc_id.clone(),
                claim: c.id.clone(),
                claimant: c.claimant.clone(),
                kind: c.claimant_kind,
                stance: c.stance,
                hedged: c.hedged,
                via,
                published: c.published.clone(),
                credibility: Credibility::new(
                    grades.get(&(c.doc_id.clone(), c.id.clone())).copied(),
                    suggested,
                ),
                evidence: c.evidence.iter().map(|s| s.text.clone()).collect(),
            }
        })
        .collect();

    let reports: Vec<Report> = members
        .iter()
        .map(|m| Report {
            document: m.event.doc_id.clone(),
            event: m.event.id.clone(),
            publisher: m.publisher.clone(),
            title: m.title.clone(),
            published: m.event.published.clone(),
            source_group: m.dup_group.clone(),
            event_type: m.event.event_type,
            status: m.event.status,
            date: date_of(m),
            location: LocationOut { name: m.event.location.clone(), country: m.event.country.clone() },
            actor: m.event.actor.clone(),
            target: m.event.target.clone(),
            fatalities: m.event.fatalities_min.map(|min| (min, m.event.fatalities_max)),
            injuries: m.event.injuries_min.map(|min| (min, m.event.injuries_max)),
            evidence: m.event.evidence.iter().map(|s| s.text.clone()).collect(),
        })
        .collect();

    let mut timeline: Vec<TimelineEntry> = Vec::new();
    if let Some(start) = &date.start {
        timeline.push(TimelineEntry {
            date: start.clone(),
            what: format!("{} happened", crate::features::family(event_type).to_lowercase()),
        });
    }
    for r in &reports {
        let short: String = r.document.trim_start_matches("sha256:").chars().take(12).collect();
        let mut what = match r.publisher.as_deref().or(r.title.as_deref()) {
            Some(by) => format!("{by} ({short}#{}): {}", r.event, status_word(r.status)),
            None => format!("{short}#{}: {}", r.event, status_word(r.status)),
        };
        if let Some((min, max)) = r.fatalities {
            what.push_str(&format!(", {} killed", count_text(min, max)));
        }
        if let Some((min, max)) = r.injuries {
            what.push_str(&format!(", {} injured", count_text(min, max)));
        }
        timeline.push(TimelineEntry { date: r.published.clone().unwrap_or_else(|| "undated".into()), what });
    }
    for c in &claim_details {
        let what =
            format!("{} {}{}", c.claimant, stance_word(c.stance), if c.hedged { " (hedged)" } else { "" });
        timeline.push(TimelineEntry { date: c.published.clone().unwrap_or_else(|| "undated".into()), what });
    }
    timeline.sort_by(|a, b| (a.date == "undated", &a.date).cmp(&(b.date == "undated", &b.date)));

    IncidentDetail {
        incident: Incident {
            id: id.to_string(),
            event_type,
            documents,
            events,
            independent_sources: support_lines.len(),
            date,
            location,
            fatalities,
            injuries,
            discrepancies,
            claims: sides,
            contested,
            sources,
            actors,
            targets,
        },
        reports,
        claim_details,
        timeline,
    }
}

/// `3`, `2-4` or `3+`.
pub fn count_text(min: u64, max: Option<u64>) -> String {
    match max {
        Some(m) if m == min => min.to_string(),
        Some(m) => format!("{min}-{m}"),
        None => format!("{min}+"),
    }
}

fn status_word(s: EventStatus) -> &'static str {
    match s {
        EventStatus::Reported => "reported",
        EventStatus::Claimed => "attributed",
        EventStatus::Denied => "denied",
        EventStatus::Planned => "planned",
        EventStatus::Hypothetical => "hypothetical",
        EventStatus::Negated => "said not to have happened",
    }
}

fn stance_word(s: Stance) -> &'static str {
    match s {
        Stance::Asserts => "asserts",
        Stance::Confirms => "confirms",
        Stance::Denies => "denies",
    }
}
