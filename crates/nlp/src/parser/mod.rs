//! Labelled dependency parser: greedy arc-eager transitions scored by an averaged perceptron,
//! trained with a dynamic oracle, pseudo-projective for non-projective trees.

pub mod beam;
pub mod features;
pub mod oracle;
pub mod projective;
pub mod scoring;
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
/// Format version of parser model files (2: the fingerprint of the feature templates; 3: the
/// beam width the weights were trained for).
pub const FORMAT_VERSION: u16 = 3;

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
    /// Beam width the weights were trained for (1: greedy), as stored in the file.
    pub(crate) beam: u16,
    /// Beam width [`Parser::parse`] decodes with: `beam` unless
    /// [`Parser::set_beam_width`] chose another.
    pub(crate) width: u16,
    pub(crate) model: CompactModel,
}

/// Reusable buffers for [`Parser::parse`].
#[derive(Debug, Clone, Default)]
pub struct ParseScratch {
    state: State,
    scores: Vec<i32>,
    enc: Vec<(u16, Option<u16>)>,
    beam: beam::Beam,
    buffer: scoring::BufferScores,
}

/// Longest sentence (in words) always decoded with the full beam. Every hypothesis copies
/// its configuration at each step, so the beam costs time quadratic in the sentence length
/// (width × words²). Longer "sentences" (tables, lists, text without punctuation; the
/// treebanks' longest has 159 words) get a beam narrowed to keep that cost within what a
/// sentence of this length costs at width 8 ([`decoding_width`]), down to greedy decoding
/// from [`GREEDY_WORDS`] words on.
pub const MAX_BEAM_WORDS: usize = 250;

/// Sentences of this many words or more are decoded greedily, in linear time, whatever the
/// width: at width 2 they would cost more than a [`MAX_BEAM_WORDS`]-word sentence at width 8.
pub const GREEDY_WORDS: usize = 501;

/// The beam width a sentence of `words` words is decoded with when the parser's width is
/// `width`: all of it up to [`MAX_BEAM_WORDS`] words, then the widest beam whose
/// width × words² stays within 8 × [`MAX_BEAM_WORDS`]² (5 at 300 words, 3 at 400, 2 at 500,
/// 1 from [`GREEDY_WORDS`] on).
pub fn decoding_width(width: usize, words: usize) -> usize {
    if words <= MAX_BEAM_WORDS {
        return width;
    }
    let budget = 8 * MAX_BEAM_WORDS * MAX_BEAM_WORDS;
    width.min(budget / (words * words)).max(1)
}

/// Largest beam width a model file may ask for, and a parser may decode with.
pub const MAX_BEAM: u16 = 64;

/// `width` if a parser may decode with it (1 to [`MAX_BEAM`]).
pub fn check_beam_width(width: usize) -> Result<u16> {
    match u16::try_from(width) {
        Ok(w @ 1..=MAX_BEAM) => Ok(w),
        _ => Err(NlpError::BeamWidth(width)),
    }
}

static EMBEDDED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/parser.bin"));
static EMBEDDED_FAST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/parser-fast.bin"));

/// Which of the two embedded parsers to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum ParserKind {
    /// Beam search over globally trained weights (`models/parser.bin`): the more accurate,
    /// and the default.
    #[default]
    Accurate,
    /// Greedy decoding (`models/parser-fast.bin`): about 3.5 times faster, about two LAS
    /// points lower.
    Fast,
}

impl ParserKind {
    /// The name used on the command line (`accurate`, `fast`).
    pub fn name(self) -> &'static str {
        match self {
            ParserKind::Accurate => "accurate",
            ParserKind::Fast => "fast",
        }
    }

    /// The model file's name in `models/` (and in a `train --out` folder).
    pub fn file_name(self) -> &'static str {
        match self {
            ParserKind::Accurate => "parser.bin",
            ParserKind::Fast => "parser-fast.bin",
        }
    }
}

impl std::str::FromStr for ParserKind {
    type Err = NlpError;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "accurate" => Ok(ParserKind::Accurate),
            "fast" => Ok(ParserKind::Fast),
            other => Err(NlpError::UnknownParser(other.to_string())),
        }
    }
}

/// Hash that [`NodeInfo`] uses for a tag name.
pub fn tag_hash(name: &str) -> u64 {
    hash_str(name)
}

impl Parser {
    /// The default (accurate) parser embedded in this build (`models/parser.bin` at compile
    /// time).
    pub fn embedded() -> Result<Self> {
        Self::embedded_kind(ParserKind::Accurate)
    }

    /// One of the two parsers embedded in this build.
    pub fn embedded_kind(kind: ParserKind) -> Result<Self> {
        let bytes = match kind {
            ParserKind::Accurate => EMBEDDED,
            ParserKind::Fast => EMBEDDED_FAST,
        };
        if bytes.is_empty() {
            return Err(NlpError::NoEmbeddedModel(kind.file_name()));
        }
        Self::from_bytes(bytes)
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
        w.u16(self.beam);
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
        let stored = r.u16()?;
        let beam = check_beam_width(usize::from(stored))
            .map_err(|_| r.corrupt(format!("beam width {stored} outside 1..={MAX_BEAM}")))?;
        let model = CompactModel::read(&mut r)?;
        if model.n_classes() != state::n_classes(labels.len()) {
            return Err(r.corrupt("weight matrix does not match the label set"));
        }
        r.finish()?;
        Ok(Parser { relations, labels, root_label, punct_rel, other_rel, beam, width: beam, model })
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
        let width = decoding_width(self.width.into(), n);
        if width > 1 {
            self.parse_beam(nodes, width, scratch);
        } else {
            self.parse_greedy(nodes, scratch);
        }
        let s = &mut scratch.state;
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

    /// Greedy decoding: the best-scoring allowed move at each step.
    fn parse_greedy(&self, nodes: &[NodeInfo], scratch: &mut ParseScratch) {
        let n = nodes.len().saturating_sub(1);
        let nc = self.model.n_classes();
        let s = &mut scratch.state;
        s.reset(n);
        let mut feats = [0u64; N_FEATURES];
        scratch.buffer.reset(nc);
        scratch.scores.resize(nc, 0);
        while !s.is_final() {
            let kinds = s.valid();
            let s0_root = s.s0() == 0;
            extract(s, nodes, &mut feats);
            scratch.buffer.score(&self.model, s.b, &feats, &mut scratch.scores);
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
    }

    /// Beam decoding ([`beam`]): leaves the best final configuration in `scratch.state`.
    fn parse_beam(&self, nodes: &[NodeInfo], width: usize, scratch: &mut ParseScratch) {
        let n = nodes.len().saturating_sub(1);
        let nc = self.model.n_classes();
        let ParseScratch { state, beam, buffer, .. } = scratch;
        beam.reset(n);
        buffer.reset(nc);
        while !beam.is_final() {
            let score = |items: &[beam::Item], f: &[[u64; N_FEATURES]], out: &mut [f64]| {
                buffer.score_items(&self.model, items, f, out);
            };
            if !beam.step(nodes, width, nc, score, |s, mask| self.allowed_mask(s, mask)) {
                break;
            }
        }
        state.clone_from(&beam.best().state);
    }

    /// Whether move class `c` may be taken in state `s`.
    pub(crate) fn allowed_in(&self, s: &State, c: usize) -> bool {
        self.allowed(c, s.valid(), s.s0() == 0)
    }

    /// Sets `mask[c]` to whether move class `c` may be taken in state `s`.
    pub(crate) fn allowed_mask(&self, s: &State, mask: &mut [bool]) {
        let (kinds, s0_root) = (s.valid(), s.s0() == 0);
        // the same as `allowed` class by class, written out for the class layout (shift,
        // reduce, then left and right of each label in turn) because the beam asks it for
        // every hypothesis at every step
        let root = usize::from(self.root_label);
        if let [shift, reduce, arcs @ ..] = mask {
            *shift = kinds[0];
            *reduce = kinds[1];
            for (l, pair) in arcs.chunks_exact_mut(2).enumerate() {
                pair[0] = kinds[2] && l != root;
                pair[1] = kinds[3] && ((l == root) == s0_root);
            }
        }
    }

    /// Beam width the model decodes with (1: greedy).
    pub fn beam_width(&self) -> usize {
        self.width as usize
    }

    /// Beam width the weights were trained for (1: greedy), the width they decode with
    /// unless [`Parser::set_beam_width`] chose another.
    pub fn trained_beam_width(&self) -> usize {
        self.beam as usize
    }

    /// Which kind of parser the weights make: [`ParserKind::Fast`] when they were trained
    /// for greedy decoding, [`ParserKind::Accurate`] when trained with a beam.
    pub fn kind(&self) -> ParserKind {
        if self.beam == 1 { ParserKind::Fast } else { ParserKind::Accurate }
    }

    /// Decodes with another beam width than the one the weights were trained for: a
    /// narrower beam is faster and a little less accurate, 1 is greedy decoding (see
    /// `models/cards/parser.md` for the measured trade-off). The file written by
    /// [`Parser::to_bytes`] keeps the trained width.
    ///
    /// Weights trained for greedy decoding (the fast parser) only decode greedily: a wider
    /// beam is refused with [`NlpError::BeamOnGreedyParser`].
    pub fn set_beam_width(&mut self, width: usize) -> Result<()> {
        let width = check_beam_width(width)?;
        if self.beam == 1 && width > 1 {
            return Err(NlpError::BeamOnGreedyParser(width.into()));
        }
        self.width = width;
        Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_sentences_get_a_narrower_beam_within_the_same_cost() {
        assert_eq!(decoding_width(8, 1), 8);
        assert_eq!(decoding_width(16, MAX_BEAM_WORDS), 16, "the full width up to the limit");
        let widths: Vec<usize> = [251, 300, 400, 500].iter().map(|&n| decoding_width(8, n)).collect();
        assert_eq!(widths, [7, 5, 3, 2]);
        assert_eq!(decoding_width(3, 300), 3, "never wider than asked");
        assert_eq!(decoding_width(8, GREEDY_WORDS - 1), 2);
        assert_eq!(decoding_width(8, GREEDY_WORDS), 1);
        assert_eq!(decoding_width(64, 1_000_000), 1);
        // the cost bound: width × words² never above 8 × MAX_BEAM_WORDS² past the limit
        for n in MAX_BEAM_WORDS + 1..GREEDY_WORDS {
            assert!(decoding_width(64, n) * n * n <= 8 * MAX_BEAM_WORDS * MAX_BEAM_WORDS, "{n}");
        }
    }

    #[test]
    fn the_allowed_mask_is_allowed_class_by_class() {
        // along seven paths that take different allowed moves (so through states with and
        // without a stack, with the root still free or taken), for both shipped label sets
        for kind in [ParserKind::Accurate, ParserKind::Fast] {
            let p = Parser::embedded_kind(kind).unwrap();
            let nc = p.model.n_classes();
            let mut mask = vec![false; nc];
            for pick in 0..7usize {
                let mut s = State::default();
                s.reset(6);
                let mut steps = 0;
                while !s.is_final() {
                    p.allowed_mask(&s, &mut mask);
                    let mut ok = Vec::new();
                    for (c, &m) in mask.iter().enumerate() {
                        assert_eq!(m, p.allowed_in(&s, c), "{kind:?}, class {c}, step {steps}");
                        if m {
                            ok.push(c);
                        }
                    }
                    let Some(&c) = ok.get((pick + steps * 3) % ok.len().max(1)) else { break };
                    s.apply(Move::from_class(c));
                    steps += 1;
                }
            }
        }
    }
}
