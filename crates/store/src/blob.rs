//! How the merge tables store number lists (MinHash signatures, evidence sketches) as
//! bytes, the same on both backends (`BLOB` in SQLite, `bytea` in PostgreSQL):
//! little-endian, one after the other.

/// `u64`s as bytes.
pub(crate) fn from_u64s(v: &[u64]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

/// Bytes back as `u64`s (a trailing partial number is dropped).
pub(crate) fn to_u64s(b: &[u8]) -> Vec<u64> {
    b.chunks_exact(8).map(|c| u64::from_le_bytes(c.try_into().unwrap_or([0; 8]))).collect()
}

/// `u32`s as bytes.
pub(crate) fn from_u32s(v: &[u32]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

/// Bytes back as `u32`s (a trailing partial number is dropped).
pub(crate) fn to_u32s(b: &[u8]) -> Vec<u32> {
    b.chunks_exact(4).map(|c| u32::from_le_bytes(c.try_into().unwrap_or([0; 4]))).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn round_trip() {
        let v = [0, 1, u64::MAX, 42];
        assert_eq!(super::to_u64s(&super::from_u64s(&v)), v);
        let w = [7, u32::MAX];
        assert_eq!(super::to_u32s(&super::from_u32s(&w)), w);
        assert_eq!(super::to_u32s(&[1, 0, 0, 0, 9]), [1], "a partial number is dropped");
    }
}
