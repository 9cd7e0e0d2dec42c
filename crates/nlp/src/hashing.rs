//! Allocation-free hashing for features: strings are hashed once per token, features are then
//! built by mixing small integers and those hashes.

/// FNV-1a hash of a string's bytes.
#[inline]
pub fn hash_str(s: &str) -> u64 {
    hash_bytes(s.as_bytes())
}

/// FNV-1a hash of bytes, finished with a mixing step so that all bits are used.
#[inline]
pub fn hash_bytes(b: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &x in b {
        h = (h ^ u64::from(x)).wrapping_mul(0x100_0000_01b3);
    }
    fmix(h)
}

/// Hash of the lowercased string, without allocating.
#[inline]
pub fn hash_lower(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for c in s.chars() {
        let mut buf = [0u8; 4];
        for lc in c.to_lowercase() {
            for &x in lc.encode_utf8(&mut buf).as_bytes() {
                h = (h ^ u64::from(x)).wrapping_mul(0x100_0000_01b3);
            }
        }
    }
    fmix(h)
}

/// Final mixer of MurmurHash3.
#[inline]
pub fn fmix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// Feature key from a template id and one value.
#[inline]
pub fn f1(t: u32, a: u64) -> u64 {
    fmix(a.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ u64::from(t).wrapping_mul(0xd6e8_feb8_6659_fd93))
}

/// Feature key from a template id and two values.
#[inline]
pub fn f2(t: u32, a: u64, b: u64) -> u64 {
    f1(t, a ^ fmix(b.wrapping_add(0x632b_e59b_d9b4_e019)))
}

/// Feature key from a template id and three values.
#[inline]
pub fn f3(t: u32, a: u64, b: u64, c: u64) -> u64 {
    f2(t, a, b ^ fmix(c.wrapping_add(0x8cb9_2ba7_2f3d_8dd7)))
}

/// Word shape class: maps letters to `X`/`x`, digits to `d`, keeps other characters, and
/// collapses runs longer than two (`McDonald's` → `XxXxx'x`). Returned as a hash.
pub fn shape_hash(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut last = '\0';
    let mut run = 0;
    for (i, c) in s.chars().enumerate() {
        if i >= 24 {
            break;
        }
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_alphabetic() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if k == last {
            run += 1;
            if run > 2 {
                continue;
            }
        } else {
            run = 1;
            last = k;
        }
        h = (h ^ u64::from(k as u32)).wrapping_mul(0x100_0000_01b3);
    }
    fmix(h)
}

/// Hashes of the last `n` characters for `n` in 1..=4 (shorter words repeat the whole word).
pub fn suffix_hashes(s: &str) -> [u64; 4] {
    let mut out = [0u64; 4];
    let mut starts = s.char_indices().rev().map(|(i, _)| i);
    for (n, slot) in out.iter_mut().enumerate() {
        let start = starts.next().unwrap_or(0);
        *slot = hash_lower(&s[start..]) ^ (n as u64 + 1);
    }
    out
}

/// Hashes of the first `n` characters for `n` in 1..=3.
pub fn prefix_hashes(s: &str) -> [u64; 3] {
    let mut out = [0u64; 3];
    let mut it = s.char_indices().map(|(i, c)| i + c.len_utf8());
    for (n, slot) in out.iter_mut().enumerate() {
        let end = it.next().unwrap_or(s.len());
        *slot = hash_lower(&s[..end]) ^ ((n as u64 + 1) << 8);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_and_shape() {
        assert_eq!(hash_lower("HeLLo"), hash_str("hello"));
        assert_eq!(shape_hash("McDonald"), shape_hash("MxDoxxxx"));
        assert_ne!(shape_hash("1999"), shape_hash("abcd"));
        assert_eq!(shape_hash("19999"), shape_hash("1234567"));
        let s = suffix_hashes("walking");
        assert_eq!(s[2], hash_lower("ing") ^ 3);
        let p = prefix_hashes("Über");
        assert_eq!(p[1], hash_lower("üb") ^ (2 << 8));
        assert_ne!(f2(1, 2, 3), f2(1, 3, 2));
        assert_ne!(f1(1, 5), f1(2, 5));
    }
}
