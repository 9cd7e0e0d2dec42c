//! The sentence splitter: layout rules (blank lines, headlines) first, then the learned
//! boundary classifier for every other gap between tokens.

use crate::chars::{is_closer, is_final_punct};
use crate::features::{TokenInfo, boundary_features, score, token_infos};
use crate::model::Model;
use crate::token::{SentenceSpan, Token};

/// What the layout of the gap after a token says about a boundary there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// A blank line, or a line break after a line that reads as a headline or a finished
    /// sentence: always a boundary.
    Break,
    /// Inside a word (`do|n't`): never a boundary.
    Inside,
    /// Ordinary gap: the classifier decides.
    Open,
}

/// Classifies the gap after token `i` by layout alone.
pub(crate) fn layout(text: &str, tokens: &[Token], i: usize) -> Layout {
    let t = &tokens[i];
    if t.joined {
        return Layout::Inside;
    }
    let Some(next) = tokens.get(i + 1) else { return Layout::Break };
    let gap = text.get(t.end as usize..next.start as usize).unwrap_or("");
    let newlines = gap.bytes().filter(|&b| b == b'\n').count();
    if newlines >= 2 {
        return Layout::Break;
    }
    if newlines == 1 {
        // A line break before a lowercase word is a wrapped line; after a comma, dash or
        // opening bracket the sentence goes on too. Otherwise the line ends a sentence or
        // is a headline.
        let next_lower = next.text(text).starts_with(|c: char| c.is_lowercase());
        let last = t.text(text).chars().next_back().unwrap_or(' ');
        let continues = matches!(last, ',' | ';' | '(' | '[' | '-' | '\u{2013}' | '\u{2014}' | '&' | '/');
        if !next_lower && !continues {
            return Layout::Break;
        }
    }
    Layout::Open
}

/// Splits `tokens` (of `text`) into sentences.
pub(crate) fn split(model: &Model, text: &str, tokens: &[Token]) -> Vec<SentenceSpan> {
    let infos: Vec<TokenInfo> = token_infos(text, tokens);
    let mut out = Vec::new();
    let mut feats = Vec::with_capacity(24);
    let mut first = 0usize;
    for i in 0..tokens.len() {
        let boundary = match layout(text, tokens, i) {
            Layout::Break => true,
            Layout::Inside => false,
            Layout::Open => {
                boundary_features(&infos, tokens, i, i + 1 - first, &mut feats);
                let learned = score(&model.weights, &feats) > 0.0;
                (learned || rule_boundary(text, tokens, i)) && plausible(text, tokens, i)
            }
        };
        if boundary {
            out.push(SentenceSpan {
                start: tokens[first].start,
                end: tokens[i].end,
                tokens: first as u32..i as u32 + 1,
            });
            first = i + 1;
        }
    }
    out
}

/// Words that start sentences far more often than they follow an abbreviation inside one.
const STARTERS: &[&str] = &[
    "the",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "but",
    "this",
    "that",
    "these",
    "those",
    "there",
    "his",
    "her",
    "its",
    "their",
    "our",
    "however",
    "meanwhile",
    "officials",
    "according",
    "some",
    "many",
    "most",
    "in",
    "on",
    "at",
    "after",
    "before",
    "when",
    "while",
    "if",
    "as",
    "a",
    "an",
];

/// Titles that come before a name, never at the end of a sentence.
const TITLES: &[&str] = &[
    "mr.", "mrs.", "ms.", "dr.", "gen.", "lt.", "col.", "maj.", "capt.", "sgt.", "cpl.", "pvt.", "adm.",
    "cmdr.", "brig.", "prof.", "rev.", "hon.", "amb.", "sen.", "sens.", "rep.", "reps.", "gov.", "pres.",
    "supt.", "insp.", "det.", "atty.", "msgr.", "st.", "no.", "nos.", "vs.", "v.", "ft.", "mt.", "u.s.s.",
];

/// Boundaries the treebank has too few examples of: after a full stop of a script that
/// writes without spaces or with its own stop (`。`, `！`, `؟`, `۔`, `।`), and after an
/// abbreviation that is not a title when the next word is a typical sentence opener
/// (`in the U.S. The rest ...`).
fn rule_boundary(text: &str, tokens: &[Token], i: usize) -> bool {
    let t = tokens[i].text(text);
    if t.chars()
        .all(|c| matches!(c, '\u{3002}' | '\u{FF01}' | '\u{FF1F}' | '\u{061F}' | '\u{06D4}' | '\u{0964}'))
    {
        return true;
    }
    let Some(next) = tokens.get(i + 1) else { return true };
    let n = next.text(text);
    if t.len() < 3 || !t.ends_with('.') || !tokens[i].space_after || !n.starts_with(char::is_uppercase) {
        return false;
    }
    let lt = t.to_lowercase();
    let ln = n.to_lowercase();
    !TITLES.contains(&lt.as_str()) && STARTERS.contains(&ln.as_str())
}

/// True when the quote mark at token `i` closes a quotation by its spacing: glued to the
/// token before it and followed by a space or the end. Typographic quotes are often typed
/// the wrong way round (`decision.“ However`), so the glyph alone does not tell.
fn closes_by_spacing(tokens: &[Token], i: usize) -> bool {
    i > 0 && !tokens[i - 1].space_after && (tokens[i].space_after || i + 1 == tokens.len())
}

/// Hard limits on learned boundaries: never after an opening bracket, a comma or a dash
/// (a dateline such as `WASHINGTON (Reuters) -` or `KABUL, Afghanistan --` belongs to the
/// sentence it opens), nor right before a closing quote or bracket that is glued to the
/// token (`."` ends after the quote), nor between letters or digits written together.
fn plausible(text: &str, tokens: &[Token], i: usize) -> bool {
    let t = tokens[i].text(text);
    let opening_quote = matches!(t, "\u{201C}" | "\u{2018}") && !closes_by_spacing(tokens, i);
    if opening_quote
        || matches!(t, "," | "(" | "[" | "{")
        || t.chars().all(|c| matches!(c, '-' | '\u{2013}' | '\u{2014}'))
    {
        return false;
    }
    match tokens.get(i + 1) {
        Some(n) if !tokens[i].space_after => {
            let nt = n.text(text);
            let glued_closer = nt.chars().all(|c| is_closer(c) || is_final_punct(c))
                || (matches!(nt, "\u{201C}" | "\u{2018}") && closes_by_spacing(tokens, i + 1));
            // letters or digits on both sides of a gap without space are one written word
            // (`39A`, `5pm`): never a boundary inside it
            let glued_word = t.ends_with(char::is_alphanumeric) && nt.starts_with(char::is_alphanumeric);
            !glued_closer && !glued_word
        }
        _ => true,
    }
}
