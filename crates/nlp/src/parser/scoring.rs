//! Scoring a parser configuration, with the scores of the buffer features cached per buffer
//! position.
//!
//! A feature such as "the next word's tag" has the same value in every configuration whose
//! buffer starts at the same word: in all hypotheses of a beam step that have not shifted
//! more than the others, and in every step of a greedy parse between two shifts. Those rows
//! (the bias, the next words and tags) are among the longest in the model, so summing them
//! once per position instead of once per configuration saves much of the scoring.
//!
//! The hypotheses of one beam step are scored together ([`BufferScores::score_items`]): the
//! features they all share are summed once, and a hypothesis close to an earlier one is
//! derived from it by the rows where they differ. The sums are integers, so every score is
//! exactly that of summing all the configuration's features at once.
//!
//! Decoding sums the quantized weights of a [`CompactModel`] (`i32`); beam training sums the
//! current weights of a [`SparsePerceptron`] (`f32`), which are whole numbers too, since
//! every update adds or takes away one: training and decoding share this code ([`Rows`]).

use std::ops::{AddAssign, SubAssign};

use super::beam::Item;
use super::features::{BUFFER_FEATURES, N_FEATURES, OTHER_FEATURES, STATE_FEATURES};
use super::state::NONE;
use crate::compact::CompactModel;
use crate::sparse::SparsePerceptron;

/// A class's score in [`BufferScores`]: `i32` or `f32`.
pub trait Score: Copy + Default + AddAssign + SubAssign + Into<f64> {}
impl<S: Copy + Default + AddAssign + SubAssign + Into<f64>> Score for S {}

/// Weights whose rows [`BufferScores`] sums into per-class scores. The sums must not depend
/// on the order of the rows (whole numbers, far from the type's precision limit), so that a
/// score made by taking rows away from another's equals summing the features afresh.
pub trait Rows {
    /// One class's score.
    type Score: Score;
    /// Adds the rows of `feats` to `out`.
    fn add_rows(&self, feats: &[u64], out: &mut [Self::Score]);
    /// Takes the rows of `feats` away from `out`.
    fn sub_rows(&self, feats: &[u64], out: &mut [Self::Score]);
}

impl Rows for CompactModel {
    type Score = i32;
    fn add_rows(&self, feats: &[u64], out: &mut [i32]) {
        self.score_into(feats, out);
    }
    fn sub_rows(&self, feats: &[u64], out: &mut [i32]) {
        self.unscore_into(feats, out);
    }
}

/// Training's current weights: each is a whole number (the parser's updates add or take away
/// 1), so their `f32` sums are exact in any order while they stay below 2^24 in magnitude,
/// where `f32` stops holding every whole number. The shipped parser's training stays far
/// below: it writes the same bytes as scoring each hypothesis alone (`models/cards/parser.md`).
impl Rows for SparsePerceptron {
    type Score = f32;
    fn add_rows(&self, feats: &[u64], out: &mut [f32]) {
        self.score_into(feats, out);
    }
    fn sub_rows(&self, feats: &[u64], out: &mut [f32]) {
        self.unscore_into(feats, out);
    }
}

/// Buffer positions cached at once (direct-mapped by position: a beam's hypotheses rarely
/// lie more than a few words apart).
const WAYS: usize = 16;

/// Reusable cache of the buffer features' scores of one sentence, with scores of type `S`
/// (`i32` for a [`CompactModel`], `f32` for a [`SparsePerceptron`] in training).
#[derive(Debug, Clone)]
pub struct BufferScores<S = i32> {
    n_classes: usize,
    /// Buffer position whose scores each way holds (`NONE`: none).
    positions: [u32; WAYS],
    scores: Vec<S>,
    /// Scratch of [`BufferScores::score_items`]: the live hypotheses, the shared
    /// features' scores, each live hypothesis's scores.
    live: Vec<usize>,
    common: Vec<S>,
    sum: Vec<S>,
}

impl<S> Default for BufferScores<S> {
    fn default() -> Self {
        BufferScores {
            n_classes: 0,
            positions: [NONE; WAYS],
            scores: Vec::new(),
            live: Vec::new(),
            common: Vec::new(),
            sum: Vec::new(),
        }
    }
}

impl<S: Score> BufferScores<S> {
    /// Forgets every position (call before each sentence, and after the weights change).
    pub fn reset(&mut self, n_classes: usize) {
        self.n_classes = n_classes;
        self.positions = [NONE; WAYS];
        self.scores.resize(WAYS * n_classes, S::default());
    }

    /// The scores of the buffer features of a configuration whose buffer starts at word `b`
    /// (computed on the first request for that position).
    fn buffer_part<M: Rows<Score = S>>(&mut self, model: &M, b: u32, feats: &[u64; N_FEATURES]) -> &[S] {
        let nc = self.n_classes;
        let way = b as usize % WAYS;
        let cached = &mut self.scores[way * nc..(way + 1) * nc];
        if self.positions[way] != b {
            let mut buffer = [0u64; BUFFER_FEATURES.len()];
            for (x, &i) in buffer.iter_mut().zip(&BUFFER_FEATURES) {
                *x = feats[i];
            }
            cached.fill(S::default());
            model.add_rows(&buffer, cached);
            self.positions[way] = b;
        }
        cached
    }

    /// Sets `out` (at least `n_classes` long) to the scores under `model` of `feats`, the
    /// features of a configuration whose buffer starts at word `b`.
    pub fn score<M: Rows<Score = S>>(&mut self, model: &M, b: u32, feats: &[u64; N_FEATURES], out: &mut [S]) {
        let nc = self.n_classes;
        out[..nc].copy_from_slice(self.buffer_part(model, b, feats));
        let mut rest = [0u64; STATE_FEATURES];
        for (x, &i) in rest.iter_mut().zip(&OTHER_FEATURES) {
            *x = feats[i];
        }
        model.add_rows(&rest, &mut out[..nc]);
    }

    /// Scores the hypotheses of a beam step: sets `out[i * n_classes..(i + 1) * n_classes]`
    /// for every item `i` that is not final, from its features `feats[i]`.
    ///
    /// The hypotheses of a beam mostly differ in a few places of their configurations. The
    /// features whose value all of them share (about a third of the lookups on news text)
    /// are summed once per step. A hypothesis that differs from an earlier one in few of the
    /// other features starts from that one's scores, minus the rows of its features that
    /// differ, plus the rows of its own (and the difference of their buffer positions'
    /// sums, when they differ); over news text that looks up fewer than half as many rows
    /// as summing its features again. The sums are integers, so the scores are exactly those of summing every
    /// feature of each hypothesis.
    pub fn score_items<M: Rows<Score = S>>(
        &mut self,
        model: &M,
        items: &[Item],
        feats: &[[u64; N_FEATURES]],
        out: &mut [f64],
    ) {
        let nc = self.n_classes;
        self.live.clear();
        self.live.extend((0..items.len()).filter(|&i| !items[i].state.is_final()));
        let Some((&first, others)) = self.live.split_first() else { return };
        // the state features whose value every live hypothesis shares, and the others
        let mut common = [0u64; STATE_FEATURES];
        let mut n_common = 0;
        let mut own = [0usize; STATE_FEATURES];
        let mut n_own = 0;
        for &t in &OTHER_FEATURES {
            let v = feats[first][t];
            if others.iter().all(|&i| feats[i][t] == v) {
                common[n_common] = v;
                n_common += 1;
            } else {
                own[n_own] = t;
                n_own += 1;
            }
        }
        let own = &own[..n_own];
        let mut shared_sum = std::mem::take(&mut self.common);
        shared_sum.clear();
        shared_sum.resize(nc, S::default());
        model.add_rows(&common[..n_common], &mut shared_sum);
        let mut sums = std::mem::take(&mut self.sum);
        sums.clear();
        sums.resize(self.live.len() * nc, S::default());
        for k in 0..self.live.len() {
            let i = self.live[k];
            let f = &feats[i];
            // the earlier hypothesis this one differs least from, counting over all features
            // (one straight comparison of two arrays; the shared ones never differ, and
            // buffer features differ only where the buffers do, which costs as much)
            let mut base = None;
            let mut fewest = usize::MAX;
            for (kj, &j) in self.live[..k].iter().enumerate() {
                let d = f.iter().zip(&feats[j]).filter(|(a, b)| a != b).count();
                if d < fewest {
                    (base, fewest) = (Some((kj, j)), d);
                }
            }
            // the state features where it differs from that one
            let (mut added, mut removed) = ([0u64; STATE_FEATURES], [0u64; STATE_FEATURES]);
            let mut n = 0;
            if let Some((_, j)) = base {
                for &t in own {
                    if f[t] != feats[j][t] {
                        (added[n], removed[n]) = (f[t], feats[j][t]);
                        n += 1;
                    }
                }
            }
            let (done, rest) = sums.split_at_mut(k * nc);
            let sum = &mut rest[..nc];
            match base {
                // worth it when the rows to take away and add are fewer than its own
                Some((kj, j)) if 2 * n + 2 < n_own => {
                    sum.copy_from_slice(&done[kj * nc..(kj + 1) * nc]);
                    let (b, bj) = (items[i].state.b, items[j].state.b);
                    if b != bj {
                        for (s, &p) in sum.iter_mut().zip(self.buffer_part(model, bj, &feats[j])) {
                            *s -= p;
                        }
                        for (s, &p) in sum.iter_mut().zip(self.buffer_part(model, b, f)) {
                            *s += p;
                        }
                    }
                    model.sub_rows(&removed[..n], sum);
                    model.add_rows(&added[..n], sum);
                }
                _ => {
                    let part = self.buffer_part(model, items[i].state.b, f);
                    for ((s, &p), &c) in sum.iter_mut().zip(part).zip(&shared_sum) {
                        *s = p;
                        *s += c;
                    }
                    let mut rest = [0u64; STATE_FEATURES];
                    for (x, &t) in rest.iter_mut().zip(own) {
                        *x = f[t];
                    }
                    model.add_rows(&rest[..n_own], sum);
                }
            }
            for (o, &s) in out[i * nc..(i + 1) * nc].iter_mut().zip(sum.iter()) {
                *o = s.into();
            }
        }
        self.sum = sums;
        self.common = shared_sum;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parser::features::{NodeInfo, ROOT_INFO, extract};
    use crate::parser::state::{Move, State};
    use crate::parser::{Parser, ParserKind};
    use crate::sparse::SparsePerceptron;

    /// A made-up sentence of `n` words: word `i` is `words[i % len]` tagged `tags[i % len]`.
    fn sentence(n: usize, words: &[&str], tags: &[(&str, &str)]) -> Vec<NodeInfo> {
        std::iter::once(ROOT_INFO)
            .chain((1..=n).map(|i| {
                let (u, x) = tags[i % tags.len()];
                NodeInfo {
                    word: crate::hashing::hash_lower(words[i % words.len()]),
                    upos: crate::parser::tag_hash(u),
                    xpos: crate::parser::tag_hash(x),
                }
            }))
            .collect()
    }

    #[test]
    fn buffer_features_depend_on_the_buffer_position_only() {
        let nodes: Vec<NodeInfo> = std::iter::once(ROOT_INFO)
            .chain((1..=6u64).map(|i| NodeInfo { word: 0x5700 + i, upos: 1 + i % 3, xpos: 11 + i % 4 }))
            .collect();
        // two configurations with the buffer at word 3: one shifted twice, one built arcs
        let (mut a, mut b) = (State::default(), State::default());
        a.reset(6);
        b.reset(6);
        a.apply(Move::Shift);
        a.apply(Move::Shift);
        b.apply(Move::Shift);
        b.apply(Move::Right(1));
        assert_eq!((a.b, b.b), (3, 3));
        let (mut fa, mut fb) = ([0u64; N_FEATURES], [0u64; N_FEATURES]);
        extract(&a, &nodes, &mut fa);
        extract(&b, &nodes, &mut fb);
        for i in BUFFER_FEATURES {
            assert_eq!(fa[i], fb[i], "buffer feature {i}");
        }
        assert!(OTHER_FEATURES.iter().any(|&i| fa[i] != fb[i]));
        assert_eq!(OTHER_FEATURES.len() + BUFFER_FEATURES.len(), N_FEATURES);
        assert!(OTHER_FEATURES.iter().all(|i| !BUFFER_FEATURES.contains(i)));
    }

    #[test]
    fn cached_scores_equal_scoring_every_feature() {
        let parser = Parser::embedded_kind(ParserKind::Fast).unwrap();
        let model = &parser.model;
        let nc = model.n_classes();
        let n = 40;
        let nodes = sentence(
            n,
            &["the", "army", "said", "on", "Monday", ",", "."],
            &[
                ("DET", "DT"),
                ("NOUN", "NN"),
                ("VERB", "VBD"),
                ("ADP", "IN"),
                ("PROPN", "NNP"),
                ("PUNCT", ","),
            ],
        );
        let mut cache = BufferScores::default();
        cache.reset(nc);
        let mut state = State::default();
        state.reset(n);
        let (mut feats, mut got, mut want) = ([0u64; N_FEATURES], vec![0i32; nc], vec![0i32; nc]);
        let mut step = 0;
        while !state.is_final() {
            extract(&state, &nodes, &mut feats);
            cache.score(model, state.b, &feats, &mut got);
            want.fill(0);
            model.score_into(&feats, &mut want);
            assert_eq!(got, want, "step {step}");
            // an allowed move picked by a fixed pseudo-random rule: arcs, reduces and shifts
            // mix, so the buffer advances unevenly through the cache's ways
            let allowed: Vec<usize> = (0..nc).filter(|&c| parser.allowed_in(&state, c)).collect();
            let kind = |c: &usize| match Move::from_class(*c) {
                Move::Shift => 0,
                Move::Reduce => 1,
                Move::Left(_) => 2,
                Move::Right(_) => 3,
            };
            let wanted: Vec<usize> = allowed.iter().copied().filter(|c| kind(c) == step * 7 % 4).collect();
            let pick = if wanted.is_empty() { &allowed } else { &wanted };
            if pick.is_empty() {
                break;
            }
            state.apply(Move::from_class(pick[(step * 7919 + 13) % pick.len()]));
            step += 1;
        }
        assert!(step > n, "{step} steps");
    }

    #[test]
    fn training_weights_score_a_beam_step_together_exactly() {
        // A perceptron part way through training: whole-number weights, some large, some
        // negative, spread over the classes by the features of a few parses.
        let parser = Parser::embedded_kind(ParserKind::Accurate).unwrap();
        let nc = parser.model.n_classes();
        let n = 24;
        let nodes = sentence(
            n,
            &["rebels", "said", "the", "attack", "on", "Kabul", "killed", "two", ",", "."],
            &[("NOUN", "NNS"), ("VERB", "VBD"), ("DET", "DT"), ("ADP", "IN"), ("PUNCT", ",")],
        );
        let mut p = SparsePerceptron::new(nc);
        let mut state = State::default();
        let mut feats = [0u64; N_FEATURES];
        for round in 0..5usize {
            state.reset(n);
            let mut step = 0usize;
            while !state.is_final() {
                extract(&state, &nodes, &mut feats);
                let allowed: Vec<usize> = (0..nc).filter(|&c| parser.allowed_in(&state, c)).collect();
                let c = allowed[(step * 31 + round * 7) % allowed.len()];
                p.tick();
                p.add(&feats, c, if step.is_multiple_of(3) { -1.0 } else { 1.0 + round as f32 * 100.0 });
                state.apply(Move::from_class(c));
                step += 1;
            }
        }
        let mut cache = BufferScores::<f32>::default();
        cache.reset(nc);
        let mut beam = crate::parser::beam::Beam::default();
        beam.reset(n);
        let mut want = vec![0f32; nc];
        let (mut steps, mut crowded) = (0, 0);
        while !beam.is_final() {
            let score = |items: &[Item], feats: &[[u64; N_FEATURES]], out: &mut [f64]| {
                cache.score_items(&p, items, feats, out);
                crowded += usize::from(items.iter().filter(|i| !i.state.is_final()).count() > 1);
                for i in (0..items.len()).filter(|&i| !items[i].state.is_final()) {
                    want.fill(0.0);
                    p.score_into(&feats[i], &mut want);
                    let want: Vec<f64> = want.iter().map(|&w| f64::from(w)).collect();
                    assert_eq!(&out[i * nc..(i + 1) * nc], &want[..], "step {steps}, hypothesis {i}");
                }
            };
            assert!(beam.step(&nodes, 8, nc, score, |s, mask| parser.allowed_mask(s, mask)));
            steps += 1;
        }
        // the buffer empties after n steps at the least; most steps had several hypotheses
        assert!(steps >= n && crowded + 1 >= steps, "{crowded} of {steps} steps scored several");
    }

    #[test]
    fn a_beams_shared_scores_equal_scoring_each_hypothesis_alone() {
        let parser = Parser::embedded_kind(ParserKind::Accurate).unwrap();
        let model = &parser.model;
        let nc = model.n_classes();
        let n = 30;
        let nodes = sentence(
            n,
            &["the", "army", "said", "on", "Monday", "that", "militants", "attacked", ",", "."],
            &[("DET", "DT"), ("NOUN", "NN"), ("VERB", "VBD"), ("ADP", "IN"), ("PROPN", "NNP")],
        );
        let mut cache = BufferScores::default();
        cache.reset(nc);
        let mut beam = crate::parser::beam::Beam::default();
        beam.reset(n);
        let (mut steps, mut crowded) = (0, 0);
        let mut want = vec![0i32; nc];
        while !beam.is_final() {
            let score = |items: &[Item], feats: &[[u64; N_FEATURES]], out: &mut [f64]| {
                cache.score_items(model, items, feats, out);
                let live = items.iter().filter(|i| !i.state.is_final()).count();
                crowded += usize::from(live > 1);
                for i in (0..items.len()).filter(|&i| !items[i].state.is_final()) {
                    want.fill(0);
                    model.score_into(&feats[i], &mut want);
                    let got: Vec<i32> = out[i * nc..(i + 1) * nc].iter().map(|&s| s as i32).collect();
                    assert_eq!(got, want, "step {steps}, hypothesis {i}");
                }
            };
            assert!(beam.step(&nodes, 8, nc, score, |s, mask| parser.allowed_mask(s, mask)));
            steps += 1;
        }
        assert!(crowded > n, "{crowded} of {steps} steps scored several hypotheses");

        // a final hypothesis is left alone, and shares nothing with the others
        let mut live = Item::default();
        live.state.reset(3);
        let mut done = Item::default();
        done.state.reset(0);
        assert!(done.state.is_final() && !live.state.is_final());
        let mut f = [[0u64; N_FEATURES]; 2];
        extract(&live.state, &nodes, &mut f[1]);
        let mut out = vec![f64::NAN; 2 * nc];
        cache.reset(nc);
        cache.score_items(model, &[done, live], &f, &mut out);
        assert!(out[..nc].iter().all(|s| s.is_nan()));
        want.fill(0);
        model.score_into(&f[1], &mut want);
        assert_eq!(out[nc..].iter().map(|&s| s as i32).collect::<Vec<_>>(), want);
    }
}
