//! claimgraph NLP stage: part-of-speech tagging (UPOS, PTB XPOS, FEATS), lemmatization and
//! labelled dependency parsing of tokenized sentences, with compact embedded models, training
//! from CoNLL-U treebanks and CoNLL 2018-style evaluation.
//!
//! Everything runs offline: the trained models are compiled into the library
//! ([`Pipeline::embedded`]); retrained models load from files ([`Pipeline::load`]). Two
//! parsers ship ([`ParserKind`]): the accurate one (beam search over globally trained
//! weights, the default) and the fast one (greedy); [`set_default_parser`] picks the one
//! [`Pipeline::shared`] uses, and [`set_default_beam`] how wide a beam it decodes with.
//! Entry points: [`Pipeline::analyze`] (allocation-free per word), [`analyze_sentence`],
//! [`train_tagger`] / [`train_parser`] / [`train_all`], and [`evaluate`].

pub mod agreement;
pub mod binio;
pub mod compact;
pub mod error;
pub mod eval;
pub mod folds;
pub mod hashing;
pub mod lemma;
pub mod morph;
pub mod parser;
pub mod perceptron;
pub mod pipeline;
pub mod rng;
pub mod sparse;
pub mod tagger;
pub mod train;

pub use error::{NlpError, Result};
pub use eval::{Scores, evaluate, evaluate_aligned};
pub use parser::{Parser, ParserKind};
pub use pipeline::{
    Analysis, AnalyzedWord, Pipeline, analyze_sentence, default_beam, default_parser, set_default_beam,
    set_default_parser, use_default_beam,
};
pub use tagger::Tagger;
pub use train::{TrainReport, train_all, train_parser, train_tagger};
