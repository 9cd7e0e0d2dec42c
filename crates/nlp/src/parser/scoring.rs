//! Scoring a parser configuration, with the scores of the buffer features cached per buffer
//! position.
//!
//! A feature such as "the next word's tag" has the same value in every configuration whose
//! buffer starts at the same word: in all hypotheses of a beam step that have not shifted
//! more than the others, and in every step of a greedy parse between two shifts. Those rows
//! (the bias, the next words and tags) are among the longest in the model, so summing them
//! once per position instead of once per configuration saves much of the scoring. The sums
//! are integers, so the scores are exactly those of scoring all features at once.

use super::features::{BUFFER_FEATURES, N_FEATURES, OTHER_FEATURES, STATE_FEATURES};
use super::state::NONE;
use crate::compact::CompactModel;

/// Buffer positions cached at once (direct-mapped by position: a beam's hypotheses rarely
/// lie more than a few words apart).
const WAYS: usize = 16;

/// Reusable cache of the buffer features' scores of one sentence.
#[derive(Debug, Clone)]
pub struct BufferScores {
    n_classes: usize,
    /// Buffer position whose scores each way holds (`NONE`: none).
    positions: [u32; WAYS],
    scores: Vec<i32>,
}

impl Default for BufferScores {
    fn default() -> Self {
        BufferScores { n_classes: 0, positions: [NONE; WAYS], scores: Vec::new() }
    }
}

impl BufferScores {
    /// Forgets every position (call before each sentence).
    pub fn reset(&mut self, n_classes: usize) {
        self.n_classes = n_classes;
        self.positions = [NONE; WAYS];
        self.scores.resize(WAYS * n_classes, 0);
    }

    /// Sets `out` (at least `n_classes` long) to the scores under `model` of `feats`, the
    /// features of a configuration whose buffer starts at word `b`.
    pub fn score(&mut self, model: &CompactModel, b: u32, feats: &[u64; N_FEATURES], out: &mut [i32]) {
        let nc = self.n_classes;
        let way = b as usize % WAYS;
        let cached = &mut self.scores[way * nc..(way + 1) * nc];
        if self.positions[way] != b {
            let mut buffer = [0u64; BUFFER_FEATURES.len()];
            for (x, &i) in buffer.iter_mut().zip(&BUFFER_FEATURES) {
                *x = feats[i];
            }
            cached.fill(0);
            model.score_into(&buffer, cached);
            self.positions[way] = b;
        }
        out[..nc].copy_from_slice(cached);
        let mut rest = [0u64; STATE_FEATURES];
        for (x, &i) in rest.iter_mut().zip(&OTHER_FEATURES) {
            *x = feats[i];
        }
        model.score_into(&rest, &mut out[..nc]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parser::features::{NodeInfo, ROOT_INFO, extract};
    use crate::parser::state::{Move, State};
    use crate::parser::{Parser, ParserKind};

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
        let nodes: Vec<NodeInfo> = std::iter::once(ROOT_INFO)
            .chain((1..=n as u64).map(|i| NodeInfo {
                word: crate::hashing::hash_lower(
                    ["the", "army", "said", "on", "Monday", ",", "."][i as usize % 7],
                ),
                upos: crate::parser::tag_hash(
                    ["DET", "NOUN", "VERB", "ADP", "PROPN", "PUNCT"][i as usize % 6],
                ),
                xpos: crate::parser::tag_hash(["DT", "NN", "VBD", "IN", "NNP", ","][i as usize % 6]),
            }))
            .collect();
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
}
