//! [`Ner`]: a loaded model and the tagging entry points.

use crate::clusters::Clusters;
use crate::decode::{Transitions, Viterbi};
use crate::error::{NerError, Result};
use crate::features::Analysis;
use crate::format::{ModelParts, read_model, write_model};
use crate::gazetteer::Gazetteer;
use crate::label::{EntitySpan, EntityTag, spans_from_tags};
use crate::scheme::{N_STATES as N_TAGS, state_tag};
use crate::weights::WeightTable;
use std::cell::RefCell;
use std::path::Path;
use std::sync::OnceLock;

/// The model shipped with the crate (`models/ner.bin`).
static EMBEDDED: &[u8] = include_bytes!("../../../models/ner.bin");

/// Reusable per-thread buffers, so tagging allocates only the returned vector.
#[derive(Default)]
struct Scratch {
    analysis: Analysis,
    feats: Vec<u64>,
    emissions: Vec<[f32; N_TAGS]>,
    viterbi: Viterbi,
    best: Vec<usize>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// A named-entity recognizer (PER, LOC, ORG) over tokenized sentences.
#[derive(Debug, Clone)]
pub struct Ner {
    weights: WeightTable,
    trans: Transitions,
    gaz: Gazetteer,
    clusters: Clusters,
}

impl Ner {
    /// The model embedded in the binary (parsed on each call: keep the result).
    pub fn embedded() -> Result<Ner> {
        Ner::from_bytes(EMBEDDED)
    }

    /// The embedded model, parsed once per process and shared (the cheap way to get it
    /// repeatedly; a parse error is returned again on every call).
    pub fn shared() -> Result<&'static Ner> {
        static SHARED: OnceLock<std::result::Result<Ner, String>> = OnceLock::new();
        SHARED
            .get_or_init(|| Ner::embedded().map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| NerError::Model(e.clone()))
    }

    /// Loads a model file.
    pub fn load(path: &Path) -> Result<Ner> {
        let bytes = std::fs::read(path).map_err(|e| NerError::io(path, e))?;
        Ner::from_bytes(&bytes)
    }

    /// Parses a model from bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Ner> {
        let ModelParts { weights, trans, gaz, clusters } = read_model(bytes)?;
        Ok(Ner { weights, trans, gaz, clusters })
    }

    /// Builds a model from its parts (used by training).
    pub(crate) fn from_parts(
        weights: WeightTable,
        trans: Transitions,
        gaz: Gazetteer,
        clusters: Clusters,
    ) -> Ner {
        Ner { weights, trans, gaz, clusters }
    }

    /// Serializes the model in the crate's file format.
    pub fn to_bytes(&self) -> Vec<u8> {
        write_model(&ModelParts {
            weights: self.weights.clone(),
            trans: self.trans,
            gaz: self.gaz.clone(),
            clusters: self.clusters.clone(),
        })
    }

    /// Writes the model file.
    pub fn save(&self, path: &Path) -> Result<()> {
        std::fs::write(path, self.to_bytes()).map_err(|e| NerError::io(path, e))
    }

    /// Number of weighted features.
    pub fn n_features(&self) -> usize {
        self.weights.len()
    }

    /// Number of words with a distributional cluster.
    pub fn n_clustered_words(&self) -> usize {
        self.clusters.len()
    }

    /// Number of gazetteer keys (phrases and phrase prefixes).
    pub fn n_gazetteer_keys(&self) -> usize {
        self.gaz.len()
    }

    /// One IOB2 tag per word of a tokenized sentence. Always a valid IOB2 sequence.
    pub fn tag<S: AsRef<str>>(&self, words: &[S]) -> Vec<EntityTag> {
        let mut tags = Vec::with_capacity(words.len());
        self.tag_into(words, &mut tags);
        tags
    }

    /// Like [`Ner::tag`], writing into `out` (cleared first) to reuse its allocation.
    pub fn tag_into<S: AsRef<str>>(&self, words: &[S], out: &mut Vec<EntityTag>) {
        out.clear();
        if words.is_empty() {
            return;
        }
        SCRATCH.with(|s| {
            let mut s = s.borrow_mut();
            let Scratch { analysis, feats, emissions, viterbi, best } = &mut *s;
            analysis.analyze(words, &self.gaz, &self.clusters);
            emissions.clear();
            for i in 0..words.len() {
                analysis.features(i, feats);
                let mut e = [0f32; N_TAGS];
                self.weights.score(feats, &mut e);
                emissions.push(e);
            }
            viterbi.decode(emissions, &self.trans, best);
            out.extend(best.iter().map(|&t| state_tag(t)));
        });
    }

    /// Entity spans (word indices, end exclusive) of a tokenized sentence.
    pub fn entities<S: AsRef<str>>(&self, words: &[S]) -> Vec<EntitySpan> {
        spans_from_tags(&self.tag(words))
    }
}
