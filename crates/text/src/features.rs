//! Features of a candidate sentence boundary (the gap after a token), hashed to `u64`
//! without allocating. The hash (FNV-1a) is fixed so model files stay valid across
//! platforms and Rust versions.

use crate::chars::{is_closer, is_final_punct};
use crate::model::Weights;
use crate::token::Token;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

fn fnv_bytes(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

fn fnv_char(h: u64, c: char) -> u64 {
    let mut buf = [0u8; 4];
    fnv_bytes(h, c.encode_utf8(&mut buf).as_bytes())
}

/// Combines a template id and parts into one feature key: a multiply-rotate mix per part
/// and the SplitMix64 finalizer, so keys spread over all 64 bits.
fn key(template: u8, parts: &[u64]) -> u64 {
    let mut h = u64::from(template).wrapping_add(0x9e37_79b9_7f4a_7c15);
    for &p in parts {
        h = (h ^ p).wrapping_mul(0xbf58_476d_1ce4_e5b9).rotate_left(31);
    }
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// What the features need to know about one token, computed once per token.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TokenInfo {
    /// Hash of the lowercased form (or of its shape when the form is long).
    lower: u64,
    /// Hash of the shape: `Xx`, `x`, `X.`, `d`, ... (runs collapsed, at most 5 classes).
    shape: u64,
    /// Class of the last char: 0 word, 1 final punct, 2 closer, 3 other.
    last: u8,
    /// True when the token is an abbreviation (a word ending with a period).
    abbrev: bool,
}

/// Typographic quotes read as their ASCII forms, which is what EWT mostly has.
fn fold_quote(c: char) -> char {
    match c {
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => '"',
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{2039}' | '\u{203A}' => '\'',
        c => c,
    }
}

fn char_class(c: char) -> u8 {
    let c = fold_quote(c);
    if c.is_uppercase() {
        b'X'
    } else if c.is_lowercase() || c.is_alphabetic() {
        b'x'
    } else if c.is_numeric() {
        b'd'
    } else if is_final_punct(c) && !matches!(c, '!' | '?') {
        b'.'
    } else if is_final_punct(c) || is_closer(c) || matches!(c, ',' | ';' | ':' | '-' | '(' | '"') {
        // keep common punctuation distinct (all of these are ASCII after folding, except
        // the rarer closers, which map to their low byte)
        c as u8
    } else {
        b'#'
    }
}

impl TokenInfo {
    /// Describes token `t` of `text`.
    pub(crate) fn new(text: &str, t: &Token) -> TokenInfo {
        let s = t.text(text);
        let mut shape = FNV_OFFSET;
        let mut last_class = 0u8;
        let mut classes = 0;
        for c in s.chars() {
            let k = char_class(c);
            if k != last_class {
                classes += 1;
                if classes <= 5 {
                    shape = fnv_bytes(shape, &[k]);
                }
                last_class = k;
            }
        }
        let lower = if s.len() <= 20 {
            s.chars().map(fold_quote).flat_map(char::to_lowercase).fold(FNV_OFFSET ^ 1, fnv_char)
        } else {
            shape ^ 0x5a5a
        };
        let lc = s.chars().next_back().unwrap_or(' ');
        let last = if is_final_punct(lc) {
            1
        } else if is_closer(lc) {
            2
        } else if lc.is_alphanumeric() {
            0
        } else {
            3
        };
        // The scanner keeps a final period inside a token only for abbreviations.
        let abbrev = s.len() > 1 && s.ends_with('.') && s.chars().any(char::is_alphabetic);
        TokenInfo { lower, shape, last, abbrev }
    }
}

/// Precomputes [`TokenInfo`] for every token.
pub(crate) fn token_infos(text: &str, tokens: &[Token]) -> Vec<TokenInfo> {
    tokens.iter().map(|t| TokenInfo::new(text, t)).collect()
}

/// Bucket of the number of tokens since the last boundary.
fn distance_bucket(d: usize) -> u64 {
    match d {
        0..=4 => d as u64,
        5..=7 => 5,
        8..=12 => 6,
        13..=20 => 7,
        21..=40 => 8,
        _ => 9,
    }
}

/// Writes the features of the gap after token `i` into `out` (cleared first).
/// `since` is the number of tokens since the last sentence boundary (1 for the first
/// token of a sentence).
pub(crate) fn boundary_features(
    infos: &[TokenInfo],
    tokens: &[Token],
    i: usize,
    since: usize,
    out: &mut Vec<u64>,
) {
    out.clear();
    const NONE: TokenInfo = TokenInfo { lower: 1, shape: 1, last: 9, abbrev: false };
    let at =
        |j: isize| -> TokenInfo { if j < 0 { NONE } else { infos.get(j as usize).copied().unwrap_or(NONE) } };
    let ii = i as isize;
    let (p, c, n, nn) = (at(ii - 1), at(ii), at(ii + 1), at(ii + 2));
    let space = u64::from(tokens[i].space_after);
    let dist = distance_bucket(since);
    let ab = u64::from(c.abbrev);
    out.extend_from_slice(&[
        key(0, &[]),
        key(1, &[c.lower]),
        key(2, &[n.lower]),
        key(3, &[p.lower]),
        key(4, &[c.lower, n.lower]),
        key(5, &[c.shape, n.shape]),
        key(6, &[p.shape, c.shape, n.shape]),
        key(7, &[c.lower, n.shape]),
        key(8, &[c.shape, n.lower]),
        key(9, &[space, c.lower]),
        key(10, &[space, c.shape, n.shape]),
        key(11, &[n.shape, nn.shape]),
        key(12, &[dist, u64::from(c.last)]),
        key(13, &[dist, c.shape, n.shape]),
        key(14, &[p.lower, c.lower]),
        key(15, &[ab, n.shape]),
        key(16, &[n.lower, nn.lower]),
        key(17, &[u64::from(c.last), u64::from(p.last), n.shape]),
        key(18, &[c.lower, n.lower, nn.shape]),
        key(19, &[ab, n.lower]),
    ]);
}

/// The score of a feature set (positive: boundary).
pub(crate) fn score(weights: &Weights, feats: &[u64]) -> f32 {
    feats.iter().filter_map(|f| weights.get(f)).sum()
}
