//! Near-duplicate documents: MinHash over word shingles, banded LSH for candidates.
//!
//! A syndicated wire story, a copy with a new headline or a site's footer, or a copy cut
//! after a few paragraphs shares almost all of its word 3-shingles with the original; two
//! outlets writing up the same event in their own words share few (typically under 0.3 of
//! the shorter one's, even quoting the same statement). Two documents are copies when the
//! estimated share of the smaller one's shingles found in the other — containment, not
//! Jaccard, so a copy cut to four of six paragraphs still counts — is at least
//! [`DUPLICATE_CONTAINMENT`] = 0.8: a 150-word story stays above it with a replaced headline
//! and a dozen changed words (each changed word breaks at most three shingles), and rewrites
//! stay far below it. Texts under [`MIN_SHINGLES`] shingles are copies only when equal.
//!
//! The signature has [`PERMUTATIONS`] = 64 minima (standard error of a Jaccard estimate
//! about 0.05). Candidates are not found through an LSH index but through the events: a
//! copy reports the same events, so the merger compares a new document with the documents
//! of its candidate events — no index with a random key per band, whose page writes cost
//! more than the rest of merging (measured). [`buckets`] gives LSH bands for callers that
//! want to find copies among documents without events.
//! Hashes are FNV-1a with SplitMix64 mixing: stable across builds and platforms, because
//! signatures are stored.

use std::hash::Hasher;

/// Number of MinHash values per signature.
pub const PERMUTATIONS: usize = 64;
/// LSH bands (rows per band = `PERMUTATIONS / BANDS`).
pub const BANDS: usize = 16;
/// Estimated containment of the smaller document's shingles in the other's from which two
/// documents are copies.
pub const DUPLICATE_CONTAINMENT: f64 = 0.8;
/// Fewer shingles than this: too short to call a partial overlap a copy.
pub const MIN_SHINGLES: u64 = 20;
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

/// [`fnv`] of each lower-cased word of [`words`], without building the words: an ASCII word
/// is lower-cased byte by byte as it is hashed (the same bytes `to_lowercase` gives).
fn word_hashes(text: &str) -> impl Iterator<Item = u64> + '_ {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| {
        if w.is_ascii() {
            let mut h = fnv::FnvHasher::default();
            for b in w.bytes() {
                h.write_u8(b.to_ascii_lowercase());
            }
            h.finish()
        } else {
            fnv(w.to_lowercase().as_bytes())
        }
    })
}

/// Lowers each slot of `sig` to the least hash of its permutation over `shingles`.
#[inline(always)]
fn fold_minima(sig: &mut [u64; PERMUTATIONS], shingles: &[u64]) {
    for &sh in shingles {
        for (i, slot) in sig.iter_mut().enumerate() {
            let h = mix(sh ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
            *slot = (*slot).min(h);
        }
    }
}

/// [`fold_minima`] compiled for AVX-512 (eight 64-bit lanes, with 64-bit multiplies): the
/// same arithmetic, so the same signature, several times faster.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512dq")]
fn fold_minima_avx512(sig: &mut [u64; PERMUTATIONS], shingles: &[u64]) {
    fold_minima(sig, shingles)
}

/// [`fold_minima`] on the widest instructions this CPU has.
fn minima(sig: &mut [u64; PERMUTATIONS], shingles: &[u64]) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx512f") && std::arch::is_x86_feature_detected!("avx512dq") {
        // SAFETY: the CPU has the features `fold_minima_avx512` is compiled for, checked
        // just above; it touches nothing but its arguments.
        #[allow(unsafe_code)]
        unsafe {
            fold_minima_avx512(sig, shingles)
        };
        return;
    }
    fold_minima(sig, shingles)
}

/// The MinHash signature of a text (over word 3-shingles; a text of fewer words is one
/// shingle) and its number of distinct shingles. An empty text gets a signature of
/// `u64::MAX`, which matches only itself.
pub fn signature(text: &str) -> (Vec<u64>, u64) {
    let ws: Vec<u64> = word_hashes(text).collect();
    let shingles = shingles(&ws);
    let mut sig = [u64::MAX; PERMUTATIONS];
    minima(&mut sig, &shingles);
    (sig.to_vec(), shingles.len() as u64)
}

/// The distinct hashes of the word 3-shingles of a text's word hashes (of all its words as
/// one shingle when it has fewer), sorted.
fn shingles(ws: &[u64]) -> Vec<u64> {
    let mut shingles: Vec<u64> = if ws.len() < SHINGLE {
        if ws.is_empty() { Vec::new() } else { vec![ws.iter().fold(0, |acc, &w| mix(acc ^ w))] }
    } else {
        ws.windows(SHINGLE).map(|win| win.iter().fold(0, |acc, &w| mix(acc ^ w))).collect()
    };
    shingles.sort_unstable();
    shingles.dedup();
    shingles
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

/// Estimated share of the smaller text's shingles found in the other: from the Jaccard
/// estimate `J` and the sizes, |A ∩ B| = J (|A| + |B|) / (1 + J).
pub fn containment(a: &[u64], a_len: u64, b: &[u64], b_len: u64) -> f64 {
    let j = similarity(a, b);
    let smaller = a_len.min(b_len);
    if smaller == 0 {
        return j;
    }
    (j * (a_len + b_len) as f64 / (1.0 + j) / smaller as f64).min(1.0)
}

/// True when two texts (signatures and shingle counts) are copies of one text.
pub fn is_duplicate(a: &[u64], a_len: u64, b: &[u64], b_len: u64) -> bool {
    if a_len.min(b_len) < MIN_SHINGLES {
        return similarity(a, b) >= 1.0 && a_len == b_len;
    }
    containment(a, a_len, b, b_len) >= DUPLICATE_CONTAINMENT
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The signature as first written (stored signatures must not change): one word
    /// `String` at a time, one slot at a time (the shingling itself did not change).
    fn reference_signature(text: &str) -> Vec<u64> {
        let ws: Vec<u64> = words(text).map(|w| fnv(w.as_bytes())).collect();
        let shingles = shingles(&ws);
        let mut sig = vec![u64::MAX; PERMUTATIONS];
        for &sh in &shingles {
            for (i, slot) in sig.iter_mut().enumerate() {
                let h = mix(sh ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
                if h < *slot {
                    *slot = h;
                }
            }
        }
        sig
    }

    #[test]
    fn signatures_are_those_first_stored() {
        for text in [
            "",
            "Kabul",
            "Gunmen ATTACKED a checkpoint in Kabul on Monday, killing 4 people, officials said.",
            "Straße Éric İstanbul ÇATALCA: العربية 北京 — mixed CASE and Ünïcödé words, twice: Straße.",
        ] {
            assert_eq!(signature(text).0, reference_signature(text), "{text:?}");
            let fast: Vec<u64> = word_hashes(text).collect();
            let slow: Vec<u64> = words(text).map(|w| fnv(w.as_bytes())).collect();
            assert_eq!(fast, slow);
        }
        // the portable and the widest path agree on many shingles
        let shingles: Vec<u64> = (0..1000u64).map(mix).collect();
        let (mut a, mut b) = ([u64::MAX; PERMUTATIONS], [u64::MAX; PERMUTATIONS]);
        fold_minima(&mut a, &shingles);
        minima(&mut b, &shingles);
        assert_eq!(a, b);
    }

    const STORY: &str = "A car bomb exploded near a police checkpoint in the capital on Tuesday, killing two \
        people and wounding sixty others, the interior ministry said in a statement. The blast \
        shattered windows of nearby shops and sent a column of smoke over the district. No group \
        immediately claimed responsibility for the attack, the third in the city this month. \
        Security forces sealed off the area and ambulances carried the wounded to hospitals.";

    #[test]
    fn copies_match_and_rewrites_do_not() {
        let (a, an) = signature(STORY);
        let (copy, cn) = signature(&format!("Capital blast kills two\n\n{STORY}\n\nReporting by staff."));
        let cut: String = STORY.split(". ").take(3).collect::<Vec<_>>().join(". ");
        let (cut, cutn) = signature(&cut);
        let (rewrite, rn) = signature(
            "Two people died and sixty were hurt on Tuesday when a car bomb went off at a police \
             post in the capital, according to the ministry of the interior. Nobody has said it \
             carried out the bombing.",
        );
        assert!(is_duplicate(&a, an, &copy, cn), "{}", containment(&a, an, &copy, cn));
        assert!(is_duplicate(&a, an, &cut, cutn), "a copy cut short: {}", containment(&a, an, &cut, cutn));
        assert!(!is_duplicate(&a, an, &rewrite, rn), "{}", containment(&a, an, &rewrite, rn));
        assert!(similarity(&a, &rewrite) < 0.3, "{}", similarity(&a, &rewrite));
        assert!(buckets(&a).iter().zip(buckets(&copy)).any(|(x, y)| *x == y));
        assert_eq!(signature(STORY).0, a, "deterministic");
    }

    #[test]
    fn short_and_empty_texts() {
        assert_eq!(signature(""), (vec![u64::MAX; PERMUTATIONS], 0));
        let (x, xn) = signature("Blast");
        let (y, yn) = signature("blast!");
        assert!(is_duplicate(&x, xn, &y, yn));
        let (z, zn) = signature("Blast in the capital");
        assert!(!is_duplicate(&x, xn, &z, zn), "a short text inside another is not a copy of it");
        assert_eq!(buckets(&x).len(), BANDS);
    }
}
