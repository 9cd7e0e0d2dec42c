//! Gold date values of GUM (`when`, `from`/`to`, `notBefore`/`notAfter`) and how a
//! predicted [`DateValue`] is compared with them.
//!
//! * `when`: the predicted interval must be exactly the gold one (`when="2017"` wants the
//!   year 2017, not a day in it).
//! * `from`/`to` and `notBefore`/`notAfter` with both ends: each predicted end must fall
//!   within the period its gold end names (`from="2012-06"` accepts any start in June 2012).
//! * A gold value with one end only (`notAfter="2012-03"`) is open-ended; a `DateValue`
//!   always has two ends, so it never matches (counted apart as `gold_open_ended`).
//! * Gold values without a year (`--10`, `--09-15`) take the year of the prediction.

use claimgraph_core::extraction::DateValue;
use jiff::civil::Date;

use super::super::value::parse_bound;

/// A gold bound, possibly without a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct GoldBound {
    pub year: Option<i16>,
    pub month: Option<i8>,
    pub day: Option<i8>,
}

impl GoldBound {
    /// Parses `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `YYYY-MM-DDThh:mm:ss`, `--MM`, `--MM-DD`
    /// and the stray `-YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<GoldBound> {
        let s = s.split('T').next()?;
        if let Some(rest) = s.strip_prefix("--") {
            let mut p = rest.split('-');
            let month = Some(p.next()?.parse().ok()?);
            let day = match p.next() {
                Some(d) => Some(d.parse().ok()?),
                None => None,
            };
            return Some(GoldBound { year: None, month, day });
        }
        let s = s.strip_prefix('-').unwrap_or(s);
        let mut p = s.split('-');
        let year = Some(p.next()?.parse().ok()?);
        let month = match p.next() {
            Some(m) => Some(m.parse().ok()?),
            None => None,
        };
        let day = match p.next() {
            Some(d) => Some(d.parse().ok()?),
            None => None,
        };
        Some(GoldBound { year, month, day })
    }

    /// First and last day of the period, in `year` when the bound has none.
    fn period(self, year: i16) -> Option<(Date, Date)> {
        let y = self.year.unwrap_or(year);
        match (self.month, self.day) {
            (Some(m), Some(d)) => {
                let x = Date::new(y, m, d).ok()?;
                Some((x, x))
            }
            (Some(m), None) => {
                let x = Date::new(y, m, 1).ok()?;
                Some((x, x.last_of_month()))
            }
            _ => Some((Date::new(y, 1, 1).ok()?, Date::new(y, 12, 31).ok()?)),
        }
    }
}

/// A gold date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GoldDate {
    /// `when`.
    When(GoldBound),
    /// `from`/`to` or `notBefore`/`notAfter` with both ends.
    Between(GoldBound, GoldBound),
    /// Only one end given.
    OpenEnded,
}

impl GoldDate {
    /// Reads the gold value of a `<date>` tag; `attr` looks up an attribute.
    pub fn from_tag<'a>(_tag: &str, attr: impl Fn(&str) -> Option<&'a str>) -> Option<GoldDate> {
        if let Some(w) = attr("when") {
            return Some(GoldDate::When(GoldBound::parse(w)?));
        }
        let a = attr("from").or_else(|| attr("notBefore"));
        let b = attr("to").or_else(|| attr("notAfter"));
        match (a, b) {
            (Some(a), Some(b)) => Some(GoldDate::Between(GoldBound::parse(a)?, GoldBound::parse(b)?)),
            (None, None) => None,
            _ => Some(GoldDate::OpenEnded),
        }
    }

    /// True when `pred` states this gold date.
    pub fn matches(&self, pred: &DateValue) -> bool {
        let (Some(a), Some(z)) = (parse_bound(&pred.start, false), parse_bound(&pred.end, true)) else {
            return false;
        };
        match *self {
            GoldDate::When(g) => g.period(a.year()) == Some((a, z)),
            GoldDate::Between(f, t) => {
                let (Some(fp), Some(tp)) = (f.period(a.year()), t.period(z.year())) else {
                    return false;
                };
                fp.0 <= a && a <= fp.1 && tp.0 <= z && z <= tp.1
            }
            GoldDate::OpenEnded => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use claimgraph_core::extraction::DatePrecision;

    fn dv(s: &str, e: &str) -> DateValue {
        DateValue { start: s.into(), end: e.into(), precision: DatePrecision::Range, text: None }
    }

    #[test]
    fn comparisons() {
        let when = |s| GoldDate::When(GoldBound::parse(s).unwrap());
        assert!(when("2017").matches(&dv("2017", "2017")));
        assert!(!when("2017").matches(&dv("2017-07-18", "2017-07-18")));
        assert!(when("--10").matches(&dv("2013-10", "2013-10")));
        assert!(when("-2009-03-13").matches(&dv("2009-03-13", "2009-03-13")));
        assert!(when("2010-09-04T22:30:00").matches(&dv("2010-09-04", "2010-09-04")));
        let between = GoldDate::Between(GoldBound::parse("1981").unwrap(), GoldBound::parse("2011").unwrap());
        assert!(between.matches(&dv("1981-04-13", "2011-04-13")));
        assert!(!between.matches(&dv("1980-04-13", "2011-04-13")));
        assert!(!GoldDate::OpenEnded.matches(&dv("2011", "2011")));
        assert!(!when("2017").matches(&dv("x", "2017")));
    }
}
