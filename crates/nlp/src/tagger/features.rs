//! Per-token precomputed hashes and the tagger's feature templates.
//!
//! Strings are hashed once per token ([`TokenHashes::fill`]); the feature templates then only
//! mix integers, so tagging allocates nothing per word.

use crate::hashing::{f1, f2, f3, hash_lower, hash_str, prefix_hashes, shape_hash, suffix_hashes};
use crate::perceptron::FeatureMap;

/// What the lexicon knows about a (lowercased) word form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LexEntry {
    /// Hash of the set of tags seen with the word ("ambiguity class").
    pub ambiguity: u64,
    /// The word's tag when it is frequent and (nearly) unambiguous, else `u16::MAX`.
    pub sure_tag: u16,
    /// Word cluster id (0 = none; current training assigns none, the field keeps the file
    /// format ready for distributional clusters, which did not help in a first trial).
    pub cluster: u32,
}

/// Lexicon: lowercased form hash → entry.
pub type Lexicon = FeatureMap<LexEntry>;

/// Hashes of one token, computed once.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokenHashes {
    /// Exact form.
    pub word: u64,
    /// Lowercased form.
    pub lower: u64,
    /// Prefixes of 1..=3 characters.
    pub prefix: [u64; 3],
    /// Suffixes of 1..=4 characters.
    pub suffix: [u64; 4],
    /// Word shape.
    pub shape: u64,
    /// Ambiguity class (0 when unknown).
    pub ambiguity: u64,
    /// Unambiguous tag or `u16::MAX`.
    pub sure_tag: u16,
    /// Cluster id (0 when unknown).
    pub cluster: u64,
    /// Lowercased part after the last hyphen (0 when there is none).
    pub after_hyphen: u64,
    /// Length class (1, 2, 3, 4-5, 6-8, 9+ characters).
    pub len_class: u64,
}

impl TokenHashes {
    /// Computes the hashes of `form` using `lex`.
    pub fn fill(form: &str, lex: &Lexicon) -> Self {
        let lower = hash_lower(form);
        let e = lex.get(&lower);
        TokenHashes {
            word: hash_str(form),
            lower,
            prefix: prefix_hashes(form),
            suffix: suffix_hashes(form),
            shape: shape_hash(form),
            ambiguity: e.map_or(0, |e| e.ambiguity),
            sure_tag: e.map_or(u16::MAX, |e| e.sure_tag),
            cluster: e.map_or(0, |e| u64::from(e.cluster)),
            after_hyphen: match form.rfind('-') {
                Some(i) if i > 0 && i + 1 < form.len() => hash_lower(&form[i + 1..]),
                _ => 0,
            },
            len_class: match form.chars().count() {
                0..=3 => form.len() as u64,
                4..=5 => 4,
                6..=8 => 5,
                _ => 6,
            },
        }
    }
}

const START: TokenHashes = TokenHashes {
    word: 0x0053_5441_5254,
    lower: 0x0053_5441_5254,
    prefix: [1; 3],
    suffix: [1; 4],
    shape: 1,
    ambiguity: 1,
    sure_tag: u16::MAX,
    cluster: 1,
    after_hyphen: 1,
    len_class: 1,
};
const END: TokenHashes = TokenHashes {
    word: 0x0045_4e44,
    lower: 0x0045_4e44,
    prefix: [2; 3],
    suffix: [2; 4],
    shape: 2,
    ambiguity: 2,
    sure_tag: u16::MAX,
    cluster: 2,
    after_hyphen: 2,
    len_class: 2,
};

/// Number of features produced by [`extract`].
pub const N_FEATURES: usize = 44;

/// Fills `out` with the features for token `i` given the two previous predicted tags
/// (`u64::MAX - 1` stands for "before the sentence").
pub fn extract(toks: &[TokenHashes], i: usize, p1: u64, p2: u64, out: &mut [u64; N_FEATURES]) {
    let at = |k: isize| -> &TokenHashes {
        let j = i as isize + k;
        if j < 0 {
            &START
        } else if j as usize >= toks.len() {
            &END
        } else {
            &toks[j as usize]
        }
    };
    let (m2, m1, t, n1, n2) = (at(-2), at(-1), at(0), at(1), at(2));
    let first = u64::from(i == 0);
    *out = [
        f1(0, 0),
        f1(1, t.word),
        f1(2, t.lower),
        f1(3, t.suffix[0]),
        f1(4, t.suffix[1]),
        f1(5, t.suffix[2]),
        f1(6, t.suffix[3]),
        f1(7, t.prefix[0]),
        f1(8, t.prefix[1]),
        f1(9, t.prefix[2]),
        f2(10, t.shape, first),
        f1(11, t.ambiguity),
        f1(12, m1.lower),
        f1(13, m2.lower),
        f1(14, n1.lower),
        f1(15, n2.lower),
        f1(16, m1.suffix[2]),
        f1(17, n1.suffix[2]),
        f1(18, n1.ambiguity),
        f1(19, n2.ambiguity),
        f1(20, p1),
        f2(21, p1, p2),
        f2(22, p1, t.lower),
        f2(23, p1, t.ambiguity),
        f2(24, t.ambiguity, n1.ambiguity),
        f2(25, m1.lower, t.lower),
        f2(26, t.lower, n1.lower),
        f2(27, p1, t.suffix[2]),
        f1(28, n1.shape),
        f1(29, m1.shape),
        f3(30, p1, t.ambiguity, n1.ambiguity),
        f1(31, t.cluster),
        f1(32, n1.cluster),
        f1(33, m1.cluster),
        f2(34, t.lower, n2.lower),
        f2(35, p2, t.lower),
        f2(36, t.word, first),
        f1(37, n1.word),
        f1(38, m1.word),
        f1(39, t.after_hyphen),
        f2(40, t.len_class, t.shape),
        f2(41, p1, n1.lower),
        f3(42, t.suffix[1], n1.ambiguity, p1),
        f2(43, t.prefix[0], t.suffix[2]),
    ];
}

/// Number of features produced by [`extract_second`]: those of [`extract`] plus ten of the
/// first pass's tags of the word and of the two words after it.
pub const N_FEATURES_SECOND: usize = N_FEATURES + 10;

/// Tag value standing for "after the sentence" in [`FirstPass`].
pub const AFTER_END: u64 = u64::MAX - 2;

/// First-pass tags around a word, as features of the second pass.
#[derive(Debug, Clone, Copy)]
pub struct FirstPass {
    /// The word's own first-pass tag.
    pub here: u64,
    /// The next word's first-pass tag ([`AFTER_END`] past the sentence end).
    pub next: u64,
    /// The tag of the word after the next one.
    pub next2: u64,
}

impl FirstPass {
    /// The first-pass context of word `i` given the first pass's `tags`.
    pub fn at(tags: &[u16], i: usize) -> Self {
        // (the first pass may have flagged a tag as unsure: see `Tagger::tag`)
        let get = |j: usize| tags.get(j).map_or(AFTER_END, |&t| u64::from(t & !super::UNSURE));
        FirstPass { here: get(i), next: get(i + 1), next2: get(i + 2) }
    }
}

/// The second pass's features: [`extract`]'s, then features of the first pass's tags to the
/// right, which a left-to-right pass cannot otherwise see.
pub fn extract_second(
    toks: &[TokenHashes],
    i: usize,
    p1: u64,
    p2: u64,
    first: FirstPass,
    out: &mut [u64; N_FEATURES_SECOND],
) {
    let (left, right) = out.split_at_mut(N_FEATURES);
    let left: &mut [u64; N_FEATURES] = left.try_into().expect("split at N_FEATURES");
    extract(toks, i, p1, p2, left);
    let t = &toks[i];
    let n1_lower = toks.get(i + 1).map_or(END.lower, |n| n.lower);
    let FirstPass { here: c, next: r1, next2: r2 } = first;
    right.copy_from_slice(&[
        f1(44, r1),
        f2(45, r1, r2),
        f2(46, p1, r1),
        f2(47, t.lower, r1),
        f2(48, t.ambiguity, r1),
        f3(49, p1, t.ambiguity, r1),
        f2(50, t.suffix[2], r1),
        f2(51, r1, n1_lower),
        f1(52, c),
        f3(53, p1, c, r1),
    ]);
}

/// A hash of the features both passes give on a fixed sentence (with an empty lexicon, the
/// word hashes included). Any change to the templates or to how words are hashed changes it;
/// model files store the fingerprint of the build that trained them, and a build with other
/// templates refuses them ([`crate::NlpError::OtherFeatures`]) instead of reading the
/// weights against the wrong features.
pub fn fingerprint() -> u64 {
    let lex = Lexicon::default();
    let words = ["The", "U.S.", "re-opened", "its", "3", "Kabul", "offices", "--", "quietly", "."];
    let toks: Vec<TokenHashes> = words.iter().map(|w| TokenHashes::fill(w, &lex)).collect();
    let tags: Vec<u16> = (0..words.len() as u16).map(|i| (i * 7) % 17).collect();
    let mut first = [0u64; N_FEATURES];
    let mut second = [0u64; N_FEATURES_SECOND];
    let mut acc = f2(0x6672, N_FEATURES as u64, N_FEATURES_SECOND as u64);
    for i in 0..toks.len() {
        let (p1, p2) = (i as u64 * 3 + 1, i as u64 * 5 + 2);
        extract(&toks, i, p1, p2, &mut first);
        extract_second(&toks, i, p1, p2, FirstPass::at(&tags, i), &mut second);
        for &f in first.iter().chain(&second) {
            acc = f2(0x6673, acc, f);
        }
    }
    acc
}
