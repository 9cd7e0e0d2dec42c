//! Number expressions in English: `two`, `seventy-one`, `10,000`, `1.5 million`,
//! `a dozen`, `dozens`, `more than 70`, `at least six`, `up to 10`, `roughly 10`,
//! `between 5 and 7`, `a few`, `several`.
//!
//! Conventions (a count keeps its words in `Count::text`, so nothing is lost):
//! * `more than N`, `over N` → min N+1, open; `at least N`, `N or more` → min N, open;
//! * `up to N`, `as many as N`, `no more than N` → min 0, max N; `fewer than N` → max N-1;
//! * `about`/`roughly`/`nearly`/`some N` → exactly N, flagged approximate;
//! * `between N and M`, `N to M`, `N-M`, `N or M` → min N, max M;
//! * `a dozen` → 12; `dozens` → at least 12, `scores` → at least 20, `hundreds` → at
//!   least 100, `thousands` → at least 1000 (open);
//! * `a couple` → 2, `a few` → 2 to 5, `several` → 3 to 9 (approximate).

use crate::time::lexicon::{number_word, tens_word};
use crate::time::token::{TokKind, Token, glued, tokenize};

/// A number read from text: a lower bound, an optional upper bound and whether the text
/// marks it as approximate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NumberExpr {
    /// Lower bound.
    pub min: u64,
    /// Upper bound; `None` when open (`more than 70`).
    pub max: Option<u64>,
    /// `about`, `roughly`, `nearly`, `a few`...
    pub approximate: bool,
}

impl NumberExpr {
    fn exact(n: u64) -> Self {
        NumberExpr { min: n, max: Some(n), approximate: false }
    }
}

/// Parses `text` when all of it is one number expression.
pub fn parse_number(text: &str) -> Option<NumberExpr> {
    let toks = tokenize(text);
    let (n, end) = read_number(&toks, 0)?;
    (end == toks.len()).then_some(n)
}

fn w<'t>(toks: &'t [Token<'_>], i: usize) -> &'t str {
    match toks.get(i) {
        Some(t) if t.kind == TokKind::Word => &t.lower,
        _ => "",
    }
}

/// Reads a number expression at token `i`; returns it and the index after it.
pub(crate) fn read_number(toks: &[Token<'_>], i: usize) -> Option<(NumberExpr, usize)> {
    let two = |a: &str, b: &str| w(toks, i) == a && w(toks, i + 1) == b;
    let three = |a: &str, b: &str, c: &str| two(a, b) && w(toks, i + 2) == c;
    // between N and M
    if w(toks, i) == "between" {
        let (a, k) = bare(toks, i + 1)?;
        if w(toks, k) != "and" {
            return None;
        }
        let (b, k2) = bare(toks, k + 1)?;
        return Some((NumberExpr { min: a.min, max: b.max.or(Some(b.min)), approximate: false }, k2));
    }
    let (kind, skip) = if two("more", "than") || two("upwards", "of") {
        (Mod::Above, 2)
    } else if three("in", "excess", "of") {
        (Mod::Above, 3)
    } else if matches!(w(toks, i), "over" | "above") {
        (Mod::Above, 1)
    } else if two("at", "least")
        || three("no", "fewer", "than")
        || three("no", "less", "than")
        || three("not", "less", "than")
        || three("a", "minimum", "of")
    {
        (Mod::AtLeast, if w(toks, i) == "at" { 2 } else { 3 })
    } else if two("up", "to") || two("at", "most") {
        (Mod::AtMost, 2)
    } else if three("as", "many", "as")
        || three("no", "more", "than")
        || three("not", "more", "than")
        || three("a", "maximum", "of")
    {
        (Mod::AtMost, 3)
    } else if two("fewer", "than") || two("less", "than") {
        (Mod::Below, 2)
    } else if w(toks, i) == "under" {
        (Mod::Below, 1)
    } else if two("an", "estimated") || two("close", "to") {
        (Mod::About, 2)
    } else if matches!(
        w(toks, i),
        "about"
            | "around"
            | "roughly"
            | "approximately"
            | "nearly"
            | "almost"
            | "some"
            | "estimated"
            | "approx"
    ) {
        (Mod::About, 1)
    } else {
        (Mod::None, 0)
    };
    let (n, mut k) = bare(toks, i + skip)?;
    let mut out = match kind {
        Mod::None => n,
        Mod::Above => NumberExpr { min: n.min.checked_add(1)?, max: None, approximate: n.approximate },
        Mod::AtLeast => NumberExpr { min: n.min, max: None, approximate: n.approximate },
        Mod::AtMost => NumberExpr { min: 0, max: Some(n.max.unwrap_or(n.min)), approximate: n.approximate },
        Mod::Below => NumberExpr { min: 0, max: Some(n.min.checked_sub(1)?), approximate: n.approximate },
        Mod::About => NumberExpr { approximate: true, ..n },
    };
    if kind == Mod::None && n.max == Some(n.min) {
        // N or more / N or so / N to M / N-M / N or M
        if w(toks, k) == "or" && w(toks, k + 1) == "more" {
            out = NumberExpr { min: n.min, max: None, approximate: false };
            k += 2;
        } else if w(toks, k) == "or" && w(toks, k + 1) == "so" {
            out.approximate = true;
            k += 2;
        } else if (matches!(w(toks, k), "to" | "or")
            || toks.get(k).is_some_and(|t| t.is_punct('-') || t.is_punct('–'))
                && glued(toks, k)
                && glued(toks, k + 1))
            && let Some((m, k2)) = bare(toks, k + 1).filter(|(m, _)| m.min > n.min && m.max == Some(m.min))
        {
            out = NumberExpr { min: n.min, max: Some(m.min), approximate: false };
            k = k2;
        }
    }
    Some((out, k))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mod {
    None,
    Above,
    AtLeast,
    AtMost,
    Below,
    About,
}

/// Value of a scale word.
fn scale(word: &str) -> Option<u64> {
    Some(match word {
        "hundred" => 100,
        "thousand" => 1_000,
        "million" => 1_000_000,
        "billion" => 1_000_000_000,
        _ => return None,
    })
}

/// A number without modifiers: digits (with thousands commas and decimals before a scale
/// word), number words, `a dozen`, `dozens`, `a few`, `several`.
fn bare(toks: &[Token<'_>], i: usize) -> Option<(NumberExpr, usize)> {
    let t = toks.get(i)?;
    if t.kind == TokKind::Num {
        return digits(toks, i);
    }
    let word = w(toks, i);
    // open plurals: dozens, scores, hundreds, thousands (of), tens of thousands
    let plural = match word {
        "dozens" => Some(12),
        "scores" => Some(20),
        "hundreds" => Some(100),
        "thousands" => Some(1_000),
        "millions" => Some(1_000_000),
        "tens" if w(toks, i + 1) == "of" && w(toks, i + 2) == "thousands" => Some(10),
        _ => None,
    };
    if let Some(p) = plural {
        // hundreds of thousands, tens of thousands
        let (min, mut k) = if w(toks, i + 1) == "of" && w(toks, i + 2) == "thousands" && p <= 100 {
            (p * 1_000, i + 3)
        } else {
            (p, i + 1)
        };
        // dozens of people
        if w(toks, k) == "of" {
            k += 1;
        }
        return Some((NumberExpr { min, max: None, approximate: true }, k));
    }
    match (word, w(toks, i + 1)) {
        ("a", "dozen") => return Some((NumberExpr::exact(12), i + 2)),
        ("a", "couple") => {
            let k = if w(toks, i + 2) == "of" { i + 3 } else { i + 2 };
            return Some((NumberExpr { min: 2, max: Some(2), approximate: true }, k));
        }
        ("a", "few") | ("a", "handful") => {
            let k = if w(toks, i + 2) == "of" { i + 3 } else { i + 2 };
            return Some((NumberExpr { min: 2, max: Some(5), approximate: true }, k));
        }
        ("several", _) => return Some((NumberExpr { min: 3, max: Some(9), approximate: true }, i + 1)),
        _ => {}
    }
    words(toks, i)
}

/// `10,000`, `70`, `1.5 million`, `3 dozen`.
fn digits(toks: &[Token<'_>], i: usize) -> Option<(NumberExpr, usize)> {
    let t = &toks[i];
    let mut text = t.text.to_string();
    let mut k = i + 1;
    // thousands groups
    while toks.get(k).is_some_and(|c| c.is_punct(',')) && glued(toks, k) && glued(toks, k + 1) {
        match toks.get(k + 1) {
            Some(g) if g.kind == TokKind::Num && g.text.len() == 3 => {
                text.push_str(g.text);
                k += 2;
            }
            _ => break,
        }
    }
    // a fraction (2/3) or a time (10:30) is not a count
    if toks.get(k).is_some_and(|c| c.is_punct('/') || c.is_punct(':')) && glued(toks, k) && glued(toks, k + 1)
    {
        return None;
    }
    // a decimal part is only a count before a scale word (1.5 million)
    let mut frac = String::new();
    if toks.get(k).is_some_and(|c| c.is_punct('.'))
        && glued(toks, k)
        && glued(toks, k + 1)
        && let Some(f) = toks.get(k + 1).filter(|f| f.kind == TokKind::Num)
    {
        scale(w(toks, k + 2))?;
        frac = f.text.to_string();
        k += 2;
    }
    if text.len() > 15 || frac.len() > 6 {
        return None;
    }
    let whole: u64 = text.parse().ok()?;
    let mut value = whole;
    if let Some(s) = scale(w(toks, k)) {
        let f: u64 = if frac.is_empty() { 0 } else { frac.parse().ok()? };
        let denom = 10u64.checked_pow(u32::try_from(frac.len()).ok()?)?;
        value = whole.checked_mul(s)?.checked_add(f.checked_mul(s)? / denom)?;
        k += 1;
    } else if w(toks, k) == "dozen" {
        value = whole.checked_mul(12)?;
        k += 1;
    }
    Some((NumberExpr::exact(value), k))
}

/// `two`, `seventy-one`, `two hundred and five`, `a hundred`, `three thousand`.
fn words(toks: &[Token<'_>], i: usize) -> Option<(NumberExpr, usize)> {
    let mut total: u64 = 0;
    let mut current: u64 = 0;
    let mut k = i;
    let mut any = false;
    // the last word read was a number word ("two three" is not one number)
    let mut after_number = false;
    if matches!(w(toks, k), "a" | "one") && scale(w(toks, k + 1)).is_some() {
        current = 1;
        k += 1;
        any = true;
    }
    loop {
        let word = w(toks, k);
        if let Some(n) = number_word(word) {
            // only "seventy one" may follow a number word
            if after_number && !(current % 100 >= 20 && current.is_multiple_of(10) && n < 10) {
                break;
            }
            after_number = true;
            current += n;
            k += 1;
            any = true;
            // seventy-one
            if tens_word(word).is_some()
                && toks.get(k).is_some_and(|t| t.is_punct('-'))
                && glued(toks, k)
                && let Some(u) = number_word(w(toks, k + 1)).filter(|u| *u < 10)
            {
                current += u;
                k += 2;
            }
        } else if let Some(s) = scale(word).filter(|_| any) {
            after_number = false;
            if s == 100 {
                current = current.max(1).checked_mul(100)?;
            } else {
                total = total.checked_add(current.max(1).checked_mul(s)?)?;
                current = 0;
            }
            k += 1;
        } else if word == "dozen" && any {
            current = current.checked_mul(12)?;
            k += 1;
        } else if word == "and" && any && !after_number && number_word(w(toks, k + 1)).is_some() {
            k += 1;
        } else {
            break;
        }
    }
    any.then(|| (NumberExpr::exact(total + current), k))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(min: u64, max: Option<u64>, approximate: bool) -> NumberExpr {
        NumberExpr { min, max, approximate }
    }

    #[test]
    fn plain_numbers() {
        assert_eq!(parse_number("two"), Some(n(2, Some(2), false)));
        assert_eq!(parse_number("seventy-one"), Some(n(71, Some(71), false)));
        assert_eq!(parse_number("seventy one"), Some(n(71, Some(71), false)));
        assert_eq!(parse_number("10,000"), Some(n(10_000, Some(10_000), false)));
        assert_eq!(parse_number("1.5 million"), Some(n(1_500_000, Some(1_500_000), false)));
        assert_eq!(parse_number("two hundred and five"), Some(n(205, Some(205), false)));
        assert_eq!(parse_number("a hundred"), Some(n(100, Some(100), false)));
        assert_eq!(parse_number("three thousand"), Some(n(3000, Some(3000), false)));
        assert_eq!(parse_number("a dozen"), Some(n(12, Some(12), false)));
        assert_eq!(parse_number("two dozen"), Some(n(24, Some(24), false)));
        assert_eq!(parse_number("107"), Some(n(107, Some(107), false)));
    }

    #[test]
    fn vague_and_bounded() {
        assert_eq!(parse_number("more than 70"), Some(n(71, None, false)));
        assert_eq!(parse_number("over 700"), Some(n(701, None, false)));
        assert_eq!(parse_number("at least six"), Some(n(6, None, false)));
        assert_eq!(parse_number("107 or more"), Some(n(107, None, false)));
        assert_eq!(parse_number("up to 10"), Some(n(0, Some(10), false)));
        assert_eq!(parse_number("fewer than 10"), Some(n(0, Some(9), false)));
        assert_eq!(parse_number("roughly 10"), Some(n(10, Some(10), true)));
        assert_eq!(parse_number("about 10"), Some(n(10, Some(10), true)));
        assert_eq!(parse_number("nearly 10"), Some(n(10, Some(10), true)));
        assert_eq!(parse_number("between 5 and 7"), Some(n(5, Some(7), false)));
        assert_eq!(parse_number("5 to 7"), Some(n(5, Some(7), false)));
        assert_eq!(parse_number("5-7"), Some(n(5, Some(7), false)));
        assert_eq!(parse_number("dozens"), Some(n(12, None, true)));
        assert_eq!(parse_number("hundreds"), Some(n(100, None, true)));
        assert_eq!(parse_number("scores"), Some(n(20, None, true)));
        assert_eq!(parse_number("hundreds of thousands"), Some(n(100_000, None, true)));
        assert_eq!(parse_number("tens of thousands of"), Some(n(10_000, None, true)));
        assert_eq!(parse_number("dozens of"), Some(n(12, None, true)));
        assert_eq!(parse_number("a few"), Some(n(2, Some(5), true)));
        assert_eq!(parse_number("several"), Some(n(3, Some(9), true)));
        assert_eq!(parse_number("a couple of"), Some(n(2, Some(2), true)));
    }

    #[test]
    fn not_numbers() {
        for s in [
            "",
            "people",
            "more than",
            "3.5",
            "2/3",
            "10:30",
            "two people",
            "99999999999999999999",
            "and two",
        ] {
            assert_eq!(parse_number(s), None, "{s:?}");
        }
    }
}
