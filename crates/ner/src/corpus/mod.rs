//! Readers for the NER training and evaluation corpora, all producing [`TaggedSentence`]s
//! with IOB2 tags over PER/LOC/ORG.

pub mod gum;
pub mod iob2;
pub mod wikigold;

use crate::label::EntityTag;

/// One sentence with a gold tag per word.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TaggedSentence {
    /// The words.
    pub words: Vec<String>,
    /// One IOB2 tag per word.
    pub tags: Vec<EntityTag>,
}

impl TaggedSentence {
    /// The words as `&str`s, the form [`crate::Ner::tag`] takes.
    pub fn word_refs(&self) -> Vec<&str> {
        self.words.iter().map(String::as_str).collect()
    }
}
