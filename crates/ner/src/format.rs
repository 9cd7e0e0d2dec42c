//! The model file format (version 3, little-endian):
//!
//! | field | type |
//! |---|---|
//! | magic `CGNERMD\0` | 8 bytes |
//! | version (= 3) | u32 |
//! | fingerprint of the feature templates ([`crate::features::fingerprint`]) | u64 |
//! | number of states (= 7: O + B/I × PER/LOC/ORG) | u32 |
//! | weight scale | f32 |
//! | transitions, `(tags + 1) × tags` (last row: sentence start) | f32 each |
//! | feature count `n` | u32 |
//! | feature keys, sorted | `n` × u64 |
//! | weight rows | `n × tags` × i16 |
//! | gazetteer entry count `g` | u32 |
//! | gazetteer keys, sorted | `g` × u64 |
//! | gazetteer masks | `g` × u8 |
//! | word-cluster count `w` | u32 |
//! | clustered words (lowercase hashes), sorted | `w` × u64 |
//! | cluster ids | `w` × u16 |
//! | FNV-1a 64 checksum of all preceding bytes | u64 |

use crate::clusters::Clusters;
use crate::decode::Transitions;
use crate::error::{NerError, Result};
use crate::gazetteer::Gazetteer;
use crate::hash::fnv;
use crate::scheme::N_STATES as N_TAGS;
use crate::weights::WeightTable;

const MAGIC: &[u8; 8] = b"CGNERMD\0";
/// Current format version (3: the fingerprint of the feature templates).
pub const VERSION: u32 = 3;
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// The parts of a model as stored.
#[derive(Debug, Clone)]
pub struct ModelParts {
    /// Emission weights.
    pub weights: WeightTable,
    /// Transition scores.
    pub trans: Transitions,
    /// Gazetteer.
    pub gaz: Gazetteer,
    /// Word clusters.
    pub clusters: Clusters,
}

/// Serializes a model.
pub fn write_model(m: &ModelParts) -> Vec<u8> {
    let rows = m.weights.rows();
    let gaz = m.gaz.entries();
    let mut b = Vec::with_capacity(64 + rows.len() * (8 + 2 * N_TAGS) + gaz.len() * 9);
    b.extend_from_slice(MAGIC);
    b.extend_from_slice(&VERSION.to_le_bytes());
    b.extend_from_slice(&crate::features::fingerprint().to_le_bytes());
    b.extend_from_slice(&(N_TAGS as u32).to_le_bytes());
    b.extend_from_slice(&m.weights.scale().to_le_bytes());
    for row in &m.trans {
        for x in row {
            b.extend_from_slice(&x.to_le_bytes());
        }
    }
    b.extend_from_slice(&(rows.len() as u32).to_le_bytes());
    for (k, _) in &rows {
        b.extend_from_slice(&k.to_le_bytes());
    }
    for (_, r) in &rows {
        for x in r {
            b.extend_from_slice(&x.to_le_bytes());
        }
    }
    b.extend_from_slice(&(gaz.len() as u32).to_le_bytes());
    for (k, _) in &gaz {
        b.extend_from_slice(&k.to_le_bytes());
    }
    for (_, m) in &gaz {
        b.push(*m);
    }
    let cl = m.clusters.entries();
    b.extend_from_slice(&(cl.len() as u32).to_le_bytes());
    for (k, _) in &cl {
        b.extend_from_slice(&k.to_le_bytes());
    }
    for (_, c) in &cl {
        b.extend_from_slice(&c.to_le_bytes());
    }
    let sum = fnv(FNV_OFFSET, &b);
    b.extend_from_slice(&sum.to_le_bytes());
    b
}

/// A bounds-checked little-endian reader.
struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.b.len())
            .ok_or_else(|| NerError::Model(format!("truncated at byte {}", self.pos)))?;
        let s = &self.b[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn u32(&mut self) -> Result<u32> {
        let s = self.take(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    fn f32(&mut self) -> Result<f32> {
        Ok(f32::from_bits(self.u32()?))
    }
    fn u64(&mut self) -> Result<u64> {
        Ok(self.u64s(1)?[0])
    }
    fn u64s(&mut self, n: usize) -> Result<Vec<u64>> {
        let s = self.take(n.checked_mul(8).ok_or_else(|| NerError::Model("size overflow".into()))?)?;
        Ok(s.chunks_exact(8)
            .map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
            .collect())
    }
}

/// Parses a model, checking magic, version, sizes and checksum.
pub fn read_model(bytes: &[u8]) -> Result<ModelParts> {
    if bytes.len() < 8 || &bytes[..8] != MAGIC {
        return Err(NerError::Model("not a claimgraph NER model (bad magic)".into()));
    }
    if bytes.len() < 8 + 4 + 8 {
        return Err(NerError::Model("truncated header".into()));
    }
    let (body, sum) = bytes.split_at(bytes.len() - 8);
    let mut r = Reader { b: body, pos: 8 };
    let version = r.u32()?;
    if version != VERSION {
        return Err(NerError::Model(format!("unsupported version {version} (this build reads {VERSION})")));
    }
    let want = u64::from_le_bytes([sum[0], sum[1], sum[2], sum[3], sum[4], sum[5], sum[6], sum[7]]);
    if fnv(FNV_OFFSET, body) != want {
        return Err(NerError::Model("checksum mismatch (corrupted file)".into()));
    }
    // A model trained by a build with other templates would be read against the wrong
    // features and score badly with no other sign.
    let (found, expected) = (r.u64()?, crate::features::fingerprint());
    if found != expected {
        return Err(NerError::Model(format!(
            "trained with other feature templates (fingerprint {found:016x}, this build's {expected:016x}); \
             retrain it with `claimgraph train ner`"
        )));
    }
    let n_tags = r.u32()? as usize;
    if n_tags != N_TAGS {
        return Err(NerError::Model(format!("expected {N_TAGS} tags, file has {n_tags}")));
    }
    let scale = r.f32()?;
    if !scale.is_finite() || scale <= 0.0 {
        return Err(NerError::Model("invalid weight scale".into()));
    }
    let mut trans = [[0f32; N_TAGS]; N_TAGS + 1];
    for row in &mut trans {
        for x in row.iter_mut() {
            *x = r.f32()?;
        }
    }
    let n = r.u32()? as usize;
    let keys = r.u64s(n)?;
    let raw = r.take(n * N_TAGS * 2)?;
    let mut rows = Vec::with_capacity(n);
    for (k, chunk) in keys.iter().zip(raw.chunks_exact(N_TAGS * 2)) {
        let mut w = [0i16; N_TAGS];
        for (o, c) in w.iter_mut().zip(chunk.chunks_exact(2)) {
            *o = i16::from_le_bytes([c[0], c[1]]);
        }
        rows.push((*k, w));
    }
    let g = r.u32()? as usize;
    let gkeys = r.u64s(g)?;
    let masks = r.take(g)?;
    let w = r.u32()? as usize;
    let ckeys = r.u64s(w)?;
    let ids = r.take(w * 2)?;
    if r.pos != body.len() {
        return Err(NerError::Model(format!("{} trailing bytes", body.len() - r.pos)));
    }
    Ok(ModelParts {
        weights: WeightTable::new(&rows, scale),
        trans,
        gaz: Gazetteer::from_entries(gkeys.into_iter().zip(masks.iter().copied())),
        clusters: Clusters::from_entries(
            ckeys.into_iter().zip(ids.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]]))),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::GazCategory;

    fn sample() -> ModelParts {
        let mut trans = [[0f32; N_TAGS]; N_TAGS + 1];
        trans[N_TAGS][1] = 0.5;
        trans[1][2] = 1.25;
        let mut gaz = Gazetteer::new();
        gaz.insert(&["New", "York"], GazCategory::City);
        ModelParts {
            weights: WeightTable::new(&[(42, [1, -2, 3, 0, 0, 0, 7]), (7, [0; N_TAGS])], 0.01),
            trans,
            gaz,
            clusters: Clusters::from_entries([(5, 3), (9, 1)]),
        }
    }

    #[test]
    fn round_trips() {
        let m = sample();
        let bytes = write_model(&m);
        let back = read_model(&bytes).unwrap();
        assert_eq!(back.weights.rows(), m.weights.rows());
        assert_eq!(back.weights.scale(), 0.01);
        assert_eq!(back.trans, m.trans);
        assert_eq!(back.gaz.entries(), m.gaz.entries());
        assert_eq!(back.clusters.entries(), m.clusters.entries());
        assert_eq!(write_model(&back), bytes);
    }

    #[test]
    fn corrupt_files_give_typed_errors() {
        let bytes = write_model(&sample());
        for bad in
            [&b""[..], &b"CGNERMD\0"[..], &bytes[..bytes.len() / 2], &b"not a model at all, just text"[..]]
        {
            assert!(matches!(read_model(bad), Err(NerError::Model(_))));
        }
        let mut flipped = bytes.clone();
        flipped[40] ^= 0x10;
        assert!(matches!(read_model(&flipped), Err(NerError::Model(m)) if m.contains("checksum")));
        let mut v2 = bytes.clone();
        v2[8] = 9;
        assert!(matches!(read_model(&v2), Err(NerError::Model(m)) if m.contains("version")));
        // Another build's templates (checksum made right again): refused, saying to retrain.
        let mut other = bytes.clone();
        other[12] ^= 0x5a;
        let body = other.len() - 8;
        let sum = fnv(FNV_OFFSET, &other[..body]);
        other[body..].copy_from_slice(&sum.to_le_bytes());
        assert!(
            matches!(read_model(&other), Err(NerError::Model(m)) if m.contains("other feature templates"))
        );
    }
}
