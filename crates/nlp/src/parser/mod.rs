//! Labelled dependency parser: greedy arc-eager transitions scored by an averaged perceptron,
//! trained with a dynamic oracle, pseudo-projective for non-projective trees.

pub mod features;
pub mod oracle;
pub mod projective;
pub mod state;
pub mod train;

use std::path::Path;

use crate::binio::{Reader, Writer};
use crate::compact::CompactModel;
use crate::error::{NlpError, Result};
use crate::hashing::hash_str;
use features::{N_FEATURES, NodeInfo, extract};
use state::{Move, NONE, State};

const MAGIC: &[u8; 8] = b"CGPARSER";
/// Format version of parser model files (2: the fingerprint of the feature templates).
pub const FORMAT_VERSION: u16 = 2;

/// A trained parser.
#[derive(Debug, Clone)]
pub struct Parser {
    /// Plain dependency relations (UD DEPREL values).
    pub(crate) relations: Vec<String>,
    /// Move label → (relation, relation of the original head for lifted arcs).
    pub(crate) labels: Vec<(u16, Option<u16>)>,
    /// Move label of `root`.
    pub(crate) root_label: u16,
    /// Relation used for words left unattached (`punct` for punctuation).
    pub(crate) punct_rel: u16,
    /// Relation used for other words left unattached.
    pub(crate) other_rel: u16,
    pub(crate) model: CompactModel,
}

/// Reusable buffers for [`Parser::parse`].
#[derive(Debug, Clone, Default)]
pub struct ParseScratch {
    state: State,
    scores: Vec<i32>,
    enc: Vec<(u16, Option<u16>)>,
}

static EMBEDDED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/parser.bin"));

/// Hash that [`NodeInfo`] uses for a tag name.
pub fn tag_hash(name: &str) -> u64 {
    hash_str(name)
}

impl Parser {
    /// The parser embedded in this build (`models/parser.bin` at compile time).
    pub fn embedded() -> Result<Self> {
        if EMBEDDED.is_empty() {
            return Err(NlpError::NoEmbeddedModel("parser"));
        }
        Self::from_bytes(EMBEDDED)
    }

    /// Loads a parser model file.
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
        w.strs(&self.relations);
        w.u32(self.labels.len() as u32);
        for &(r, h) in &self.labels {
            w.u16(r);
            w.u16(h.unwrap_or(u16::MAX));
        }
        w.u16(self.root_label);
        w.u16(self.punct_rel);
        w.u16(self.other_rel);
        self.model.write(&mut w);
        w.buf
    }

    /// Reads a model from bytes, checking magic, version and consistency.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let mut r = Reader::with_header(bytes, MAGIC, FORMAT_VERSION, "parser")?;
        r.features(features::fingerprint())?;
        let relations = r.strs()?;
        let n = r.len(4)?;
        let nr = relations.len();
        let mut labels = Vec::with_capacity(n);
        for _ in 0..n {
            let rel = r.u16()?;
            let h = r.u16()?;
            if rel as usize >= nr || (h != u16::MAX && h as usize >= nr) {
                return Err(r.corrupt("relation id out of range"));
            }
            labels.push((rel, (h != u16::MAX).then_some(h)));
        }
        let root_label = r.u16()?;
        let punct_rel = r.u16()?;
        let other_rel = r.u16()?;
        if root_label as usize >= labels.len() || punct_rel as usize >= nr || other_rel as usize >= nr {
            return Err(r.corrupt("special label out of range"));
        }
        let model = CompactModel::read(&mut r)?;
        if model.n_classes() != state::n_classes(labels.len()) {
            return Err(r.corrupt("weight matrix does not match the label set"));
        }
        r.finish()?;
        Ok(Parser { relations, labels, root_label, punct_rel, other_rel, model })
    }

    /// Dependency relation names (index = relation id returned by [`Parser::parse`]).
    pub fn relations(&self) -> &[String] {
        &self.relations
    }

    /// Whether move class `c` is allowed given the move kinds' validity and whether `s0` is
    /// the root (the root takes exactly one dependent, labelled `root`).
    #[inline]
    fn allowed(&self, c: usize, kinds: [bool; 4], s0_root: bool) -> bool {
        match Move::from_class(c) {
            Move::Shift => kinds[0],
            Move::Reduce => kinds[1],
            Move::Left(l) => kinds[2] && l != self.root_label,
            Move::Right(l) => kinds[3] && ((l == self.root_label) == s0_root),
        }
    }

    /// Parses one sentence. `nodes` holds the root's info at index 0 and then one entry per
    /// word; `heads` and `rels` are cleared and filled per word (heads 1-based, 0 = root).
    pub fn parse(
        &self,
        nodes: &[NodeInfo],
        scratch: &mut ParseScratch,
        heads: &mut Vec<u32>,
        rels: &mut Vec<u16>,
    ) {
        let n = nodes.len().saturating_sub(1);
        let nc = self.model.n_classes();
        let s = &mut scratch.state;
        s.reset(n);
        let mut feats = [0u64; N_FEATURES];
        while !s.is_final() {
            let kinds = s.valid();
            let s0_root = s.s0() == 0;
            extract(s, nodes, &mut feats);
            scratch.scores.clear();
            scratch.scores.resize(nc, 0);
            self.model.score_into(&feats, &mut scratch.scores);
            let mut best = usize::MAX;
            for c in 0..nc {
                if self.allowed(c, kinds, s0_root)
                    && (best == usize::MAX || scratch.scores[c] > scratch.scores[best])
                {
                    best = c;
                }
            }
            if best == usize::MAX {
                break;
            }
            s.apply(Move::from_class(best));
        }
        let punct = tag_hash("PUNCT");
        let (pr, or) = (self.punct_rel, self.other_rel);
        // fallback labels are relations; mark them with a label id past the move labels
        let base = self.labels.len() as u16;
        s.finish(self.root_label, |d| if nodes[d].upos == punct { base + pr } else { base + or });
        scratch.enc.clear();
        heads.clear();
        rels.clear();
        for d in 1..=n {
            heads.push(if s.head[d] == NONE { 0 } else { s.head[d] });
            let l = s.label[d];
            scratch.enc.push(if l >= base { (l - base, None) } else { self.labels[l as usize] });
        }
        projective::deprojectivize(heads, &mut scratch.enc);
        rels.extend(scratch.enc.iter().map(|e| e.0));
    }

    /// A copy without weights below `min_abs` (smaller file, usually the same accuracy).
    pub fn pruned(&self, min_abs: f32) -> Self {
        Parser { model: self.model.pruned(min_abs), ..self.clone() }
    }

    /// Model statistics: (feature rows, non-zero weights, move labels).
    pub fn stats(&self) -> (usize, usize, usize) {
        (self.model.n_rows(), self.model.n_weights(), self.labels.len())
    }
}
