//! claimgraph named-entity recognizer: a sequence labeller with gazetteer features, trained
//! on open data.
//!
//! [`Ner`] tags tokenized sentences with IOB2 tags over PER, LOC and ORG
//! ([`Ner::tag`], [`Ner::entities`]). The model is a structured averaged perceptron
//! (first-order Viterbi over IOB2 states) with word, affix, shape, context and gazetteer
//! features; the gazetteer (GeoNames places, PETRARCH2 actors) lives inside the model file.
//! The shipped model is embedded ([`Ner::shared`] parses it once per process,
//! [`Ner::embedded`] on every call); [`train`] rebuilds it from the shared data folder and
//! [`evaluate`] scores a model on gold data (entity-level exact match).
//!
//! ```
//! use claimgraph_ner::{EntityLabel, Ner};
//! let ner = Ner::shared()?;
//! let words = ["The", "Pentagon", "said", "that", "Maria", "Lopez", "was", "in", "Kabul", "."];
//! let spans = ner.entities(&words);
//! assert!(spans.iter().any(|e| e.label == EntityLabel::Loc && words[e.start_word] == "Kabul"));
//! # Ok::<(), claimgraph_ner::NerError>(())
//! ```

pub mod clusters;
pub mod corpus;
pub mod decode;
pub mod error;
pub mod eval;
pub mod features;
pub mod format;
pub mod gazetteer;
pub mod gazetteer_build;
pub mod hash;
pub mod label;
pub mod scheme;
pub mod tagger;
pub mod train;
pub mod weights;

pub use corpus::TaggedSentence;
pub use corpus::iob2::{parse_iob2, read_iob2};
pub use error::{NerError, Result};
pub use eval::{Counts, NerScores, evaluate, score_tags};
pub use label::{EntityLabel, EntitySpan, EntityTag, spans_from_tags};
pub use tagger::Ner;
pub use train::{TrainConfig, TrainReport, train, train_with, uner_path};
