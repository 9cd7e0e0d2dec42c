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
                score(&model.weights, &feats) > 0.0 && plausible(text, tokens, i)
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

/// Hard limits on learned boundaries: never after an opening bracket or a comma, nor
/// right before a closing quote or bracket that is glued to the token (`."` ends later).
fn plausible(text: &str, tokens: &[Token], i: usize) -> bool {
    let t = tokens[i].text(text);
    if matches!(t, "," | "(" | "[" | "{" | "\u{201C}" | "\u{2018}") {
        return false;
    }
    match tokens.get(i + 1) {
        Some(n) if !tokens[i].space_after => {
            let nt = n.text(text);
            let glued_closer = nt.chars().all(|c| is_closer(c) || is_final_punct(c));
            !glued_closer
        }
        _ => true,
    }
}
