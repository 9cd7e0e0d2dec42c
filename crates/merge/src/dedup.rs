//! Near-duplicate documents: MinHash over word shingles, banded LSH for candidates.
//!
//! A syndicated wire story, or a copy with a new headline or a site's footer, shares almost
//! all its word 3-shingles with the original; two outlets writing up the same event in their
//! own words share few (their Jaccard similarity is typically below 0.3, even with the same
//! quotes). [`DUPLICATE_JACCARD`] = 0.8 sits between: a 150-word story stays above it with a
//! replaced headline line and a few changed words (each changed word breaks at most three
//! shingles), and a rewrite stays far below it.
//!
//! The signature has [`PERMUTATIONS`] = 64 minima; LSH uses 16 bands of 4 rows, so a pair at
//! Jaccard 0.8 shares a bucket with probability 1 − (1 − 0.8⁴)¹⁶ ≈ 0.9998, and every
//! candidate is then checked against the threshold on the estimated similarity.
//! Hashes are FNV-1a with SplitMix64 mixing: stable across builds and platforms, because
//! signatures are stored.

use std::hash::Hasher;

/// Number of MinHash values per signature.
pub const PERMUTATIONS: usize = 64;
/// LSH bands (rows per band = `PERMUTATIONS / BANDS`).
pub const BANDS: usize = 16;
/// Estimated Jaccard similarity (of word 3-shingles) from which two documents are copies.
pub const DUPLICATE_JACCARD: f64 = 0.8;
/// Words per shingle.
const SHINGLE: usize = 3;

/// SplitMix64 finalizer: a good 64-bit mixer.
pub(crate) fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// FNV-1a of bytes.
pub(crate) fn fnv(bytes: &[u8]) -> u64 {
    let mut h = fnv::FnvHasher::default();
    h.write(bytes);
    h.finish()
}

/// Lower-cased alphanumeric words of a text.
pub(crate) fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase)
}

/// The MinHash signature of a text (over word 3-shingles; a text of fewer words is one
/// shingle). An empty text gets a signature of `u64::MAX`, which matches only itself.
pub fn signature(text: &str) -> Vec<u64> {
    let ws: Vec<u64> = words(text).map(|w| fnv(w.as_bytes())).collect();
    let mut sig = vec![u64::MAX; PERMUTATIONS];
    let mut add = |shingle: u64| {
        for (i, slot) in sig.iter_mut().enumerate() {
            let h = mix(shingle ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
            if h < *slot {
                *slot = h;
            }
        }
    };
    if ws.len() < SHINGLE {
        if !ws.is_empty() {
            add(ws.iter().fold(0, |acc, &w| mix(acc ^ w)));
        }
    } else {
        for win in ws.windows(SHINGLE) {
            add(win.iter().fold(0, |acc, &w| mix(acc ^ w)));
        }
    }
    sig
}

/// The LSH bucket of each band of a signature.
pub fn buckets(sig: &[u64]) -> Vec<u64> {
    let rows = sig.len() / BANDS;
    (0..BANDS).map(|b| sig[b * rows..(b + 1) * rows].iter().fold(b as u64, |acc, &v| mix(acc ^ v))).collect()
}

/// Estimated Jaccard similarity of two signatures (share of equal minima).
pub fn similarity(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || a.len() != b.len() {
        return 0.0;
    }
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / a.len() as f64
}

/// True when two signatures are of copies of one text.
pub fn is_duplicate(a: &[u64], b: &[u64]) -> bool {
    similarity(a, b) >= DUPLICATE_JACCARD
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "A car bomb exploded near a police checkpoint in the capital on Tuesday, killing two \
        people and wounding sixty others, the interior ministry said in a statement. The blast \
        shattered windows of nearby shops and sent a column of smoke over the district. No group \
        immediately claimed responsibility for the attack, the third in the city this month. \
        Security forces sealed off the area and ambulances carried the wounded to hospitals.";

    #[test]
    fn copies_match_and_rewrites_do_not() {
        let a = signature(STORY);
        let copy = signature(&format!("Capital blast kills two\n\n{STORY}\n\nReporting by staff."));
        let rewrite = signature(
            "Two people died and sixty were hurt on Tuesday when a car bomb went off at a police \
             post in the capital, according to the ministry of the interior. Nobody has said it \
             carried out the bombing.",
        );
        assert!(similarity(&a, &copy) >= DUPLICATE_JACCARD, "{}", similarity(&a, &copy));
        assert!(similarity(&a, &rewrite) < 0.3, "{}", similarity(&a, &rewrite));
        assert!(buckets(&a).iter().zip(buckets(&copy)).any(|(x, y)| *x == y));
        assert_eq!(signature(STORY), a, "deterministic");
    }

    #[test]
    fn short_and_empty_texts() {
        assert_eq!(signature(""), vec![u64::MAX; PERMUTATIONS]);
        assert!(is_duplicate(&signature("Blast"), &signature("blast!")));
        assert_eq!(buckets(&signature("x")).len(), BANDS);
    }
}
