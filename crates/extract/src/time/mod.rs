//! Dates: finds temporal expressions in plain text and normalizes them to
//! [`DateValue`]s, resolving relative ones (`last year`, `on Monday`, `December 11`)
//! against the report's publication date.
//!
//! The rule throughout is that no date is better than a wrong one: expressions too vague
//! to name a period (`in recent weeks`, `several years ago`) are found but get no value,
//! and expressions relative to another event (`less than a month after the attack`) carry
//! an [`AnchorOffset`] for [`resolve_relative_to`] once that event's date is known.
//! Expressions that count from the date the text named last (`the year before`, `that
//! day`, `two days later`, `Saturday night, the opening night`) read it from a
//! [`Timeline`] kept across a document's pieces.
//!
//! Spans are byte offsets into the text given (plus the offset passed to
//! [`find_dates_at`]); `Document::span_bytes` turns them into char spans.

mod anchor;
mod dateline;
mod expr;
mod grammar;
pub mod gum;
pub(crate) mod lexicon;
mod resolve;
mod tense;
pub(crate) mod token;
mod value;

use claimgraph_core::extraction::DateValue;
pub use jiff::civil::Date;

pub use anchor::{AnchorOffset, Bound, Direction, resolve_relative_to};
pub use dateline::{find_dateline, parse_published, reference_date};
pub use lexicon::Unit;

use expr::Expr;
use grammar::Grammar;
use token::tokenize;

/// Whether a sentence speaks of the past or the future; decides which `Monday` or which
/// `December 11` is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tense {
    /// Past reference: the most recent such day not after the reference date.
    Past,
    /// Future reference: the next such day not before the reference date.
    Future,
}

/// What kind of temporal expression was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeKind {
    /// Names its date on its own (`December 11, 2019`, `2007`, `the 1990s`).
    Absolute,
    /// Needs the reference date (`last year`, `on Monday`, `December 11`).
    Relative,
    /// Needs the date of another event (`less than a month after`); resolve with
    /// [`resolve_relative_to`].
    Anchored(AnchorOffset),
    /// A time reference too vague to name a period (`in recent weeks`); never has a value.
    Vague,
}

/// One temporal expression found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeMatch {
    /// Byte offset of the first char.
    pub start: usize,
    /// Byte offset after the last char.
    pub end: usize,
    /// Kind of expression.
    pub kind: TimeKind,
    /// The normalized date, when it could be resolved; its `text` is the matched text.
    pub value: Option<DateValue>,
}

/// Finds temporal expressions in `text`, resolving relative ones against `base` (the
/// publication date) with the tense read from each sentence.
///
/// A day phrase the text dates anywhere (`Yesterday, day five of the tournament,`) has that
/// date wherever else it stands (a headline's `day five`).
pub fn find_dates(text: &str, base: Option<Date>) -> Vec<TimeMatch> {
    let mut first = Timeline::default();
    find_dates_in(text, 0, base, None, &mut first);
    if first.phrases.is_empty() {
        return find_dates_in(text, 0, base, None, &mut Timeline::default());
    }
    let mut timeline = Timeline { phrases: first.phrases, ..Timeline::default() };
    find_dates_in(text, 0, base, None, &mut timeline)
}

/// Finds temporal expressions in `clause`, a piece of a document starting at byte
/// `offset`; spans are returned in document bytes. `tense` overrides the tense read from
/// the sentence (pass the parser's verb tense when it is known). Expressions that point
/// back at an earlier date (`the year before`) only see the dates of `clause`; use
/// [`find_dates_in`] to carry them across a document's sentences.
pub fn find_dates_at(
    clause: &str,
    offset: usize,
    base: Option<Date>,
    tense: Option<Tense>,
) -> Vec<TimeMatch> {
    find_dates_in(clause, offset, base, tense, &mut Timeline::default())
}

/// The dates a document has named so far, for the expressions that point back at the last
/// one: `the year before`, `that day`, `the following week`, `two days later`, and a day
/// phrase in apposition (`on Saturday night, the opening night`). Keep one per document
/// and pass it to [`find_dates_in`] for its pieces in reading order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Timeline {
    last: Option<DateValue>,
    /// The single day the text named last: the day the narrative is at, even after a
    /// mention of a longer period (`day five of the 2018 World Cup`).
    last_day: Option<DateValue>,
    /// Day phrases dated by apposition (`opening night`), by their lowercase words.
    phrases: Vec<(String, DateValue)>,
}

impl Timeline {
    /// The date the text named last, if any.
    pub fn last(&self) -> Option<&DateValue> {
        self.last.as_ref()
    }

    /// Records `v` as the date named last.
    fn named(&mut self, v: &DateValue) {
        if v.start == v.end && v.start.len() == 10 {
            self.last_day = Some(v.clone());
        }
        self.last = Some(v.clone());
    }

    /// The date of a day phrase (`the opening night`) dated earlier in the document.
    fn phrase(&self, key: &str) -> Option<&DateValue> {
        self.phrases.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

/// The words of a day phrase without a leading `the`, lowercased; `None` for a bare head
/// (`the day`), too common to mean the same day throughout a document.
fn phrase_key(toks: &[token::Token<'_>], i: usize, end: usize) -> Option<String> {
    let start = if toks[i].lower == "the" { i + 1 } else { i };
    (end - start >= 2)
        .then(|| toks[start..end].iter().map(|t| t.lower.as_str()).collect::<Vec<_>>().join(" "))
}

/// [`find_dates_at`] for one piece of a document read in order: expressions pointing back
/// at an earlier date are resolved against `timeline`, which then learns the piece's dates.
pub fn find_dates_in(
    clause: &str,
    offset: usize,
    base: Option<Date>,
    tense: Option<Tense>,
    timeline: &mut Timeline,
) -> Vec<TimeMatch> {
    let toks = tokenize(clause);
    let g = Grammar::new(&toks);
    let mut out = Vec::new();
    // token end and value of the last expression found, for apposition
    let mut prev: Option<(usize, Option<DateValue>)> = None;
    let mut i = 0;
    while i < toks.len() {
        let Some(p) = g.parse_at(i).filter(|p| p.end > i) else {
            if let Some(end) = g.day_phrase(i)
                && let Some(v) = apposed_day(&g, &toks, i, end, prev.as_ref(), base, tense)
                    .inspect(|v| {
                        if let Some(key) = phrase_key(&toks, i, end)
                            && timeline.phrase(&key).is_none()
                        {
                            timeline.phrases.push((key, v.clone()));
                        }
                    })
                    .or_else(|| phrase_key(&toks, i, end).and_then(|k| timeline.phrase(&k).cloned()))
            {
                let (start, stop) = (toks[i].start, toks[end - 1].end);
                let v = DateValue { text: Some(clause[start..stop].to_string()), ..v };
                timeline.named(&v);
                prev = Some((end, Some(v.clone())));
                out.push(TimeMatch {
                    start: start + offset,
                    end: stop + offset,
                    kind: TimeKind::Relative,
                    value: Some(v),
                });
                i = end;
                continue;
            }
            i += 1;
            continue;
        };
        let (start, end) = (toks[i].start, toks[p.end - 1].end);
        let t = tense.unwrap_or_else(|| tense::detect(&toks, i, p.end));
        let expr = if p.expr == Expr::DayOffset(0) && tense.is_none() && generic_today(&toks, i, p.end) {
            Expr::Vague
        } else {
            p.expr
        };
        let kind = kind_of(&expr);
        let value = match &expr {
            Expr::Anaphoric { unit, shift } => {
                timeline.last.as_ref().and_then(|l| resolve::from_previous(l, *unit, i64::from(*shift)))
            }
            // "two days later", "a year earlier": counted from the date named last; "two
            // days after the attack" names its own anchor and is left to the caller
            Expr::Anchored(off) if off.bound == Bound::Exactly => {
                let sign = match toks[p.end - 1].lower.as_str() {
                    "later" => 1,
                    "earlier" => -1,
                    _ => 0,
                };
                match (timeline.last.as_ref(), off.amount) {
                    (Some(l), Some(n)) if sign != 0 => resolve::shifted(l, n * sign, off.unit),
                    _ => None,
                }
            }
            Expr::DayOffset(_) => resolve::resolve(&expr, speech_day(&toks, i, p.end, timeline, base), t),
            _ => resolve::resolve(&expr, base, t),
        }
        .map(|mut v| {
            v.text = Some(clause[start..end].to_string());
            v
        });
        // a span up to the reference date names no date of its own
        if let Some(v) = &value
            && !matches!(expr, Expr::Since(_) | Expr::PastSpan { .. })
        {
            timeline.named(v);
        }
        prev = Some((p.end, value.clone()));
        out.push(TimeMatch { start: start + offset, end: end + offset, kind, value });
        i = p.end;
    }
    out
}

/// The day a day phrase at tokens `i..end` (`the opening night`) names by apposition: the
/// single day just before it (`on Saturday night, the opening night`) or just after it
/// (`Opening night, January 23, 2014,`).
fn apposed_day(
    g: &Grammar<'_, '_>,
    toks: &[token::Token<'_>],
    i: usize,
    end: usize,
    prev: Option<&(usize, Option<DateValue>)>,
    base: Option<Date>,
    tense: Option<Tense>,
) -> Option<DateValue> {
    let single = |v: &DateValue| v.start == v.end && v.start.len() == 10;
    let comma = |k: usize| toks.get(k).is_some_and(|t| t.is_punct(','));
    if i > 0
        && comma(i - 1)
        && let Some((pend, Some(v))) = prev
        && single(v)
    {
        let part_of_day =
            |k: usize| matches!(toks[k].lower.as_str(), "night" | "morning" | "evening" | "afternoon");
        if *pend == i - 1 || (*pend + 2 == i && part_of_day(i - 2)) {
            return Some(v.clone());
        }
    }
    if comma(end) {
        let p = g.parse_at(end + 1)?;
        let t = tense.unwrap_or_else(|| tense::detect(toks, end + 1, p.end));
        let v = resolve::resolve(&p.expr, base, t)?;
        return single(&v).then_some(v);
    }
    None
}

/// The day a `today`, `yesterday` or `tomorrow` at tokens `i..end` counts from. Usually
/// the publication date `base`; but inside a direct quote reported in the past (`After the
/// match, the coach said, "... today's game."`) the words were spoken on the day the
/// narrative is at, the single day the text named last, when that day is in the week before
/// `base`. Further back, the speech could be any day since, and `base` is kept.
fn speech_day(
    toks: &[token::Token<'_>],
    i: usize,
    end: usize,
    timeline: &Timeline,
    base: Option<Date>,
) -> Option<Date> {
    let b = base?;
    let narrated = timeline
        .last_day
        .as_ref()
        .and_then(|v| value::parse_bound(&v.start, false))
        .filter(|d| *d < b && value::add(*d, 7, Unit::Day).is_some_and(|w| w >= b));
    match narrated {
        Some(d) if tense::in_past_quote(toks, i, end) => Some(d),
        _ => base,
    }
}

/// True when `today` at `i` means "nowadays": in a sentence with no past or future cue
/// ("magic is alive today"), or in a comparison ("as strong today as", "today than ever").
fn generic_today(toks: &[token::Token<'_>], i: usize, end: usize) -> bool {
    if toks[i].lower != "today" {
        return false;
    }
    let next = toks.get(end).map(|t| t.lower.as_str());
    // "the size it is today", "books I still own today"
    let before = |k: usize| i >= k && matches!(toks[i - k].lower.as_str(), "is" | "are" | "still");
    matches!(next, Some("than" | "as")) || before(1) || before(2) || tense::cue(toks, i, end).is_none()
}

/// The kind of a parsed expression.
fn kind_of(expr: &Expr) -> TimeKind {
    match expr {
        Expr::Date { .. }
        | Expr::MonthOfYear { .. }
        | Expr::Year(_)
        | Expr::Decade(_)
        | Expr::Century(_)
        | Expr::Season { year: expr::YearRef::Abs(_), .. } => TimeKind::Absolute,
        Expr::Part { inner, .. } => match kind_of(inner) {
            TimeKind::Absolute => TimeKind::Absolute,
            _ => TimeKind::Relative,
        },
        Expr::Anchored(a) => TimeKind::Anchored(*a),
        Expr::Vague => TimeKind::Vague,
        _ => TimeKind::Relative,
    }
}
