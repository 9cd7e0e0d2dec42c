//! A tense hint for resolving `on Monday` or `December 11` without a year: does the
//! sentence around the expression speak of the future or of the past?
//!
//! Without a parser this reads cue words: the cue nearest to the expression within its
//! sentence wins; with no cue at all the report is taken to speak of the past, which is
//! what news reports mostly do.

use super::Tense;
use super::token::{TokKind, Token};

/// Words or word pairs that mark future reference.
fn future_cue(toks: &[Token<'_>], i: usize) -> bool {
    let w = toks[i].lower.as_str();
    let next = toks.get(i + 1).map(|t| t.lower.as_str());
    match w {
        "will" | "shall" | "upcoming" | "scheduled" | "planned" | "plans" | "plan" | "expected"
        | "expects" | "tomorrow" | "forthcoming" => true,
        // he'll, they'll (the apostrophe is its own token)
        "ll" => i > 0 && toks[i - 1].kind == TokKind::Punct,
        "set" | "going" | "is" | "are" | "am" => next == Some("to"),
        // figures to be published today
        "to" => next == Some("be"),
        _ => false,
    }
}

/// Words that mark past reference (a participle after `be` or `to` does not:
/// `is to be held`).
fn past_cue(toks: &[Token<'_>], i: usize) -> bool {
    if i > 0 && matches!(toks[i - 1].lower.as_str(), "be" | "to" | "being") {
        return false;
    }
    let w = toks[i].lower.as_str();
    matches!(
        w,
        "was"
            | "were"
            | "had"
            | "did"
            | "ago"
            | "yesterday"
            | "said"
            | "told"
            | "began"
            | "took"
            | "went"
            | "came"
            | "held"
            | "made"
            | "led"
            | "left"
            | "met"
            | "sat"
            | "won"
            | "lost"
            | "fell"
            | "rose"
    ) || (w.len() > 4
        && w.ends_with("ed")
        && !toks[i].is_capitalized()
        && !matches!(
            w,
            "scheduled"
                | "planned"
                | "expected"
                | "indeed"
                | "hundred"
                | "kindred"
                | "sacred"
                | "naked"
                | "wicked"
                | "beloved"
                | "aged"
                | "armed"
                | "based"
                | "related"
                | "united"
        ))
}

/// How many tokens on each side of an expression are read for cues; bounds the work on
/// text without sentence punctuation.
const WINDOW: usize = 60;

/// Index range of the sentence holding token `at` (split at `.`, `!`, `?`, `;` and line
/// breaks), at most [`WINDOW`] tokens each side.
fn sentence(toks: &[Token<'_>], at: usize) -> (usize, usize) {
    let boundary = |t: &Token<'_>| t.kind == TokKind::Punct && matches!(t.text, "." | "!" | "?" | ";");
    let mut a = at;
    while a > 0 && at - a < WINDOW && !boundary(&toks[a - 1]) && !toks[a].newline_before {
        a -= 1;
    }
    let mut b = at;
    while b + 1 < toks.len() && b - at < WINDOW && !boundary(&toks[b]) && !toks[b + 1].newline_before {
        b += 1;
    }
    (a, b + 1)
}

/// The tense of the sentence around tokens `first..last` (inclusive-exclusive); past when
/// no word says.
pub(crate) fn detect(toks: &[Token<'_>], first: usize, last: usize) -> Tense {
    cue(toks, first, last).unwrap_or(Tense::Past)
}

/// The tense the nearest cue word gives, `None` when the sentence has no cue (present
/// tense or no verb).
pub(crate) fn cue(toks: &[Token<'_>], first: usize, last: usize) -> Option<Tense> {
    if toks.is_empty() || first >= toks.len() {
        return None;
    }
    let (a, b) = sentence(toks, first);
    let mut best: Option<(usize, Tense)> = None;
    for i in (a..b).filter(|i| *i < first || *i >= last) {
        let tense = if future_cue(toks, i) {
            Tense::Future
        } else if past_cue(toks, i) {
            Tense::Past
        } else {
            continue;
        };
        let dist = if i < first { first - i } else { i + 1 - last };
        if best.is_none_or(|(d, _)| dist < d) {
            best = Some((dist, tense));
        }
    }
    best.map(|(_, t)| t)
}

#[cfg(test)]
mod tests {
    use super::super::token::tokenize;
    use super::*;

    fn tense_of(sentence: &str, word: &str) -> Tense {
        let toks = tokenize(sentence);
        let i = toks.iter().position(|t| t.text == word).unwrap();
        detect(&toks, i, i + 1)
    }

    #[test]
    fn cues() {
        assert_eq!(tense_of("The attack on Monday killed two people.", "Monday"), Tense::Past);
        assert_eq!(tense_of("The minister will visit Kabul on Monday.", "Monday"), Tense::Future);
        assert_eq!(tense_of("They are to travel on Wednesday.", "Wednesday"), Tense::Future);
        assert_eq!(tense_of("The meeting is set to take place on May 16.", "May"), Tense::Future);
        assert_eq!(tense_of("Talks ended. They'll resume on Friday.", "Friday"), Tense::Future);
        assert_eq!(tense_of("Talks will resume. The army attacked on Friday.", "Friday"), Tense::Past);
        assert_eq!(tense_of("On Friday", "Friday"), Tense::Past);
        assert_eq!(tense_of("On Friday, Mohamed is to travel.", "Friday"), Tense::Future);
        assert_eq!(tense_of("The vote is to be held on May 16.", "May"), Tense::Future);
    }
}
