//! Part-of-speech tagger: greedy left-to-right averaged perceptron over combined `UPOS XPOS`
//! tags, with a lexicon of ambiguity classes and sure tags, and a second left-to-right pass
//! (stacking) that re-tags the words the first was unsure of, seeing the first pass's tags
//! to their right. FEATS come from [`crate::morph::FeatsTable`] and lemmas from
//! [`crate::lemma::Lemmatizer`], both stored in the same model file.

pub mod features;
pub mod train;

use std::path::Path;

use crate::binio::{Reader, Writer};
use crate::compact::CompactModel;
use crate::error::{NlpError, Result};
use crate::lemma::Lemmatizer;
use crate::morph::FeatsTable;
use features::{
    FirstPass, LexEntry, Lexicon, N_FEATURES, N_FEATURES_SECOND, TokenHashes, extract, extract_second,
};

const MAGIC: &[u8; 8] = b"CGTAGGER";
/// Format version of tagger model files (2: the lemmatizer keeps its known lemmas; 3: an
/// optional second pass; 4: the fingerprint of the feature templates).
pub const FORMAT_VERSION: u16 = 5;
/// Previous-tag value used before the sentence start.
pub(crate) const NO_TAG: u64 = u64::MAX - 1;
/// Words whose first-pass tag wins by less than this (in perceptron units) are tagged again
/// by the second pass. On EWT dev, 10 keeps all of the second pass's gain (20 and "every
/// word" score the same) while it rescores one word in twenty of those the first pass scored
/// (sure words are never scored).
const SECOND_PASS_MARGIN: f32 = 10.0;
/// Flag on a first-pass tag (tag classes are far below it) marking it for the second pass.
pub(crate) const UNSURE: u16 = 0x8000;

/// A trained tagger (with its FEATS tables and lemmatizer).
#[derive(Debug, Clone)]
pub struct Tagger {
    pub(crate) upos_names: Vec<String>,
    pub(crate) xpos_names: Vec<String>,
    /// Tag class → (UPOS id, XPOS id).
    pub(crate) classes: Vec<(u16, u16)>,
    pub(crate) lexicon: Lexicon,
    pub(crate) model: CompactModel,
    /// The second pass, which re-tags each word seeing the first pass's tags to its right.
    pub(crate) second: Option<CompactModel>,
    pub(crate) feats: FeatsTable,
    pub(crate) lemmatizer: Lemmatizer,
}

static EMBEDDED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/tagger.bin"));

impl Tagger {
    /// The tagger embedded in this build (`models/tagger.bin` at compile time).
    pub fn embedded() -> Result<Self> {
        if EMBEDDED.is_empty() {
            return Err(NlpError::NoEmbeddedModel("tagger"));
        }
        Self::from_bytes(EMBEDDED)
    }

    /// Loads a tagger model file.
    pub fn load(path: &Path) -> Result<Self> {
        let bytes =
            std::fs::read(path).map_err(|source| NlpError::Io { path: path.to_path_buf(), source })?;
        Self::from_bytes(&bytes)
    }

    /// Writes the model file.
    pub fn save(&self, path: &Path) -> Result<()> {
        std::fs::write(path, self.to_bytes())
            .map_err(|source| NlpError::Io { path: path.to_path_buf(), source })
    }

    /// Serializes the model.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::with_header(MAGIC, FORMAT_VERSION);
        w.u64(features::fingerprint());
        w.strs(&self.upos_names);
        w.strs(&self.xpos_names);
        w.u32(self.classes.len() as u32);
        for &(u, x) in &self.classes {
            w.u16(u);
            w.u16(x);
        }
        let mut lex: Vec<(u64, LexEntry)> = self.lexicon.iter().map(|(k, v)| (*k, *v)).collect();
        lex.sort_unstable_by_key(|e| e.0);
        w.u32(lex.len() as u32);
        for (k, e) in lex {
            w.u64(k);
            w.u64(e.ambiguity);
            w.u16(e.sure_tag);
            w.u32(e.cluster);
        }
        self.model.write(&mut w);
        w.u8(u8::from(self.second.is_some()));
        if let Some(m) = &self.second {
            m.write(&mut w);
        }
        self.feats.write(&mut w);
        self.lemmatizer.write(&mut w);
        w.buf
    }

    /// Reads a model from bytes, checking magic, version and consistency.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let mut r = Reader::with_header(bytes, MAGIC, FORMAT_VERSION, "tagger")?;
        r.features(features::fingerprint())?;
        let upos_names = r.strs()?;
        let xpos_names = r.strs()?;
        let n = r.len(4)?;
        // tag classes must leave the UNSURE bit free
        if n == 0 || n >= usize::from(UNSURE) {
            return Err(r.corrupt(format!("{n} tag classes")));
        }
        let mut classes = Vec::with_capacity(n);
        for _ in 0..n {
            let u = r.u16()?;
            let x = r.u16()?;
            if u as usize >= upos_names.len() || x as usize >= xpos_names.len() {
                return Err(r.corrupt("tag id out of range"));
            }
            classes.push((u, x));
        }
        let n = r.len(22)?;
        let mut lexicon = Lexicon::default();
        lexicon.reserve(n);
        for _ in 0..n {
            let k = r.u64()?;
            let ambiguity = r.u64()?;
            let sure_tag = r.u16()?;
            let cluster = r.u32()?;
            if sure_tag != u16::MAX && sure_tag as usize >= classes.len() {
                return Err(r.corrupt("sure tag out of range"));
            }
            lexicon.insert(k, LexEntry { ambiguity, sure_tag, cluster });
        }
        let model = CompactModel::read(&mut r)?;
        if model.n_classes() != classes.len() {
            return Err(r.corrupt("weight matrix does not match the tag set"));
        }
        let second = match r.u8()? {
            0 => None,
            1 => Some(CompactModel::read(&mut r)?),
            _ => return Err(r.corrupt("bad second-pass flag")),
        };
        if second.as_ref().is_some_and(|m| m.n_classes() != classes.len()) {
            return Err(r.corrupt("second-pass weights do not match the tag set"));
        }
        let feats = FeatsTable::read(&mut r)?;
        let lemmatizer = Lemmatizer::read(&mut r)?;
        r.finish()?;
        Ok(Tagger { upos_names, xpos_names, classes, lexicon, model, second, feats, lemmatizer })
    }

    /// Number of tag classes.
    pub fn n_tags(&self) -> usize {
        self.classes.len()
    }

    /// UPOS of a tag class.
    pub fn upos(&self, tag: u16) -> &str {
        &self.upos_names[self.classes[tag as usize].0 as usize]
    }

    /// XPOS of a tag class.
    pub fn xpos(&self, tag: u16) -> &str {
        &self.xpos_names[self.classes[tag as usize].1 as usize]
    }

    /// UPOS and XPOS ids of a tag class (indices into [`Tagger::upos_names`]/[`Tagger::xpos_names`]).
    pub fn tag_ids(&self, tag: u16) -> (u16, u16) {
        self.classes[tag as usize]
    }

    /// All UPOS names.
    pub fn upos_names(&self) -> &[String] {
        &self.upos_names
    }

    /// All XPOS names.
    pub fn xpos_names(&self) -> &[String] {
        &self.xpos_names
    }

    /// FEATS for a word (by its token hashes) with tag `tag`.
    pub fn feats(&self, tok: &TokenHashes, tag: u16) -> &str {
        self.feats.feats(tok.lower, tag)
    }

    /// The lemmatizer stored with this tagger.
    pub fn lemmatizer(&self) -> &Lemmatizer {
        &self.lemmatizer
    }

    /// Computes token hashes for `words` into `toks` (cleared first).
    pub fn hash_tokens<S: AsRef<str>>(&self, words: &[S], toks: &mut Vec<TokenHashes>) {
        toks.clear();
        toks.extend(words.iter().map(|w| TokenHashes::fill(w.as_ref(), &self.lexicon)));
    }

    /// Tags a sentence given its token hashes; `tags` is cleared and filled with tag classes.
    pub fn tag(&self, toks: &[TokenHashes], scores: &mut Vec<i32>, tags: &mut Vec<u16>) {
        tags.clear();
        let n = self.classes.len();
        let mut feats = [0u64; N_FEATURES];
        // Words the first pass is sure of keep its tag: the second pass looks again only
        // at those whose best tag wins by less than SECOND_PASS_MARGIN (marked UNSURE).
        let gate = self.second.as_ref().map_or(0, |_| (SECOND_PASS_MARGIN / self.model.scale()) as i32);
        let (mut p1, mut p2) = (NO_TAG, NO_TAG);
        for i in 0..toks.len() {
            let t = if toks[i].sure_tag != u16::MAX {
                toks[i].sure_tag
            } else {
                extract(toks, i, p1, p2, &mut feats);
                scores.clear();
                scores.resize(n, 0);
                self.model.score_into(&feats, scores);
                let (b, margin) = best_margin(scores);
                if margin < gate { b | UNSURE } else { b }
            };
            tags.push(t);
            p2 = p1;
            p1 = u64::from(t & !UNSURE);
        }
        if let Some(second) = &self.second {
            // In place: word i's new tag overwrites its first-pass tag only after the words
            // before it were done, and they read first-pass tags at i and to the right only.
            let mut feats = [0u64; N_FEATURES_SECOND];
            let (mut p1, mut p2) = (NO_TAG, NO_TAG);
            for i in 0..toks.len() {
                let t = if tags[i] & UNSURE == 0 {
                    tags[i]
                } else {
                    extract_second(toks, i, p1, p2, FirstPass::at(tags, i), &mut feats);
                    scores.clear();
                    scores.resize(n, 0);
                    second.score_into(&feats, scores);
                    best_margin(scores).0
                };
                tags[i] = t;
                p2 = p1;
                p1 = u64::from(t);
            }
        }
    }

    /// Convenience: tags word forms, returning tag classes.
    pub fn tag_words<S: AsRef<str>>(&self, words: &[S]) -> Vec<u16> {
        let mut toks = Vec::new();
        self.hash_tokens(words, &mut toks);
        let (mut scores, mut tags) = (Vec::new(), Vec::new());
        self.tag(&toks, &mut scores, &mut tags);
        tags
    }

    /// A copy without weights below `min_abs` (smaller file, usually the same accuracy).
    pub fn pruned(&self, min_abs: f32) -> Self {
        Tagger {
            model: self.model.pruned(min_abs),
            second: self.second.as_ref().map(|m| m.pruned(min_abs)),
            ..self.clone()
        }
    }

    /// Whether the tagger has a second pass (files trained before it have none).
    pub fn has_second_pass(&self) -> bool {
        self.second.is_some()
    }

    /// Model statistics: (feature rows, non-zero weights, lexicon entries), both passes.
    pub fn stats(&self) -> (usize, usize, usize) {
        let (r2, w2) = self.second.as_ref().map_or((0, 0), |m| (m.n_rows(), m.n_weights()));
        (self.model.n_rows() + r2, self.model.n_weights() + w2, self.lexicon.len())
    }
}

/// Index of the highest score (ties to the lowest index) and its margin over the runner-up.
#[inline]
pub(crate) fn best_margin(scores: &[i32]) -> (u16, i32) {
    let (mut b, mut b2) = (0usize, i32::MIN);
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[b] {
            b2 = scores[b];
            b = i;
        } else if i != b && s > b2 {
            b2 = s;
        }
    }
    (b as u16, scores[b].saturating_sub(b2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn best_margin_is_the_lead_over_the_runner_up() {
        assert_eq!(best_margin(&[3, 9, 4]), (1, 5));
        assert_eq!(best_margin(&[9, 3, 4]), (0, 5));
        assert_eq!(best_margin(&[2, 7, 7]), (1, 0), "a tie: lowest index, no margin");
        assert_eq!(best_margin(&[-5, -9]), (0, 4));
        assert_eq!(best_margin(&[2, 7, 7]).0, 1);
    }
}
