//! Averaged perceptron with sparse rows: each feature keeps weights only for the classes it
//! was ever updated for. Used for models with many classes (the parser), where dense rows
//! would need gigabytes during training.

use crate::perceptron::FeatureMap;

#[derive(Debug, Clone, Copy)]
struct Entry {
    class: u16,
    stamp: u32,
    w: f32,
    total: f32,
}

/// Multi-class averaged perceptron over hashed features with sparse rows.
#[derive(Debug, Clone, Default)]
pub struct SparsePerceptron {
    n_classes: usize,
    index: FeatureMap<u32>,
    rows: Vec<Vec<Entry>>,
    step: u32,
}

impl SparsePerceptron {
    /// An untrained model.
    pub fn new(n_classes: usize) -> Self {
        SparsePerceptron { n_classes, ..Default::default() }
    }

    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Number of feature rows.
    pub fn n_features(&self) -> usize {
        self.rows.len()
    }

    /// Adds the current (not averaged) scores of `feats` to `out`.
    #[inline]
    pub fn score_into(&self, feats: &[u64], out: &mut [f32]) {
        self.sum_rows::<false>(feats, out);
    }

    /// Takes the current scores of `feats` away from `out`: the inverse of
    /// [`SparsePerceptron::score_into`].
    #[inline]
    pub fn unscore_into(&self, feats: &[u64], out: &mut [f32]) {
        self.sum_rows::<true>(feats, out);
    }

    #[inline]
    fn sum_rows<const SUBTRACT: bool>(&self, feats: &[u64], out: &mut [f32]) {
        for f in feats {
            if let Some(&r) = self.index.get(f) {
                for e in &self.rows[r as usize] {
                    if SUBTRACT {
                        out[e.class as usize] -= e.w;
                    } else {
                        out[e.class as usize] += e.w;
                    }
                }
            }
        }
    }

    /// Counts one training instance.
    pub fn tick(&mut self) {
        self.step += 1;
    }

    /// Moves weights towards `truth` and away from `guess`.
    pub fn update(&mut self, feats: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        self.add(feats, truth, 1.0);
        self.add(feats, guess, -1.0);
    }

    /// Adds `delta` to the weight of `class` for each of `feats` (a structured update moves
    /// a whole sequence's features at once: +1 along the gold moves, −1 along the predicted).
    pub fn add(&mut self, feats: &[u64], class: usize, delta: f32) {
        let step = self.step;
        for &f in feats {
            let next = self.rows.len() as u32;
            let r = *self.index.entry(f).or_insert(next);
            if r == next {
                self.rows.push(Vec::with_capacity(2));
            }
            let row = &mut self.rows[r as usize];
            let c = class as u16;
            let i = match row.iter().position(|e| e.class == c) {
                Some(i) => i,
                None => {
                    row.push(Entry { class: c, stamp: step, w: 0.0, total: 0.0 });
                    row.len() - 1
                }
            };
            let e = &mut row[i];
            e.total += (step - e.stamp) as f32 * e.w;
            e.stamp = step;
            e.w += delta;
        }
    }

    /// The averaged weights as sparse rows `(key, [(class, weight)])`, sorted by key.
    pub fn averaged_rows(&self) -> Vec<(u64, Vec<(u16, f32)>)> {
        let step = self.step.max(1);
        let mut out: Vec<(u64, Vec<(u16, f32)>)> = self
            .index
            .iter()
            .map(|(&k, &r)| {
                let row = self.rows[r as usize]
                    .iter()
                    .map(|e| (e.class, (e.total + (step - e.stamp) as f32 * e.w) / step as f32))
                    .collect();
                (k, row)
            })
            .collect();
        out.sort_unstable_by_key(|r| r.0);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compact::CompactModel;
    use crate::perceptron::feature;

    #[test]
    fn learns_and_compacts() {
        let data: Vec<(Vec<u64>, usize)> = (0..90)
            .map(|i| (vec![feature(0, &[&format!("w{}", i % 3)]), feature(1, &["bias"])], i % 3))
            .collect();
        let mut p = SparsePerceptron::new(3);
        let mut scores = [0f32; 3];
        for _ in 0..3 {
            for (f, y) in &data {
                p.tick();
                scores = [0.0; 3];
                p.score_into(f, &mut scores);
                let g = crate::perceptron::argmax(&scores, None);
                p.update(f, *y, g);
            }
        }
        let _ = scores;
        let c = CompactModel::from_sparse_rows(3, p.averaged_rows(), 0.0);
        for (f, y) in &data {
            let mut s = [0i32; 3];
            c.score_into(f, &mut s);
            assert_eq!(crate::tagger::best_margin(&s).0 as usize, *y);
        }
    }
}
