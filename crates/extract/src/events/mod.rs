//! Events: triggers typed in PLOVER, their actor and target, status, date, place and
//! casualty counts, then one event per happening (mentions of the same happening merged).

mod args;
mod attrs;
mod merge;
mod status;
pub mod trigger;

use std::ops::Range;

use claimgraph_core::extraction::{Count, DateValue, EventStatus, EventType};

pub use args::is_boundary;
pub use merge::merge_events;

use crate::annotate::Annotation;
use crate::entities::EntityTable;
use crate::time::{self, AnchorOffset, Date};

/// One event under construction (one trigger mention before merging).
#[derive(Debug, Clone)]
pub struct EventDraft {
    /// PLOVER type.
    pub event_type: EventType,
    /// PLOVER mode.
    pub mode: Option<&'static str>,
    /// CAMEO code.
    pub cameo: Option<&'static str>,
    /// Lemma of the trigger head.
    pub lemma: String,
    /// Trigger words of every mention.
    pub triggers: Vec<Range<usize>>,
    /// Sentence of the first mention.
    pub sentence: usize,
    /// Sentence of the latest mention merged in.
    pub last_sentence: usize,
    /// True when the sense comes from the broad CAMEO dictionary, not the curated lists.
    pub broad: bool,
    /// True when the (first) trigger is a noun.
    pub nominal: bool,
    /// True when the mention refers back ("the attack", "their attack", "that strike").
    pub definite: bool,
    /// Actor entity.
    pub actor: Option<usize>,
    /// Target entity.
    pub target: Option<usize>,
    /// Date.
    pub date: Option<DateValue>,
    /// Offset from another event's date, with the word where that event is mentioned.
    pub anchor: Option<(AnchorOffset, usize)>,
    /// Place entity.
    pub location: Option<usize>,
    /// Word of an earlier event this one happened right after or during ("after the
    /// explosion"): its date and place are inherited when the text gives none.
    pub follows: Option<usize>,
    /// People killed.
    pub fatalities: Option<Count>,
    /// People injured.
    pub injuries: Option<Count>,
    /// Status.
    pub status: EventStatus,
    /// Evidence byte ranges (sentences).
    pub evidence: Vec<Range<usize>>,
    /// Index of the event this one was merged into.
    pub merged_into: Option<usize>,
}

/// Finds the event mentions of a document (not merged yet).
pub fn find_events(a: &Annotation<'_>, t: &EntityTable, base: Option<Date>) -> Vec<EventDraft> {
    let mut out: Vec<EventDraft> = Vec::new();
    let mut triggers = Vec::new();
    // the dates named so far, for `the next day` in a later sentence
    let mut timeline = time::Timeline::default();
    for s in 0..a.sentences.len() {
        triggers.clear();
        trigger::find_triggers(a, t, s, &mut triggers);
        let sent = &a.sentences[s];
        if triggers.is_empty() {
            time::find_dates_in(&a.text[sent.start..sent.end], sent.start, base, None, &mut timeline);
            continue;
        }
        let ctx = attrs::SentenceAttrs::new(a, s, base, &mut timeline);
        let first = out.len();
        for tr in &triggers {
            if attrs::absorbed_outcome(a, tr, &triggers) {
                continue;
            }
            let (mut actor, mut target) = args::arguments(a, t, tr);
            // "talks with X, which culminated in an agreement": a relative clause's
            // nominal event shares the parties of the event it hangs on.
            let rel = (tr.words.start.saturating_sub(4)..tr.words.start)
                .rev()
                .find(|&k| matches!(a.lower(k), "which" | "that"));
            if actor.is_none()
                && target.is_none()
                && tr.nominal
                && let Some(rel) = rel
                && let Some(prev) = out[first..].iter().rev().find(|p| {
                    let end = p.triggers[0].end;
                    end <= rel && rel < end + 6 && (p.actor.is_some() || p.target.is_some())
                })
            {
                actor = prev.actor;
                target = prev.target;
            }
            let (date, anchor) = ctx.date_of(a, tr, &triggers);
            let definite = definite(a, tr.words.start, sent.words.start);
            out.push(EventDraft {
                event_type: tr.sense.plover,
                mode: tr.sense.mode,
                cameo: Some(tr.sense.cameo),
                lemma: a.words[tr.head].lemma.clone(),
                triggers: vec![tr.words.clone()],
                sentence: s,
                last_sentence: s,
                broad: tr.sense.origin != crate::lexicon::SenseOrigin::Curated,
                nominal: tr.nominal,
                definite,
                actor,
                target,
                date,
                anchor,
                location: attrs::location_of(a, t, tr, &triggers),
                follows: None,
                fatalities: None,
                injuries: None,
                status: status::status_of(a, tr),
                evidence: std::iter::once(sent.start..sent.end).collect(),
                merged_into: None,
            });
        }
        ctx.assign_casualties(a, t, &triggers, &mut out[first..]);
        inherit_purpose_dates(a, &mut out[first..]);
        // "after the explosion": every event of the sentence follows that one.
        let follows = triggers.iter().find(|o| {
            let s = o.words.start;
            o.nominal
                && s >= 2
                && matches!(a.lower(s - 1), "the" | "this" | "that")
                && matches!(a.lower(s - 2), "after" | "following" | "during" | "amid")
        });
        if let Some(f) = follows {
            for e in out[first..].iter_mut().filter(|e| !e.triggers[0].contains(&f.head)) {
                e.follows = Some(f.head);
            }
        }
    }
    out
}

/// "paid X to carry out attacks last year": a verb without a date takes the date of the
/// infinitive event that completes it.
fn inherit_purpose_dates(a: &Annotation<'_>, events: &mut [EventDraft]) {
    for i in 0..events.len() {
        if events[i].date.is_some() || events[i].nominal {
            continue;
        }
        let end = events[i].triggers[0].end;
        let next = events[i + 1..].iter().find(|o| {
            let s = o.triggers[0].start;
            s > end && s <= end + 6 && s > 0 && a.lower(s - 1) == "to" && o.date.is_some()
        });
        if let Some(d) = next.and_then(|o| o.date.clone()) {
            events[i].date = Some(d);
        }
    }
}

/// True when a nominal trigger at `w` is definite: an article, demonstrative or
/// possessive opens its phrase ("the December attack", "their attack", "December's bombing").
fn definite(a: &Annotation<'_>, w: usize, floor: usize) -> bool {
    let mut i = w;
    while i > floor && w - i < 4 {
        let l = a.lower(i - 1);
        if matches!(l, "the" | "this" | "that" | "these" | "those" | "their" | "its" | "his" | "her")
            || l.ends_with("'s")
            || l == "'s"
        {
            return true;
        }
        // Only names and dates may stand between the determiner and the noun.
        if !a.words[i - 1].capitalized {
            return false;
        }
        i -= 1;
    }
    false
}
