//! The error type of `claimgraph-text`.

use crate::conllu::ConlluError;

/// Errors raised by the text stage.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum TextError {
    /// A tokenizer model file could not be read.
    #[error("tokenizer model line {line}: {message}")]
    BadModel {
        /// 1-based line number in the model text.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// Gold CoNLL-U text could not be aligned with the raw text it is said to come from.
    #[error("cannot align gold token {form:?} with the raw text at char {at}")]
    Alignment {
        /// The gold form that did not match.
        form: String,
        /// Char offset in the raw text where matching failed.
        at: usize,
    },
    /// A token or sentence offset does not lie on a char boundary of the text it indexes.
    #[error("offset {0} is outside the text or not on a char boundary")]
    BadOffset(u32),
    /// A training file could not be read.
    #[error("cannot read {path}: {message}")]
    Data {
        /// The file or folder.
        path: std::path::PathBuf,
        /// What went wrong.
        message: String,
    },
    /// Training data holds no usable sentence.
    #[error("no training sentences with `# text` comments")]
    NoTrainingData,
    /// Malformed CoNLL-U.
    #[error(transparent)]
    Conllu(#[from] ConlluError),
}

/// Result alias for `claimgraph-text`.
pub type Result<T, E = TextError> = std::result::Result<T, E>;
