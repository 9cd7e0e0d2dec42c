//! What the linker compares: an event's type family, day interval, place, actor and target
//! (through the knowledge base), casualties and the words of its evidence.

use claimgraph_core::Extraction;
use claimgraph_core::extraction::{DatePrecision, DateValue, EntityKind, Event, EventType};
use claimgraph_kb::Kb;
use claimgraph_store::MergeEventRow;
use jiff::civil::Date;

/// Longest day interval that still links across documents: a month. Coarser dates ("in
/// 2019") say too little to tell two happenings apart; such events only join an incident
/// through another event of their own document.
pub const MAX_LINK_SPAN_DAYS: i64 = 31;

/// Days before the publication date an undated event is assumed to lie in.
pub const UNDATED_WINDOW_DAYS: i64 = 7;

/// The family of a PLOVER type: events of one family can be one happening reported in
/// different words (an "attack" coded ASSAULT by one report and COERCE by another is not
/// merged; PROTEST and MOBILIZE are).
pub fn family(t: EventType) -> &'static str {
    match t {
        EventType::Assault => "ASSAULT",
        EventType::Coerce => "COERCE",
        EventType::Protest | EventType::Mobilize => "PROTEST",
        EventType::Threaten => "THREATEN",
        EventType::Accuse | EventType::Reject => "ACCUSE",
        EventType::Sanction => "SANCTION",
        EventType::Agree | EventType::Concede | EventType::Retreat => "AGREE",
        EventType::Consult | EventType::Cooperate => "CONSULT",
        EventType::Aid | EventType::Support => "AID",
        EventType::Request => "REQUEST",
    }
}

/// The PLOVER types of a family.
pub fn family_types(family: &str) -> &'static [&'static str] {
    match family {
        "PROTEST" => &["PROTEST", "MOBILIZE"],
        "ACCUSE" => &["ACCUSE", "REJECT"],
        "AGREE" => &["AGREE", "CONCEDE", "RETREAT"],
        "CONSULT" => &["CONSULT", "COOPERATE"],
        "AID" => &["AID", "SUPPORT"],
        "ASSAULT" => &["ASSAULT"],
        "COERCE" => &["COERCE"],
        "THREATEN" => &["THREATEN"],
        "SANCTION" => &["SANCTION"],
        "REQUEST" => &["REQUEST"],
        _ => &[],
    }
}

/// Days since 1970-01-01 of the first day of `s` (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`).
pub fn first_day(s: &str) -> Option<i64> {
    day_number(parse_start(s)?)
}

/// Days since 1970-01-01 of the last day of `s`.
pub fn last_day(s: &str) -> Option<i64> {
    let d = parse_start(s)?;
    let d = match s.len() {
        4 => Date::new(d.year(), 12, 31).ok()?,
        7 => d.last_of_month(),
        _ => d,
    };
    day_number(d)
}

fn parse_start(s: &str) -> Option<Date> {
    let s = s.trim();
    match s.len() {
        10 => s.parse().ok(),
        7 => format!("{s}-01").parse().ok(),
        4 => format!("{s}-01-01").parse().ok(),
        _ => None,
    }
}

fn day_number(d: Date) -> Option<i64> {
    let epoch = Date::new(1970, 1, 1).ok()?;
    Some(i64::from(d.since(epoch).ok()?.get_days()))
}

/// The date a day number stands for (`YYYY-MM-DD`).
pub fn day_string(day: i64) -> String {
    let epoch = Date::new(1970, 1, 1).unwrap_or_default();
    epoch.checked_add(jiff::Span::new().days(day)).map(|d| d.to_string()).unwrap_or_default()
}

/// The day interval of an explicit date, when it is fine enough to link on.
pub fn date_interval(d: &DateValue) -> Option<(i64, i64)> {
    let lo = first_day(&d.start)?;
    let hi = last_day(&d.end).or_else(|| last_day(&d.start))?.max(lo);
    let fine = matches!(d.precision, DatePrecision::Day | DatePrecision::Month | DatePrecision::Range);
    (fine && hi - lo < MAX_LINK_SPAN_DAYS).then_some((lo, hi))
}

/// Words that say nothing about which happening a text describes.
const STOPWORDS: &[&str] = &[
    "the", "and", "for", "that", "with", "was", "were", "are", "has", "have", "had", "said", "says", "from",
    "this", "than", "but", "not", "its", "their", "his", "her", "they", "who", "which", "when", "where",
    "been", "after", "into", "over", "about", "also", "other", "others", "some", "least", "more", "people",
    "on", "in", "at", "of", "to", "by", "an", "as", "is", "it", "be",
];

/// The sorted, distinct hashes of the content words of a text (at most 64).
pub fn sketch(text: &str) -> Vec<u32> {
    let mut out: Vec<u32> = crate::dedup::words(text)
        .filter(|w| w.chars().count() >= 3 && !STOPWORDS.contains(&w.as_str()))
        .map(|w| crate::dedup::fnv(w.as_bytes()) as u32)
        .collect();
    out.sort_unstable();
    out.dedup();
    out.truncate(64);
    out
}

/// The sort key that orders members: publication date (undated last), document id, event id.
pub fn sort_key(published: Option<&str>, doc_id: &str, event_id: &str) -> String {
    format!("{}|{doc_id}|{event_id}", published.filter(|p| !p.is_empty()).unwrap_or("~"))
}

/// Features of every event of an extraction (incident ids still empty).
pub fn event_features(x: &Extraction, kb: &Kb) -> Vec<MergeEventRow> {
    let published_day = x.document.published.as_deref().and_then(first_day);
    x.events.iter().map(|ev| features(x, ev, kb, published_day)).collect()
}

fn features(x: &Extraction, ev: &Event, kb: &Kb, published_day: Option<i64>) -> MergeEventRow {
    let entity = |id: &Option<String>| id.as_ref().and_then(|id| x.entities.iter().find(|e| &e.id == id));
    let root =
        |id: &Option<String>| entity(id).and_then(|e| e.kb_id.as_deref()).map(|k| kb.root_of(k).to_string());
    let (day_lo, day_hi) = match ev.date.as_ref() {
        Some(d) => date_interval(d).unzip(),
        None => published_day.map(|p| (p - UNDATED_WINDOW_DAYS, p)).unzip(),
    };
    let loc = ev.location.as_ref();
    let place_geonames = loc.and_then(|l| l.geonames_id);
    let place_country = loc.is_some_and(|l| {
        let state = place_geonames
            .and_then(|g| kb.get(&format!("place:geonames:{g}")))
            .is_some_and(|e| e.kind == EntityKind::State);
        let named = match (l.name.as_deref(), l.country.as_deref()) {
            (Some(n), Some(c)) => is_country_name(kb, n, c),
            _ => false,
        };
        state || named
    });
    let text: String = ev.evidence.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" ");
    MergeEventRow {
        doc_id: x.document.id.clone(),
        event_id: ev.id.clone(),
        incident: String::new(),
        sort_key: sort_key(x.document.published.as_deref(), &x.document.id, &ev.id),
        family: family(ev.event_type).to_string(),
        country: loc.and_then(|l| l.country.clone()),
        day_lo,
        day_hi,
        place_geonames,
        place_country,
        place_name: loc
            .filter(|_| place_geonames.is_none())
            .and_then(|l| l.name.as_deref())
            .map(|n| n.trim().to_lowercase()),
        actor_root: root(&ev.actor),
        target_root: root(&ev.target),
        sketch: sketch(&text),
        mode: ev.mode.clone(),
        fatalities_min: ev.fatalities.as_ref().map(|c| c.min),
        fatalities_max: ev.fatalities.as_ref().and_then(|c| c.max),
    }
}

/// True when `name` is the knowledge base's name of the country `iso3`.
fn is_country_name(kb: &Kb, name: &str, iso3: &str) -> bool {
    kb.get(&format!("actor:{iso3}")).is_some_and(|e| e.name.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_intervals() {
        assert_eq!(first_day("1970-01-02"), Some(1));
        assert_eq!(last_day("2024-02"), first_day("2024-02-29"));
        assert_eq!(last_day("2023"), first_day("2023-12-31"));
        assert_eq!(day_string(first_day("2026-03-03").unwrap()), "2026-03-03");
        let year = DateValue {
            start: "2023".into(),
            end: "2023".into(),
            precision: DatePrecision::Year,
            text: None,
        };
        assert_eq!(date_interval(&year), None);
        let day = DateValue {
            start: "2023-05-01".into(),
            end: "2023-05-01".into(),
            precision: DatePrecision::Day,
            text: None,
        };
        assert_eq!(
            date_interval(&day),
            Some((first_day("2023-05-01").unwrap(), first_day("2023-05-01").unwrap()))
        );
        assert_eq!(first_day("May"), None);
    }

    #[test]
    fn sketches_ignore_case_and_stopwords() {
        assert_eq!(sketch("The car bomb, the CAR"), sketch("car bomb"));
        assert!(sketch("of the and").is_empty());
    }
}
