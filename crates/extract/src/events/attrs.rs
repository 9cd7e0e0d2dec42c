//! Date, place and casualty counts of event mentions, read from the trigger's sentence.

use claimgraph_core::extraction::{Count, DateValue, EventType};

use super::EventDraft;
use super::args::is_boundary;
use super::trigger::Trigger;
use crate::annotate::Annotation;
use crate::entities::EntityTable;
use crate::quantity::{self, CasualtyKind, CasualtyMatch};
use crate::time::{self, AnchorOffset, Date, TimeKind, TimeMatch};

/// How many words from the trigger a date may stand.
const DATE_REACH: usize = 12;

/// Dates and casualty statements of one sentence.
pub struct SentenceAttrs {
    dates: Vec<(TimeMatch, usize, usize)>,
    casualties: Vec<CasualtyMatch>,
}

/// Index of the first word at or after byte `b` (and the word containing the last byte).
fn word_range(a: &Annotation<'_>, b0: usize, b1: usize) -> (usize, usize) {
    let r = a.words_in_bytes(b0, b1);
    (r.start, r.end.max(r.start + 1))
}

impl SentenceAttrs {
    /// Reads the dates and casualty statements of sentence `s`; `timeline` holds the dates
    /// of the sentences before it (`the following day` counts from the last one).
    pub fn new(a: &Annotation<'_>, s: usize, base: Option<Date>, timeline: &mut time::Timeline) -> Self {
        let sent = &a.sentences[s];
        let text = &a.text[sent.start..sent.end];
        let dates = time::find_dates_in(text, sent.start, base, None, timeline)
            .into_iter()
            .filter(|m| m.value.is_some() || matches!(m.kind, TimeKind::Anchored(_)))
            .map(|m| {
                let (w0, w1) = word_range(a, m.start, m.end);
                (m, w0, w1)
            })
            .collect();
        let casualties = quantity::find_casualties_at(text, sent.start);
        SentenceAttrs { dates, casualties }
    }

    /// The date of a trigger: the nearest date expression in its clause. An expression
    /// anchored on another event (`a month after the attack`) dates the trigger before it
    /// and points at the trigger after it.
    pub fn date_of(
        &self,
        a: &Annotation<'_>,
        tr: &Trigger,
        all: &[Trigger],
    ) -> (Option<DateValue>, Option<(AnchorOffset, usize)>) {
        let mut best: Option<(usize, &(TimeMatch, usize, usize))> = None;
        for d in &self.dates {
            let (m, w0, w1) = (&d.0, d.1, d.2);
            let anchored = matches!(m.kind, TimeKind::Anchored(_));
            // The event right after an anchored expression is its anchor, not dated by it.
            let anchor_head = all.iter().map(|o| o.head).filter(|&h| h >= w1 && h <= w1 + 4).min();
            if anchored && anchor_head.is_some_and(|h| tr.words.contains(&h)) {
                continue;
            }
            if w1 <= tr.words.start
                && (dates_the_speech(a, w0) || in_closed_relative(a, w0, w1, tr.words.start))
            {
                continue;
            }
            let dist = if w0 >= tr.words.end { w0 - tr.words.end } else { tr.words.start.saturating_sub(w1) };
            if dist > DATE_REACH && !(w0 >= tr.words.end && w0 < reach_after(a, tr)) {
                continue;
            }
            let (lo, hi) = if w0 >= tr.words.end { (tr.words.end, w0) } else { (w1, tr.words.start) };
            if (lo..hi).any(|i| {
                is_boundary(a.lower(i))
                    && !matches!(a.lower(i), "that" | "as" | "after" | "before" | "since" | "when")
            }) {
                continue;
            }
            // Another trigger in between claims the date first (an anchored expression's
            // own anchor does not).
            if all.iter().any(|o| {
                lo <= o.head
                    && o.head < hi
                    && !(anchored && Some(o.head) == anchor_head)
                    && claims_first(a, tr, o)
            }) {
                continue;
            }
            if best.is_none_or(|(bd, _)| dist < bd) {
                best = Some((dist, d));
            }
        }
        match best {
            Some((_, (m, _, w1))) => match m.kind {
                TimeKind::Anchored(off) => {
                    let next = all.iter().map(|o| o.head).filter(|&h| h >= *w1 && h <= w1 + 4).min();
                    (None, next.map(|h| (off, h)))
                }
                _ => (m.value.clone(), None),
            },
            None => (None, None),
        }
    }

    /// Gives each casualty statement to the nearest ASSAULT mention before it in the
    /// sentence (else the nearest after it); subsets are ignored.
    pub fn assign_casualties(
        &self,
        a: &Annotation<'_>,
        t: &EntityTable,
        triggers: &[Trigger],
        events: &mut [EventDraft],
    ) {
        let heads: Vec<(usize, usize)> = events
            .iter()
            .enumerate()
            .filter(|(_, e)| e.event_type == EventType::Assault)
            .map(|(i, e)| (i, e.triggers[0].start))
            .collect();
        for c in self.casualties.iter().filter(|c| !c.subset) {
            let (w0, _) = word_range(a, c.start, c.end);
            let pick = heads
                .iter()
                .filter(|&&(_, h)| h <= w0)
                .max_by_key(|&&(_, h)| h)
                .or_else(|| heads.iter().min_by_key(|&&(_, h)| h));
            if let Some(&(i, _)) = pick {
                let slot = match c.kind {
                    CasualtyKind::Killed => &mut events[i].fatalities,
                    CasualtyKind::Injured => &mut events[i].injuries,
                };
                if slot.as_ref().is_none_or(|x| x.min < c.count.min) {
                    *slot = Some(c.count.clone());
                }
            }
        }
        // "Ten fighters ... were killed": the count of a killing verb's victims.
        for e in events.iter_mut() {
            if e.fatalities.is_some() || e.nominal || !matches!(e.lemma.as_str(), "kill") {
                continue;
            }
            let Some(target) = e.target else { continue };
            let v = e.triggers[0].start;
            let sent = a.sentence_of(v).words.clone();
            let Some(m) = t.mentions_in(sent.start..v).find(|m| m.entity == target) else { continue };
            let lo = m.words.start.saturating_sub(3).max(sent.start);
            for k in lo..m.words.start {
                if let Some(n) = quantity::parse_number(a.slice(k..m.words.start)) {
                    let text =
                        a.text[a.words[k].start..a.words[m.words.end.min(sent.end) - 1].end].to_string();
                    let mut end = m.words.end;
                    while end < sent.end
                        && end < m.words.end + 2
                        && a.words[end].lower.chars().all(char::is_alphabetic)
                        && a.words[end].lower.ends_with('s')
                    {
                        end += 1;
                    }
                    let text = if end > m.words.end { a.slice(k..end).to_string() } else { text };
                    e.fatalities = Some(Count { min: n.min, max: n.max, text: Some(text) });
                    break;
                }
            }
        }
        let _ = triggers;
    }
}

/// True when the date at words `w0..w1` stands in a relative clause closed by a comma before
/// the trigger at `v` ("The M23 rebels, who seized Goma in January, have blocked the road"):
/// it dates the clause's own event.
fn in_closed_relative(a: &Annotation<'_>, w0: usize, w1: usize, v: usize) -> bool {
    let floor = a.sentence_of(w0).words.start;
    let opened =
        (floor..w0).rev().take_while(|&k| a.lower(k) != ",").any(|k| matches!(a.lower(k), "who" | "which"));
    opened && (w1..v).any(|k| a.lower(k) == ",")
}

/// True when the date expression starting at word `w0` follows a reporting verb ("said on
/// Friday that", "told reporters Friday", "said in a statement on Friday"): it dates the
/// statement, not the events the statement reports after it.
fn dates_the_speech(a: &Annotation<'_>, w0: usize) -> bool {
    let floor = a.sentence_of(w0).words.start;
    let mut k = w0;
    while k > floor && w0 - k < 6 {
        k -= 1;
        let l = a.lower(k);
        if crate::lexicon::attribution_verb(&a.words[k].lemma).is_some()
            && a.words[k].pos != crate::annotate::Pos::Noun
        {
            return true;
        }
        if !matches!(
            l,
            "on" | "late"
                | "early"
                | "reporters"
                | "journalists"
                | "in"
                | "a"
                | "an"
                | "the"
                | "statement"
                | "news"
                | "press"
                | "conference"
                | "briefing"
                | "interview"
        ) {
            return false;
        }
    }
    false
}

/// True when a verb trigger is only the outcome of an earlier attack in its sentence
/// ("..., which killed two civilians", "..., killing three").
pub fn absorbed_outcome(a: &Annotation<'_>, tr: &Trigger, all: &[Trigger]) -> bool {
    if tr.nominal || !matches!(a.words[tr.head].lemma.as_str(), "kill" | "injure" | "wound" | "die") {
        return false;
    }
    let before = all.iter().any(|o| o.head < tr.head && o.sense.plover == EventType::Assault);
    let prev = if tr.words.start > 0 { a.lower(tr.words.start - 1) } else { "" };
    before && (matches!(prev, "which" | "that" | "," | "and") || a.words[tr.head].lower.ends_with("ing"))
}

/// Verbs that tell what happened to victims ("killed", "wounded", "shot dead").
pub fn is_toll_verb(lemma: &str) -> bool {
    matches!(lemma, "kill" | "wound" | "injure" | "die" | "shoot" | "beat" | "stab")
}

/// True when trigger `o`, between trigger `tr` and a date or place, takes that date or
/// place for itself. It does not when both are verbs of one toll ("were killed and 35
/// wounded in ..."), nor when `o` is in a "when" clause of `tr`, which tells of the same
/// happening ("were killed when a bomber blew himself up at ..."), nor when `o` only
/// describes a noun ("a school sheltering displaced families in central Gaza early on
/// Saturday": the strike's date and place).
fn claims_first(a: &Annotation<'_>, tr: &Trigger, o: &Trigger) -> bool {
    let describes_a_noun = !o.nominal
        && match a.deprel(o.head) {
            Some("amod") => true,
            Some("acl") => a.words[o.head].lower.ends_with("ing") || a.words[o.head].lower.ends_with("ed"),
            _ => false,
        };
    // "killed 14 villagers and burned dozens of homes ... over the weekend": joined verbs
    // share what follows both
    let joined = a.deprel(o.head) == Some("conj")
        && a.heads.as_ref().is_some_and(|h| h[o.head] == Some(tr.head))
        && a.dependents(o.head, "nsubj").is_empty();
    if o.head == tr.head || describes_a_noun || joined {
        return false;
    }
    let toll = |t: &Trigger| !t.nominal && is_toll_verb(&a.words[t.head].lemma);
    let same_toll = tr.sense.plover == o.sense.plover && toll(tr) && toll(o);
    let in_when_clause = o.head > tr.words.end && (tr.words.end..o.head).any(|i| a.lower(i) == "when");
    !same_toll && !in_when_clause
}

/// Where the date and place of a trigger may be looked for after it: [`DATE_REACH`]
/// words, or up to that far past a "when" clause within them, which tells when and where
/// ("20 people were killed when a bomber blew himself up at a mosque in Peshawar on
/// Friday").
fn reach_after(a: &Annotation<'_>, tr: &Trigger) -> usize {
    let end = a.sentence_of(tr.head).words.end;
    let near = (tr.words.end + DATE_REACH).min(end);
    match (tr.words.end..near).find(|&i| a.lower(i) == "when") {
        Some(w) => w + 1 + DATE_REACH,
        None => near,
    }
}

/// Nouns for a part of a place, whose place follows "of" ("residential areas of Omdurman",
/// "the outskirts of Kabul").
const PLACE_PARTS: &[&str] = &[
    "area",
    "part",
    "outskirts",
    "outskirt",
    "suburb",
    "district",
    "neighborhood",
    "neighbourhood",
    "centre",
    "center",
    "street",
    "village",
    "town",
    "city",
    "province",
    "region",
    "north",
    "south",
    "east",
    "west",
    "heart",
];

/// The place of a trigger: a place named after `in`/`at`/`on`/`near` in its clause, or a
/// place name right before a nominal trigger ("the Bagram attack").
pub fn location_of(a: &Annotation<'_>, t: &EntityTable, tr: &Trigger, all: &[Trigger]) -> Option<usize> {
    let sent = a.sentence_of(tr.head).words.clone();
    if tr.nominal
        && tr.words.start > sent.start
        && let Some(m) = t.mention_at(tr.words.start - 1)
        && t.entities[m.entity].is_place
    {
        return Some(m.entity);
    }
    let end = reach_after(a, tr).min(sent.end);
    let mut best = None;
    for m in t.mentions_in(tr.words.end..end) {
        let e = &t.entities[m.entity];
        // "shelled Kharkiv", "bombed the town of Kobani": a town as the object of an attack
        // is where it happened
        if m.words.start == tr.words.end
            && e.is_place
            && !tr.nominal
            && matches!(tr.sense.plover, EventType::Assault | EventType::Coerce)
        {
            best = Some(m.entity);
            break;
        }
        // A place after another trigger is that event's ("paid X for an attack on Aden").
        if all.iter().any(|o| tr.words.end <= o.head && o.head < m.words.start && claims_first(a, tr, o)) {
            break;
        }
        if (tr.words.end..m.words.start).any(|i| {
            is_boundary(a.lower(i)) && !matches!(a.lower(i), "after" | "before" | "since" | "as" | "when")
        }) {
            break;
        }
        // "in the town of X", "in central Gaza", "in northern Syria": the preposition
        // before an article or a compass adjective
        let mut p = m.words.start;
        while p > sent.start && p + 3 > m.words.start && crate::entities::is_place_modifier(a.lower(p - 1)) {
            p -= 1;
        }
        let prep = p.checked_sub(1).map(|i| a.lower(i)).unwrap_or("");
        let part_of_place = prep == "of"
            && m.words.start >= 2
            && PLACE_PARTS.contains(&a.words[m.words.start - 2].lemma.as_str());
        if (m.as_place || e.is_place)
            && (matches!(prep, "in" | "at" | "on" | "near" | "outside" | "inside") || part_of_place)
        {
            best = Some(m.entity);
            break;
        }
    }
    best.or_else(|| place_of_where_clause(a, t, tr, sent.start)).or_else(|| fronted_place(a, t, sent))
}

/// A place fronted before the sentence's clause: "In Gao, a bomb wounded five people".
fn fronted_place(a: &Annotation<'_>, t: &EntityTable, sent: std::ops::Range<usize>) -> Option<usize> {
    if sent.len() < 4 || !matches!(a.lower(sent.start), "in" | "at" | "near" | "outside") {
        return None;
    }
    let m = t.mention_at(sent.start + 1)?;
    let place = m.as_place || t.entities[m.entity].is_place;
    (place && m.words.start == sent.start + 1 && m.words.end < sent.end && a.lower(m.words.end) == ",")
        .then_some(m.entity)
}

/// The place a relative "where" clause hangs on: "a ceasefire in Khartoum, where fighting
/// killed 40 civilians" happened in Khartoum.
fn place_of_where_clause(a: &Annotation<'_>, t: &EntityTable, tr: &Trigger, floor: usize) -> Option<usize> {
    for k in (tr.words.start.saturating_sub(6).max(floor + 1)..tr.words.start).rev() {
        if a.lower(k) == "where" {
            let before = if a.lower(k - 1) == "," { k.checked_sub(2)? } else { k - 1 };
            let m = t.mention_at(before)?;
            return (m.words.end == before + 1 && (m.as_place || t.entities[m.entity].is_place))
                .then_some(m.entity);
        }
        if is_boundary(a.lower(k)) || a.lower(k) == "," {
            return None;
        }
    }
    None
}
