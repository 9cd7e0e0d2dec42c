//! The grammar of temporal expressions: reads an [`Expr`] from the tokens starting at a
//! position, or nothing.
//!
//! Every rule is written to fail rather than guess: a bare `May` needs a preposition before
//! it, a bare four-digit number needs a temporal preposition before it or no noun after it,
//! `the last week of` is not `last week`.

use super::anchor::{AnchorOffset, Bound, Direction};
use super::expr::{Expr, Part, Shift, YearRef};
use super::lexicon::{
    self, Unit, decade_word, is_month_abbreviation, is_ordinal_suffix, month, number_word, ordinal_word,
    season, tens_word, unit,
};
use super::token::{TokKind, Token, glued};

/// A parsed expression covering tokens `start..end`.
#[derive(Debug, Clone)]
pub(crate) struct Parsed {
    pub expr: Expr,
    pub end: usize,
}

/// Prepositions and modifiers after which a bare year or month name is a date.
const TEMPORAL_BEFORE: &[&str] = &[
    "in",
    "since",
    "by",
    "until",
    "till",
    "from",
    "of",
    "before",
    "after",
    "during",
    "between",
    "through",
    "throughout",
    "early",
    "late",
    "mid",
    "around",
    "circa",
    "and",
    "to",
    "or",
    "year",
    "as",
    "for",
    "on",
    "than",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "the",
    "this",
    "last",
    "next",
    "–",
    "-",
];

/// Words after which `May` and `March`, which are also ordinary words and names
/// ("Trump and May"), are months.
const MONTH_BEFORE: &[&str] = &[
    "in",
    "since",
    "by",
    "until",
    "till",
    "from",
    "before",
    "after",
    "during",
    "through",
    "throughout",
    "early",
    "late",
    "mid",
    "last",
    "next",
    "this",
    "of",
    "–",
    "-",
];

/// Words that may follow a bare year ("in 2007 the group ...", "2007 and 2008").
const AFTER_YEAR: &[&str] = &[
    "and",
    "to",
    "or",
    "when",
    "where",
    "the",
    "a",
    "an",
    "as",
    "after",
    "before",
    "through",
    "until",
    "till",
    "was",
    "is",
    "were",
    "had",
    "has",
    "in",
    "on",
    "at",
    "for",
    "with",
    "by",
    "that",
    "which",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "there",
    "season",
    "election",
    "elections",
    "census",
    "edition",
    "report",
    "study",
    "survey",
    "alone",
    "onwards",
    "onward",
    "are",
    "will",
    "would",
    "could",
    "can",
    "did",
    "does",
    "saw",
    "marked",
    "levels",
];

/// Nouns that make a four-digit number a count, not a year ("of 1709 schoolchildren",
/// "a 2000 year old tradition").
const COUNT_NOUNS: &[&str] = &[
    "people",
    "persons",
    "children",
    "schoolchildren",
    "students",
    "men",
    "women",
    "soldiers",
    "troops",
    "civilians",
    "fighters",
    "militants",
    "refugees",
    "migrants",
    "members",
    "votes",
    "voters",
    "residents",
    "workers",
    "employees",
    "year",
    "years",
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "metres",
    "meters",
    "feet",
    "tons",
    "tonnes",
    "dollars",
    "euros",
    "pounds",
    "copies",
    "units",
    "cases",
    "deaths",
    "homes",
    "houses",
    "hectares",
    "acres",
    "times",
    "pages",
    "words",
    "calories",
    "degrees",
    "hours",
    "days",
    "weeks",
    "months",
    "percent",
    "visitors",
    "users",
    "participants",
    "patients",
    "prisoners",
    "detainees",
];

/// Names of recurring events that a year after them numbers (`World Cup 2018`).
const EDITION_BEFORE: &[&str] = &[
    "cup",
    "olympics",
    "paralympics",
    "games",
    "expo",
    "euro",
    "championship",
    "championships",
    "eurovision",
    "summit",
    "festival",
    "biennale",
    "awards",
];

/// Words that may stand between the head of a day phrase and the rest of its sentence
/// (`the day the law took effect`, `the opening night of the show`).
const AFTER_DAY_PHRASE: &[&str] = &["of", "when", "that", "the", "before", "after", "in", "at", "and"];

/// Words that cannot modify the head of a day phrase.
const NOT_DAY_MODIFIER: &[&str] = &[
    "and",
    "or",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "with",
    "a",
    "an",
    "the",
    "that",
    "which",
    "was",
    "were",
    "is",
    "are",
    "his",
    "her",
    "their",
    "its",
    "this",
    "next",
    "last",
    "following",
    "previous",
    "same",
    "one",
    "every",
    "each",
    "all",
    "some",
    "any",
];

/// Nouns of a pause that an event ends (`resumed after an 11-year lull`).
const LAPSE_NOUNS: &[&str] = &["lull", "hiatus", "break", "absence", "gap", "pause", "drought", "silence"];

/// Reads expressions from a token slice.
pub(crate) struct Grammar<'t, 'a> {
    t: &'t [Token<'a>],
}

impl<'t, 'a> Grammar<'t, 'a> {
    /// A grammar over `toks`.
    pub fn new(t: &'t [Token<'a>]) -> Self {
        Grammar { t }
    }

    fn w(&self, i: usize) -> &str {
        match self.t.get(i) {
            Some(t) if t.kind == TokKind::Word => &t.lower,
            _ => "",
        }
    }

    fn is(&self, i: usize, word: &str) -> bool {
        self.w(i) == word
    }

    fn punct(&self, i: usize, c: char) -> bool {
        self.t.get(i).is_some_and(|t| t.is_punct(c))
    }

    fn cap(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.kind == TokKind::Word && t.is_capitalized())
    }

    fn num(&self, i: usize) -> Option<u64> {
        self.t.get(i).and_then(Token::num)
    }

    fn num_len(&self, i: usize) -> usize {
        self.t.get(i).filter(|t| t.kind == TokKind::Num).map_or(0, |t| t.text.len())
    }

    fn glued(&self, i: usize) -> bool {
        glued(self.t, i)
    }

    /// True when token `i` is glued to a following digit group (`10,000`, `3.5`, `12:30`).
    fn continues_number(&self, i: usize) -> bool {
        (self.punct(i + 1, ',') || self.punct(i + 1, '.') || self.punct(i + 1, ':'))
            && self.glued(i + 1)
            && self.num(i + 2).is_some()
            && self.glued(i + 2)
    }

    /// Parses the longest expression this grammar knows starting at token `i`.
    pub fn parse_at(&self, i: usize) -> Option<Parsed> {
        self.since(i)
            .or_else(|| self.anaphoric(i))
            .or_else(|| self.lapse(i))
            .or_else(|| self.anchored(i))
            .or_else(|| self.past_span(i))
            .or_else(|| self.ago(i))
            .or_else(|| self.part(i))
            .or_else(|| self.relative(i))
            .or_else(|| self.deictic(i))
            .or_else(|| self.core(i))
    }

    // ---- numbers -------------------------------------------------------------------

    /// A small amount: digits, `one` .. `ninety-nine`, `a`/`an`, also inside the square
    /// brackets of an editor's insertion into a quote (`"[Ten] years ago"`).
    fn amount(&self, i: usize) -> Option<(i64, usize)> {
        if self.punct(i, '[') {
            let (n, k) = self.amount_plain(i + 1).filter(|_| self.glued(i + 1))?;
            return (self.punct(k, ']') && self.glued(k)).then_some((n, k + 1));
        }
        self.amount_plain(i)
    }

    fn amount_plain(&self, i: usize) -> Option<(i64, usize)> {
        if let Some(n) = self.num(i) {
            if self.num_len(i) <= 3 && !self.continues_number(i) {
                return Some((i64::try_from(n).ok()?, i + 1));
            }
            return None;
        }
        let w = self.w(i);
        if w == "a" || w == "an" {
            return Some((1, i + 1));
        }
        let n = number_word(w)?;
        if tens_word(w).is_some() {
            // seventy-one, seventy one
            let k = if self.punct(i + 1, '-') && self.glued(i + 1) { i + 2 } else { i + 1 };
            if let Some(u) = number_word(self.w(k)).filter(|u| *u < 10) {
                return Some((i64::try_from(n + u).ok()?, k + 1));
            }
        }
        Some((i64::try_from(n).ok()?, i + 1))
    }

    /// `a few`, `several`, `a couple of`, `many`: a vague amount; returns the next index.
    fn vague_amount(&self, i: usize) -> Option<usize> {
        match self.w(i) {
            "several" | "many" | "few" => Some(i + 1),
            "a" if self.is(i + 1, "few") => Some(i + 2),
            "a" if self.is(i + 1, "couple") => Some(if self.is(i + 2, "of") { i + 3 } else { i + 2 }),
            _ => None,
        }
    }

    // ---- date parts ----------------------------------------------------------------

    /// A four-digit year between 1000 and 2100 that is not part of a larger number.
    fn year_num(&self, i: usize) -> Option<i16> {
        let n = self.num(i)?;
        if self.num_len(i) != 4 || !(1000..=2100).contains(&n) || self.continues_number(i) {
            return None;
        }
        i16::try_from(n).ok()
    }

    /// A day of the month (`11`, `11th`); returns the day and the next index.
    fn day(&self, i: usize) -> Option<(i8, usize)> {
        let n = self.num(i)?;
        if self.num_len(i) > 2 || !(1..=31).contains(&n) || self.continues_number(i) {
            return None;
        }
        // a range like `3-5` or a time like `11:30` is not a day we can give
        if (self.punct(i + 1, '-') || self.punct(i + 1, '–') || self.punct(i + 1, '/'))
            && self.glued(i + 1)
            && self.num(i + 2).is_some()
        {
            return None;
        }
        let mut k = i + 1;
        if is_ordinal_suffix(self.w(k)) && self.glued(k) {
            k += 1;
        }
        Some((i8::try_from(n).ok()?, k))
    }

    /// A capitalized month name or abbreviation (abbreviations may take a period).
    fn month(&self, i: usize) -> Option<(i8, usize)> {
        if !self.cap(i) {
            return None;
        }
        let w = self.w(i);
        let m = month(w)?;
        let abbr = is_month_abbreviation(w) && w.len() <= 4 && !matches!(w, "june" | "july");
        let full = w.len() > 4 || matches!(w, "may" | "june" | "july");
        let mut k = i + 1;
        if abbr && !full && self.punct(k, '.') && self.glued(k) {
            k += 1;
        }
        Some((m, k))
    }

    /// A capitalized weekday name.
    fn weekday(&self, i: usize) -> Option<(jiff::civil::Weekday, usize)> {
        if !self.cap(i) {
            return None;
        }
        Some((lexicon::weekday(self.w(i))?, i + 1))
    }

    // ---- rules ---------------------------------------------------------------------

    /// `since 2007`, `since at least 2007`, `since last year`.
    fn since(&self, i: usize) -> Option<Parsed> {
        if !self.is(i, "since") {
            return None;
        }
        let mut j = i + 1;
        if self.is(j, "at") && self.is(j + 1, "least") {
            j += 2;
        } else if self.is(j, "as") && self.is(j + 1, "early") && self.is(j + 2, "as") {
            j += 3;
        }
        let inner =
            self.part(j).or_else(|| self.relative(j)).or_else(|| self.deictic(j)).or_else(|| self.core(j))?;
        Some(Parsed { expr: Expr::Since(Box::new(inner.expr)), end: inner.end })
    }

    /// `less than a month after`, `two days later`, `within a week of`, `in the days after`.
    fn anchored(&self, i: usize) -> Option<Parsed> {
        // in the days after / in the weeks following / just days after
        let (j, lead) = if self.is(i, "in") && self.is(i + 1, "the") {
            (i + 2, true)
        } else if matches!(self.w(i), "just" | "only" | "mere" | "within") {
            (i + 1, true)
        } else {
            (i, false)
        };
        if let Some(u) = unit(self.w(j)).filter(|_| self.w(j).ends_with('s')) {
            let (direction, end) = self.direction(j + 1, self.is(i, "within"))?;
            if !lead {
                return None;
            }
            let bound = if self.is(i, "within") { Bound::AtMost } else { Bound::Few };
            let offset = AnchorOffset { amount: None, unit: u, direction, bound };
            return Some(Parsed { expr: Expr::Anchored(offset), end });
        }
        // [bound] amount unit direction
        let mut j = i;
        let bound = match (self.w(j), self.w(j + 1)) {
            ("less" | "fewer", "than") | ("no", "more") => {
                j += 2;
                if self.is(j, "than") {
                    j += 1;
                }
                Bound::AtMost
            }
            ("within" | "under", _) => {
                j += 1;
                Bound::AtMost
            }
            ("more", "than") | ("at", "least") => {
                j += 2;
                Bound::AtLeast
            }
            ("over", _) => {
                j += 1;
                Bound::AtLeast
            }
            _ => Bound::Exactly,
        };
        let (amount, k) = match self.amount(j) {
            Some((n, k)) => (Some(n), k),
            None => (None, self.vague_amount(j)?),
        };
        let u = unit(self.w(k))?;
        let (direction, end) = self.direction(k + 1, bound == Bound::AtMost)?;
        let bound = if amount.is_none() { Bound::Few } else { bound };
        Some(Parsed { expr: Expr::Anchored(AnchorOffset { amount, unit: u, direction, bound }), end })
    }

    /// `after`, `later`, `following`, `before`, `earlier`, `prior to`, and `of` after `within`.
    fn direction(&self, k: usize, within: bool) -> Option<(Direction, usize)> {
        match self.w(k) {
            "after" | "later" | "following" => Some((Direction::After, k + 1)),
            "before" | "earlier" => Some((Direction::Before, k + 1)),
            "prior" if self.is(k + 1, "to") => Some((Direction::Before, k + 2)),
            "of" if within => Some((Direction::After, k + 1)),
            _ => None,
        }
    }

    /// `the past 30 days`, `the last few months` (vague), `in recent weeks` (vague).
    fn past_span(&self, i: usize) -> Option<Parsed> {
        if matches!(self.w(i), "recent") {
            let u = unit(self.w(i + 1))?;
            let _ = u;
            return Some(Parsed { expr: Expr::Vague, end: i + 2 });
        }
        if !(self.is(i, "the") && matches!(self.w(i + 1), "past" | "last")) {
            return None;
        }
        let j = i + 2;
        if let Some((n, k)) = self.amount(j).filter(|_| !self.is(j, "a") && !self.is(j, "an")) {
            let u = unit(self.w(k))?;
            return Some(Parsed { expr: Expr::PastSpan { n, unit: u }, end: k + 1 });
        }
        if let Some(k) = self.vague_amount(j) {
            unit(self.w(k))?;
            return Some(Parsed { expr: Expr::Vague, end: k + 1 });
        }
        if self.is(j, "century") {
            return Some(Parsed { expr: Expr::LastCentury, end: j + 1 });
        }
        // the past week / month (not "the last week of March")
        let u = unit(self.w(j)).filter(|u| matches!(u, Unit::Week | Unit::Month | Unit::Year))?;
        if self.w(j).ends_with('s') || self.is(j + 1, "of") || self.is(j + 1, "before") {
            return None;
        }
        Some(Parsed { expr: Expr::PastSpan { n: 1, unit: u }, end: j + 1 })
    }

    /// `two weeks ago`, `a decade ago`, `several years ago` (vague).
    fn ago(&self, i: usize) -> Option<Parsed> {
        let (amount, k) = match self.amount(i) {
            Some((n, k)) => (Some(n), k),
            None => (None, self.vague_amount(i)?),
        };
        let u = unit(self.w(k))?;
        if !self.is(k + 1, "ago") {
            return None;
        }
        let expr = match amount {
            Some(n) => Expr::Ago { n, unit: u },
            None => Expr::Vague,
        };
        Some(Parsed { expr, end: k + 2 })
    }

    /// `early 2019`, `mid-2019`, `late September`, `late last year`, `earlier this summer`,
    /// `the end of the year`, `year end`.
    fn part(&self, i: usize) -> Option<Parsed> {
        let w = self.w(i);
        let wrap = |part: Part, p: Parsed| {
            Some(Parsed { expr: Expr::Part { part, inner: Box::new(p.expr) }, end: p.end })
        };
        match w {
            "early" | "mid" | "late" => {
                let part = match w {
                    "early" => Part::Early,
                    "mid" => Part::Mid,
                    _ => Part::Late,
                };
                let mut j = i + 1;
                if (self.punct(j, '-') || self.punct(j, '–')) && self.glued(j) {
                    j += 1;
                }
                let inner = self.relative(j).or_else(|| self.core(j))?;
                match inner.expr {
                    Expr::Year(_) | Expr::MonthOfYear { .. } | Expr::Month { .. } | Expr::Decade(_) => {}
                    Expr::Calendar { unit: Unit::Year | Unit::Month, .. } => {}
                    _ => return None,
                }
                wrap(part, inner)
            }
            "earlier" | "later" => {
                let part = if w == "earlier" { Part::Earlier } else { Part::Later };
                let inner = self.relative(i + 1)?;
                match inner.expr {
                    Expr::Calendar { shift: 0, .. }
                    | Expr::Season { year: YearRef::Rel(Shift::This), .. } => {}
                    _ => return None,
                }
                wrap(part, inner)
            }
            "year"
                if (self.is(i + 1, "end") && !self.glued(i + 1))
                    || (self.punct(i + 1, '-') && self.is(i + 2, "end")) =>
            {
                let end = if self.is(i + 1, "end") { i + 2 } else { i + 3 };
                let inner = Parsed { expr: Expr::Calendar { unit: Unit::Year, shift: 0 }, end };
                wrap(Part::End, inner)
            }
            "the" if self.is(i + 1, "end") && self.is(i + 2, "of") => {
                let j = i + 3;
                let inner = if self.is(j, "the") && matches!(self.w(j + 1), "year" | "month" | "week") {
                    let u = unit(self.w(j + 1))?;
                    if self.glued(j + 2) && self.punct(j + 2, '’') {
                        return None;
                    }
                    Parsed { expr: Expr::Calendar { unit: u, shift: 0 }, end: j + 2 }
                } else {
                    self.relative(j).or_else(|| self.core(j))?
                };
                match inner.expr {
                    Expr::Calendar { .. } | Expr::Year(_) | Expr::MonthOfYear { .. } | Expr::Month { .. } => {
                    }
                    _ => return None,
                }
                wrap(Part::End, inner)
            }
            _ => None,
        }
    }

    /// `last week`, `this year`, `next month`, `last summer`, `last Monday`, `next March`,
    /// `this weekend`, `this past week`, `last night`, `this morning`.
    fn relative(&self, i: usize) -> Option<Parsed> {
        // over the weekend, throughout the weekend
        if self.is(i, "the")
            && self.is(i + 1, "weekend")
            && i > 0
            && matches!(self.w(i - 1), "over" | "throughout" | "during")
        {
            return Some(Parsed { expr: Expr::Weekend(Shift::Bare), end: i + 2 });
        }
        let mut j = i + 1;
        let shift = match self.w(i) {
            "last" => Shift::Last,
            "next" | "coming" => Shift::Next,
            "this" if self.is(i + 1, "past") => {
                j += 1;
                Shift::Last
            }
            "this" => Shift::This,
            _ => return None,
        };
        // "the last week of March", "the next year or two" are not calendar references;
        // "the next Tuesday" is
        let after_the = i > 0 && self.is(i - 1, "the");
        if after_the && !(shift == Shift::Next && self.weekday(j).is_some()) {
            return None;
        }
        let n = match shift {
            Shift::Last => -1,
            Shift::Next => 1,
            _ => 0,
        };
        let w = self.w(j);
        let expr = if let Some(u) = unit(w).filter(|u| matches!(u, Unit::Week | Unit::Month | Unit::Year)) {
            if w.ends_with('s') {
                return None;
            }
            Expr::Calendar { unit: u, shift: n }
        } else if w == "weekend" {
            Expr::Weekend(shift)
        } else if let Some(s) = season(w) {
            Expr::Season { season: s, year: YearRef::Rel(shift) }
        } else if let Some((wd, _)) = self.weekday(j) {
            Expr::Weekday { wd, shift }
        } else if let Some((m, _)) =
            self.month(j).filter(|_| w.len() > 4 || matches!(w, "may" | "june" | "july"))
        {
            Expr::Month { m, shift }
        } else if w == "night" && shift == Shift::Last {
            Expr::DayOffset(-1)
        } else if matches!(w, "morning" | "afternoon" | "evening") && shift == Shift::This {
            Expr::DayOffset(0)
        } else if w == "century" && shift == Shift::Last {
            Expr::LastCentury
        } else {
            return None;
        };
        Some(Parsed { expr, end: j + 1 })
    }

    /// `today`, `yesterday`, `tomorrow`, `tonight`; a capitalized one inside a sentence
    /// is a name (`USA Today`).
    fn deictic(&self, i: usize) -> Option<Parsed> {
        if self.cap(i) && !self.sentence_start(i) && !(i > 0 && self.t[i - 1].kind == TokKind::Punct) {
            return None;
        }
        let n = match self.w(i) {
            "today" | "tonight" => 0,
            "yesterday" => -1,
            "tomorrow" => 1,
            _ => return None,
        };
        Some(Parsed { expr: Expr::DayOffset(n), end: i + 1 })
    }

    /// Absolute and calendar dates: `2019-12-11`, `12/11/2019`, `9/11`, `Monday`,
    /// `Wednesday, December 11, 2019`, `Dec. 11`, `11 December 2019`, `the 11th of December`,
    /// `March 2020`, `March`, `2007`, `the 1990s`, `the sixties`, `the 20th century`,
    /// `summer of 2012`.
    fn core(&self, i: usize) -> Option<Parsed> {
        self.numeric(i)
            .or_else(|| self.with_weekday(i))
            .or_else(|| self.season_of_year(i))
            .or_else(|| self.decade_or_century(i))
            .or_else(|| self.bare_year(i))
            .or_else(|| self.short_year(i))
    }

    /// `2019-12-11`, `12/11/2019` (US order), `9/11`.
    fn numeric(&self, i: usize) -> Option<Parsed> {
        let sep = |k: usize, c: char| self.punct(k, c) && self.glued(k) && self.glued(k + 1);
        if let Some(y) = self.year_num(i)
            && sep(i + 1, '-')
            && sep(i + 3, '-')
            && self.num_len(i + 2) == 2
            && self.num_len(i + 4) == 2
        {
            let m = i8::try_from(self.num(i + 2)?).ok()?;
            let d = i8::try_from(self.num(i + 4)?).ok()?;
            jiff::civil::Date::new(y, m, d).ok()?;
            return Some(Parsed { expr: Expr::Date { y, m, d }, end: i + 5 });
        }
        let l = self.num_len(i);
        if (1..=2).contains(&l) && sep(i + 1, '/') && (1..=2).contains(&self.num_len(i + 2)) {
            let (m, d) = (self.num(i)?, self.num(i + 2)?);
            if sep(i + 3, '/') {
                let y = self.year_num(i + 4)?;
                let (m, d) = (i8::try_from(m).ok()?, i8::try_from(d).ok()?);
                jiff::civil::Date::new(y, m, d).ok()?;
                return Some(Parsed { expr: Expr::Date { y, m, d }, end: i + 5 });
            }
            // 9/11, the attacks of 11 September 2001
            if (m, d) == (9, 11) && !(i > 0 && self.glued(i) && !self.punct(i - 1, '(')) {
                return Some(Parsed { expr: Expr::Date { y: 2001, m: 9, d: 11 }, end: i + 3 });
            }
        }
        None
    }

    /// Month/day patterns with an optional leading weekday, or a weekday alone.
    fn with_weekday(&self, i: usize) -> Option<Parsed> {
        if let Some((wd, k)) = self.weekday(i) {
            let j = if self.punct(k, ',') { k + 1 } else { k };
            if let Some(mut p) = self.month_day(j)
                && matches!(p.expr, Expr::Date { .. } | Expr::MonthDay { .. })
            {
                if let Expr::MonthDay { weekday, .. } = &mut p.expr {
                    *weekday = Some(wd);
                }
                return Some(p);
            }
            // "the Sunday Times", "Saturday Night Live": names
            if i > 0 && self.is(i - 1, "the") && self.cap(k)
                || self.cap(k)
                    && matches!(self.w(k), "morning" | "night" | "evening" | "afternoon")
                    && self.cap(k + 1)
            {
                return None;
            }
            // "on a Monday", "every Friday": habitual, no date
            if i > 0 && matches!(self.w(i - 1), "a" | "every" | "each" | "any") {
                return Some(Parsed { expr: Expr::Vague, end: k });
            }
            return Some(Parsed { expr: Expr::Weekday { wd, shift: Shift::Bare }, end: k });
        }
        self.month_day(i)
    }

    /// `December 11, 2019`, `Dec. 11`, `11 December 2019`, `the 11th of December`,
    /// `December 2008`, `December`.
    fn month_day(&self, i: usize) -> Option<Parsed> {
        if let Some((m, k)) = self.month(i) {
            if let Some((d, k2)) = self.day(k) {
                // December 11, 2019 / December 11 2019
                let ky = if self.punct(k2, ',') { k2 + 1 } else { k2 };
                if let Some(y) = self.year_num(ky) {
                    return Some(Parsed { expr: Expr::Date { y, m, d }, end: ky + 1 });
                }
                let this_year = self.is(k2, "this") && self.is(k2 + 1, "year");
                return Some(Parsed { expr: Expr::MonthDay { m, d, this_year, weekday: None }, end: k2 });
            }
            // December 2008, December, 2008, December of 2008
            let ky = if self.punct(k, ',') || self.is(k, "of") { k + 1 } else { k };
            if let Some(y) = self.year_num(ky) {
                return Some(Parsed { expr: Expr::MonthOfYear { y, m }, end: ky + 1 });
            }
            return self.month_alone(i, m, k);
        }
        // 11 December 2019, the 11th of December
        let j = if self.is(i, "the") { i + 1 } else { i };
        let (d, k) = match self.day(j) {
            Some(x) => x,
            None => {
                let d = ordinal_word(self.w(j))?;
                (d, j + 1)
            }
        };
        if j > i && k == j + 1 && self.num(j).is_some() {
            return None; // "the 11 December" is not English; "the 11th" is
        }
        let km = if self.is(k, "of") { k + 1 } else { k };
        if km > k && j == i {
            return None; // "11 of December" without "the"
        }
        let (m, k2) = self.month(km)?;
        let ky = if self.punct(k2, ',') { k2 + 1 } else { k2 };
        if let Some(y) = self.year_num(ky) {
            return Some(Parsed { expr: Expr::Date { y, m, d }, end: ky + 1 });
        }
        let this_year = self.is(k2, "this") && self.is(k2 + 1, "year");
        Some(Parsed { expr: Expr::MonthDay { m, d, this_year, weekday: None }, end: k2 })
    }

    /// A month name alone is a date only when written in full, not followed by a name or
    /// a number, and (for `May` and `March`, which are also words) after a preposition.
    fn month_alone(&self, i: usize, m: i8, k: usize) -> Option<Parsed> {
        let w = self.w(i);
        if w.len() <= 3 && w != "may" || self.punct(i + 1, '.') && w.len() <= 4 {
            return None;
        }
        if self.cap(k) || self.num(k).is_some() {
            return None;
        }
        if matches!(w, "may" | "march") {
            let prev = if i > 0 { self.w(i - 1) } else { "" };
            if !MONTH_BEFORE.contains(&prev) {
                return None;
            }
        }
        Some(Parsed { expr: Expr::Month { m, shift: Shift::Bare }, end: k })
    }

    /// `summer of 2012`, `summer 2012`.
    fn season_of_year(&self, i: usize) -> Option<Parsed> {
        let j = if self.is(i, "the") { i + 1 } else { i };
        let s = season(self.w(j))?;
        let k = if self.is(j + 1, "of") { j + 2 } else { j + 1 };
        let y = self.year_num(k)?;
        Some(Parsed { expr: Expr::Season { season: s, year: YearRef::Abs(y) }, end: k + 1 })
    }

    /// `the 1990s`, `1930’s`, `the ’90s`, `the sixties`, `the 20th century`.
    fn decade_or_century(&self, i: usize) -> Option<Parsed> {
        let j = if self.is(i, "the") { i + 1 } else { i };
        // 1990s, 1990's, 1990’s
        if let Some(y) = self.num(j).filter(|_| self.num_len(j) == 4) {
            let k = if (self.punct(j + 1, '\'') || self.punct(j + 1, '’')) && self.glued(j + 1) {
                j + 2
            } else {
                j + 1
            };
            if self.is(k, "s") && self.glued(k) && y % 10 == 0 && y % 100 != 0 && (1000..=2100).contains(&y) {
                return Some(Parsed { expr: Expr::Decade(i16::try_from(y).ok()?), end: k + 1 });
            }
        }
        // ’90s
        if (self.punct(j, '\'') || self.punct(j, '’'))
            && self.num_len(j + 1) == 2
            && self.glued(j + 1)
            && self.is(j + 2, "s")
            && self.glued(j + 2)
        {
            let n = i16::try_from(self.num(j + 1)?).ok()?;
            if n % 10 == 0 {
                let y = if n >= 20 { 1900 + n } else { 2000 + n };
                return Some(Parsed { expr: Expr::Decade(y), end: j + 3 });
            }
        }
        if j == i + 1 {
            if let Some(y) = decade_word(self.w(j)) {
                return Some(Parsed { expr: Expr::Decade(y), end: j + 1 });
            }
            // the 20th century, the twentieth century
            let (n, k) = if let Some(n) = self.num(j).filter(|_| self.num_len(j) <= 2) {
                if !(is_ordinal_suffix(self.w(j + 1)) && self.glued(j + 1)) {
                    return None;
                }
                (i16::try_from(n).ok()?, j + 2)
            } else {
                let n = match self.w(j) {
                    "fifteenth" => 15,
                    "sixteenth" => 16,
                    "seventeenth" => 17,
                    "eighteenth" => 18,
                    "nineteenth" => 19,
                    "twentieth" => 20,
                    "twenty" if self.punct(j + 1, '-') && self.is(j + 2, "first") => 21,
                    _ => return None,
                };
                (n, if n == 21 { j + 3 } else { j + 1 })
            };
            if self.is(k, "century") && (1..=21).contains(&n) {
                return Some(Parsed { expr: Expr::Century((n - 1) * 100), end: k + 1 });
            }
        }
        None
    }

    /// A bare year, when the context says it is one.
    fn bare_year(&self, i: usize) -> Option<Parsed> {
        let y = self.year_num(i)?;
        if i > 0 && self.glued(i) {
            let p = self.t[i - 1].text;
            if !matches!(p, "(" | "[" | "\"" | "“" | "‘" | "'" | "–" | "-") {
                return None;
            }
        }
        if self.punct(i + 1, '%')
            || (self.glued(i + 1) && self.t.get(i + 1).is_some_and(|t| t.kind == TokKind::Word))
        {
            return None;
        }
        // a piece of a code or phone number (`555-2019-12`), unlike a year range `2000-2050`
        let dash = |k: usize| self.punct(k, '-') || self.punct(k, '–') || self.punct(k, '/');
        if dash(i + 1)
            && self.glued(i + 1)
            && self.glued(i + 2)
            && self.num(i + 2).is_some()
            && self.num_len(i + 2) != 4
        {
            return None;
        }
        if i >= 2
            && dash(i - 1)
            && self.glued(i)
            && self.glued(i - 1)
            && self.num(i - 2).is_some()
            && self.num_len(i - 2) != 4
        {
            return None;
        }
        let prev = if i > 0 { self.w(i - 1) } else { "" };
        // "World Cup 2018", "Expo 2010": the edition of a recurring event
        let edition = i > 0 && self.cap(i - 1) && EDITION_BEFORE.contains(&prev);
        let prev_ok = TEMPORAL_BEFORE.contains(&prev) && prev != "the" && prev != "as" || edition;
        // "the 1999 storm", "a 2003 interview": a year used as a modifier
        let next_word = self
            .t
            .get(i + 1)
            .filter(|t| t.kind == TokKind::Word && !t.is_capitalized())
            .map(|t| t.lower.as_str());
        let count_noun = next_word.is_some_and(|w| COUNT_NOUNS.contains(&w))
            || (self.punct(i + 1, '-') && self.glued(i + 1) && unit(self.w(i + 2)).is_some());
        if count_noun {
            return None;
        }
        if matches!(prev, "the" | "a" | "his" | "her" | "its" | "their" | "fellow")
            && (1900..=2100).contains(&y)
            && next_word.is_some()
            && !self.glued(i + 1)
        {
            return Some(Parsed { expr: Expr::Year(y), end: i + 1 });
        }
        let next_ok = match self.t.get(i + 1) {
            None => true,
            Some(t) if t.newline_before => true,
            Some(t) if t.kind == TokKind::Punct => !matches!(t.text, "$" | "%" | "/"),
            Some(t) if t.kind == TokKind::Word => {
                t.is_capitalized() || AFTER_YEAR.contains(&t.lower.as_str())
            }
            Some(_) => false,
        };
        // years before 1800 need a temporal preposition
        let old = (1000..1800).contains(&y);
        if !prev_ok && (!next_ok || old) {
            return None;
        }
        if i > 0
            && (self.punct(i - 1, '$')
                || self.punct(i - 1, '#')
                || self.punct(i - 1, '£')
                || self.punct(i - 1, '€'))
        {
            return None;
        }
        Some(Parsed { expr: Expr::Year(y), end: i + 1 })
    }

    /// True when token `i` starts a sentence or a line.
    fn sentence_start(&self, i: usize) -> bool {
        i == 0
            || self.t[i].newline_before
            || self.t[i - 1].kind == TokKind::Punct
                && matches!(self.t[i - 1].text, "." | "!" | "?" | "\"" | "“")
    }

    /// `the year before`, `the previous day`, `the following week`, `the next day`,
    /// `that day`, `the same year`, `that night`: a period counted from the date named last.
    fn anaphoric(&self, i: usize) -> Option<Parsed> {
        let unit_at = |k: usize| -> Option<Unit> {
            let w = self.w(k);
            if matches!(w, "night" | "morning" | "afternoon" | "evening") {
                return Some(Unit::Day);
            }
            unit(w).filter(|u| *u != Unit::Decade && !w.ends_with('s'))
        };
        // "that day of the week", "the year before last", "that year's budget" are not it
        let free = |k: usize| {
            !matches!(self.w(k), "of" | "last")
                && !(self.glued(k) && (self.punct(k, '\'') || self.punct(k, '’')))
        };
        let done = |u: Unit, shift: i32, end: usize| {
            free(end).then_some(Parsed { expr: Expr::Anaphoric { unit: u, shift }, end })
        };
        // "commemorating the date", "marked the day": the day the text just named
        let commemorated = i > 0
            && ["commemorat", "mark", "celebrat", "observ", "honor", "honour", "remember"]
                .iter()
                .any(|v| self.w(i - 1).starts_with(v));
        match self.w(i) {
            "that" if self.is(i + 1, "date") => done(Unit::Day, 0, i + 2),
            "that" => done(unit_at(i + 1)?, 0, i + 2),
            "the" if commemorated && matches!(self.w(i + 1), "date" | "day") => done(Unit::Day, 0, i + 2),
            "the" => match self.w(i + 1) {
                "same" if self.is(i + 2, "date") => done(Unit::Day, 0, i + 3),
                "same" => done(unit_at(i + 2)?, 0, i + 3),
                "previous" | "preceding" | "prior" => done(unit_at(i + 2)?, -1, i + 3),
                "following" => done(unit_at(i + 2)?, 1, i + 3),
                // "the next year" may count from today ("over the next year"); "the next day" cannot
                "next" if unit_at(i + 2) == Some(Unit::Day) => done(Unit::Day, 1, i + 3),
                _ => {
                    let u = unit_at(i + 1)?;
                    let shift = match self.w(i + 2) {
                        "before" | "earlier" => -1,
                        "after" | "later" => 1,
                        _ => return None,
                    };
                    // "the day after the attack" names its own anchor; only a bare
                    // "the year before," points back at the text's last date
                    let bare = match self.t.get(i + 3) {
                        None => true,
                        Some(t) if t.newline_before => true,
                        Some(t) if t.kind == TokKind::Punct => !matches!(t.text, "'" | "’"),
                        Some(t) => {
                            t.kind == TokKind::Word && matches!(t.lower.as_str(), "when" | "and" | "but")
                        }
                    };
                    if !bare {
                        return None;
                    }
                    done(u, shift, i + 3)
                }
            },
            _ => None,
        }
    }

    /// `the opening night`, `the final day`, `Opening night`, `day five`: a noun phrase
    /// whose head names a day; returns its end. The caller dates it only when it stands in
    /// apposition to a date (`on Saturday night, the opening night,`).
    pub fn day_phrase(&self, i: usize) -> Option<usize> {
        let head =
            |k: usize| matches!(self.w(k), "day" | "night" | "evening" | "morning" | "afternoon" | "eve");
        // day five, day 3
        if self.is(i, "day") && !(i > 0 && self.is(i - 1, "the")) {
            let k = i + 1;
            let n = match self.num(k) {
                Some(n) if self.num_len(k) <= 2 && !self.continues_number(k) => Some(n),
                _ => number_word(self.w(k)).filter(|n| *n < 40),
            };
            return n.map(|_| k + 1);
        }
        let j = if self.is(i, "the") { i + 1 } else { i };
        for k in j..j + 3 {
            let t = self.t.get(k)?;
            if t.kind != TokKind::Word {
                return None;
            }
            // without `the`, a modifier is needed (`Opening night`, not `night`)
            if head(k) && (j > i || k > j) {
                let ends = match self.t.get(k + 1) {
                    None => true,
                    Some(n) if n.newline_before => true,
                    Some(n) if n.kind == TokKind::Punct => !matches!(n.text, "'" | "’" | "-"),
                    Some(n) => n.kind == TokKind::Word && AFTER_DAY_PHRASE.contains(&n.lower.as_str()),
                };
                return ends.then_some(k + 1);
            }
            // a modifier: lowercase, or the capitalized first word of a sentence
            let first_cap = k == i && j == i && self.sentence_start(i);
            if t.is_capitalized() && !first_cap || NOT_DAY_MODIFIER.contains(&t.lower.as_str()) {
                return None;
            }
        }
        None
    }

    /// `'09`, `’98` (an apostrophe and two digits, unlike the decade `’90s`) after a
    /// temporal word or a name (`Woodstock '69`), and a bare two-digit year after `in` (or
    /// in a list after one) in a sentence that names a year elsewhere: `Reagan in 80 and
    /// 84, Bush in 2000`.
    fn short_year(&self, i: usize) -> Option<Parsed> {
        let apostrophe = (self.punct(i, '\'') || self.punct(i, '’'))
            && self.num_len(i + 1) == 2
            && self.glued(i + 1)
            && !(i > 0 && self.glued(i))
            && !(self.glued(i + 2) && self.t.get(i + 2).is_some_and(|t| t.kind != TokKind::Punct));
        if apostrophe {
            let prev = if i > 0 { self.w(i - 1) } else { "" };
            let prev_ok = TEMPORAL_BEFORE.contains(&prev) && !matches!(prev, "the" | "as")
                || i > 0 && self.cap(i - 1) && month(prev).is_none();
            // the apostrophe says "year"; only a number or a count noun after it says no
            let next_ok = match self.t.get(i + 2) {
                None => true,
                Some(t) if t.newline_before => true,
                Some(t) if t.kind == TokKind::Punct => !matches!(t.text, "%" | "/" | "-" | "–" | ":"),
                Some(t) => t.kind == TokKind::Word && !COUNT_NOUNS.contains(&t.lower.as_str()),
            };
            if !prev_ok || !next_ok || self.continues_number(i + 1) {
                return None;
            }
            let n = i16::try_from(self.num(i + 1)?).ok()?;
            return Some(Parsed { expr: Expr::ShortYear(n), end: i + 2 });
        }
        if self.num_len(i) != 2 || (i > 0 && self.glued(i)) || !self.short_year_listed(i) {
            return None;
        }
        if !self.short_year_list_ends(i) || !self.sentence_names_year(i) {
            return None;
        }
        let n = i16::try_from(self.num(i)?).ok()?;
        Some(Parsed { expr: Expr::ShortYear(n), end: i + 1 })
    }

    /// True when the two-digit number at `i` comes after `in`, directly or through a list
    /// of two-digit numbers (`in 80 and 84`, `in 80, 84 or 88`).
    fn short_year_listed(&self, i: usize) -> bool {
        let mut k = i;
        for _ in 0..8 {
            if k == 0 {
                return false;
            }
            let p = k - 1;
            if self.is(p, "in") {
                return true;
            }
            let mut q =
                if matches!(self.w(p), "and" | "or") || self.punct(p, ',') { p } else { return false };
            if q > 0 && self.punct(q - 1, ',') && !self.punct(q, ',') {
                q -= 1;
            }
            if q == 0 || self.num_len(q - 1) != 2 {
                return false;
            }
            k = q - 1;
        }
        false
    }

    /// True when the list of two-digit numbers starting at `i` ends where a year may end:
    /// at punctuation, the end of the text or a conjunction, not before a noun (`in 80 and
    /// 84 countries`).
    fn short_year_list_ends(&self, i: usize) -> bool {
        let mut k = i;
        for _ in 0..8 {
            if self.continues_number(k) {
                return false;
            }
            let next = k + 1;
            let Some(t) = self.t.get(next) else { return true };
            if t.newline_before {
                return true;
            }
            // the list goes on: "80 and 84", "80, 84"
            let mut q = next;
            if self.punct(q, ',') {
                q += 1;
            }
            if matches!(self.w(q), "and" | "or") {
                q += 1;
            }
            if q > next && self.num_len(q) == 2 {
                k = q;
                continue;
            }
            return match t.kind {
                TokKind::Punct => !matches!(t.text, "%" | "$" | "/" | "-" | "–" | ":" | "'" | "’"),
                TokKind::Word => {
                    matches!(t.lower.as_str(), "and" | "or" | "when" | "to" | "until" | "through")
                }
                TokKind::Num => false,
            };
        }
        false
    }

    /// True when the sentence around token `i` holds a four-digit year or an
    /// apostrophe year.
    fn sentence_names_year(&self, i: usize) -> bool {
        // a period after an initial (`George H. W. Bush`) ends no sentence
        let boundary = |k: usize| {
            let t = &self.t[k];
            t.kind == TokKind::Punct
                && matches!(t.text, "." | "!" | "?" | ";")
                && !(t.text == "."
                    && k > 0
                    && self.t[k - 1].kind == TokKind::Word
                    && self.t[k - 1].text.len() == 1)
        };
        let mut a = i;
        while a > 0 && i - a < 60 && !boundary(a - 1) && !self.t[a].newline_before {
            a -= 1;
        }
        let mut b = i;
        while b + 1 < self.t.len() && b - i < 60 && !boundary(b) && !self.t[b + 1].newline_before {
            b += 1;
        }
        (a..=b).any(|k| {
            k != i
                && (self.year_num(k).is_some()
                    || (self.punct(k, '\'') || self.punct(k, '’'))
                        && self.num_len(k + 1) == 2
                        && self.glued(k + 1))
        })
    }

    /// `after an 11-year lull`, `after a two-month hiatus`: a pause counted back from the
    /// reference date (the event that ends it is the one reported).
    fn lapse(&self, i: usize) -> Option<Parsed> {
        if !(i > 0 && self.is(i - 1, "after") && matches!(self.w(i), "a" | "an")) {
            return None;
        }
        let (n, k) = self.amount_plain(i + 1).filter(|_| !matches!(self.w(i + 1), "a" | "an"))?;
        let k = if self.punct(k, '-') && self.glued(k) && self.glued(k + 1) { k + 1 } else { k };
        let u = unit(self.w(k)).filter(|_| !self.w(k).ends_with('s'))?;
        LAPSE_NOUNS
            .contains(&self.w(k + 1))
            .then_some(Parsed { expr: Expr::Lapse { n, unit: u }, end: k + 2 })
    }
}
