//! Turns a parsed [`Expr`] into a [`DateValue`], given the reference date (the report's
//! publication date) and whether the sentence speaks of the past or the future.

use claimgraph_core::extraction::{DatePrecision, DateValue};
use jiff::civil::{Date, Weekday};

use super::Tense;
use super::expr::{Expr, Part, Shift, YearRef};
use super::lexicon::{Season, Unit};
use super::value::{
    add, day_value, format_day, month_value, parse_bound, range_value, year_value, years_value,
};

/// Resolves `expr`; `None` when it needs a reference date and has none, when the date
/// does not exist, or when the expression is too vague to name a date.
pub(crate) fn resolve(expr: &Expr, base: Option<Date>, tense: Tense) -> Option<DateValue> {
    match *expr {
        Expr::Date { y, m, d } => Some(day_value(Date::new(y, m, d).ok()?)),
        Expr::MonthOfYear { y, m } => month_value(y, m),
        Expr::Year(y) => year_value(y),
        Expr::Decade(y) => years_value(y, y.checked_add(9)?),
        Expr::Century(y) => years_value(y, y.checked_add(99)?),
        Expr::LastCentury => {
            let c = base?.year() / 100 * 100 - 100;
            years_value(c, c + 99)
        }
        Expr::MonthDay { m, d, this_year, weekday } => {
            let base = base?;
            match weekday.and_then(|wd| month_day_by_weekday(base, m, d, wd, tense)) {
                Some(v) => Some(v),
                None => month_day(base, m, d, this_year, tense),
            }
        }
        Expr::Month { m, shift } => month(base?, m, shift, tense),
        Expr::Weekday { wd, shift } => Some(day_value(weekday(base?, wd, shift, tense)?)),
        Expr::DayOffset(n) => Some(day_value(add(base?, i64::from(n), Unit::Day)?)),
        Expr::Calendar { unit, shift } => calendar(base?, unit, i64::from(shift)),
        Expr::Weekend(shift) => weekend(base?, shift, tense),
        Expr::Season { season, year } => season_value(base, season, year),
        Expr::Ago { n, unit } => ago(base?, n, unit),
        Expr::PastSpan { n, unit } => {
            let base = base?;
            let start = add(base, -n, unit)?;
            Some(DateValue {
                start: format_day(start),
                end: format_day(base),
                precision: DatePrecision::Range,
                text: None,
            })
        }
        Expr::Part { part, ref inner } => part_of(part, inner, base, tense),
        Expr::Since(ref inner) => {
            let base = base?;
            let v = resolve(inner, Some(base), Tense::Past)?;
            if parse_bound(&v.start, false)? > base {
                return None;
            }
            Some(DateValue {
                start: v.start,
                end: format_day(base),
                precision: DatePrecision::Range,
                text: None,
            })
        }
        Expr::ShortYear(n) => short_year(base?, n),
        Expr::Lapse { n, unit } => lapse(base?, n, unit, tense),
        // dated from the text before them, see `from_previous` and the finder
        Expr::Anaphoric { .. } => None,
        Expr::Anchored(_) | Expr::Vague => None,
    }
}

/// `after an 11-year lull` (reported in 2015): the pause ran from 2004 to 2015, given in
/// whole units since the text counts in them (years for years, months for months, days for
/// shorter units). A pause ending in the future (`will resume after a two-year break`)
/// gives `None`.
fn lapse(base: Date, n: i64, unit: Unit, tense: Tense) -> Option<DateValue> {
    if tense == Tense::Future || n <= 0 {
        return None;
    }
    let start = add(base, -n, unit)?;
    match unit {
        Unit::Year | Unit::Decade => years_value(start.year(), base.year()),
        Unit::Month => range_value(start.first_of_month(), base.last_of_month()),
        Unit::Week | Unit::Day => range_value(start, base),
    }
}

/// `'09` read against `base`: the year ending in those two digits that is nearest before
/// `base`, or at most ten years after it (`'24` in 2020 is 2024, `'98` is 1998).
fn short_year(base: Date, n: i16) -> Option<DateValue> {
    if !(0..100).contains(&n) {
        return None;
    }
    let by = base.year();
    let mut y = by - by.rem_euclid(100) + n;
    if y > by + 10 {
        y -= 100;
    }
    year_value(y)
}

/// The period `shift` units away from `prev`, the date the text named last: `the year
/// before` 2015 is 2014, `the next day` after 2015-05-05 is 2015-05-06, `that year` after
/// May 16, 2015 is 2015. `None` when `prev` is not within one such unit (`the day before`
/// a whole year).
pub(crate) fn from_previous(prev: &DateValue, unit: Unit, shift: i64) -> Option<DateValue> {
    let a = parse_bound(&prev.start, false)?;
    let b = parse_bound(&prev.end, true)?;
    match unit {
        Unit::Day if a == b => Some(day_value(add(a, shift, Unit::Day)?)),
        Unit::Week if week_start(a)? == week_start(b)? => {
            let monday = add(week_start(a)?, shift, Unit::Week)?;
            range_value(monday, add(monday, 6, Unit::Day)?)
        }
        Unit::Month if (a.year(), a.month()) == (b.year(), b.month()) => {
            let first = add(a.first_of_month(), shift, Unit::Month)?;
            month_value(first.year(), first.month())
        }
        Unit::Year if a.year() == b.year() => year_value(i16::try_from(i64::from(a.year()) + shift).ok()?),
        _ => None,
    }
}

/// `two days later`, `a year earlier` counted from `prev`, the date the text named last
/// (`n` is negative for `earlier`). The result is as fine as `prev`: a day from a day, a
/// month or year from a whole month or year when the unit is not finer; else `None`.
pub(crate) fn shifted(prev: &DateValue, n: i64, unit: Unit) -> Option<DateValue> {
    let a = parse_bound(&prev.start, false)?;
    let b = parse_bound(&prev.end, true)?;
    let coarse = |u: Unit| matches!(u, Unit::Year | Unit::Decade);
    if a == b {
        return Some(day_value(add(a, n, unit)?));
    }
    let whole_year = (a.month(), a.day(), b.month(), b.day()) == (1, 1, 12, 31) && a.year() == b.year();
    if whole_year && coarse(unit) {
        return year_value(add(a, n, unit)?.year());
    }
    let whole_month = a.day() == 1 && b == a.last_of_month();
    if whole_month && (coarse(unit) || unit == Unit::Month) {
        let first = add(a, n, unit)?;
        return month_value(first.year(), first.month());
    }
    None
}

/// How many days before the reference date a future-tense `January 23` may still be.
const FUTURE_SLACK_DAYS: i64 = 14;

/// `December 11`: the most recent such day not after `base` for past reference, the next
/// one not before it for future reference.
fn month_day(base: Date, m: i8, d: i8, this_year: bool, tense: Tense) -> Option<DateValue> {
    let y = base.year();
    let here = Date::new(y, m, d).ok();
    let pick = if this_year {
        here?
    } else {
        match tense {
            Tense::Past => match here {
                Some(h) if h <= base => h,
                _ => Date::new(y - 1, m, d).ok()?,
            },
            // a future-tense sentence may speak of something that began days ago
            // ("is to run from January 23" in a report of January 28)
            Tense::Future => match here {
                Some(h) if h >= add(base, -FUTURE_SLACK_DAYS, Unit::Day)? => h,
                _ => Date::new(y + 1, m, d).ok()?,
            },
        }
    };
    Some(day_value(pick))
}

/// `Tuesday, March 5`: the year (within one of `base`'s) where March 5 is a Tuesday; when
/// two qualify, the tense picks as for a bare `March 5`. `None` when no year fits.
fn month_day_by_weekday(base: Date, m: i8, d: i8, wd: Weekday, tense: Tense) -> Option<DateValue> {
    let fits: Vec<Date> = (base.year() - 1..=base.year() + 1)
        .filter_map(|y| Date::new(y, m, d).ok())
        .filter(|c| c.weekday() == wd)
        .collect();
    match fits.as_slice() {
        [one] => Some(day_value(*one)),
        [] => None,
        _ => {
            let v = month_day(base, m, d, false, tense)?;
            let picked = parse_bound(&v.start, false)?;
            fits.contains(&picked).then_some(v)
        }
    }
}

/// `in March`: the most recent March not after `base`'s month (past), or the next one.
fn month(base: Date, m: i8, shift: Shift, tense: Tense) -> Option<DateValue> {
    let (y, bm) = (base.year(), base.month());
    let year = match (shift, tense) {
        (Shift::Bare, Tense::Past) => {
            if m <= bm {
                y
            } else {
                y - 1
            }
        }
        (Shift::Bare, Tense::Future) => {
            if m >= bm {
                y
            } else {
                y + 1
            }
        }
        (Shift::Last, _) => {
            if m < bm {
                y
            } else {
                y - 1
            }
        }
        (Shift::Next, _) => {
            if m > bm {
                y
            } else {
                y + 1
            }
        }
        (Shift::This, _) => y,
    };
    month_value(year, m)
}

/// `on Monday`: the most recent Monday on or before `base` (past; the same day when the
/// report is from a Monday, as news style uses the weekday for "today"), the next one on or
/// after it (future); `last`/`next` exclude `base` itself; `this` stays in `base`'s week.
fn weekday(base: Date, wd: Weekday, shift: Shift, tense: Tense) -> Option<Date> {
    let same = base.weekday() == wd;
    match (shift, tense) {
        (Shift::Bare, Tense::Past) if same => Some(base),
        (Shift::Bare, Tense::Future) if same => Some(base),
        (Shift::Bare, Tense::Past) | (Shift::Last, _) => base.nth_weekday(-1, wd).ok(),
        (Shift::Bare, Tense::Future) | (Shift::Next, _) => base.nth_weekday(1, wd).ok(),
        (Shift::This, _) => {
            let monday = week_start(base)?;
            add(monday, i64::from(wd.to_monday_zero_offset()), Unit::Day)
        }
    }
}

/// Monday of `d`'s week.
fn week_start(d: Date) -> Option<Date> {
    add(d, -i64::from(d.weekday().to_monday_zero_offset()), Unit::Day)
}

/// `last week` (Monday to Sunday), `this month`, `next year`.
fn calendar(base: Date, unit: Unit, shift: i64) -> Option<DateValue> {
    match unit {
        Unit::Week => {
            let monday = add(week_start(base)?, shift, Unit::Week)?;
            range_value(monday, add(monday, 6, Unit::Day)?)
        }
        Unit::Month => {
            let first = add(base.first_of_month(), shift, Unit::Month)?;
            month_value(first.year(), first.month())
        }
        Unit::Year => year_value(i16::try_from(i64::from(base.year()) + shift).ok()?),
        Unit::Day => Some(day_value(add(base, shift, Unit::Day)?)),
        Unit::Decade => None,
    }
}

/// `this weekend` (the current one, else the last one for past reference or the coming one
/// for future reference), `last weekend`, `next weekend`.
fn weekend(base: Date, shift: Shift, tense: Tense) -> Option<DateValue> {
    let offset = base.weekday().to_monday_zero_offset(); // Saturday = 5, Sunday = 6
    let this_saturday = add(week_start(base)?, 5, Unit::Day)?;
    let in_weekend = offset >= 5;
    let saturday = match (shift, tense) {
        (Shift::Bare | Shift::This, _) if in_weekend => this_saturday,
        (Shift::Bare | Shift::This, Tense::Past) | (Shift::Last, _) => add(this_saturday, -1, Unit::Week)?,
        (Shift::Bare | Shift::This, Tense::Future) => this_saturday,
        (Shift::Next, _) => {
            if in_weekend {
                add(this_saturday, 1, Unit::Week)?
            } else {
                this_saturday
            }
        }
    };
    range_value(saturday, add(saturday, 1, Unit::Day)?)
}

/// First and last day of `season` named by year `y` (winter: December of `y - 1` to
/// February of `y`).
fn season_bounds(season: Season, y: i16) -> Option<(Date, Date)> {
    let (a, b) = season.months();
    let start_year = if season == Season::Winter { y - 1 } else { y };
    Some((Date::new(start_year, a, 1).ok()?, Date::new(y, b, 1).ok()?.last_of_month()))
}

/// `summer of 2012`, `last summer`, `this summer`, `next summer`. An absolute winter is
/// ambiguous (which December?) and gives `None`.
fn season_value(base: Option<Date>, season: Season, year: YearRef) -> Option<DateValue> {
    let (a, b) = match year {
        YearRef::Abs(_) if season == Season::Winter => return None,
        YearRef::Abs(y) => season_bounds(season, y)?,
        YearRef::Rel(shift) => {
            let base = base?;
            let y = base.year();
            match shift {
                Shift::Last => {
                    let (a, b) = season_bounds(season, y)?;
                    if b < base { (a, b) } else { season_bounds(season, y - 1)? }
                }
                Shift::Next => {
                    let (a, b) = season_bounds(season, y)?;
                    if a > base { (a, b) } else { season_bounds(season, y + 1)? }
                }
                Shift::This | Shift::Bare => {
                    if season == Season::Winter {
                        // the winter containing `base`, if any
                        let (a, b) = if base.month() == 12 {
                            season_bounds(season, y + 1)?
                        } else {
                            season_bounds(season, y)?
                        };
                        if a > base || b < base {
                            return None;
                        }
                        (a, b)
                    } else {
                        season_bounds(season, y)?
                    }
                }
            }
        }
    };
    range_value(a, b)
}

/// `two weeks ago` (that week), `three months ago` (that month), `two years ago` (year).
fn ago(base: Date, n: i64, unit: Unit) -> Option<DateValue> {
    let then = add(base, -n, unit)?;
    match unit {
        Unit::Day => Some(day_value(then)),
        Unit::Week => {
            let monday = week_start(then)?;
            range_value(monday, add(monday, 6, Unit::Day)?)
        }
        Unit::Month => month_value(then.year(), then.month()),
        Unit::Year | Unit::Decade => year_value(then.year()),
    }
}

/// `early`/`mid`/`late` thirds of a year or decade and halves of a month (`late September`
/// is the 15th to the end, `early` the 1st to the 15th, `mid` the 10th to the 20th);
/// `earlier`/`later` this period up to or from `base`; `the end of` a period, its last day.
fn part_of(part: Part, inner: &Expr, base: Option<Date>, tense: Tense) -> Option<DateValue> {
    let v = resolve(inner, base, tense)?;
    let a = parse_bound(&v.start, false)?;
    let b = parse_bound(&v.end, true)?;
    match part {
        Part::End => Some(day_value(b)),
        Part::Earlier => range_value(a, b.min(base?)),
        Part::Later => range_value(a.max(base?), b),
        Part::Early | Part::Mid | Part::Late => {
            let pick = |early: (Date, Date), mid: (Date, Date), late: (Date, Date)| match part {
                Part::Early => early,
                Part::Mid => mid,
                _ => late,
            };
            let (s, e) = match v.precision {
                DatePrecision::Year => {
                    let y = a.year();
                    let d = |m, d| Date::new(y, m, d).ok();
                    pick((d(1, 1)?, d(4, 30)?), (d(5, 1)?, d(8, 31)?), (d(9, 1)?, d(12, 31)?))
                }
                DatePrecision::Month => {
                    let d = |day| Date::new(a.year(), a.month(), day).ok();
                    pick((d(1)?, d(15)?), (d(10)?, d(20)?), (d(15)?, b))
                }
                _ if a.year() % 10 == 0 && b.year() == a.year() + 9 => {
                    let y = a.year();
                    let d = |yy: i16, m, day| Date::new(yy, m, day).ok();
                    pick((a, d(y + 3, 12, 31)?), (d(y + 3, 1, 1)?, d(y + 6, 12, 31)?), (d(y + 7, 1, 1)?, b))
                }
                _ => return None,
            };
            range_value(s, e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i16, m: i8, d: i8) -> Date {
        Date::new(y, m, d).unwrap()
    }

    fn ends(v: Option<DateValue>) -> Option<(String, String)> {
        v.map(|v| (v.start, v.end))
    }

    fn pair(a: &str, b: &str) -> Option<(String, String)> {
        Some((a.into(), b.into()))
    }

    #[test]
    fn short_years_take_the_nearest_century() {
        let base = date(2015, 1, 6);
        assert_eq!(ends(short_year(base, 80)), pair("1980", "1980"));
        assert_eq!(ends(short_year(base, 8)), pair("2008", "2008"));
        assert_eq!(ends(short_year(base, 25)), pair("2025", "2025"));
        assert_eq!(ends(short_year(base, 26)), pair("1926", "1926"));
        assert!(short_year(base, 100).is_none());
    }

    #[test]
    fn counting_from_the_previous_date() {
        let day = day_value(date(2016, 9, 4));
        let year = year_value(2015).unwrap();
        let month = month_value(2019, 12).unwrap();
        assert_eq!(ends(from_previous(&day, Unit::Day, 1)), pair("2016-09-05", "2016-09-05"));
        assert_eq!(ends(from_previous(&day, Unit::Year, 0)), pair("2016", "2016"));
        assert_eq!(ends(from_previous(&day, Unit::Week, -1)), pair("2016-08-22", "2016-08-28"));
        assert_eq!(ends(from_previous(&year, Unit::Year, -1)), pair("2014", "2014"));
        assert_eq!(ends(from_previous(&month, Unit::Month, 1)), pair("2020-01", "2020-01"));
        assert!(from_previous(&year, Unit::Day, 1).is_none());
        assert!(from_previous(&year, Unit::Month, 0).is_none());
        assert_eq!(ends(shifted(&day, 2, Unit::Day)), pair("2016-09-06", "2016-09-06"));
        assert_eq!(ends(shifted(&year, 1, Unit::Year)), pair("2016", "2016"));
        assert_eq!(ends(shifted(&month, -6, Unit::Month)), pair("2019-06", "2019-06"));
        assert!(shifted(&year, 3, Unit::Day).is_none());
        assert!(shifted(&month, 3, Unit::Week).is_none());
    }

    #[test]
    fn lapses_count_back_in_their_unit() {
        let base = date(2015, 8, 21);
        assert_eq!(ends(lapse(base, 11, Unit::Year, Tense::Past)), pair("2004-01-01", "2015-12-31"));
        assert_eq!(ends(lapse(base, 3, Unit::Week, Tense::Past)), pair("2015-07-31", "2015-08-21"));
        assert!(lapse(base, 2, Unit::Year, Tense::Future).is_none());
        assert!(lapse(base, 0, Unit::Year, Tense::Past).is_none());
    }
}
