//! Entity-level exact-match scoring (conlleval-style) over PER/LOC/ORG.

use crate::corpus::TaggedSentence;
use crate::label::{EntityLabel, EntitySpan, EntityTag, spans_from_tags};
use crate::tagger::Ner;
use std::collections::HashSet;
use std::fmt;

/// Counts for one entity type (or all together).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predicted entities that match a gold entity exactly (span and type).
    pub true_pos: usize,
    /// Predicted entities with no exact gold match.
    pub false_pos: usize,
    /// Gold entities with no exact predicted match.
    pub false_neg: usize,
}

impl Counts {
    /// Precision in percent (0 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        pct(self.true_pos, self.true_pos + self.false_pos)
    }
    /// Recall in percent (0 when there is no gold entity).
    pub fn recall(&self) -> f64 {
        pct(self.true_pos, self.true_pos + self.false_neg)
    }
    /// F1 in percent.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
    fn add(&mut self, o: &Counts) {
        self.true_pos += o.true_pos;
        self.false_pos += o.false_pos;
        self.false_neg += o.false_neg;
    }
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { 100.0 * a as f64 / b as f64 }
}

/// Scores of a tagger on a corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct NerScores {
    /// Per type, in [`EntityLabel::ALL`] order.
    pub per_label: [(EntityLabel, Counts); 3],
    /// All types together (micro-averaged).
    pub overall: Counts,
    /// Sentences scored.
    pub sentences: usize,
    /// Words scored.
    pub words: usize,
}

impl Default for NerScores {
    fn default() -> Self {
        NerScores {
            per_label: EntityLabel::ALL.map(|l| (l, Counts::default())),
            overall: Counts::default(),
            sentences: 0,
            words: 0,
        }
    }
}

impl NerScores {
    /// Counts for one label.
    pub fn label(&self, l: EntityLabel) -> Counts {
        self.per_label.iter().find(|(x, _)| *x == l).map(|(_, c)| *c).unwrap_or_default()
    }

    /// Adds one sentence's gold and predicted tags.
    pub fn add_sentence(&mut self, gold: &[EntityTag], pred: &[EntityTag]) {
        let g: HashSet<EntitySpan> = spans_from_tags(gold).into_iter().collect();
        let p: HashSet<EntitySpan> = spans_from_tags(pred).into_iter().collect();
        for (label, c) in self.per_label.iter_mut() {
            let mut add = Counts::default();
            add.true_pos = p.iter().filter(|s| s.label == *label && g.contains(s)).count();
            add.false_pos = p.iter().filter(|s| s.label == *label).count() - add.true_pos;
            add.false_neg = g.iter().filter(|s| s.label == *label).count() - add.true_pos;
            c.add(&add);
            self.overall.add(&add);
        }
        self.sentences += 1;
        self.words += gold.len();
    }

    fn empty() -> Self {
        NerScores::default()
    }
}

impl fmt::Display for NerScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "type  gold  pred    P      R      F1")?;
        let rows = self
            .per_label
            .iter()
            .map(|(l, c)| (l.as_str(), c))
            .chain(std::iter::once(("ALL", &self.overall)));
        for (name, c) in rows {
            writeln!(
                f,
                "{name:<4} {:>5} {:>5} {:6.2} {:6.2} {:6.2}",
                c.true_pos + c.false_neg,
                c.true_pos + c.false_pos,
                c.precision(),
                c.recall(),
                c.f1()
            )?;
        }
        Ok(())
    }
}

/// Tags every sentence with `ner` and scores it against the gold tags.
pub fn evaluate(ner: &Ner, sentences: &[TaggedSentence]) -> NerScores {
    let mut s = NerScores::empty();
    let mut pred = Vec::new();
    for sent in sentences {
        ner.tag_into(&sent.words, &mut pred);
        s.add_sentence(&sent.tags, &pred);
    }
    s
}

/// Scores predicted tag sequences against gold ones (same order and lengths).
pub fn score_tags(gold: &[Vec<EntityTag>], pred: &[Vec<EntityTag>]) -> NerScores {
    let mut s = NerScores::empty();
    for (g, p) in gold.iter().zip(pred) {
        s.add_sentence(g, p);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityLabel::*;
    use EntityTag::*;

    #[test]
    fn exact_match_counts() {
        let gold = vec![vec![B(Per), I(Per), O, B(Loc), O, B(Org)]];
        let pred = vec![vec![B(Per), O, O, B(Loc), O, B(Loc)]];
        let s = score_tags(&gold, &pred);
        assert_eq!(s.label(Per), Counts { true_pos: 0, false_pos: 1, false_neg: 1 });
        assert_eq!(s.label(Loc), Counts { true_pos: 1, false_pos: 1, false_neg: 0 });
        assert_eq!(s.label(Org), Counts { true_pos: 0, false_pos: 0, false_neg: 1 });
        assert_eq!(s.overall, Counts { true_pos: 1, false_pos: 2, false_neg: 2 });
        assert!((s.overall.f1() - 100.0 / 3.0).abs() < 1e-9);
        assert!(s.to_string().contains("ALL"));
    }
}
