//! A multi-class averaged perceptron over hashed sparse features.
//!
//! Features are `u64` hashes (see [`feature`]); each feature seen in training owns one row of
//! `n_classes` weights. Training keeps the running totals needed for averaging (the "lazy
//! update" trick: each weight remembers when it last changed); [`Perceptron::average`] turns
//! the weights into their averages and drops rows that end up all zero.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A fast, deterministic hasher for keys that are already hashes.
#[derive(Default, Clone, Copy)]
pub struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        // keys are FNV hashes already; mix once so low bits are well spread
        self.0 = n ^ (n >> 29);
    }
}

/// HashMap keyed by feature hash.
pub type FeatureMap<V> = HashMap<u64, V, BuildHasherDefault<IdentityHasher>>;

/// FNV-1a hash of a feature template id and its string parts: the feature's key.
pub fn feature(template: u8, parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ u64::from(template);
    h = h.wrapping_mul(0x100_0000_01b3);
    for p in parts {
        for &b in p.as_bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
        h = (h ^ 0xff).wrapping_mul(0x100_0000_01b3);
    }
    h
}

/// Averaged perceptron with `n_classes` outputs.
#[derive(Debug, Clone)]
pub struct Perceptron {
    n_classes: usize,
    rows: FeatureMap<u32>,
    weights: Vec<f32>,
    totals: Vec<f32>,
    stamps: Vec<u32>,
    step: u32,
}

impl Perceptron {
    /// An untrained model.
    pub fn new(n_classes: usize) -> Self {
        Perceptron {
            n_classes,
            rows: FeatureMap::default(),
            weights: Vec::new(),
            totals: Vec::new(),
            stamps: Vec::new(),
            step: 0,
        }
    }

    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Number of feature rows.
    pub fn n_features(&self) -> usize {
        self.rows.len()
    }

    /// Adds the scores of `feats` to `out` (length `n_classes`).
    pub fn score_into(&self, feats: &[u64], out: &mut [f32]) {
        debug_assert_eq!(out.len(), self.n_classes);
        for f in feats {
            if let Some(&r) = self.rows.get(f) {
                let row = &self.weights[r as usize * self.n_classes..(r as usize + 1) * self.n_classes];
                for (o, w) in out.iter_mut().zip(row) {
                    *o += *w;
                }
            }
        }
    }

    /// The best class among those `allowed` (all when `None`); ties go to the lower index.
    pub fn predict(&self, feats: &[u64], allowed: Option<&[bool]>) -> usize {
        let mut scores = vec![0.0; self.n_classes];
        self.score_into(feats, &mut scores);
        argmax(&scores, allowed)
    }

    /// Counts one training instance (call once per instance, before or after `update`).
    pub fn tick(&mut self) {
        self.step += 1;
    }

    /// Moves weights towards `truth` and away from `guess` for these features.
    pub fn update(&mut self, feats: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        for &f in feats {
            let r = match self.rows.get(&f) {
                Some(&r) => r as usize,
                None => {
                    let r = self.rows.len();
                    self.rows.insert(f, r as u32);
                    self.weights.resize((r + 1) * self.n_classes, 0.0);
                    self.totals.resize((r + 1) * self.n_classes, 0.0);
                    self.stamps.resize((r + 1) * self.n_classes, 0);
                    r
                }
            };
            for (c, delta) in [(truth, 1.0f32), (guess, -1.0)] {
                let i = r * self.n_classes + c;
                self.totals[i] += (self.step - self.stamps[i]) as f32 * self.weights[i];
                self.stamps[i] = self.step;
                self.weights[i] += delta;
            }
        }
    }

    /// Replaces weights by their averages over all steps and drops all-zero rows
    /// (and rows whose largest absolute weight is below `prune`).
    pub fn average(&mut self, prune: f32) {
        let n = self.n_classes;
        let step = self.step.max(1);
        let mut rows: Vec<(u64, u32)> = self.rows.iter().map(|(k, v)| (*k, *v)).collect();
        rows.sort_unstable_by_key(|&(_, r)| r);
        let mut new_rows = FeatureMap::default();
        let mut new_weights = Vec::with_capacity(self.weights.len());
        for (key, r) in rows {
            let r = r as usize;
            let avg: Vec<f32> = (0..n)
                .map(|c| {
                    let i = r * n + c;
                    let total = self.totals[i] + (step - self.stamps[i]) as f32 * self.weights[i];
                    total / step as f32
                })
                .collect();
            if avg.iter().any(|w| w.abs() > prune) {
                new_rows.insert(key, (new_weights.len() / n) as u32);
                new_weights.extend(avg);
            }
        }
        self.rows = new_rows;
        self.weights = new_weights;
        self.totals = Vec::new();
        self.stamps = Vec::new();
    }

    /// Feature rows as `(key, weights)` sorted by key, for writing a model file.
    pub fn rows(&self) -> Vec<(u64, &[f32])> {
        let mut v: Vec<(u64, &[f32])> = self
            .rows
            .iter()
            .map(|(&k, &r)| {
                (k, &self.weights[r as usize * self.n_classes..(r as usize + 1) * self.n_classes])
            })
            .collect();
        v.sort_unstable_by_key(|&(k, _)| k);
        v
    }

    /// Rebuilds a trained (averaged) model from rows, as read from a model file.
    pub fn from_rows(n_classes: usize, rows: impl IntoIterator<Item = (u64, Vec<f32>)>) -> Self {
        let mut p = Perceptron::new(n_classes);
        for (k, w) in rows {
            assert_eq!(w.len(), n_classes, "row width");
            p.rows.insert(k, (p.weights.len() / n_classes) as u32);
            p.weights.extend(w);
        }
        p
    }
}

/// Index of the largest score among allowed classes (all when `allowed` is `None`).
pub fn argmax(scores: &[f32], allowed: Option<&[bool]>) -> usize {
    let mut best = usize::MAX;
    let mut best_score = f32::NEG_INFINITY;
    for (i, &s) in scores.iter().enumerate() {
        if allowed.is_some_and(|a| !a[i]) {
            continue;
        }
        if best == usize::MAX || s > best_score {
            best = i;
            best_score = s;
        }
    }
    if best == usize::MAX { 0 } else { best }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_problem() {
        // class = which of the words "a", "b", "c" is present
        let data: Vec<(Vec<u64>, usize)> = (0..60)
            .map(|i| {
                let c = i % 3;
                let w = ["a", "b", "c"][c];
                (vec![feature(0, &[w]), feature(1, &["bias"])], c)
            })
            .collect();
        let mut p = Perceptron::new(3);
        for _ in 0..5 {
            for (f, y) in &data {
                p.tick();
                let g = p.predict(f, None);
                p.update(f, *y, g);
            }
        }
        p.average(0.0);
        for (f, y) in &data {
            assert_eq!(p.predict(f, None), *y);
        }
        let allowed = [true, false, true];
        assert_ne!(p.predict(&[feature(0, &["b"])], Some(&allowed)), 1);
        let copy = Perceptron::from_rows(3, p.rows().into_iter().map(|(k, w)| (k, w.to_vec())));
        for (f, y) in &data {
            assert_eq!(copy.predict(f, None), *y);
        }
    }

    #[test]
    fn feature_keys_differ_by_template_and_parts() {
        assert_ne!(feature(0, &["ab"]), feature(1, &["ab"]));
        assert_ne!(feature(0, &["a", "b"]), feature(0, &["ab"]));
    }
}
