//! Building [`DateValue`]s and the calendar arithmetic behind them (on `jiff`).

use claimgraph_core::extraction::{DatePrecision, DateValue};
use jiff::Span;
use jiff::civil::Date;

use super::lexicon::Unit;

/// `YYYY-MM-DD`.
pub(crate) fn format_day(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// A single day.
pub(crate) fn day_value(d: Date) -> DateValue {
    let s = format_day(d);
    DateValue { start: s.clone(), end: s, precision: DatePrecision::Day, text: None }
}

/// A calendar month (`YYYY-MM` both ends).
pub(crate) fn month_value(y: i16, m: i8) -> Option<DateValue> {
    Date::new(y, m, 1).ok()?;
    let s = format!("{y:04}-{m:02}");
    Some(DateValue { start: s.clone(), end: s, precision: DatePrecision::Month, text: None })
}

/// A calendar year (`YYYY` both ends).
pub(crate) fn year_value(y: i16) -> Option<DateValue> {
    Date::new(y, 1, 1).ok()?;
    let s = format!("{y:04}");
    Some(DateValue { start: s.clone(), end: s, precision: DatePrecision::Year, text: None })
}

/// Any interval of days; a one-day interval is a day, a whole month a month, a whole year a
/// year, so that equal intervals always look the same.
pub(crate) fn range_value(a: Date, b: Date) -> Option<DateValue> {
    if a > b {
        return None;
    }
    if a == b {
        return Some(day_value(a));
    }
    if a.day() == 1 && b == a.last_of_month() {
        return month_value(a.year(), a.month());
    }
    if a.month() == 1 && a.day() == 1 && b.year() == a.year() && b.month() == 12 && b.day() == 31 {
        return year_value(a.year());
    }
    Some(DateValue { start: format_day(a), end: format_day(b), precision: DatePrecision::Range, text: None })
}

/// Years `a..=b` as a range (`1990`..`1999`).
pub(crate) fn years_value(a: i16, b: i16) -> Option<DateValue> {
    if a == b {
        return year_value(a);
    }
    Date::new(a, 1, 1).ok()?;
    Date::new(b, 1, 1).ok()?;
    Some(DateValue {
        start: format!("{a:04}-01-01"),
        end: format!("{b:04}-12-31"),
        precision: DatePrecision::Range,
        text: None,
    })
}

/// `d` moved by `n` units (months clamp to the month's last day).
pub(crate) fn add(d: Date, n: i64, unit: Unit) -> Option<Date> {
    let span = match unit {
        Unit::Day => Span::new().try_days(n).ok()?,
        Unit::Week => Span::new().try_weeks(n).ok()?,
        Unit::Month => Span::new().try_months(n).ok()?,
        Unit::Year => Span::new().try_years(n).ok()?,
        Unit::Decade => Span::new().try_years(n.checked_mul(10)?).ok()?,
    };
    d.checked_add(span).ok()
}

/// Reads a bound written `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (with an optional time after
/// `T`) as its first day, or its last day when `end` is true.
pub(crate) fn parse_bound(s: &str, end: bool) -> Option<Date> {
    let s = s.split('T').next()?;
    let mut parts = s.split('-');
    let y: i16 = parts.next()?.parse().ok()?;
    let m: Option<i8> = match parts.next() {
        Some(p) => Some(p.parse().ok()?),
        None => None,
    };
    let d: Option<i8> = match parts.next() {
        Some(p) => Some(p.parse().ok()?),
        None => None,
    };
    if parts.next().is_some() {
        return None;
    }
    match (m, d) {
        (Some(m), Some(d)) => Date::new(y, m, d).ok(),
        (Some(m), None) => {
            let first = Date::new(y, m, 1).ok()?;
            Some(if end { first.last_of_month() } else { first })
        }
        _ => Date::new(y, if end { 12 } else { 1 }, if end { 31 } else { 1 }).ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_bounds() {
        let d = Date::new(2020, 2, 29).unwrap();
        assert_eq!(format_day(d), "2020-02-29");
        assert_eq!(add(d, 1, Unit::Year).unwrap(), Date::new(2021, 2, 28).unwrap());
        assert_eq!(add(d, -1, Unit::Month).unwrap(), Date::new(2020, 1, 29).unwrap());
        assert_eq!(parse_bound("2019-02", true).unwrap(), Date::new(2019, 2, 28).unwrap());
        assert_eq!(parse_bound("2019", false).unwrap(), Date::new(2019, 1, 1).unwrap());
        assert_eq!(parse_bound("2010-09-04T22:30:00", false).unwrap(), Date::new(2010, 9, 4).unwrap());
        assert!(parse_bound("2019-13", false).is_none());
        let m = range_value(Date::new(2019, 12, 1).unwrap(), Date::new(2019, 12, 31).unwrap()).unwrap();
        assert_eq!((m.start.as_str(), m.precision), ("2019-12", DatePrecision::Month));
        assert!(range_value(Date::new(2019, 12, 2).unwrap(), Date::new(2019, 12, 1).unwrap()).is_none());
        assert!(month_value(2019, 13).is_none());
    }
}
