//! Event trigger lexicon: which lemmas (verbs and nouns) and which multi-word patterns can
//! announce a PLOVER event, with mode, closest CAMEO code and a weight.
//!
//! Sources: the PETRARCH2 CAMEO verb dictionary (verbs with their block codes; patterns
//! such as "provide weapons", "killed in a gunbattle"), mapped to PLOVER through the shipped
//! CAMEO → PLOVER table, plus the hand-curated nouns, verbs, phrases and light-verb
//! constructions of [`curated`]. Everything is built once, on first use.

mod curated;
mod pattern;
mod table;

pub use pattern::match_pattern;
pub use table::{LexiconSizes, lexicon_sizes, triggers};

use claimgraph_core::extraction::EventType;

/// Keys of the curated lists (lemmas, multi-word keys space-separated).
pub(crate) fn curated_keys() -> impl Iterator<Item = &'static str> {
    curated::NOUNS
        .iter()
        .chain(curated::VERBS)
        .chain(curated::PHRASES)
        .map(|c| c.0)
        .chain(curated::LIGHT_VERBS.iter().map(|(k, _)| *k))
}

/// Part of speech of a trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TriggerPos {
    /// A verb ("attacked", "paid").
    Verb,
    /// A noun ("attack", "bounty", "suicide bombing").
    Noun,
}

/// Where a sense comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SenseOrigin {
    /// The code of a verb (or its block) in the CAMEO verb dictionary.
    CameoVerb,
    /// A CAMEO dictionary pattern (or, for a lone verb, the codes of its block's patterns).
    CameoPattern,
    /// The hand-curated lists.
    Curated,
}

/// One possible event reading of a trigger.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TriggerSense {
    /// PLOVER event type.
    pub plover: EventType,
    /// PLOVER mode (manual draft 2.0), if the trigger implies one.
    pub mode: Option<&'static str>,
    /// Closest CAMEO code.
    pub cameo: &'static str,
    /// Part of speech of the trigger word.
    pub pos: TriggerPos,
    /// Prior weight in `(0, 1]`: 1 for the main reading, lower for secondary readings
    /// (pattern-only readings of a lone verb are at most 0.5).
    pub weight: f32,
    /// Where the sense comes from.
    pub origin: SenseOrigin,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn types(lemma: &str, pos: TriggerPos) -> Vec<EventType> {
        triggers(lemma, pos).iter().map(|s| s.plover).collect()
    }

    #[test]
    fn verbs_from_cameo() {
        let s = triggers("attack", TriggerPos::Verb);
        assert_eq!(s[0].plover, EventType::Assault);
        assert_eq!(s[0].weight, 1.0);
        assert!(types("kill", TriggerPos::Verb).contains(&EventType::Assault));
        assert_eq!(types("arrest", TriggerPos::Verb)[0], EventType::Coerce);
        assert_eq!(types("accuse", TriggerPos::Verb)[0], EventType::Accuse);
        assert!(types("pay", TriggerPos::Verb).contains(&EventType::Aid));
        assert!(types("negotiate", TriggerPos::Verb).contains(&EventType::Consult));
        // Reporting verbs are no events by themselves (CAMEO 01, dropped by PLOVER).
        for lemma in ["say", "tell", "report", "confirm"] {
            let strong: Vec<_> = triggers(lemma, TriggerPos::Verb)
                .iter()
                .filter(|s| s.weight >= 0.5)
                .map(|s| (s.plover, s.cameo))
                .collect();
            assert!(strong.is_empty(), "{lemma}: {strong:?}");
        }
        // Weights are sorted, highest first.
        for lemma in ["say", "give", "kill", "pay"] {
            let s = triggers(lemma, TriggerPos::Verb);
            assert!(s.windows(2).all(|w| w[0].weight >= w[1].weight), "{lemma}");
        }
    }

    #[test]
    fn curated_nouns() {
        let s = triggers("bounty", TriggerPos::Noun);
        assert_eq!((s[0].plover, s[0].cameo), (EventType::Aid, "071"));
        let s = triggers("airstrike", TriggerPos::Noun);
        assert_eq!((s[0].plover, s[0].mode), (EventType::Assault, Some("aerial")));
        assert_eq!(types("strike", TriggerPos::Noun), vec![EventType::Assault, EventType::Protest]);
        assert_eq!(types("sanction", TriggerPos::Noun)[0], EventType::Sanction);
        assert_eq!(types("talks", TriggerPos::Noun)[0], EventType::Consult);
        assert_eq!(types("ceasefire", TriggerPos::Noun)[0], EventType::Retreat);
        assert_eq!(types("Arrest", TriggerPos::Noun)[0], EventType::Coerce);
        assert!(triggers("table", TriggerPos::Noun).is_empty());
        let s = triggers("suicide bombing", TriggerPos::Noun);
        assert_eq!(s[0].mode, Some("suicide-attack"));
        assert_eq!(triggers("refuse", TriggerPos::Verb)[0].plover, EventType::Reject);
        assert_eq!(triggers("resign", TriggerPos::Verb)[0].mode, Some("resign"));
        assert!(triggers("attack", TriggerPos::Noun).iter().all(|s| s.pos == TriggerPos::Noun));
    }

    #[test]
    fn patterns() {
        let (n, s) = match_pattern(&["suicide", "bombing", "at"]).unwrap();
        assert_eq!((n, s.plover, s.mode), (2, EventType::Assault, Some("suicide-attack")));
        let (n, s) = match_pattern(&["carry", "out", "at", "least", "six", "attack", "against"]).unwrap();
        assert_eq!((n, s.plover), (6, EventType::Assault));
        let (n, s) = match_pattern(&["provide", "weapon", "to", "the", "taliban"]).unwrap();
        assert_eq!((n, s.plover), (2, EventType::Aid));
        let (_, s) = match_pattern(&["provide", "the", "rebel", "with", "weapon"]).unwrap();
        assert_eq!(s.plover, EventType::Aid);
        let (n, s) = match_pattern(&["open", "fire", "on", "protester"]).unwrap();
        assert_eq!((n, s.mode), (2, Some("firearms")));
        let (_, s) = match_pattern(&["impose", "new", "sanction"]).unwrap();
        assert_eq!(s.plover, EventType::Sanction);
        let (_, s) = match_pattern(&["sign", "a", "peace", "agreement"]).unwrap();
        assert_eq!(s.plover, EventType::Agree);
        // Punctuation stops a gap; a lone word is no pattern.
        assert!(match_pattern(&["carry", "out", ",", "attack"]).is_none());
        assert!(match_pattern(&["the"]).is_none());
        assert!(match_pattern(&[]).is_none());
    }

    #[test]
    fn sizes() {
        let s = lexicon_sizes();
        eprintln!("{s:?}");
        assert!(s.verb_lemmas > 1000, "{s:?}");
        assert!(s.noun_lemmas > 150, "{s:?}");
        assert!(s.patterns > 2000, "{s:?}");
    }
}
