//! The crate's error type.

use std::path::PathBuf;

/// Errors of the NLP stage.
#[derive(Debug, thiserror::Error)]
pub enum NlpError {
    /// A model file could not be read or written.
    #[error("model file {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The bytes are not a model of the expected kind (wrong magic).
    #[error("not a claimgraph {expected} model (bad magic bytes)")]
    BadMagic {
        /// The model kind that was expected.
        expected: &'static str,
    },
    /// The model file was written by another format version.
    #[error("{kind} model has format version {found}, this build reads version {supported}")]
    UnsupportedVersion {
        /// Model kind.
        kind: &'static str,
        /// Version found in the file.
        found: u16,
        /// Version this build reads.
        supported: u16,
    },
    /// The model file ends early or holds inconsistent data.
    #[error("corrupt {kind} model: {message}")]
    Corrupt {
        /// Model kind.
        kind: &'static str,
        /// What is wrong.
        message: String,
    },
    /// The model was trained by a build whose feature templates differ from this build's:
    /// its weights would be read against other features and score badly with no other sign.
    #[error(
        "{kind} model was trained with other feature templates (fingerprint {found:016x}, this build's \
         {expected:016x}); retrain it with `claimgraph train {kind}`"
    )]
    OtherFeatures {
        /// Model kind.
        kind: &'static str,
        /// Fingerprint stored in the file.
        found: u64,
        /// Fingerprint of this build's templates.
        expected: u64,
    },
    /// This build has no embedded model of this kind (it was compiled before training).
    #[error("no embedded {0} model in this build; train one and rebuild, or load a file")]
    NoEmbeddedModel(&'static str),
    /// A parser name other than `accurate` or `fast`.
    #[error("unknown parser {0:?}: use `accurate` or `fast`")]
    UnknownParser(String),
    /// A beam width outside `1..=`[`crate::parser::MAX_BEAM`].
    #[error("beam width {0} is outside 1..={max}", max = crate::parser::MAX_BEAM)]
    BeamWidth(usize),
    /// A beam wider than 1 for a parser trained for greedy decoding (the fast parser): its
    /// locally trained scores are not comparable across hypotheses, so a beam lowers its
    /// accuracy (EWT test LAS 82.97 greedy, 75.80 at 8; `models/cards/parser.md`).
    #[error(
        "beam width {0} for a parser trained for greedy decoding (the fast parser): a beam makes \
         it less accurate; to trade speed for accuracy, narrow the accurate parser's beam instead"
    )]
    BeamOnGreedyParser(usize),
    /// Training or evaluation data could not be read.
    #[error("data {path}: {message}")]
    Data {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// Gold and predicted sentences do not line up.
    #[error("evaluation: {0}")]
    Misaligned(String),
}

/// Result alias of this crate.
pub type Result<T> = std::result::Result<T, NlpError>;
