//! Compact inference weights: a trained [`Perceptron`] turned into sparse, 16-bit quantized
//! rows behind an open-addressing table, with a little-endian (de)serialization.
//!
//! All weights share one scale, so the argmax over classes is the same as with `f32` weights
//! up to rounding; weights that round to zero are dropped, which is what keeps files small.
//! Rows are keyed by the upper 32 bits of the 64-bit feature hash (the hashing trick: a rare
//! collision adds a stray row's weights, which costs nothing measurable).

use crate::binio::{Reader, Writer};
use crate::error::Result;
use crate::perceptron::Perceptron;

#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    key: u32,
    /// Index in `entries` of the row header, whose class field holds the row length; or,
    /// with [`DENSE`] set, the number of the row in `dense`.
    start: u32,
}

/// Sparse quantized weights of a multi-class linear model keyed by feature hash.
#[derive(Debug, Clone)]
pub struct CompactModel {
    n_classes: usize,
    scale: f32,
    mask: usize,
    slots: Vec<Slot>,
    /// Rows one after the other, each as a header `(length, 0)` then `(class, weight)` pairs,
    /// so that a lookup touches the slot table and one contiguous run of memory.
    entries: Vec<(u16, i16)>,
    /// Rows that give weights to many classes (the bias, tags of the next word, ...), one
    /// weight per class: they are the rows nearly every lookup hits, and a dense row is
    /// summed with vector instructions instead of one scattered add per class.
    dense: Vec<i16>,
}

/// Flag of [`Slot::start`] for a dense row.
const DENSE: u32 = 1 << 31;

/// Whether a row of `len` weights over `n_classes` classes is kept dense.
fn is_dense(len: usize, n_classes: usize) -> bool {
    len * DENSE_FRACTION >= n_classes
}

/// A row is dense when it weighs at least 1/`DENSE_FRACTION` of the classes.
const DENSE_FRACTION: usize = 4;

const EMPTY: u32 = 0;
/// Features scored per batch in [`CompactModel::score_into`].
const BATCH: usize = 128;

/// The 32-bit row key of a 64-bit feature hash (never `EMPTY`).
#[inline]
fn key32(f: u64) -> u32 {
    let k = (f >> 32) as u32;
    if k == EMPTY { 1 } else { k }
}

/// The home slot of `key` in a table of `mask + 1` slots (a power of two): the key's top
/// bits. Keys are the top bits of well-mixed feature hashes, so this spreads them evenly, and
/// it keeps key order: a model file, whose rows are sorted by key, fills the table front to
/// back, which makes loading fast (no cache miss per row).
#[inline]
fn home(key: u32, mask: usize) -> usize {
    ((u64::from(key) * (mask as u64 + 1)) >> 32) as usize
}

impl CompactModel {
    /// Quantizes an averaged perceptron, dropping weights whose magnitude is below `min_abs`.
    pub fn from_perceptron(p: &Perceptron, min_abs: f32) -> Self {
        let rows = p
            .rows()
            .into_iter()
            .map(|(k, w)| (k, w.iter().enumerate().map(|(c, &w)| (c as u16, w)).collect()))
            .collect();
        Self::from_sparse_rows(p.n_classes(), rows, min_abs)
    }

    /// Quantizes sparse averaged rows `(key, [(class, weight)])`, dropping weights whose
    /// magnitude is below `min_abs`.
    pub fn from_sparse_rows(n_classes: usize, rows: Vec<(u64, Vec<(u16, f32)>)>, min_abs: f32) -> Self {
        let max = rows.iter().flat_map(|(_, w)| w.iter()).fold(0f32, |m, (_, w)| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let mut sparse: Vec<(u32, Vec<(u16, i16)>)> = Vec::with_capacity(rows.len());
        for (k, w) in rows {
            let mut row: Vec<(u16, i16)> = w
                .iter()
                .filter(|(_, w)| w.abs() >= min_abs)
                .map(|&(c, w)| (c, (w / scale).round() as i16))
                .filter(|&(_, q)| q != 0)
                .collect();
            row.sort_unstable_by_key(|e| e.0);
            if !row.is_empty() {
                sparse.push((key32(k), row));
            }
        }
        sparse.sort_by_key(|r| r.0);
        Self::build(n_classes, scale, sparse)
    }

    fn build(n_classes: usize, scale: f32, rows: Vec<(u32, Vec<(u16, i16)>)>) -> Self {
        // load factor at most 0.75 keeps linear probing short while the table stays small
        let cap = (rows.len() * 4 / 3 + 1).next_power_of_two().max(16);
        let mut m = CompactModel {
            n_classes,
            scale,
            mask: cap - 1,
            slots: vec![Slot::default(); cap],
            entries: Vec::with_capacity(rows.iter().map(|r| r.1.len() + 1).sum()),
            dense: Vec::new(),
        };
        for (key, row) in rows {
            let mut i = home(key, m.mask);
            while m.slots[i].key != EMPTY && m.slots[i].key != key {
                i = (i + 1) & m.mask;
            }
            if m.slots[i].key == key {
                // two features share a 32-bit key: keep the first row
                continue;
            }
            let start = m.push_row(&row);
            m.slots[i] = Slot { key, start };
        }
        m
    }

    /// Stores a row (classes strictly increasing, all below `n_classes`) and returns its
    /// [`Slot::start`].
    fn push_row(&mut self, row: &[(u16, i16)]) -> u32 {
        if is_dense(row.len(), self.n_classes) {
            let k = self.dense.len() / self.n_classes.max(1);
            self.dense.resize(self.dense.len() + self.n_classes, 0);
            let d = &mut self.dense[k * self.n_classes..];
            for &(c, w) in row {
                d[c as usize] = w;
            }
            DENSE | k as u32
        } else {
            let start = self.entries.len() as u32;
            self.entries.push((row.len() as u16, 0));
            self.entries.extend_from_slice(row);
            start
        }
    }

    /// The weights of a row as `(class, weight)` pairs.
    fn row_at(&self, start: u32) -> Vec<(u16, i16)> {
        if start & DENSE != 0 {
            let k = (start & !DENSE) as usize * self.n_classes;
            let d = &self.dense[k..k + self.n_classes];
            d.iter().enumerate().filter(|e| *e.1 != 0).map(|(c, &w)| (c as u16, w)).collect()
        } else {
            let start = start as usize;
            let len = self.entries[start].0 as usize;
            self.entries[start + 1..start + 1 + len].to_vec()
        }
    }

    /// A copy without the weights whose magnitude (in perceptron units) is below `min_abs`.
    pub fn pruned(&self, min_abs: f32) -> Self {
        let min_q = (min_abs / self.scale).ceil() as i32;
        let mut rows: Vec<(u32, Vec<(u16, i16)>)> = self
            .slots
            .iter()
            .filter(|s| s.key != EMPTY)
            .map(|s| {
                (
                    s.key,
                    self.row_at(s.start)
                        .into_iter()
                        .filter(|e| i32::from(e.1).abs() >= min_q)
                        .collect::<Vec<_>>(),
                )
            })
            .filter(|r| !r.1.is_empty())
            .collect();
        rows.sort_unstable_by_key(|r| r.0);
        Self::build(self.n_classes, self.scale, rows)
    }

    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Number of feature rows kept.
    pub fn n_rows(&self) -> usize {
        self.slots.iter().filter(|s| s.key != EMPTY).count()
    }

    /// Number of non-zero weights kept.
    pub fn n_weights(&self) -> usize {
        self.slots.iter().filter(|s| s.key != EMPTY).map(|s| self.row_at(s.start).len()).sum()
    }

    /// Adds the (quantized, unscaled) scores of `feats` to `out` (length `n_classes`); the
    /// argmax is what matters, multiply by [`CompactModel::scale`] for perceptron units.
    #[inline]
    pub fn score_into(&self, feats: &[u64], out: &mut [i32]) {
        for chunk in feats.chunks(BATCH) {
            self.score_batch::<false>(chunk, out);
        }
    }

    /// Subtracts the scores of `feats` from `out`: the inverse of
    /// [`CompactModel::score_into`], so that the scores of a configuration can be derived
    /// from those of another that differs in a few features.
    #[inline]
    pub fn unscore_into(&self, feats: &[u64], out: &mut [i32]) {
        for chunk in feats.chunks(BATCH) {
            self.score_batch::<true>(chunk, out);
        }
    }

    /// Lookups are done in phases (all slots, then all rows, then the sums) so that the
    /// processor overlaps the cache misses of independent features instead of waiting for
    /// each in turn: scoring is bound by memory latency, not arithmetic.
    #[inline]
    fn score_batch<const SUBTRACT: bool>(&self, feats: &[u64], out: &mut [i32]) {
        let mut slots = [Slot::default(); BATCH];
        let mut keys = [0u32; BATCH];
        for (i, &f) in feats.iter().enumerate() {
            let k = key32(f);
            keys[i] = k;
            slots[i] = self.slots[home(k, self.mask)];
        }
        let mut starts = [u32::MAX; BATCH];
        let mut n = 0;
        for i in 0..feats.len() {
            let mut s = slots[i];
            if s.key != keys[i] {
                if s.key == EMPTY {
                    continue;
                }
                // rare: probe further
                let mut j = home(keys[i], self.mask);
                loop {
                    j = (j + 1) & self.mask;
                    s = self.slots[j];
                    if s.key == keys[i] || s.key == EMPTY {
                        break;
                    }
                }
                if s.key == EMPTY {
                    continue;
                }
            }
            starts[n] = s.start;
            n += 1;
        }
        let mut lens = [0u16; BATCH];
        for i in 0..n {
            if starts[i] & DENSE == 0 {
                lens[i] = self.entries[starts[i] as usize].0;
            }
        }
        let nc = self.n_classes;
        for i in 0..n {
            if starts[i] & DENSE != 0 {
                let k = (starts[i] & !DENSE) as usize * nc;
                for (o, &w) in out.iter_mut().zip(&self.dense[k..k + nc]) {
                    if SUBTRACT {
                        *o -= i32::from(w);
                    } else {
                        *o += i32::from(w);
                    }
                }
                continue;
            }
            let start = starts[i] as usize + 1;
            for &(c, w) in &self.entries[start..start + lens[i] as usize] {
                if let Some(o) = out.get_mut(c as usize) {
                    if SUBTRACT {
                        *o -= i32::from(w);
                    } else {
                        *o += i32::from(w);
                    }
                }
            }
        }
    }

    /// Scale that turns the integer scores of [`CompactModel::score_into`] into perceptron units.
    pub fn scale(&self) -> f32 {
        self.scale
    }

    /// Serializes the weights (without a file header; embedded in model files).
    pub fn write(&self, w: &mut Writer) {
        let mut rows: Vec<&Slot> = self.slots.iter().filter(|s| s.key != EMPTY).collect();
        rows.sort_unstable_by_key(|s| s.key);
        w.u32(self.n_classes as u32);
        w.f32(self.scale);
        w.u32(rows.len() as u32);
        for s in &rows {
            w.u32(s.key);
        }
        for s in &rows {
            w.u16(self.row_at(s.start).len() as u16);
        }
        for s in &rows {
            for (c, q) in self.row_at(s.start) {
                w.u16(c);
                w.u16(q as u16);
            }
        }
    }

    /// Reads weights written by [`CompactModel::write`].
    pub fn read(r: &mut Reader<'_>) -> Result<Self> {
        let n_classes = r.u32()? as usize;
        let scale = r.f32()?;
        let n = r.len(6)?;
        let keys = r.bytes(n * 4)?;
        let lens = r.bytes(n * 2)?;
        // build the table directly (no per-row allocation: loading must be fast)
        let cap = (n * 4 / 3 + 1).next_power_of_two().max(16);
        let mut m = CompactModel {
            n_classes,
            scale,
            mask: cap - 1,
            slots: vec![Slot::default(); cap],
            entries: Vec::with_capacity(r.remaining() / 4 + n),
            dense: Vec::new(),
        };
        let mut row = Vec::with_capacity(64);
        for i in 0..n {
            let key = u32::from_le_bytes([keys[i * 4], keys[i * 4 + 1], keys[i * 4 + 2], keys[i * 4 + 3]]);
            let len = u16::from_le_bytes([lens[i * 2], lens[i * 2 + 1]]) as usize;
            let data = r.bytes(len * 4)?;
            if key == EMPTY {
                return Err(r.corrupt("zero row key"));
            }
            let mut j = home(key, m.mask);
            while m.slots[j].key != EMPTY {
                if m.slots[j].key == key {
                    return Err(r.corrupt("duplicate row key"));
                }
                j = (j + 1) & m.mask;
            }
            row.clear();
            for e in data.chunks_exact(4) {
                let c = u16::from_le_bytes([e[0], e[1]]);
                if c as usize >= n_classes {
                    return Err(r.corrupt(format!("class {c} out of range")));
                }
                if row.last().is_some_and(|&(last, _)| last >= c) {
                    return Err(r.corrupt("row classes out of order"));
                }
                // models never store a zero weight; refusing one keeps a dense row's
                // round trip exact
                let w = i16::from_le_bytes([e[2], e[3]]);
                if w == 0 {
                    return Err(r.corrupt("zero weight"));
                }
                row.push((c, w));
            }
            m.slots[j] = Slot { key, start: m.push_row(&row) };
        }
        Ok(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::perceptron::feature;

    #[test]
    fn same_predictions_as_the_perceptron_and_round_trip() {
        let mut p = Perceptron::new(4);
        let data: Vec<(Vec<u64>, usize)> = (0..80)
            .map(|i| (vec![feature(0, &[&format!("w{}", i % 4)]), feature(1, &["bias"])], i % 4))
            .collect();
        for _ in 0..4 {
            for (f, y) in &data {
                p.tick();
                let g = p.predict(f, None);
                p.update(f, *y, g);
            }
        }
        p.average(0.0);
        let c = CompactModel::from_perceptron(&p, 0.0);
        let mut w = Writer::default();
        c.write(&mut w);
        let mut bytes = b"CGTEST\0\0".to_vec();
        bytes.extend_from_slice(&1u16.to_le_bytes());
        bytes.extend_from_slice(&w.buf);
        let mut r = Reader::with_header(&bytes, b"CGTEST\0\0", 1, "test").unwrap();
        let c2 = CompactModel::read(&mut r).unwrap();
        r.finish().unwrap();
        for (f, y) in &data {
            let mut s = vec![0i32; 4];
            c2.score_into(f, &mut s);
            let best = (0..4).max_by_key(|&i| (s[i], std::cmp::Reverse(i))).unwrap();
            assert_eq!(best, *y);
            assert_eq!(p.predict(f, None), *y);
        }
        assert_eq!(c2.n_rows(), c.n_rows());
    }

    fn bytes_of(c: &CompactModel) -> Vec<u8> {
        let mut w = Writer::default();
        c.write(&mut w);
        let mut bytes = b"CGTEST\0\0".to_vec();
        bytes.extend_from_slice(&1u16.to_le_bytes());
        bytes.extend_from_slice(&w.buf);
        bytes
    }

    fn read_bytes(bytes: &[u8]) -> Result<CompactModel> {
        let mut r = Reader::with_header(bytes, b"CGTEST\0\0", 1, "test")?;
        let c = CompactModel::read(&mut r)?;
        r.finish()?;
        Ok(c)
    }

    #[test]
    fn dense_and_sparse_rows_score_their_weights_and_round_trip() {
        // rows weighing 1, 3, 4, 9 and all 16 classes: the short ones stay sparse, the long
        // ones are kept dense
        let n = 16;
        let rows: Vec<(u64, Vec<(u16, f32)>)> = [1usize, 3, 4, 9, 16]
            .iter()
            .enumerate()
            .map(|(i, &len)| {
                let row = (0..len)
                    .map(|k| ((k * 16 / len) as u16, (k as f32 + 1.0) * [1.0, -1.0][k % 2]))
                    .collect();
                (feature(7, &[&i.to_string()]), row)
            })
            .collect();
        let c = CompactModel::from_sparse_rows(n, rows.clone(), 0.0);
        assert!(!c.dense.is_empty() && !c.entries.is_empty(), "both kinds of row");
        assert_eq!(c.n_weights(), 1 + 3 + 4 + 9 + 16);
        let c2 = read_bytes(&bytes_of(&c)).unwrap();
        assert_eq!(bytes_of(&c2), bytes_of(&c));
        for (f, row) in &rows {
            for m in [&c, &c2] {
                let mut got = vec![0i32; n];
                m.score_into(&[*f, feature(9, &["unknown"])], &mut got);
                let mut want = vec![0i32; n];
                for &(class, w) in row {
                    want[class as usize] += (w / m.scale()).round() as i32;
                }
                assert_eq!(got, want);
                // taking the same features away leaves nothing, dense or sparse
                m.unscore_into(&[feature(9, &["unknown"]), *f], &mut got);
                assert_eq!(got, vec![0; n]);
            }
        }
        // a shorter output than the classes takes the first scores only
        let mut short = [0i32; 3];
        c.score_into(&[rows[4].0], &mut short);
        assert_eq!(short[..], [1, -2, 3].map(|w| (w as f32 / c.scale()).round() as i32));
    }

    #[test]
    fn a_row_with_classes_out_of_order_or_a_zero_weight_is_corrupt() {
        let c = CompactModel::from_sparse_rows(4, vec![(feature(1, &["a"]), vec![(0, 1.0), (2, 2.0)])], 0.0);
        let bytes = bytes_of(&c);
        assert!(read_bytes(&bytes).is_ok());
        // the row's two (class, weight) pairs are the last 8 bytes: swap their classes
        let end = bytes.len();
        let mut swapped = bytes.clone();
        swapped.swap(end - 8, end - 4);
        assert!(matches!(read_bytes(&swapped), Err(crate::NlpError::Corrupt { .. })));
        let mut zero = bytes;
        zero[end - 2..].copy_from_slice(&[0, 0]);
        assert!(matches!(read_bytes(&zero), Err(crate::NlpError::Corrupt { .. })));
    }
}
