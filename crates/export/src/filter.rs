//! Which events and claims an export keeps: a date range, an actor, an event type.
//!
//! * Dates are `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `since` is the first day of the period it
//!   names and `until` the last, both included. An event is kept when its date interval
//!   overlaps `[since, until]`; an event without a date is dated by its document's
//!   publication date, and is dropped by a date filter when that is unknown too.
//! * The actor matches, ASCII case-insensitively as a substring, the name, an alias or the
//!   knowledge-base id of the event's actor or target.
//! * The type is a PLOVER event type.
//!
//! A claim is kept when an event it is about is kept; a claim about no event is kept when
//! no type is asked for, its claimant matches the actor (if one is asked for) and its
//! document's publication date is in the range (if one is asked for).

use claimgraph_core::extraction::{Claim, Entity, Event, EventType, Extraction};

use crate::error::{ExportError, Result};

/// The filter of an export. The default keeps everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// First day included, as `YYYY-MM-DD`.
    since: Option<String>,
    /// Last day included, as `YYYY-MM-DD`.
    until: Option<String>,
    /// Lower-cased actor text.
    actor: Option<String>,
    /// Event type.
    event_type: Option<EventType>,
}

impl Filter {
    /// Builds a filter; fails on a date that is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, on
    /// `since` after `until`, and on an empty actor.
    pub fn new(
        since: Option<&str>,
        until: Option<&str>,
        actor: Option<&str>,
        event_type: Option<EventType>,
    ) -> Result<Self> {
        let since = since.map(|d| bound(d, Bound::Low)).transpose()?;
        let until = until.map(|d| bound(d, Bound::High)).transpose()?;
        if let (Some(s), Some(u)) = (&since, &until)
            && s > u
        {
            return Err(ExportError::Filter(format!("--since {s} is after --until {u}")));
        }
        let actor = match actor.map(str::trim) {
            Some("") => return Err(ExportError::Filter("the actor is empty".into())),
            a => a.map(str::to_ascii_lowercase),
        };
        Ok(Filter { since, until, actor, event_type })
    }

    /// True when the filter keeps everything.
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// A stable text form of the filter (for ids derived from it).
    pub fn describe(&self) -> String {
        format!(
            "since={};until={};actor={};type={}",
            self.since.as_deref().unwrap_or(""),
            self.until.as_deref().unwrap_or(""),
            self.actor.as_deref().unwrap_or(""),
            self.event_type.map(type_name).unwrap_or_default()
        )
    }

    /// True when `event` of `x` passes the filter.
    pub fn event(&self, x: &Extraction, event: &Event) -> bool {
        if self.event_type.is_some_and(|t| t != event.event_type) {
            return false;
        }
        if let Some(actor) = &self.actor {
            let hit = [&event.actor, &event.target]
                .into_iter()
                .flatten()
                .filter_map(|id| entity(x, id))
                .any(|e| entity_matches(e, actor));
            if !hit {
                return false;
            }
        }
        if self.since.is_none() && self.until.is_none() {
            return true;
        }
        let (start, end) = match &event.date {
            Some(d) => (pad(&d.start, Bound::Low), pad(&d.end, Bound::High)),
            None => match x.document.published.as_deref().and_then(published_day) {
                Some(day) => (day.clone(), day),
                None => return false,
            },
        };
        self.overlaps(&start, &end)
    }

    /// True when `claim` of `x` passes the filter, given which of the document's events
    /// passed it (`kept(event_id)`).
    pub fn claim(&self, x: &Extraction, claim: &Claim, kept: impl Fn(&str) -> bool) -> bool {
        if self.is_empty() {
            return true;
        }
        if !claim.about.is_empty() {
            return claim.about.iter().any(|id| kept(id));
        }
        if self.event_type.is_some() {
            return false;
        }
        if let Some(actor) = &self.actor {
            let by_entity = claim.claimant.entity.as_deref().and_then(|id| entity(x, id));
            let hit = by_entity.is_some_and(|e| entity_matches(e, actor))
                || claim.claimant.name.to_ascii_lowercase().contains(actor.as_str());
            if !hit {
                return false;
            }
        }
        if self.since.is_none() && self.until.is_none() {
            return true;
        }
        match x.document.published.as_deref().and_then(published_day) {
            Some(day) => self.overlaps(&day, &day),
            None => false,
        }
    }

    fn overlaps(&self, start: &str, end: &str) -> bool {
        self.since.as_deref().is_none_or(|s| end >= s) && self.until.as_deref().is_none_or(|u| start <= u)
    }
}

/// The serde (contract) name of an event type, e.g. `ASSAULT`.
pub fn type_name(t: EventType) -> String {
    serde_json::to_value(t).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn entity<'a>(x: &'a Extraction, id: &str) -> Option<&'a Entity> {
    x.entities.iter().find(|e| e.id == id)
}

fn entity_matches(e: &Entity, actor: &str) -> bool {
    let has = |s: &str| s.to_ascii_lowercase().contains(actor);
    has(&e.name) || e.aliases.iter().any(|a| has(a)) || e.kb_id.as_deref().is_some_and(has)
}

#[derive(Clone, Copy)]
enum Bound {
    Low,
    High,
}

/// Checks a filter date and widens it to the first (low) or last (high) day it names.
fn bound(date: &str, side: Bound) -> Result<String> {
    let bad = || ExportError::Filter(format!("{date:?} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"));
    let parts: Vec<&str> = date.trim().split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let ok = match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && (1..=12).contains(&m.parse::<u8>().unwrap_or(0)),
        [y, m, d] => {
            digits(y, 4)
                && digits(m, 2)
                && digits(d, 2)
                && (1..=12).contains(&m.parse::<u8>().unwrap_or(0))
                && (1..=31).contains(&d.parse::<u8>().unwrap_or(0))
        }
        _ => false,
    };
    if !ok {
        return Err(bad());
    }
    Ok(pad(date.trim(), side))
}

/// Widens `YYYY` / `YYYY-MM` to a `YYYY-MM-DD` that compares correctly as text: the first
/// day, or a last day (`-31` is fine for comparisons even in shorter months).
fn pad(date: &str, side: Bound) -> String {
    let (month, day) = match side {
        Bound::Low => ("-01", "-01"),
        Bound::High => ("-12", "-31"),
    };
    match date.len() {
        4 => format!("{date}{month}{day}"),
        7 => format!("{date}{day}"),
        _ => date.get(..10).unwrap_or(date).to_string(),
    }
}

/// The day of a publication date (`YYYY-MM-DD`, possibly with a time after it).
fn published_day(published: &str) -> Option<String> {
    let day = published.get(..10)?;
    bound(day, Bound::Low).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked_and_widened() {
        let f = Filter::new(Some("2024"), Some("2024-03"), None, None).unwrap();
        assert_eq!(f.since.as_deref(), Some("2024-01-01"));
        assert_eq!(f.until.as_deref(), Some("2024-03-31"));
        for bad in ["24", "2024-13", "2024-1-01", "yesterday", "2024-02-30x", ""] {
            assert!(Filter::new(Some(bad), None, None, None).is_err(), "{bad}");
        }
        assert!(Filter::new(Some("2024-05"), Some("2024-04"), None, None).is_err());
        assert!(Filter::new(None, None, Some("  "), None).is_err());
        assert!(Filter::default().is_empty());
    }

    #[test]
    fn overlap_is_inclusive() {
        let f = Filter::new(Some("2024-03-05"), Some("2024-03-06"), None, None).unwrap();
        assert!(f.overlaps("2024-03-06", "2024-03-06"));
        assert!(f.overlaps("2024-03-01", "2024-03-31"));
        assert!(!f.overlaps("2024-03-07", "2024-03-07"));
        assert!(!f.overlaps("2024-03-01", "2024-03-04"));
    }
}
