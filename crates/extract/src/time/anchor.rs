//! Dates relative to another event: `less than a month after the Bagram attack`,
//! `two days later`, `in the days after the attack`.
//!
//! The finder cannot know the anchor event's date; it returns the offset
//! ([`AnchorOffset`]) and the caller resolves it with [`resolve_relative_to`] once the
//! anchor's date is known.

use claimgraph_core::extraction::{DatePrecision, DateValue};
use jiff::civil::Date;

use super::lexicon::Unit;
use super::value::{add, day_value, format_day, parse_bound};

/// Whether the expression points after or before its anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// `after`, `later`, `following`.
    After,
    /// `before`, `earlier`, `prior to`.
    Before,
}

/// How the amount bounds the distance to the anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Bound {
    /// `two days after`: exactly that far.
    Exactly,
    /// `less than a month after`, `within a week of`: anywhere up to that far.
    AtMost,
    /// `more than a month after`: at least that far, open-ended.
    AtLeast,
    /// `in the days after`, `weeks after`: a few units, no number given.
    Few,
}

/// An offset from an anchor event, as read from the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AnchorOffset {
    /// Number of units; `None` with [`Bound::Few`].
    pub amount: Option<i64>,
    /// The unit.
    pub unit: Unit,
    /// After or before the anchor.
    pub direction: Direction,
    /// How the amount bounds the distance.
    pub bound: Bound,
}

/// How far "a few" units reach when resolving [`Bound::Few`]: `in the days after` covers
/// up to two weeks, `in the weeks after` two months, `in the months after` a year.
fn few_reach(unit: Unit) -> (i64, Unit) {
    match unit {
        Unit::Day => (14, Unit::Day),
        Unit::Week => (2, Unit::Month),
        Unit::Month => (12, Unit::Month),
        Unit::Year => (5, Unit::Year),
        Unit::Decade => (30, Unit::Year),
    }
}

/// Resolves `offset` against the date of its anchor event.
///
/// * `Exactly` with a single-day anchor gives a day (`two days after` 2019-12-11 is
///   2019-12-13); with a longer anchor it gives the shifted range.
/// * `AtMost` and `Few` give a range from the anchor to the farthest day
///   (`less than a month after` 2019-12-11 is 2019-12-11..2020-01-11).
/// * `AtLeast` is open-ended and gives `None`: no date is better than a wrong one.
///
/// Returns `None` when the anchor's bounds are not ISO dates.
pub fn resolve_relative_to(anchor: &DateValue, offset: &AnchorOffset) -> Option<DateValue> {
    let first = parse_bound(&anchor.start, false)?;
    let last = parse_bound(&anchor.end, true)?;
    let sign = match offset.direction {
        Direction::After => 1,
        Direction::Before => -1,
    };
    let range = |a: Date, b: Date| DateValue {
        start: format_day(a),
        end: format_day(b),
        precision: DatePrecision::Range,
        text: None,
    };
    match offset.bound {
        Bound::Exactly => {
            let n = offset.amount? * sign;
            let a = add(first, n, offset.unit)?;
            let b = add(last, n, offset.unit)?;
            if a == b { Some(day_value(a)) } else { Some(range(a, b)) }
        }
        Bound::AtMost | Bound::Few => {
            let (n, unit) = match (offset.bound, offset.amount) {
                (Bound::AtMost, Some(n)) => (n, offset.unit),
                _ => few_reach(offset.unit),
            };
            match offset.direction {
                Direction::After => Some(range(first, add(last, n, unit)?)),
                Direction::Before => Some(range(add(first, -n, unit)?, last)),
            }
        }
        Bound::AtLeast => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dv(start: &str, end: &str, precision: DatePrecision) -> DateValue {
        DateValue { start: start.into(), end: end.into(), precision, text: None }
    }

    #[test]
    fn less_than_a_month_after_bagram() {
        let anchor = dv("2019-12-11", "2019-12-11", DatePrecision::Day);
        let off = AnchorOffset {
            amount: Some(1),
            unit: Unit::Month,
            direction: Direction::After,
            bound: Bound::AtMost,
        };
        let v = resolve_relative_to(&anchor, &off).unwrap();
        assert_eq!((v.start.as_str(), v.end.as_str()), ("2019-12-11", "2020-01-11"));
        assert_eq!(v.precision, DatePrecision::Range);
    }

    #[test]
    fn exact_offsets_and_open_ones() {
        let anchor = dv("2019-12-11", "2019-12-11", DatePrecision::Day);
        let two_days_before = AnchorOffset {
            amount: Some(2),
            unit: Unit::Day,
            direction: Direction::Before,
            bound: Bound::Exactly,
        };
        assert_eq!(
            resolve_relative_to(&anchor, &two_days_before).unwrap(),
            dv("2019-12-09", "2019-12-09", DatePrecision::Day)
        );
        let month = dv("2019-12", "2019-12", DatePrecision::Month);
        let week_after = AnchorOffset {
            amount: Some(1),
            unit: Unit::Week,
            direction: Direction::After,
            bound: Bound::Exactly,
        };
        assert_eq!(
            resolve_relative_to(&month, &week_after).unwrap(),
            dv("2019-12-08", "2020-01-07", DatePrecision::Range)
        );
        let open = AnchorOffset { bound: Bound::AtLeast, ..week_after };
        assert!(resolve_relative_to(&anchor, &open).is_none());
        let days_after =
            AnchorOffset { amount: None, unit: Unit::Day, direction: Direction::After, bound: Bound::Few };
        assert_eq!(
            resolve_relative_to(&anchor, &days_after).unwrap(),
            dv("2019-12-11", "2019-12-25", DatePrecision::Range)
        );
        assert!(resolve_relative_to(&dv("soon", "soon", DatePrecision::Day), &days_after).is_none());
    }
}
