//! Feature extraction: per-word analysis (hashes of the word, its lowercase form, shape,
//! affixes, gazetteer matches) computed once per sentence, then label-independent feature
//! keys for each position. Nothing here allocates per word.

use crate::clusters::Clusters;
use crate::gazetteer::{Gazetteer, N_CATEGORIES};
use crate::hash::{fnv, hash_lower, hash_str, mix};

const BOS: u64 = 0x0b05_0b05_0b05_0b05;
const EOS: u64 = 0x0e05_0e05_0e05_0e05;
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// Feature template ids (the first argument of every [`mix`] that makes a key).
mod t {
    pub const BIAS: u64 = 1;
    pub const WORD: u64 = 2;
    pub const LOWER: u64 = 3;
    pub const PREV: u64 = 4;
    pub const NEXT: u64 = 5;
    pub const PREV2: u64 = 6;
    pub const NEXT2: u64 = 7;
    pub const SHAPE: u64 = 8;
    pub const LSHAPE: u64 = 9;
    pub const PREV_SHAPE: u64 = 10;
    pub const NEXT_SHAPE: u64 = 11;
    pub const SHAPE_PREV_SHAPE: u64 = 12;
    pub const SHAPE_NEXT_SHAPE: u64 = 13;
    pub const PREFIX: u64 = 14;
    pub const SUFFIX: u64 = 20;
    pub const PREV_WORD_PAIR: u64 = 30;
    pub const NEXT_WORD_PAIR: u64 = 31;
    pub const PREV_LOWER_SHAPE: u64 = 32;
    pub const SHAPE_NEXT_LOWER: u64 = 33;
    pub const FIRST_SHAPE: u64 = 34;
    pub const GAZ: u64 = 40;
    pub const GAZ_CAP: u64 = 41;
    pub const PREV_GAZ: u64 = 42;
    pub const NEXT_GAZ: u64 = 43;
    pub const PREV_NEXT_LOWER: u64 = 44;
    pub const CASE_SHAPE: u64 = 45;
    pub const CASE_GAZ: u64 = 46;
    pub const CASE_LOWER: u64 = 47;
    pub const CLUSTER: u64 = 48;
    pub const PREV_CLUSTER: u64 = 49;
    pub const NEXT_CLUSTER: u64 = 50;
    pub const CLUSTER_SHAPE: u64 = 51;
}

/// Number of prefix lengths (1..=N) and suffix lengths used.
const N_PREFIX: usize = 3;
const N_SUFFIX: usize = 4;

/// Everything about one word that features need, as hashes.
#[derive(Debug, Clone, Copy, Default)]
pub struct WordInfo {
    word: u64,
    lower: u64,
    shape: u64,
    long_shape: u64,
    prefix: [u64; N_PREFIX],
    suffix: [u64; N_SUFFIX],
    /// word starts with an uppercase letter
    cap: bool,
    cluster: u64,
    gaz: u32,
}

/// Reusable per-sentence buffers.
#[derive(Debug, Default, Clone)]
pub struct Analysis {
    /// Word analyses.
    pub words: Vec<WordInfo>,
    lower: Vec<u64>,
    gaz: Vec<u32>,
    /// Casing of the whole sentence: 0 no capitals, 1 ordinary, 2 mostly capitalized
    /// (headline), 3 mostly all-caps. Web text is often all lowercase or shouted, which
    /// changes what a capital letter means.
    case: u64,
}

impl Analysis {
    /// Analyzes a sentence (replacing any previous content).
    pub fn analyze<S: AsRef<str>>(&mut self, words: &[S], gaz: &Gazetteer, clusters: &Clusters) {
        self.lower.clear();
        self.lower.extend(words.iter().map(|w| hash_lower(w.as_ref())));
        gaz.annotate(&self.lower, &mut self.gaz);
        self.case = sentence_case(words);
        self.words.clear();
        for (k, w) in words.iter().enumerate() {
            let mut info = analyze_word(w.as_ref(), self.lower[k]);
            info.gaz = self.gaz[k];
            info.cluster = u64::from(clusters.get(self.lower[k]));
            self.words.push(info);
        }
    }

    /// Number of words analyzed.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the sentence is empty.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Writes the feature keys of position `i` into `out` (cleared first).
    pub fn features(&self, i: usize, out: &mut Vec<u64>) {
        out.clear();
        let w = &self.words[i];
        let n = self.words.len();
        let lower_at = |k: isize| -> u64 {
            if k < 0 {
                BOS
            } else if k as usize >= n {
                EOS
            } else {
                self.words[k as usize].lower
            }
        };
        let shape_at = |k: isize| -> u64 {
            if k < 0 {
                BOS
            } else if k as usize >= n {
                EOS
            } else {
                self.words[k as usize].shape
            }
        };
        let ii = i as isize;
        let (p1, n1) = (lower_at(ii - 1), lower_at(ii + 1));
        let (sp, sn) = (shape_at(ii - 1), shape_at(ii + 1));
        out.push(t::BIAS);
        out.push(mix(t::WORD, w.word));
        out.push(mix(t::LOWER, w.lower));
        out.push(mix(t::PREV, p1));
        out.push(mix(t::NEXT, n1));
        out.push(mix(t::PREV2, lower_at(ii - 2)));
        out.push(mix(t::NEXT2, lower_at(ii + 2)));
        out.push(mix(t::SHAPE, w.shape));
        out.push(mix(t::LSHAPE, w.long_shape));
        out.push(mix(t::PREV_SHAPE, sp));
        out.push(mix(t::NEXT_SHAPE, sn));
        out.push(mix(mix(t::SHAPE_PREV_SHAPE, sp), w.shape));
        out.push(mix(mix(t::SHAPE_NEXT_SHAPE, w.shape), sn));
        for (k, &h) in w.prefix.iter().enumerate() {
            if h != 0 {
                out.push(mix(t::PREFIX + k as u64, h));
            }
        }
        for (k, &h) in w.suffix.iter().enumerate() {
            if h != 0 {
                out.push(mix(t::SUFFIX + k as u64, h));
            }
        }
        out.push(mix(mix(t::PREV_WORD_PAIR, p1), w.lower));
        out.push(mix(mix(t::NEXT_WORD_PAIR, w.lower), n1));
        out.push(mix(mix(t::PREV_NEXT_LOWER, p1), n1));
        out.push(mix(mix(t::PREV_LOWER_SHAPE, p1), w.shape));
        out.push(mix(mix(t::SHAPE_NEXT_LOWER, w.shape), n1));
        if i == 0 {
            out.push(mix(t::FIRST_SHAPE, w.shape));
        }
        if w.cluster != 0 {
            out.push(mix(t::CLUSTER, w.cluster));
            out.push(mix(mix(t::CLUSTER_SHAPE, w.cluster), w.shape));
        }
        if i > 0 {
            out.push(mix(t::PREV_CLUSTER, self.words[i - 1].cluster));
        }
        if i + 1 < n {
            out.push(mix(t::NEXT_CLUSTER, self.words[i + 1].cluster));
        }
        out.push(mix(mix(t::CASE_SHAPE, self.case), w.shape));
        if self.case != 1 {
            out.push(mix(mix(t::CASE_LOWER, self.case), w.lower));
        }
        let mut g = w.gaz;
        while g != 0 {
            let b = u64::from(g.trailing_zeros());
            g &= g - 1;
            out.push(mix(t::GAZ, b));
            out.push(mix(t::GAZ_CAP, b * 2 + u64::from(w.cap)));
            out.push(mix(t::CASE_GAZ, b * 4 + self.case));
        }
        if i > 0 {
            push_category_features(out, t::PREV_GAZ, self.words[i - 1].gaz);
        }
        if i + 1 < n {
            push_category_features(out, t::NEXT_GAZ, self.words[i + 1].gaz);
        }
    }
}

/// Casing class of a sentence (see [`Analysis`]).
fn sentence_case<S: AsRef<str>>(words: &[S]) -> u64 {
    let (mut alpha, mut cap, mut upper) = (0usize, 0usize, 0usize);
    for w in words {
        let w = w.as_ref();
        let Some(c) = w.chars().next() else { continue };
        if !c.is_alphabetic() {
            continue;
        }
        alpha += 1;
        if c.is_uppercase() {
            cap += 1;
            if w.chars().count() > 1 && !w.chars().any(char::is_lowercase) {
                upper += 1;
            }
        }
    }
    if cap == 0 {
        0
    } else if alpha >= 3 && upper * 2 > alpha {
        3
    } else if alpha >= 3 && cap * 2 > alpha {
        2
    } else {
        1
    }
}

/// One feature per gazetteer category present (in any position) on a neighbour.
fn push_category_features(out: &mut Vec<u64>, template: u64, gaz: u32) {
    for c in 0..N_CATEGORIES {
        if (gaz >> (c * 4)) & 0xf != 0 {
            out.push(mix(template, c as u64));
        }
    }
}

/// Shape class of a char: `X` upper, `x` lower, `d` digit, ASCII punctuation as itself,
/// `o` anything else.
#[inline]
fn shape_char(c: char) -> u8 {
    if c.is_ascii() {
        let b = c as u8;
        if b.is_ascii_uppercase() {
            b'X'
        } else if b.is_ascii_lowercase() {
            b'x'
        } else if b.is_ascii_digit() {
            b'd'
        } else {
            b
        }
    } else if c.is_uppercase() {
        b'X'
    } else if c.is_lowercase() {
        b'x'
    } else if c.is_numeric() {
        b'd'
    } else {
        b'o'
    }
}

fn analyze_word(w: &str, lower: u64) -> WordInfo {
    let mut info = WordInfo {
        word: hash_str(w),
        lower,
        cap: w.chars().next().is_some_and(char::is_uppercase),
        ..WordInfo::default()
    };
    // shape: collapsed (no repeats) and long (repeats capped at 3)
    let (mut sh, mut lsh) = (FNV_OFFSET, FNV_OFFSET);
    let (mut last, mut run) = (0u8, 0usize);
    for c in w.chars() {
        let s = shape_char(c);
        if s == last {
            run += 1;
        } else {
            run = 1;
            sh = fnv(sh, &[s]);
        }
        if run <= 3 {
            lsh = fnv(lsh, &[s]);
        }
        last = s;
    }
    info.shape = sh;
    info.long_shape = lsh;
    // affixes by chars, hashed from the lowercase form on the fly
    if w.is_ascii() {
        let b = w.as_bytes();
        if b.len() >= 2 {
            let mut h = FNV_OFFSET;
            for (k, c) in b.iter().take(N_PREFIX.min(b.len() - 1)).enumerate() {
                h = fnv(h, &[c.to_ascii_lowercase()]);
                info.prefix[k] = h | 1;
            }
            let mut h = FNV_OFFSET;
            for (k, c) in b.iter().rev().take(N_SUFFIX.min(b.len() - 1)).enumerate() {
                h = fnv(h, &[c.to_ascii_lowercase()]);
                info.suffix[k] = h | 1;
            }
        }
        return info;
    }
    let nchars = w.chars().count();
    if nchars >= 2 {
        let mut h = FNV_OFFSET;
        let mut buf = [0u8; 4];
        for (k, c) in w.chars().take(N_PREFIX.min(nchars - 1)).enumerate() {
            for lc in c.to_lowercase() {
                h = fnv(h, lc.encode_utf8(&mut buf).as_bytes());
            }
            info.prefix[k] = h | 1;
        }
        let mut h = FNV_OFFSET;
        for (k, c) in w.chars().rev().take(N_SUFFIX.min(nchars - 1)).enumerate() {
            for lc in c.to_lowercase() {
                h = fnv(h, lc.encode_utf8(&mut buf).as_bytes());
            }
            info.suffix[k] = h | 1;
        }
    }
    info
}

/// A hash of the features [`Analysis::features`] gives on a fixed sentence, with a small
/// gazetteer and cluster table (so that their templates fire too). Any change to the
/// templates or to how words are hashed changes it; model files store the fingerprint of the
/// build that trained them, and a build with other templates refuses them instead of reading
/// the weights against the wrong features.
pub fn fingerprint() -> u64 {
    use crate::gazetteer::GazCategory;
    let words =
        ["Officials", "in", "New", "York", "said", "ACME", "Corp.", "paid", "O'Neil", "$", "20,000", "."];
    let mut gaz = Gazetteer::new();
    gaz.insert(&["New", "York"], GazCategory::City);
    gaz.insert(&["ACME"], GazCategory::ActorGroup);
    let clusters = Clusters::from_entries([(hash_lower("said"), 7), (hash_lower("officials"), 3)]);
    let mut a = Analysis::default();
    a.analyze(&words, &gaz, &clusters);
    let mut feats = Vec::new();
    let mut acc = fnv(0xcbf2_9ce4_8422_2325, b"claimgraph-ner-features");
    for i in 0..words.len() {
        a.features(i, &mut feats);
        acc = fnv(acc, &(feats.len() as u64).to_le_bytes());
        for f in &feats {
            acc = fnv(acc, &f.to_le_bytes());
        }
    }
    acc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::GazCategory;

    #[test]
    fn shapes_and_features_are_deterministic() {
        let a = analyze_word("Kabul", hash_lower("Kabul"));
        let b = analyze_word("Herat", hash_lower("Herat"));
        let c = analyze_word("KABUL", hash_lower("KABUL"));
        assert_eq!(a.shape, b.shape);
        assert_ne!(a.shape, c.shape);
        assert_eq!(a.lower, c.lower);
        assert!(a.cap && c.cap);
        assert_eq!(a.prefix[0], analyze_word("kite", hash_lower("kite")).prefix[0]);

        let mut g = Gazetteer::new();
        g.insert(&["Kabul"], GazCategory::City);
        let mut an = Analysis::default();
        an.analyze(&["in", "Kabul", "."], &g, &Clusters::default());
        let mut f1 = Vec::new();
        an.features(1, &mut f1);
        let mut an2 = Analysis::default();
        an2.analyze(&["in", "Herat", "."], &Gazetteer::new(), &Clusters::default());
        let mut f2 = Vec::new();
        an2.features(1, &mut f2);
        // the gazetteer adds features; the context features are shared
        assert!(f1.len() > f2.len());
        assert!(f1.contains(&mix(t::PREV, hash_lower("in"))));
        assert!(f2.contains(&mix(t::PREV, hash_lower("in"))));
        assert!(f1.contains(&mix(t::GAZ, GazCategory::City as u64 * 4 + 3)));
    }
}
