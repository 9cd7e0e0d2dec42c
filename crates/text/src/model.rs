//! The learned part of the tokenizer: word lists and sentence-boundary weights, stored as
//! a small line-based text file.
//!
//! Format, one entry per line, fields separated by tabs (shown here as `→`):
//! ```text
//! claimgraph-tokenizer-model→1
//! abbr→mr.                   a token that keeps its final period
//! prefix→non                 a hyphen prefix that keeps `non-x` one token
//! hyphen→e-mail              a hyphenated word kept whole
//! mwt→cannot→3               a word split into syntactic words at these byte offsets
//! w→9f3a…→0.5213             a boundary feature (hex hash) and its weight
//! ```
//! Lines starting with `#` are comments.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::hash::{BuildHasherDefault, Hasher};

use crate::error::{Result, TextError};

/// Hasher for keys that already are hashes: passes the `u64` through.
#[derive(Debug, Clone, Copy, Default)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// FNV-1a, a fast hasher for the short strings of the word lists (no DoS concern: the
/// keys come from the model, lookups only read).
#[derive(Debug, Clone, Copy)]
pub struct FnvHasher(u64);

impl Default for FnvHasher {
    fn default() -> Self {
        FnvHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

/// A set of lowercased words.
pub type WordSet = HashSet<String, BuildHasherDefault<FnvHasher>>;

/// Boundary-classifier weights keyed by feature hash.
pub type Weights = HashMap<u64, f32, BuildHasherDefault<IdHasher>>;

const MAGIC: &str = "claimgraph-tokenizer-model";
const VERSION: &str = "1";

/// Everything the tokenizer and sentence splitter learned from a treebank.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Model {
    /// Lowercased abbreviations including their final period (`mr.`, `u.s.`, `jan.`).
    pub abbreviations: WordSet,
    /// Lowercased prefixes after which a hyphen does not split (`non`, `anti`, `e`).
    pub hyphen_prefixes: WordSet,
    /// Lowercased hyphenated words kept as one token.
    pub hyphen_words: WordSet,
    /// Lowercased ASCII surface forms split into several words, with the byte offsets of
    /// the splits (`cannot` → `[3]`, `gonna` → `[3]`).
    pub multiwords: HashMap<String, Vec<u8>, BuildHasherDefault<FnvHasher>>,
    /// Weights of the sentence-boundary classifier, keyed by feature hash.
    pub weights: Weights,
}

impl Model {
    /// Parses a model from its text form.
    pub fn from_text(text: &str) -> Result<Model> {
        let mut m = Model::default();
        let mut lines = text.lines().enumerate().filter(|(_, l)| !l.is_empty() && !l.starts_with('#'));
        let bad = |line: usize, message: String| TextError::BadModel { line: line + 1, message };
        match lines.next() {
            Some((_, l)) if l == format!("{MAGIC}\t{VERSION}") => {}
            Some((n, l)) => return Err(bad(n, format!("expected header `{MAGIC}\t{VERSION}`, got {l:?}"))),
            None => return Err(bad(0, "empty model".into())),
        }
        for (n, line) in lines {
            let cols: Vec<&str> = line.split('\t').collect();
            match cols.as_slice() {
                ["abbr", a] => {
                    m.abbreviations.insert((*a).to_string());
                }
                ["prefix", p] => {
                    m.hyphen_prefixes.insert((*p).to_string());
                }
                ["hyphen", h] => {
                    m.hyphen_words.insert((*h).to_string());
                }
                ["mwt", form, splits] => {
                    let mut cuts = Vec::new();
                    for s in splits.split(',') {
                        let cut: u8 = s.parse().map_err(|_| bad(n, format!("bad split {s:?}")))?;
                        if cut == 0 || cut as usize >= form.len() || !form.is_char_boundary(cut as usize) {
                            return Err(bad(n, format!("split {cut} outside {form:?}")));
                        }
                        cuts.push(cut);
                    }
                    m.multiwords.insert((*form).to_string(), cuts);
                }
                ["w", key, weight] => {
                    let k = u64::from_str_radix(key, 16).map_err(|_| bad(n, format!("bad key {key:?}")))?;
                    let w: f32 = weight.parse().map_err(|_| bad(n, format!("bad weight {weight:?}")))?;
                    m.weights.insert(k, w);
                }
                _ => return Err(bad(n, format!("unknown line {line:?}"))),
            }
        }
        Ok(m)
    }

    /// The text form of the model; entries are sorted so that retraining on the same data
    /// gives the same file.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "{MAGIC}\t{VERSION}");
        s.push_str(
            "# Learned from UD English EWT (CC BY-SA 4.0) and GUM (CC BY 4.0); this file is CC BY-SA 4.0.\n",
        );
        for a in sorted(&self.abbreviations) {
            let _ = writeln!(s, "abbr\t{a}");
        }
        for p in sorted(&self.hyphen_prefixes) {
            let _ = writeln!(s, "prefix\t{p}");
        }
        for h in sorted(&self.hyphen_words) {
            let _ = writeln!(s, "hyphen\t{h}");
        }
        let mut mw: Vec<_> = self.multiwords.iter().collect();
        mw.sort();
        for (form, cuts) in mw {
            let cuts: Vec<String> = cuts.iter().map(|c| c.to_string()).collect();
            let _ = writeln!(s, "mwt\t{form}\t{}", cuts.join(","));
        }
        let mut ws: Vec<_> = self.weights.iter().collect();
        ws.sort_by_key(|(k, _)| **k);
        for (k, w) in ws {
            let _ = writeln!(s, "w\t{k:016x}\t{w}");
        }
        s
    }
}

fn sorted(set: &WordSet) -> Vec<&String> {
    let mut v: Vec<&String> = set.iter().collect();
    v.sort();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let mut m = Model::default();
        m.abbreviations.insert("mr.".into());
        m.hyphen_prefixes.insert("non".into());
        m.hyphen_words.insert("e-mail".into());
        m.multiwords.insert("cannot".into(), vec![3]);
        m.weights.insert(0xdead_beef, -0.25);
        let again = Model::from_text(&m.to_text()).unwrap();
        assert_eq!(again, m);
    }

    #[test]
    fn rejects_bad_lines() {
        assert!(Model::from_text("").is_err());
        assert!(Model::from_text("other\t1\n").is_err());
        let e = Model::from_text("claimgraph-tokenizer-model\t1\nmwt\tab\t9\n").unwrap_err();
        assert!(matches!(e, TextError::BadModel { line: 2, .. }));
        assert!(Model::from_text("claimgraph-tokenizer-model\t1\nw\tzz\t1\n").is_err());
        assert!(Model::from_text("claimgraph-tokenizer-model\t1\nfoo\n").is_err());
    }
}
