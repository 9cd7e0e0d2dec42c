//! Evaluation of tokenization and sentence splitting by the rules of the CoNLL 2018 shared
//! task: system and gold units are aligned by their character spans in the same raw text,
//! and a unit is correct when both its start and end match.
//!
//! Words inside multiword tokens are compared by span too; gold words get their spans by
//! cutting the token at the lengths of their forms (in EWT the forms of the words of a
//! multiword token always spell the token), which gives the same result as the official
//! script's alignment for such tokens.

use std::ops::Range;

use crate::conllu::Sentence;
use crate::error::{Result, TextError};
use crate::raw::{align, raw_text};
use crate::token::{SentenceSpan, Token, surface_tokens};
use crate::tokenizer::Tokenizer;

/// Counts behind one precision/recall/F1 figure.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct F1 {
    /// Units in the gold standard.
    pub gold: usize,
    /// Units the system produced.
    pub system: usize,
    /// System units whose span equals a gold unit's span.
    pub correct: usize,
}

impl F1 {
    /// Precision in percent.
    pub fn precision(&self) -> f64 {
        if self.system == 0 { 0.0 } else { 100.0 * self.correct as f64 / self.system as f64 }
    }

    /// Recall in percent.
    pub fn recall(&self) -> f64 {
        if self.gold == 0 { 0.0 } else { 100.0 * self.correct as f64 / self.gold as f64 }
    }

    /// F1 in percent.
    pub fn f1(&self) -> f64 {
        let denom = self.gold + self.system;
        if denom == 0 { 0.0 } else { 200.0 * self.correct as f64 / denom as f64 }
    }
}

impl std::ops::AddAssign for F1 {
    /// Pools the counts of another evaluation (micro-average over documents).
    fn add_assign(&mut self, o: F1) {
        self.gold += o.gold;
        self.system += o.system;
        self.correct += o.correct;
    }
}

impl std::ops::AddAssign for Scores {
    /// Pools the counts of another evaluation (micro-average over documents).
    fn add_assign(&mut self, o: Scores) {
        self.tokens += o.tokens;
        self.words += o.words;
        self.sentences += o.sentences;
    }
}

/// Tokens, words and sentences F1 of one evaluation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scores {
    /// Surface tokens (multiword tokens counted once).
    pub tokens: F1,
    /// Syntactic words.
    pub words: F1,
    /// Sentences.
    pub sentences: F1,
}

/// Compares two sorted lists of spans.
fn compare(gold: &[Range<usize>], system: &[Range<usize>]) -> F1 {
    let (mut i, mut j, mut correct) = (0, 0, 0);
    while i < gold.len() && j < system.len() {
        let (g, s) = (&gold[i], &system[j]);
        if g == s {
            correct += 1;
            i += 1;
            j += 1;
        } else if (g.start, g.end) < (s.start, s.end) {
            i += 1;
        } else {
            j += 1;
        }
    }
    F1 { gold: gold.len(), system: system.len(), correct }
}

/// Scores `tokens` and `sentences`, produced on `raw_text`, against `gold`.
///
/// `raw_text` must be the text the gold sentences were written from, normally
/// [`raw_text`]`(gold)`.
pub fn evaluate(
    gold: &[Sentence],
    raw_text: &str,
    tokens: &[Token],
    sentences: &[SentenceSpan],
) -> Result<Scores> {
    let aligned = align(gold, raw_text)?;
    let g_tokens: Vec<Range<usize>> = aligned.iter().flat_map(|s| s.tokens.iter().cloned()).collect();
    let g_words: Vec<Range<usize>> = aligned.iter().flat_map(|s| s.words.iter().cloned()).collect();
    let g_sents: Vec<Range<usize>> = aligned.iter().map(|s| s.span.clone()).collect();
    for t in tokens {
        if t.text(raw_text).is_empty() {
            return Err(TextError::BadOffset(t.start));
        }
    }
    let s_words: Vec<Range<usize>> = tokens.iter().map(Token::range).collect();
    let s_tokens: Vec<Range<usize>> =
        surface_tokens(tokens).into_iter().map(|r| r.start as usize..r.end as usize).collect();
    let s_sents: Vec<Range<usize>> = sentences.iter().map(|s| s.start as usize..s.end as usize).collect();
    Ok(Scores {
        tokens: compare(&g_tokens, &s_tokens),
        words: compare(&g_words, &s_words),
        sentences: compare(&g_sents, &s_sents),
    })
}

/// Builds the raw text of `gold`, runs `tokenizer` on it and scores the result.
pub fn evaluate_tokenizer(tokenizer: &Tokenizer, gold: &[Sentence]) -> Result<Scores> {
    let text = raw_text(gold);
    let (tokens, sentences) = tokenizer.analyze(&text);
    evaluate(gold, &text, &tokens, &sentences)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f1_counts() {
        let f = compare(&[0..1, 2..4, 5..6], &[0..1, 2..3, 3..4, 5..6]);
        assert_eq!(f, F1 { gold: 3, system: 4, correct: 2 });
        assert!((f.f1() - 200.0 * 2.0 / 7.0).abs() < 1e-9);
        assert_eq!(F1::default().f1(), 0.0);
    }
}
