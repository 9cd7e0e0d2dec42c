//! Attribution cues: the verbs and phrases that introduce a claim ("said", "according to",
//! "confirmed to", "a document reviewed by"), each with the stance it gives by default, and
//! the phrases that describe anonymous sources ("familiar with", "on condition of
//! anonymity").

use std::sync::LazyLock;

use claimgraph_core::extraction::{EventType, Stance};

use super::phrase::{Phrase, longest, prepare};

/// What an attribution cue does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CueKind {
    /// A reporting verb: "said", "confirmed", "denied".
    ReportingVerb,
    /// A phrase that puts the source after it: "according to", "as reported by".
    SourcePhrase,
    /// Access to a document or report: "reviewed by", "obtained by", "seen by".
    DocumentAccess,
    /// The channel through which a claim reached the reader: "identified to", "told" (the
    /// verb), "in an interview with"; the object is the relaying party (`via`).
    Relay,
    /// Describes an anonymous source: "familiar with", "on condition of anonymity".
    SourceDescription,
    /// The claimant declined to say anything: "declined to comment".
    NoComment,
}

/// An attribution cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttributionCue {
    /// What the cue does.
    pub kind: CueKind,
    /// Default stance of the claimant (`None` for source descriptions and no-comment).
    pub stance: Option<Stance>,
    /// True when the verb distances the writer from the content ("claimed", "alleged").
    pub distancing: bool,
    /// The event the speech act is itself, if any ("accused" is also an ACCUSE event).
    pub event: Option<EventType>,
}

const fn cue(
    kind: CueKind,
    stance: Option<Stance>,
    distancing: bool,
    event: Option<EventType>,
) -> AttributionCue {
    AttributionCue { kind, stance, distancing, event }
}

const SAY: AttributionCue = cue(CueKind::ReportingVerb, Some(Stance::Asserts), false, None);
const CLAIM: AttributionCue = cue(CueKind::ReportingVerb, Some(Stance::Asserts), true, None);
const ACCUSE: AttributionCue =
    cue(CueKind::ReportingVerb, Some(Stance::Asserts), true, Some(EventType::Accuse));
const CONFIRM: AttributionCue = cue(CueKind::ReportingVerb, Some(Stance::Confirms), false, None);
const DENY: AttributionCue = cue(CueKind::ReportingVerb, Some(Stance::Denies), false, None);
const RELAY: AttributionCue = cue(CueKind::Relay, Some(Stance::Asserts), false, None);
const SOURCE: AttributionCue = cue(CueKind::SourcePhrase, Some(Stance::Asserts), false, None);
const ACCESS: AttributionCue = cue(CueKind::DocumentAccess, Some(Stance::Asserts), false, None);
const DESCR: AttributionCue = cue(CueKind::SourceDescription, None, false, None);
const NO_COMMENT: AttributionCue = cue(CueKind::NoComment, None, false, None);

/// Reporting verbs (lemmas).
const VERBS: &[(&str, AttributionCue)] = &[
    ("say", SAY),
    ("tell", SAY),
    ("report", SAY),
    ("state", SAY),
    ("note", SAY),
    ("warn", SAY),
    ("add", SAY),
    ("announce", SAY),
    ("declare", SAY),
    ("write", SAY),
    ("explain", SAY),
    ("insist", SAY),
    ("argue", SAY),
    ("assert", SAY),
    ("contend", SAY),
    ("maintain", SAY),
    ("stress", SAY),
    ("emphasize", SAY),
    ("emphasise", SAY),
    ("describe", SAY),
    ("reveal", SAY),
    ("disclose", SAY),
    ("indicate", SAY),
    ("estimate", SAY),
    ("predict", SAY),
    ("quote", SAY),
    ("cite", SAY),
    ("testify", SAY),
    ("inform", SAY),
    ("brief", SAY),
    ("tweet", SAY),
    ("post", SAY),
    ("publish", SAY),
    ("conclude", SAY),
    ("find", SAY),
    ("show", SAY),
    ("document", SAY),
    ("assess", SAY),
    ("recount", SAY),
    ("recall", SAY),
    ("repeat", SAY),
    ("reiterate", SAY),
    ("observe", SAY),
    ("mention", SAY),
    ("comment", SAY),
    ("specify", SAY),
    ("detail", SAY),
    ("suggest", SAY),
    ("believe", SAY),
    ("think", SAY),
    ("claim", CLAIM),
    ("purport", CLAIM),
    ("allege", ACCUSE),
    ("accuse", ACCUSE),
    ("charge", ACCUSE),
    ("blame", ACCUSE),
    ("confirm", CONFIRM),
    ("acknowledge", CONFIRM),
    ("admit", CONFIRM),
    ("verify", CONFIRM),
    ("corroborate", CONFIRM),
    ("concede", CONFIRM),
    ("affirm", CONFIRM),
    ("reaffirm", CONFIRM),
    ("substantiate", CONFIRM),
    ("validate", CONFIRM),
    ("deny", DENY),
    ("reject", DENY),
    ("dismiss", DENY),
    ("refute", DENY),
    ("rebut", DENY),
    ("disavow", DENY),
    ("dispute", DENY),
    ("contradict", DENY),
    ("repudiate", DENY),
    ("downplay", DENY),
];

/// Multi-word cues (surface words; lemmas match too).
const PHRASES: &[(&str, AttributionCue)] = &[
    ("according to", SOURCE),
    ("as reported by", SOURCE),
    ("reported by", SOURCE),
    ("cited by", SOURCE),
    ("quoted by", SOURCE),
    ("quoted as saying", SAY),
    ("first reported", SAY),
    ("in a statement", SAY),
    ("said in a statement", SAY),
    ("reviewed by", ACCESS),
    ("obtained by", ACCESS),
    ("seen by", ACCESS),
    ("viewed by", ACCESS),
    ("shared with", ACCESS),
    ("provided to", ACCESS),
    ("leaked to", ACCESS),
    ("identified to", RELAY),
    ("confirmed to", cue(CueKind::Relay, Some(Stance::Confirms), false, None)),
    ("denied to", cue(CueKind::Relay, Some(Stance::Denies), false, None)),
    ("told", RELAY),
    ("speaking to", RELAY),
    ("in an interview with", RELAY),
    ("in a statement to", RELAY),
    ("familiar with", DESCR),
    ("with knowledge of", DESCR),
    ("with direct knowledge of", DESCR),
    ("knowledgeable about", DESCR),
    ("close to", DESCR),
    ("briefed on", DESCR),
    ("on condition of anonymity", DESCR),
    ("on the condition of anonymity", DESCR),
    ("who spoke on condition of anonymity", DESCR),
    ("speaking on condition of anonymity", DESCR),
    ("speaking anonymously", DESCR),
    ("requested anonymity", DESCR),
    ("declined to be named", DESCR),
    ("asked not to be named", DESCR),
    ("not authorized to speak", DESCR),
    ("not authorised to speak", DESCR),
    ("declined to comment", NO_COMMENT),
    ("refused to comment", NO_COMMENT),
    ("did not respond to", NO_COMMENT),
    ("did not immediately respond to", NO_COMMENT),
    ("could not be reached", NO_COMMENT),
];

static PREPARED: LazyLock<Vec<Phrase<AttributionCue>>> = LazyLock::new(|| prepare(PHRASES));

/// The attribution cue of a verb lemma ("confirm" → confirms), if it is one.
pub fn attribution_verb(lemma: &str) -> Option<AttributionCue> {
    let l = lemma.to_lowercase();
    VERBS.iter().find(|(v, _)| *v == l).map(|(_, c)| *c)
}

/// The longest attribution phrase at the start of `tokens` (surface words or lemmas):
/// its length in tokens and cue. Single reporting verbs are found by [`attribution_verb`].
pub fn match_attribution_phrase(tokens: &[&str]) -> Option<(usize, AttributionCue)> {
    longest(&PREPARED, tokens)
}

/// Every word of the attribution lists (for the lemmatizer's vocabulary).
pub(crate) fn words() -> impl Iterator<Item = &'static str> {
    VERBS.iter().map(|(v, _)| *v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs() {
        assert_eq!(attribution_verb("say").unwrap().stance, Some(Stance::Asserts));
        assert_eq!(attribution_verb("Confirm").unwrap().stance, Some(Stance::Confirms));
        assert_eq!(attribution_verb("deny").unwrap().stance, Some(Stance::Denies));
        let a = attribution_verb("accuse").unwrap();
        assert_eq!((a.stance, a.event), (Some(Stance::Asserts), Some(EventType::Accuse)));
        assert!(attribution_verb("claim").unwrap().distancing);
        assert!(attribution_verb("eat").is_none());
    }

    #[test]
    fn phrases_match_surface_and_lemmas() {
        let (n, c) = match_attribution_phrase(&["according", "to", "a", "Pentagon"]).unwrap();
        assert_eq!((n, c.kind), (2, CueKind::SourcePhrase));
        let (n, c) = match_attribution_phrase(&["accord", "to"]).unwrap();
        assert_eq!((n, c.kind), (2, CueKind::SourcePhrase));
        let (n, c) = match_attribution_phrase(&["reviewed", "by", "CNN"]).unwrap();
        assert_eq!((n, c.kind), (2, CueKind::DocumentAccess));
        let (n, c) = match_attribution_phrase(&["confirmed", "to", "CNN"]).unwrap();
        assert_eq!((n, c.kind, c.stance), (2, CueKind::Relay, Some(Stance::Confirms)));
        let (n, c) =
            match_attribution_phrase(&["who", "spoke", "on", "condition", "of", "anonymity"]).unwrap();
        assert_eq!((n, c.kind), (6, CueKind::SourceDescription));
        let (_, c) = match_attribution_phrase(&["declined", "to", "comment"]).unwrap();
        assert_eq!((c.kind, c.stance), (CueKind::NoComment, None));
        assert!(match_attribution_phrase(&["according"]).is_none());
    }
}
