//! Parser-independent knowledge for event and claim extraction.
//!
//! * [`trigger`]: event trigger lexicon — lemma (verb or noun) → PLOVER type, mode, CAMEO
//!   code, weight ([`triggers`]), and multi-word patterns ([`match_pattern`]). Compiled from
//!   the PETRARCH2 CAMEO verb dictionary mapped to PLOVER, plus hand-curated news nouns.
//! * [`attribution`]: verbs and phrases that introduce claims, with their default stance.
//! * [`hedge`]: hedging cues (may, reportedly, believed to...).
//! * [`status`]: negation and modality cues for event status.
//! * [`claimant`]: kind, count and head of a claimant noun phrase.
//! * [`gold`]: the PLOVER gold records in the current ontology and a baseline scorer.
//! * [`cameo`], [`plover`]: CAMEO → PLOVER mapping, PLOVER type names and modes.
//! * [`lemma`]: the small lemmatizer the lexicons are keyed by.
//! * [`compile`]: rebuilds the shipped files in `crates/extract/data/` from `shared/data`.
//!
//! ```
//! use claimgraph_core::extraction::{ClaimantKind, EventType, Stance};
//! use claimgraph_extract::lexicon::{self, TriggerPos};
//!
//! let lemmas: Vec<String> = "carried out a suicide bombing".split(' ').map(lexicon::lemma).collect();
//! let lemmas: Vec<&str> = lemmas.iter().map(String::as_str).collect();
//! let (len, sense) = lexicon::match_pattern(&lemmas).unwrap();
//! assert_eq!((len, sense.plover), (5, EventType::Assault));
//! assert_eq!(lexicon::triggers("bounty", TriggerPos::Noun)[0].plover, EventType::Aid);
//! assert_eq!(lexicon::attribution_verb("deny").unwrap().stance, Some(Stance::Denies));
//! let c = lexicon::analyze_claimant(&["two", "sources", "familiar", "with", "it"]).unwrap();
//! assert_eq!((c.kind, c.count), (ClaimantKind::Anonymous, Some(2)));
//! ```
//!
//! Everything is built lazily on first use (`std::sync::LazyLock`) from files embedded in
//! the binary: no file or network access at run time.

pub mod attribution;
pub mod cameo;
pub mod claimant;
pub mod compile;
mod data;
pub mod error;
pub mod gold;
pub mod hedge;
pub mod lemma;
mod phrase;
pub mod plover;
pub mod status;
pub mod trigger;
mod vocab;

#[cfg(test)]
mod article_tests;

pub use attribution::{AttributionCue, CueKind, attribution_verb, match_attribution_phrase};
pub use cameo::{PloverCode, cameo_to_plover};
pub use claimant::{ClaimantAnalysis, ClaimantBasis, analyze_claimant};
pub use error::{LexiconError, Result};
pub use gold::eval::{TriggerEval, TypeEval, evaluate_trigger_lexicon};
pub use gold::{GoldSentence, load_plover_gold};
pub use hedge::{HedgeKind, hedge_cue, match_hedge};
pub use lemma::lemma;
pub use status::{StatusCue, StatusCueKind, match_status_cue, status_cue};
pub use trigger::{SenseOrigin, TriggerPos, TriggerSense, match_pattern, triggers};
