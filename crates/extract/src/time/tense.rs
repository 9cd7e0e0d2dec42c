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
pub(crate) fn sentence(toks: &[Token<'_>], at: usize) -> (usize, usize) {
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

/// Which way a quotation mark faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Open,
    Close,
    /// A straight `"` with space on both sides or on neither.
    Either,
}

/// The quotation mark at token `i`, if it is one: curly marks say which way they face, a
/// straight one by the word it is glued to (`"We` opens, `game."` closes).
fn mark(toks: &[Token<'_>], i: usize) -> Option<Mark> {
    let t = &toks[i];
    if t.kind != TokKind::Punct {
        return None;
    }
    match t.text {
        "“" => Some(Mark::Open),
        "”" => Some(Mark::Close),
        "\"" => {
            let prev = i > 0 && toks[i - 1].end == t.start;
            let next = toks.get(i + 1).is_some_and(|n| n.start == t.end);
            Some(match (prev, next) {
                (false, true) => Mark::Open,
                (true, false) => Mark::Close,
                _ => Mark::Either,
            })
        }
        _ => None,
    }
}

/// True when token `at` stands inside a direct quote of its sentence `a..b` (`said, "...
/// today's game."`, `"We won today," he said.`), read from the quotation marks around it:
/// the last mark before it opens a quote, or, with none before, the first mark after it
/// closes one opened in an earlier sentence. Marks that face neither way count by parity.
fn quoted(toks: &[Token<'_>], at: usize, (a, b): (usize, usize)) -> bool {
    let before: Vec<Mark> = (a..at).filter_map(|i| mark(toks, i)).collect();
    match before.last() {
        Some(Mark::Open) => true,
        Some(Mark::Close) => false,
        Some(Mark::Either) => before.len() % 2 == 1,
        None => (at..b).find_map(|i| mark(toks, i)) == Some(Mark::Close),
    }
}

/// True when tokens `first..last` stand inside a direct quote whose reporting words speak
/// of the past (`After the match, the coach said, "... today's game."`): the quoted words
/// were spoken before the report was written, so their `today` is the day they were said.
pub(crate) fn in_past_quote(toks: &[Token<'_>], first: usize, last: usize) -> bool {
    if first >= toks.len() {
        return false;
    }
    let (a, mut b) = sentence(toks, first);
    // a closing mark after the full stop (`game."`) belongs to the sentence
    while b < toks.len() && toks[b].kind == TokKind::Punct && matches!(toks[b].text, "\"" | "”") {
        b += 1;
    }
    let span = (a, b);
    if !quoted(toks, first, span) {
        return false;
    }
    // the cues outside the quote: the reporting clause
    let outside = |i: &usize| (*i < first || *i >= last) && !quoted(toks, *i, span);
    let mut past = false;
    for i in (a..b).filter(outside) {
        if future_cue(toks, i) {
            return false;
        }
        past |= past_cue(toks, i);
    }
    past
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

    fn past_quote(sentence: &str, word: &str) -> bool {
        let toks = tokenize(sentence);
        let i = toks.iter().position(|t| t.text == word).unwrap();
        in_past_quote(&toks, i, i + 1)
    }

    #[test]
    fn quotes_reported_in_the_past() {
        assert!(past_quote(
            "After the match, the coach said, \"We learned a lot from today's game.\"",
            "today"
        ));
        assert!(past_quote("“We won today,” the captain told reporters.", "today"));
        assert!(past_quote("“It was hard today,” he said.", "today"));
        // the quote is not past speech, or the word is not quoted
        assert!(!past_quote("The coach says, \"Today we start again.\"", "Today"));
        assert!(!past_quote("\"We start today,\" he will tell the board.", "today"));
        assert!(!past_quote("He said the talks ended today.", "today"));
        assert!(!past_quote("\"We lost,\" he said of today's game.", "today"));
    }
}
