//! claimgraph text stage: tokenizer, sentence splitter and CoNLL-U reading/writing, all with
//! exact offsets into a [`claimgraph_core::Document`]'s normalized text.
//!
//! * [`Tokenizer`] cuts text into words following UD English EWT conventions (clitics such
//!   as `n't` and `'s` are separate words of one surface token; `$` and numbers apart;
//!   URLs, e-mail addresses, handles, emoticons and emoji whole) and groups them into
//!   sentences, using layout rules and a boundary classifier learned from EWT and GUM. The learned
//!   model is embedded, so no file is read at run time.
//! * [`train()`] relearns that model from a treebank; [`evaluate()`] scores a tokenizer the
//!   way the CoNLL 2018 shared task does.
//! * [`conllu`] reads and writes CoNLL-U; [`to_conllu()`] turns tokenizer output into
//!   CoNLL-U sentences for the tagger and parser.
//!
//! Offsets are bytes into the text given (`u32`); convert them to the char offsets the
//! extraction contract stores with `Document::span_bytes`.

mod chars;
pub mod conllu;
pub mod error;
pub mod eval;
mod features;
pub mod gum;
pub mod model;
mod news_abbreviations;
pub mod raw;
mod split;
pub mod to_conllu;
pub mod token;
mod tokenize;
pub mod tokenizer;
pub mod train;

pub use chars::is_apostrophe_variant;
pub use error::{Result, TextError};
pub use eval::{F1, Scores, evaluate, evaluate_tokenizer};
pub use model::Model;
pub use to_conllu::{to_conllu, to_conllu_in_document};
pub use token::{SentenceSpan, Token, surface_tokens};
pub use tokenize::is_clitic;
pub use tokenizer::Tokenizer;
pub use train::{TrainOptions, train, training_sentences};
