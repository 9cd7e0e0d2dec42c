//! Dates: finds temporal expressions in plain text and normalizes them to
//! [`DateValue`]s, resolving relative ones (`last year`, `on Monday`, `December 11`)
//! against the report's publication date.
//!
//! The rule throughout is that no date is better than a wrong one: expressions too vague
//! to name a period (`in recent weeks`, `several years ago`) are found but get no value,
//! and expressions relative to another event (`less than a month after the attack`) carry
//! an [`AnchorOffset`] for [`resolve_relative_to`] once that event's date is known.
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
pub fn find_dates(text: &str, base: Option<Date>) -> Vec<TimeMatch> {
    find_dates_at(text, 0, base, None)
}

/// Finds temporal expressions in `clause`, a piece of a document starting at byte
/// `offset`; spans are returned in document bytes. `tense` overrides the tense read from
/// the sentence (pass the parser's verb tense when it is known).
pub fn find_dates_at(
    clause: &str,
    offset: usize,
    base: Option<Date>,
    tense: Option<Tense>,
) -> Vec<TimeMatch> {
    let toks = tokenize(clause);
    let g = Grammar::new(&toks);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Some(p) = g.parse_at(i).filter(|p| p.end > i) else {
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
        let value = resolve::resolve(&expr, base, t).map(|mut v| {
            v.text = Some(clause[start..end].to_string());
            v
        });
        out.push(TimeMatch { start: start + offset, end: end + offset, kind, value });
        i = p.end;
    }
    out
}

/// True when `today` at `i` means "nowadays": in a sentence with no past or future cue
/// ("magic is alive today"), or in a comparison ("as strong today as", "today than ever").
fn generic_today(toks: &[token::Token<'_>], i: usize, end: usize) -> bool {
    if toks[i].lower != "today" {
        return false;
    }
    let next = toks.get(end).map(|t| t.lower.as_str());
    matches!(next, Some("than" | "as")) || tense::cue(toks, i, end).is_none()
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
