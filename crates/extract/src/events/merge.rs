//! One event per happening: later mentions merge into an earlier event of the same type
//! when their participants, dates and places are compatible and something links them (a
//! definite description, a shared place, the same actor and target, or a noun and verb of
//! the same type side by side); then dates anchored on another event are resolved.

use claimgraph_core::extraction::{DatePrecision, DateValue, EntityKind, EventType};

use super::EventDraft;
use crate::annotate::Annotation;
use crate::entities::EntityTable;
use crate::time::resolve_relative_to;

/// How many earlier events a mention is compared with.
const LOOKBACK: usize = 40;

fn day_range(d: &DateValue) -> (String, String) {
    let pad = |s: &str, end: bool| match s.len() {
        4 => format!("{s}-{}", if end { "12-31" } else { "01-01" }),
        7 => format!("{s}-{}", if end { "31" } else { "01" }),
        _ => s.to_string(),
    };
    (pad(&d.start, false), pad(&d.end, true))
}

fn dates_overlap(a: &Option<DateValue>, b: &Option<DateValue>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => {
            let ((xs, xe), (ys, ye)) = (day_range(x), day_range(y));
            xs <= ye && ys <= xe
        }
        _ => true,
    }
}

fn rank(p: DatePrecision) -> u8 {
    match p {
        DatePrecision::Day => 3,
        DatePrecision::Month => 2,
        DatePrecision::Year => 1,
        DatePrecision::Range => 0,
    }
}

fn compatible(t: &EntityTable, a: Option<usize>, b: Option<usize>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => t.compatible(x, y),
        _ => true,
    }
}

fn plural(a: &Annotation<'_>, e: &EventDraft) -> bool {
    let w = &a.words[e.triggers[0].end - 1];
    e.nominal && w.lower.ends_with('s') && w.lower != w.lemma
}

/// Merges mentions of the same happening; returns the indices of the surviving events.
pub fn merge_events(a: &Annotation<'_>, t: &EntityTable, ev: &mut [EventDraft]) -> Vec<usize> {
    let mut alive: Vec<usize> = Vec::new();
    for j in 0..ev.len() {
        let mut best: Option<(i32, usize)> = None;
        for &i in alive.iter().rev().take(LOOKBACK) {
            let (x, y) = (&ev[i], &ev[j]);
            if x.event_type != y.event_type
                || !compatible(t, x.actor, y.actor)
                || !compatible(t, x.target, y.target)
                || !dates_overlap(&x.date, &y.date)
                || !compatible(t, x.location, y.location)
            {
                continue;
            }
            let same_sentence = x.sentence == y.sentence;
            let anaphor = y.nominal && y.definite && !same_sentence && (plural(a, y) || !plural(a, x));
            let side_by_side = same_sentence
                && x.nominal != y.nominal
                && x.triggers
                    .iter()
                    .any(|r| r.end + 4 >= y.triggers[0].start && r.start <= y.triggers[0].end + 4);
            let both_args =
                x.actor.is_some() && y.actor.is_some() && x.target.is_some() && y.target.is_some();
            let dates_agree = match (&x.date, &y.date) {
                (Some(p), Some(q)) => p.start == q.start && p.end == q.end,
                _ => true,
            };
            // Different verbs with the same parties are different acts ("paid", "provided");
            // a noun may name the act of a verb ("provided weapons" ... "assistance").
            let same_parties = both_args
                && dates_agree
                && !same_sentence
                && (x.lemma == y.lemma || x.nominal != y.nominal || x.nominal);
            let same_place = x.location.is_some() && x.location == y.location;
            // "One of the sources said dozens of people were wounded": a toll with nothing
            // else said about its event is one of the attack just reported
            let follow_up_toll = x.event_type == EventType::Assault
                && !same_sentence
                && y.sentence <= x.last_sentence + 2
                && !y.nominal
                && super::attrs::is_toll_verb(&y.lemma)
                && (y.fatalities.is_some() || y.injuries.is_some())
                && y.actor.is_none()
                && y.date.is_none()
                && y.location.is_none();
            // "Airstrike on camp kills 12" over "An Israeli airstrike hit a school ...,
            // killing at least 12 people": a headline's event is told again by the first
            // sentence under it (once: the headline event takes one of them)
            let headline = x.sentence == 0 && x.last_sentence == 0 && y.sentence == 1 && is_headline(a);
            if !(anaphor || side_by_side || same_parties || same_place || follow_up_toll || headline) {
                continue;
            }
            // Same word, same mode, same place; then the most recently mentioned.
            let has_parties = x.actor.is_some() || x.target.is_some();
            let score = 1000 * (2 * i32::from(x.lemma == y.lemma) + i32::from(same_place))
                + 500 * i32::from(has_parties)
                + 10 * x.last_sentence as i32
                + i32::from(x.mode.is_some() && x.mode == y.mode);
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, i));
            }
        }
        match best {
            Some((_, i)) => {
                // "Gunmen attacked ... X claimed the attack": the name replaces the description
                if let (Some(x), Some(y)) = (ev[i].actor, ev[j].actor)
                    && t.is_description(x)
                    && !t.is_description(y)
                {
                    ev[i].actor = Some(y);
                }
                absorb(ev, i, j)
            }
            None => alive.push(j),
        }
    }
    // "20 soldiers were killed in the ambush": when the noun beside a verb of the same
    // type joined an earlier event, the verb names that event too.
    for j in 0..ev.len() {
        let Some(root) = ev[j].merged_into else { continue };
        if !ev[j].nominal || ev[root].merged_into.is_some() {
            continue;
        }
        let y = ev[j].triggers[0].clone();
        let verb = alive.iter().copied().find(|&i| {
            let x = &ev[i];
            i != root
                && !x.nominal
                && x.sentence == ev[j].sentence
                && x.event_type == ev[root].event_type
                && x.triggers.len() == 1
                && x.triggers[0].end + 4 >= y.start
                && x.triggers[0].start <= y.end + 4
                && compatible(t, x.actor, ev[root].actor)
                && compatible(t, x.target, ev[root].target)
                && dates_overlap(&x.date, &ev[root].date)
                && compatible(t, x.location, ev[root].location)
        });
        if let Some(i) = verb {
            absorb(ev, root, i);
            alive.retain(|&k| k != i);
        }
    }
    // "12 people were killed when a market was shelled by X": the outcome verb names the
    // act of the "when" clause.
    for j in alive.clone() {
        if ev[j].nominal || ev[j].actor.is_some() || ev[j].merged_into.is_some() {
            continue;
        }
        let end = ev[j].triggers[0].end;
        let act = alive.iter().copied().find(|&i| {
            let y = &ev[i];
            let start = y.triggers[0].start;
            i != j
                && !y.nominal
                && y.sentence == ev[j].sentence
                && y.event_type == ev[j].event_type
                && start > end
                && start <= end + 10
                && (end..start).any(|k| a.lower(k) == "when")
                && compatible(t, y.target, ev[j].target)
                && compatible(t, y.location, ev[j].location)
                && dates_overlap(&y.date, &ev[j].date)
        });
        if let Some(i) = act {
            absorb(ev, i, j);
            alive.retain(|&k| k != j);
        }
    }
    // A toll whose victims were also read as its actor ("27 civilians were killed and 130
    // injured") keeps the victims and the toll, not the self-inflicted reading.
    for &i in &alive {
        let e = &mut ev[i];
        if e.actor.is_some() && e.actor == e.target && (e.fatalities.is_some() || e.injuries.is_some()) {
            e.actor = None;
        }
    }
    // A mention with no participant and no toll is not an event on its own; a verb read
    // through the broad CAMEO dictionary needs both its parties.
    alive.retain(|&i| {
        let e = &ev[i];
        let tolls = e.fatalities.is_some() || e.injuries.is_some();
        if e.actor.is_some() && e.actor == e.target {
            return false;
        }
        // Protests, mobilizations and retreats have no target by nature.
        let one_party = matches!(e.event_type, EventType::Protest | EventType::Mobilize | EventType::Retreat);
        // Violence and coercion ("soldiers detained 40 men") are reported with an actor
        // even when the victims are no named entity.
        let violent = matches!(e.event_type, EventType::Assault | EventType::Coerce)
            && e.actor.is_some_and(|x| {
                matches!(t.entities[x].kind, Some(EntityKind::Military | EntityKind::ArmedGroup))
            });
        if e.broad && !e.nominal && e.triggers.len() == 1 && !one_party {
            (e.actor.is_some() && e.target.is_some()) || tolls || violent
        } else {
            e.actor.is_some() || e.target.is_some() || tolls
        }
    });
    // Events right after or during another take its day and place when they have none.
    for &j in &alive {
        let Some(w) = ev[j].follows else { continue };
        let root = alive.iter().copied().find(|&i| i != j && ev[i].triggers.iter().any(|r| r.contains(&w)));
        if let Some(i) = root {
            if ev[j].date.is_none() {
                ev[j].date = ev[i].date.clone();
            }
            if ev[j].location.is_none() {
                ev[j].location = ev[i].location;
            }
        }
    }
    // Dates given relative to another event.
    for &j in &alive {
        let Some((off, w)) = ev[j].anchor else { continue };
        if ev[j].date.is_some() {
            continue;
        }
        let root = alive.iter().copied().find(|&i| ev[i].triggers.iter().any(|r| r.contains(&w)));
        if let Some(i) = root
            && let Some(d) = ev[i].date.clone()
            && let Some(v) = resolve_relative_to(&d, &off)
        {
            ev[j].date = Some(v);
        }
    }
    alive
}

/// True when the document opens with a headline: a first sentence with no closing
/// punctuation on a line of its own.
fn is_headline(a: &Annotation<'_>) -> bool {
    let (Some(first), Some(second)) = (a.sentences.first(), a.sentences.get(1)) else { return false };
    let last = first.words.end.checked_sub(1).map(|w| a.lower(w)).unwrap_or(".");
    !matches!(last, "." | "!" | "?" | "\"" | "\u{201d}") && a.text[first.end..second.start].contains('\n')
}

/// Folds event `j` into event `i`.
fn absorb(ev: &mut [EventDraft], i: usize, j: usize) {
    let y = ev[j].clone();
    let x = &mut ev[i];
    x.triggers.extend(y.triggers);
    x.last_sentence = x.last_sentence.max(y.sentence);
    for e in y.evidence {
        if !x.evidence.contains(&e) {
            x.evidence.push(e);
        }
    }
    x.actor = x.actor.or(y.actor);
    x.target = x.target.or(y.target);
    x.location = x.location.or(y.location);
    x.mode = x.mode.or(y.mode);
    x.fatalities = x.fatalities.take().or(y.fatalities);
    x.injuries = x.injuries.take().or(y.injuries);
    x.anchor = x.anchor.or(y.anchor);
    match (&x.date, y.date) {
        (None, d) => x.date = d,
        (Some(p), Some(q)) if rank(q.precision) > rank(p.precision) => x.date = Some(q),
        _ => {}
    }
    ev[j].merged_into = Some(i);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(start: &str, end: &str) -> Option<DateValue> {
        Some(DateValue { start: start.into(), end: end.into(), precision: DatePrecision::Day, text: None })
    }

    #[test]
    fn dates_overlap_by_period() {
        assert!(dates_overlap(&d("2019-12", "2019-12"), &d("2019-12-11", "2019-12-11")));
        assert!(dates_overlap(&d("2019", "2019"), &d("2019-12-11", "2019-12-11")));
        assert!(!dates_overlap(&d("2007", "2007"), &d("2019", "2019")));
        assert!(dates_overlap(&None, &d("2019", "2019")));
        assert_eq!(day_range(&d("2020-02", "2020-02").unwrap()), ("2020-02-01".into(), "2020-02-31".into()));
    }

    #[test]
    fn precision_ranks_days_first() {
        assert!(rank(DatePrecision::Day) > rank(DatePrecision::Month));
        assert!(rank(DatePrecision::Month) > rank(DatePrecision::Year));
        assert!(rank(DatePrecision::Year) > rank(DatePrecision::Range));
    }
}
