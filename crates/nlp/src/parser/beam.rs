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

/// The best score among the allowed classes, if any is allowed.
#[inline]
fn best_allowed(scores: &[f64], mask: &[bool]) -> Option<f64> {
    // four running maxima, so that the comparisons do not wait for each other
    let mut acc = [f64::NEG_INFINITY; 4];
    let mut any = false;
    for (s, m) in scores.chunks(4).zip(mask.chunks(4)) {
        for k in 0..s.len() {
            let v = if m[k] { s[k] } else { f64::NEG_INFINITY };
            acc[k] = if v > acc[k] { v } else { acc[k] };
            any |= m[k];
        }
    }
    let best = acc.into_iter().fold(f64::NEG_INFINITY, |a, b| if b > a { b } else { a });
    any.then_some(best)
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
    ///
    /// `score(items, features, out)` sets `out[i * n_classes..(i + 1) * n_classes]` to the
    /// move scores of every hypothesis `i` that is not final, given the features of each
    /// (`features[i]`; see [`super::scoring::BufferScores::score_items`]). `allowed(state, mask)`
    /// sets `mask[c]` (length `n_classes`) to whether move class `c` may be taken. Final
    /// hypotheses stay as they are and compete with the extended ones. Returns false when no
    /// hypothesis could move (the beam is left unchanged).
    pub fn step(
        &mut self,
        nodes: &[NodeInfo],
        width: usize,
        n_classes: usize,
        mut score: impl FnMut(&[Item], &[[u64; N_FEATURES]], &mut [f64]),
        allowed: impl Fn(&State, &mut [bool]),
    ) -> bool {
        let width = width.max(1);
        let n_items = self.items.len();
        self.candidates.clear();
        self.feats.resize(n_items, [0; N_FEATURES]);
        self.scores.clear();
        self.scores.resize(n_items * n_classes, 0.0);
        self.mask.resize(n_items * n_classes, false);
        // Score every hypothesis first. Each gives at least one candidate (its best allowed
        // move, or itself when final), so once the beam is full the worst of those is a
        // floor for the `width` best candidates: anything below it cannot make the cut, and
        // need not be pushed and selected from. Candidates at the floor are kept, so the
        // result is exactly that of selecting from all of them.
        for (item, f) in self.items.iter().zip(self.feats.iter_mut()) {
            if !item.state.is_final() {
                extract(&item.state, nodes, f);
            }
        }
        score(&self.items, &self.feats, &mut self.scores);
        let mut floor = f64::INFINITY;
        let mut moved = false;
        for (i, item) in self.items.iter().enumerate() {
            if item.state.is_final() {
                floor = floor.min(item.score);
                continue;
            }
            let scores = &self.scores[i * n_classes..(i + 1) * n_classes];
            let mask = &mut self.mask[i * n_classes..(i + 1) * n_classes];
            allowed(&item.state, mask);
            match best_allowed(scores, mask) {
                Some(b) => {
                    floor = floor.min(item.score + b);
                    moved = true;
                }
                // a hypothesis that cannot move gives no candidate, hence no floor
                None => floor = f64::NEG_INFINITY,
            }
        }
        if n_items < width {
            floor = f64::NEG_INFINITY;
        }
        for (i, item) in self.items.iter().enumerate() {
            if item.state.is_final() {
                self.candidates.push((item.score, i as u32, u16::MAX));
                continue;
            }
            let scores = &self.scores[i * n_classes..(i + 1) * n_classes];
            let mask = &self.mask[i * n_classes..(i + 1) * n_classes];
            for (c, (&s, &m)) in scores.iter().zip(mask).enumerate() {
                if m && item.score + s >= floor {
                    self.candidates.push((item.score + s, i as u32, c as u16));
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

    /// Adapts `score(state, features, out)`, which scores one configuration, to the scorer of
    /// all hypotheses that [`Beam::step`] takes: it is called for each hypothesis that is not
    /// final, in order.
    fn each(
        mut score: impl FnMut(&State, &[u64; N_FEATURES], &mut [f64]),
    ) -> impl FnMut(&[Item], &[[u64; N_FEATURES]], &mut [f64]) {
        move |items, feats, out| {
            let nc = out.len() / items.len().max(1);
            for ((item, f), o) in items.iter().zip(feats).zip(out.chunks_mut(nc.max(1))) {
                if !item.state.is_final() {
                    score(&item.state, f, o);
                }
            }
        }
    }

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
            assert!(beam.step(&nodes, 3, 4, each(score), allowed));
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

    #[test]
    fn the_floor_keeps_exactly_the_best_candidates() {
        // many ties (scores in a small range, the same for hypotheses in the same place) and
        // classes switched off at random: each step must keep what selecting from every
        // candidate keeps, in the same order
        let n = 9;
        let nodes = vec![NodeInfo::default(); n + 1];
        let n_classes = 2 + 2 * 5;
        let mix = |x: u64| {
            let x = (x ^ (x >> 31)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
            x ^ (x >> 29)
        };
        let place = |s: &State| u64::from(s.b) * 131 + u64::from(s.s0()) * 7 + s.stack.len() as u64;
        let score = |s: &State, _: &[u64; N_FEATURES], out: &mut [f64]| {
            for (c, o) in out.iter_mut().enumerate() {
                *o = (mix(place(s) * 64 + c as u64) % 5) as f64;
            }
        };
        let allowed = |s: &State, mask: &mut [bool]| {
            let k = s.valid();
            for (c, m) in mask.iter_mut().enumerate() {
                let kind = match Move::from_class(c) {
                    Move::Shift => k[0],
                    Move::Reduce => k[1],
                    Move::Left(_) => k[2],
                    Move::Right(_) => k[3] && (s.s0() != 0 || !s.root_taken()),
                };
                // a few classes off, but never every arc move
                *m = kind && (c < 4 || mix(place(s) ^ (c as u64 * 977)) % 3 != 0);
            }
        };
        for width in [1, 2, 3, 8] {
            let mut beam = Beam::default();
            beam.reset(n);
            let mut steps = 0;
            while !beam.is_final() {
                // every candidate, selected by sorting them all
                let mut all = Vec::new();
                for (i, item) in beam.items.iter().enumerate() {
                    if item.state.is_final() {
                        all.push((item.score, i as u32, u16::MAX));
                        continue;
                    }
                    let mut sc = vec![0.0; n_classes];
                    let mut mask = vec![false; n_classes];
                    score(&item.state, &[0; N_FEATURES], &mut sc);
                    allowed(&item.state, &mut mask);
                    for c in 0..n_classes {
                        if mask[c] {
                            all.push((item.score + sc[c], i as u32, c as u16));
                        }
                    }
                }
                all.sort_unstable_by(order);
                all.truncate(width);
                let expected: Vec<(f64, Vec<u16>)> = all
                    .iter()
                    .map(|&(sc, i, c)| {
                        let mut moves = beam.items[i as usize].moves.clone();
                        if c != u16::MAX {
                            moves.push(c);
                        }
                        (sc, moves)
                    })
                    .collect();
                assert!(beam.step(&nodes, width, n_classes, each(score), allowed));
                let got: Vec<(f64, Vec<u16>)> =
                    beam.items.iter().map(|it| (it.score, it.moves.clone())).collect();
                assert_eq!(got, expected, "width {width}, step {steps}");
                steps += 1;
                assert!(steps < 100);
            }
        }
    }
}
