//! What the grammar reads before anything is resolved: a temporal expression as a tree.

use jiff::civil::Weekday;

use super::anchor::AnchorOffset;
use super::lexicon::{Season, Unit};

/// Which occurrence of a weekday, month or weekend is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shift {
    /// No word says: the tense decides.
    Bare,
    /// `last Monday`: strictly before the reference date.
    Last,
    /// `this Monday`: within the current week (month or year).
    This,
    /// `next Monday`: strictly after the reference date.
    Next,
}

/// A year given absolutely or relative to the reference date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum YearRef {
    /// `summer of 2012`.
    Abs(i16),
    /// `last summer`, `this summer`, `next summer`.
    Rel(Shift),
}

/// Part of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    /// `early 2019`.
    Early,
    /// `mid-2019`.
    Mid,
    /// `late September`.
    Late,
    /// `earlier this year`: from the start of the period to the reference date.
    Earlier,
    /// `later this year`: from the reference date to the end of the period.
    Later,
    /// `the end of the year`: its last day.
    End,
}

/// A temporal expression before resolution.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Expr {
    /// A full date.
    Date { y: i16, m: i8, d: i8 },
    /// `March 2020`.
    MonthOfYear { y: i16, m: i8 },
    /// `2007`.
    Year(i16),
    /// `the 1990s` (first year).
    Decade(i16),
    /// `the 20th century` (first year, e.g. 1900).
    Century(i16),
    /// `the past century`: the century before the reference date's.
    LastCentury,
    /// `December 11` with no year; `this_year` when `this year` follows; `weekday` when one
    /// comes before (`Tuesday, March 5`) and can pick the year.
    MonthDay { m: i8, d: i8, this_year: bool, weekday: Option<Weekday> },
    /// `March` with no year.
    Month { m: i8, shift: Shift },
    /// `Monday`, `last Monday`.
    Weekday { wd: Weekday, shift: Shift },
    /// `today` (0), `yesterday` (-1), `tomorrow` (1).
    DayOffset(i32),
    /// `last week` (-1), `this month` (0), `next year` (1).
    Calendar { unit: Unit, shift: i32 },
    /// `this weekend`, `last weekend`.
    Weekend(Shift),
    /// `summer of 2012`, `last summer`.
    Season { season: Season, year: YearRef },
    /// `two weeks ago`.
    Ago { n: i64, unit: Unit },
    /// `the past 30 days`.
    PastSpan { n: i64, unit: Unit },
    /// `late 2019`, `earlier this summer`, `the end of the year`.
    Part { part: Part, inner: Box<Expr> },
    /// `since at least 2007`.
    Since(Box<Expr>),
    /// `'09`, or `84` in `Reagan in 80 and 84`: a year written with two digits; the
    /// century is the one that puts it nearest the reference date (at most ten years ahead).
    ShortYear(i16),
    /// `after an 11-year lull`: a pause of `n` units that ended at the reference date.
    Lapse { n: i64, unit: Unit },
    /// `the year before`, `the following day`, `that day`: the period `shift` units away
    /// from the date the text named last.
    Anaphoric { unit: Unit, shift: i32 },
    /// `less than a month after`: needs the date of the thing it is relative to.
    Anchored(AnchorOffset),
    /// `in recent weeks`: a time reference too vague to give a date.
    Vague,
}
