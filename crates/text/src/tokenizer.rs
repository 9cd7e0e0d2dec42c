//! [`Tokenizer`]: the entry point of the text stage.

use std::sync::{Arc, OnceLock};

use crate::error::Result;
use crate::model::Model;
use crate::token::{SentenceSpan, Token};

/// The model trained on UD English EWT train, embedded in the binary.
const EMBEDDED_MODEL: &str = include_str!("../../../models/tokenizer/en_ewt.model");

fn embedded() -> Result<Arc<Model>> {
    static MODEL: OnceLock<Option<Arc<Model>>> = OnceLock::new();
    match MODEL.get_or_init(|| Model::from_text(EMBEDDED_MODEL).ok().map(Arc::new)) {
        Some(m) => Ok(Arc::clone(m)),
        // parse again to report the error (only reached if the embedded file is broken)
        None => Model::from_text(EMBEDDED_MODEL).map(Arc::new),
    }
}

/// Tokenizer and sentence splitter for English news text.
///
/// Cheap to clone; the model is shared.
#[derive(Debug, Clone)]
pub struct Tokenizer {
    model: Arc<Model>,
}

impl Default for Tokenizer {
    fn default() -> Self {
        Self::new()
    }
}

impl Tokenizer {
    /// The tokenizer with the embedded model (no files needed at run time).
    ///
    /// The embedded model is checked by the crate's tests; should it ever fail to parse,
    /// this falls back to the rules alone (no learned lists, no learned boundaries except
    /// layout ones). Use [`Tokenizer::try_new`] to see that error.
    pub fn new() -> Self {
        Self::try_new().unwrap_or_else(|_| Self::with_model(Model::default()))
    }

    /// The tokenizer with the embedded model, or the error parsing it.
    pub fn try_new() -> Result<Self> {
        Ok(Tokenizer { model: embedded()? })
    }

    /// A tokenizer with another model (e.g. one just trained by [`crate::train()`]).
    pub fn with_model(model: Model) -> Self {
        Tokenizer { model: Arc::new(model) }
    }

    /// The model in use.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Splits `text` into words (UD EWT conventions) with byte offsets into `text`.
    pub fn tokenize(&self, text: &str) -> Vec<Token> {
        crate::tokenize::tokenize(&self.model, text)
    }

    /// Groups `tokens` (produced by [`Tokenizer::tokenize`] on the same `text`) into
    /// sentences.
    pub fn split(&self, text: &str, tokens: &[Token]) -> Vec<SentenceSpan> {
        crate::split::split(&self.model, text, tokens)
    }

    /// Tokenizes and splits `text`.
    pub fn analyze(&self, text: &str) -> (Vec<Token>, Vec<SentenceSpan>) {
        let tokens = self.tokenize(text);
        let sentences = self.split(text, &tokens);
        (tokens, sentences)
    }
}
