//! Hedging cues: words and phrases that mark a claim as uncertain ("may have paid",
//! "reportedly", "believed to", "could not be independently verified").

use std::sync::LazyLock;

use super::phrase::{Phrase, longest, prepare, word_in};

/// What kind of word hedges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HedgeKind {
    /// Modal verb: may, might, could.
    Modal,
    /// Adverb: likely, probably, reportedly, allegedly.
    Adverb,
    /// Adjective or participle: alleged, suspected, possible, unconfirmed.
    Adjective,
    /// Verb of appearance or belief: appear, seem, suggest.
    Verb,
    /// A multi-word hedge: "believed to", "it is unclear".
    Phrase,
}

const SINGLE: &[(&str, HedgeKind)] = &[
    ("may", HedgeKind::Modal),
    ("might", HedgeKind::Modal),
    ("could", HedgeKind::Modal),
    ("likely", HedgeKind::Adverb),
    ("unlikely", HedgeKind::Adverb),
    ("probably", HedgeKind::Adverb),
    ("possibly", HedgeKind::Adverb),
    ("perhaps", HedgeKind::Adverb),
    ("maybe", HedgeKind::Adverb),
    ("allegedly", HedgeKind::Adverb),
    ("reportedly", HedgeKind::Adverb),
    ("apparently", HedgeKind::Adverb),
    ("presumably", HedgeKind::Adverb),
    ("seemingly", HedgeKind::Adverb),
    ("purportedly", HedgeKind::Adverb),
    ("supposedly", HedgeKind::Adverb),
    ("ostensibly", HedgeKind::Adverb),
    ("alleged", HedgeKind::Adjective),
    ("suspected", HedgeKind::Adjective),
    ("purported", HedgeKind::Adjective),
    ("possible", HedgeKind::Adjective),
    ("potential", HedgeKind::Adjective),
    ("probable", HedgeKind::Adjective),
    ("unconfirmed", HedgeKind::Adjective),
    ("unverified", HedgeKind::Adjective),
    ("rumored", HedgeKind::Adjective),
    ("rumoured", HedgeKind::Adjective),
    ("appear", HedgeKind::Verb),
    ("seem", HedgeKind::Verb),
];

const PHRASES: &[(&str, HedgeKind)] = &[
    ("believed to", HedgeKind::Phrase),
    ("thought to", HedgeKind::Phrase),
    ("said to", HedgeKind::Phrase),
    ("understood to", HedgeKind::Phrase),
    ("suspected of", HedgeKind::Phrase),
    ("appear to", HedgeKind::Phrase),
    ("appears to", HedgeKind::Phrase),
    ("appeared to", HedgeKind::Phrase),
    ("seem to", HedgeKind::Phrase),
    ("seems to", HedgeKind::Phrase),
    ("seemed to", HedgeKind::Phrase),
    ("is likely to", HedgeKind::Phrase),
    ("may have", HedgeKind::Phrase),
    ("might have", HedgeKind::Phrase),
    ("could have", HedgeKind::Phrase),
    ("it is possible", HedgeKind::Phrase),
    ("it is unclear", HedgeKind::Phrase),
    ("it was unclear", HedgeKind::Phrase),
    ("it is not clear", HedgeKind::Phrase),
    ("it was not clear", HedgeKind::Phrase),
    ("not clear whether", HedgeKind::Phrase),
    ("unclear whether", HedgeKind::Phrase),
    ("according to unconfirmed reports", HedgeKind::Phrase),
    ("could not be independently verified", HedgeKind::Phrase),
    ("could not independently verify", HedgeKind::Phrase),
    ("has not been independently verified", HedgeKind::Phrase),
    ("could not be verified", HedgeKind::Phrase),
    ("cannot be verified", HedgeKind::Phrase),
    ("not independently confirmed", HedgeKind::Phrase),
];

static PREPARED: LazyLock<Vec<Phrase<HedgeKind>>> = LazyLock::new(|| prepare(PHRASES));

/// The hedge kind of one word (surface form or lemma, any case), if it hedges.
/// "alleged" and "suspected" count only in that form: the verbs "allege" and "suspect"
/// are attribution cues, not hedges.
pub fn hedge_cue(word: &str) -> Option<HedgeKind> {
    let lower = word.to_lowercase();
    SINGLE
        .iter()
        .find(|(w, k)| *w == lower || (matches!(k, HedgeKind::Verb) && word_in(&[w], &lower)))
        .map(|(_, k)| *k)
}

/// The longest hedging phrase at the start of `tokens` (surface words or lemmas).
pub fn match_hedge(tokens: &[&str]) -> Option<(usize, HedgeKind)> {
    longest(&PREPARED, tokens).or_else(|| tokens.first().and_then(|t| hedge_cue(t)).map(|k| (1, k)))
}

/// Every single hedge word that is a lemma.
/// Participles ("alleged") are left out: as lemmas they would hide the verbs.
pub(crate) fn words() -> impl Iterator<Item = &'static str> {
    SINGLE.iter().map(|(w, _)| *w).filter(|w| !w.ends_with("ed"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_words() {
        assert_eq!(hedge_cue("may"), Some(HedgeKind::Modal));
        assert_eq!(hedge_cue("Reportedly"), Some(HedgeKind::Adverb));
        assert_eq!(hedge_cue("alleged"), Some(HedgeKind::Adjective));
        assert_eq!(hedge_cue("appears"), Some(HedgeKind::Verb));
        assert_eq!(hedge_cue("said"), None);
        assert_eq!(hedge_cue("allege"), None);
    }

    #[test]
    fn phrases() {
        assert_eq!(match_hedge(&["believed", "to", "be"]), Some((2, HedgeKind::Phrase)));
        assert_eq!(match_hedge(&["may", "have", "paid"]), Some((2, HedgeKind::Phrase)));
        assert_eq!(
            match_hedge(&["could", "not", "be", "independently", "verified", "."]),
            Some((5, HedgeKind::Phrase))
        );
        assert_eq!(match_hedge(&["likely", "met"]), Some((1, HedgeKind::Adverb)));
        assert_eq!(match_hedge(&["met"]), None);
    }
}
