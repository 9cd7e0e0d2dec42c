//! Beam search over arc-eager transitions (Zhang & Clark 2008; Zhang & Nivre 2011): the
//! `width` best move sequences so far are kept and extended together, ranked by the sum of
//! their moves' scores, so that a move that looked best locally can be overruled by what
//! follows. Training for it is global ([`super::train`]): the perceptron is updated on
//! whole sequences (early update), not on single moves.

use super::features::{N_FEATURES, NodeInfo, extract};
use super::state::{Move, State};

/// One hypothesis of the beam.
#[derive(Debug, Clone, Default)]
pub struct Item {
    /// The configuration reached.
    pub state: State,
    /// Sum of the scores of its moves.
    pub score: f64,
    /// Its moves (class indices), in order.
    pub moves: Vec<u16>,
}

/// Reusable buffers of a beam search.
#[derive(Debug, Clone, Default)]
pub struct Beam {
    /// Current hypotheses, best first after each step.
    pub items: Vec<Item>,
    next: Vec<Item>,
    /// Spare items whose allocations are reused.
    pool: Vec<Item>,
    /// (score, item, move class) of every expansion of a step.
    candidates: Vec<(f64, u32, u16)>,
    scores: Vec<f64>,
    mask: Vec<bool>,
    feats: Vec<[u64; N_FEATURES]>,
}

/// Best first; ties go to the earlier item and the lower class, so runs are repeatable.
fn order(a: &(f64, u32, u16), b: &(f64, u32, u16)) -> std::cmp::Ordering {
    b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2))
}

/// Keeps the `width` best of `v` (in no particular order).
fn keep_best(v: &mut Vec<(f64, u32, u16)>, width: usize) {
    if v.len() > width {
        v.select_nth_unstable_by(width - 1, order);
        v.truncate(width);
    }
}

impl Beam {
    /// Starts a search over a sentence of `n` words.
    pub fn reset(&mut self, n: usize) {
        self.pool.append(&mut self.items);
        self.pool.append(&mut self.next);
        let mut first = self.pool.pop().unwrap_or_default();
        first.state.reset(n);
        first.score = 0.0;
        first.moves.clear();
        self.items.push(first);
    }

    /// True when every hypothesis has reached a final configuration.
    pub fn is_final(&self) -> bool {
        self.items.iter().all(|i| i.state.is_final())
    }

    /// Extends every hypothesis by every allowed move and keeps the `width` best.
    /// `score(state, features, out)` sets `out` (length `n_classes`) to the move scores of
    /// one configuration and its features; `allowed(state, mask)` sets `mask[c]` (length
    /// `n_classes`) to whether move class `c` may be taken. Final hypotheses stay as they are and compete
    /// with the extended ones. Returns false when no hypothesis could move (the beam is left
    /// unchanged).
    pub fn step(
        &mut self,
        nodes: &[NodeInfo],
        width: usize,
        n_classes: usize,
        mut score: impl FnMut(&State, &[u64; N_FEATURES], &mut [f64]),
        allowed: impl Fn(&State, &mut [bool]),
    ) -> bool {
        let width = width.max(1);
        self.candidates.clear();
        self.feats.resize(self.items.len(), [0; N_FEATURES]);
        self.mask.resize(n_classes, false);
        let mut moved = false;
        for (i, item) in self.items.iter().enumerate() {
            if item.state.is_final() {
                self.candidates.push((item.score, i as u32, u16::MAX));
                continue;
            }
            extract(&item.state, nodes, &mut self.feats[i]);
            self.scores.clear();
            self.scores.resize(n_classes, 0.0);
            score(&item.state, &self.feats[i], &mut self.scores);
            allowed(&item.state, &mut self.mask);
            for (c, &s) in self.scores.iter().enumerate() {
                if self.mask[c] {
                    self.candidates.push((item.score + s, i as u32, c as u16));
                    moved = true;
                }
            }
        }
        if !moved {
            return false;
        }
        keep_best(&mut self.candidates, width);
        self.candidates.sort_unstable_by(order);
        for &(s, i, c) in &self.candidates {
            let from = &self.items[i as usize];
            let mut it = self.pool.pop().unwrap_or_default();
            it.state.clone_from(&from.state);
            it.moves.clone_from(&from.moves);
            it.score = s;
            if c != u16::MAX {
                it.state.apply(Move::from_class(c as usize));
                it.moves.push(c);
            }
            self.next.push(it);
        }
        self.pool.append(&mut self.items);
        std::mem::swap(&mut self.items, &mut self.next);
        true
    }

    /// The best hypothesis (after at least one [`Beam::reset`]).
    pub fn best(&self) -> &Item {
        &self.items[0]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parser::features::ROOT_INFO;

    #[test]
    fn keeps_the_best_sequences_and_ends_when_all_are_final() {
        let nodes = vec![ROOT_INFO, NodeInfo::default(), NodeInfo::default()];
        let mut beam = Beam::default();
        beam.reset(2);
        // scores favour SHIFT (class 0), then RIGHT with label 0 (class 3)
        let score = |_: &State, _: &[u64; N_FEATURES], out: &mut [f64]| {
            out[0] = 2.0;
            out[3] = 1.0;
        };
        let allowed = |s: &State, mask: &mut [bool]| {
            let k = s.valid();
            for (c, m) in mask.iter_mut().enumerate() {
                *m = match Move::from_class(c) {
                    Move::Shift => k[0],
                    Move::Reduce => k[1],
                    Move::Left(_) => k[2],
                    Move::Right(_) => k[3] && (s.s0() != 0 || !s.root_taken()),
                };
            }
        };
        let mut steps = 0;
        while !beam.is_final() {
            assert!(beam.step(&nodes, 3, 4, score, allowed));
            assert!(beam.items.len() <= 3);
            assert!(beam.items.windows(2).all(|w| w[0].score >= w[1].score));
            steps += 1;
            assert!(steps < 20);
        }
        let best = beam.best();
        assert_eq!(best.moves, [0, 0], "two shifts score 4");
        assert_eq!(best.score, 4.0);
        // a second search reuses the buffers and starts clean
        beam.reset(1);
        assert_eq!(beam.items.len(), 1);
        assert!(beam.items[0].moves.is_empty());
    }
}
