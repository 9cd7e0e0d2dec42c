//! The runtime weight table: an open-addressing hash table from feature key to one row of
//! quantized (`i16`) weights per tag, laid out so one lookup touches one cache line.

use crate::scheme::N_STATES as N_TAGS;

/// Row width: states padded to 8 `i16`s so a slot is 16 bytes; the last lane holds a 16-bit
/// tag of the key (0 = empty slot).
pub const ROW: usize = 8;
const TAG_LANE: usize = ROW - 1;
const _: () = assert!(N_TAGS < ROW);

/// Feature key → quantized weight row. Slots store only a 16-bit tag of the key beside the
/// row (index from the low bits, tag from the high bits), so one lookup reads 16 bytes; an
/// unknown key can match a stored row by accident with probability about 2^-16 per probe,
/// which only adds a little noise. The full keys are kept apart for writing the model file.
#[derive(Debug, Clone)]
pub struct WeightTable {
    slots: Vec<[i16; ROW]>,
    keys: Vec<u64>,
    mask: usize,
    len: usize,
    /// Multiply summed quantized weights by this to get scores.
    scale: f32,
}

#[inline]
fn key_tag(key: u64) -> i16 {
    // high bits of a multiplied copy: independent of the low bits that pick the slot
    let t = (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 48) as u16 as i16;
    if t == 0 { 1 } else { t }
}

impl WeightTable {
    /// Builds a table from `(key, row)` pairs and the quantization scale.
    pub fn new(rows: &[(u64, [i16; N_TAGS])], scale: f32) -> Self {
        // load factor at most 2/3: linear probing stays short and the table small
        let cap = (rows.len() * 3 / 2 + 1).next_power_of_two().max(16);
        let mut slots = vec![[0i16; ROW]; cap];
        let mut keys = vec![0u64; cap];
        let mask = cap - 1;
        let mut len = 0;
        for &(key, ref w) in rows {
            if key == 0 {
                continue;
            }
            let mut i = (key as usize) & mask;
            loop {
                if keys[i] == 0 || keys[i] == key {
                    if keys[i] == 0 {
                        len += 1;
                    }
                    keys[i] = key;
                    slots[i][..N_TAGS].copy_from_slice(w);
                    slots[i][TAG_LANE] = key_tag(key);
                    break;
                }
                i = (i + 1) & mask;
            }
        }
        WeightTable { slots, keys, mask, len, scale }
    }

    /// Quantizes float rows to `i16` with one global scale (largest |w| ↦ 32767).
    pub fn quantize(rows: &[(u64, &[f32])]) -> (Vec<(u64, [i16; N_TAGS])>, f32) {
        let max = rows.iter().flat_map(|(_, w)| w.iter()).fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let q = rows
            .iter()
            .map(|(k, w)| {
                let mut r = [0i16; N_TAGS];
                for (o, x) in r.iter_mut().zip(w.iter()) {
                    *o = (x / scale).round().clamp(-32767.0, 32767.0) as i16;
                }
                (*k, r)
            })
            .collect();
        (q, scale)
    }

    /// Number of features stored.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The quantization scale.
    pub fn scale(&self) -> f32 {
        self.scale
    }

    /// All `(key, row)` pairs sorted by key.
    pub fn rows(&self) -> Vec<(u64, [i16; N_TAGS])> {
        let mut v: Vec<(u64, [i16; N_TAGS])> = self
            .slots
            .iter()
            .zip(&self.keys)
            .filter(|(_, k)| **k != 0)
            .map(|(s, k)| {
                let mut r = [0i16; N_TAGS];
                r.copy_from_slice(&s[..N_TAGS]);
                (*k, r)
            })
            .collect();
        v.sort_unstable_by_key(|&(k, _)| k);
        v
    }

    /// Sums the rows of `feats` and writes the scores for each tag into `out`.
    #[inline]
    pub fn score(&self, feats: &[u64], out: &mut [f32; N_TAGS]) {
        let mut acc = [0i32; ROW];
        for &f in feats {
            if f == 0 {
                continue;
            }
            let tag = key_tag(f);
            let mut i = (f as usize) & self.mask;
            loop {
                let s = &self.slots[i];
                if s[TAG_LANE] == tag {
                    for (a, &w) in acc.iter_mut().zip(s.iter()) {
                        *a += i32::from(w);
                    }
                    break;
                }
                if s[TAG_LANE] == 0 {
                    break;
                }
                i = (i + 1) & self.mask;
            }
        }
        // the tag lane was summed too; only the first N_TAGS lanes are read
        for (o, a) in out.iter_mut().zip(acc.iter()) {
            *o = *a as f32 * self.scale;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::needless_range_loop)] // parallel arrays indexed by tag
    fn stores_and_scores_rows() {
        let rows: Vec<(u64, Vec<f32>)> = (1..200u64)
            .map(|k| (k * 0x9e37_79b9, (0..N_TAGS).map(|c| (k as f32) * 0.01 - c as f32).collect()))
            .collect();
        let refs: Vec<(u64, &[f32])> = rows.iter().map(|(k, w)| (*k, w.as_slice())).collect();
        let (q, scale) = WeightTable::quantize(&refs);
        let t = WeightTable::new(&q, scale);
        assert_eq!(t.len(), 199);
        let mut out = [0f32; N_TAGS];
        t.score(&[rows[10].0, 12345, rows[20].0], &mut out);
        for c in 0..N_TAGS {
            let want = rows[10].1[c] + rows[20].1[c];
            assert!((out[c] - want).abs() < 0.01, "{c}: {} vs {want}", out[c]);
        }
        assert_eq!(t.rows().len(), 199);
    }
}
