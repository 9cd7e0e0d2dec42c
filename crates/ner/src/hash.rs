//! Allocation-free string hashing for features: FNV-1a over bytes, lowercasing on the fly,
//! and a mixer to combine hashes into feature keys.

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x100_0000_01b3;

/// FNV-1a hash of a string.
#[inline]
pub fn hash_str(s: &str) -> u64 {
    fnv(FNV_OFFSET, s.as_bytes())
}

/// FNV-1a continued over `bytes` from state `h`.
#[inline]
pub fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
    }
    h
}

/// FNV-1a hash of the lowercased string, without allocating. Equal to
/// `hash_str(&s.to_lowercase())` for all inputs whose lowercase mapping is one char per char
/// (everything but a few special cases, which only need to hash consistently).
#[inline]
pub fn hash_lower(s: &str) -> u64 {
    if s.is_ascii() {
        let mut h = FNV_OFFSET;
        for &b in s.as_bytes() {
            h = (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(FNV_PRIME);
        }
        return h;
    }
    let mut h = FNV_OFFSET;
    let mut buf = [0u8; 4];
    for c in s.chars() {
        for lc in c.to_lowercase() {
            h = fnv(h, lc.encode_utf8(&mut buf).as_bytes());
        }
    }
    h
}

/// Combines two hashes into one (order-sensitive, well mixed).
#[inline]
pub fn mix(a: u64, b: u64) -> u64 {
    let x = (a ^ b.rotate_left(25) ^ 0x9e37_79b9_7f4a_7c15).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    let x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_hash_matches_lowercased_string() {
        for s in ["Kabul", "TALIBAN", "Ünïcode Éé", "mixed-Case 42"] {
            assert_eq!(hash_lower(s), hash_str(&s.to_lowercase()));
        }
        assert_ne!(mix(1, 2), mix(2, 1));
    }
}
