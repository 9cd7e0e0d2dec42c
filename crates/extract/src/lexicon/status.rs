//! Negation and modality cues for event status: words that make an event negated
//! ("did not attack"), denied ("denied attacking"), planned ("plans to attack", "was
//! plotting attacks") or hypothetical ("would attack if").

use std::sync::LazyLock;

use claimgraph_core::extraction::EventStatus;

use super::lemma::lemma;
use super::phrase::{Phrase, longest, prepare};

/// Kinds of status cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatusCueKind {
    /// Plain negation: not, never, no, without.
    Negation,
    /// Denial verb or noun.
    Denial,
    /// Plan, intent, threat or schedule.
    Intention,
    /// Condition or hypothesis: if, unless, would.
    Condition,
}

/// A status cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusCue {
    /// What kind of cue it is.
    pub kind: StatusCueKind,
    /// The status an event in its scope gets.
    pub status: EventStatus,
}

const NEG: StatusCue = StatusCue { kind: StatusCueKind::Negation, status: EventStatus::Negated };
const DENY: StatusCue = StatusCue { kind: StatusCueKind::Denial, status: EventStatus::Denied };
const PLAN: StatusCue = StatusCue { kind: StatusCueKind::Intention, status: EventStatus::Planned };
const COND: StatusCue = StatusCue { kind: StatusCueKind::Condition, status: EventStatus::Hypothetical };

/// Single words (surface forms or lemmas).
const SINGLE: &[(&str, StatusCue)] = &[
    ("not", NEG),
    ("n't", NEG),
    ("never", NEG),
    ("no", NEG),
    ("none", NEG),
    ("neither", NEG),
    ("nor", NEG),
    ("without", NEG),
    ("fail", NEG),
    ("deny", DENY),
    ("denial", DENY),
    ("refute", DENY),
    ("plan", PLAN),
    ("intend", PLAN),
    ("intention", PLAN),
    ("aim", PLAN),
    ("prepare", PLAN),
    ("threaten", PLAN),
    ("vow", PLAN),
    ("pledge", PLAN),
    ("promise", PLAN),
    ("will", PLAN),
    ("shall", PLAN),
    ("plot", PLAN),
    ("schedule", PLAN),
    ("propose", PLAN),
    ("consider", PLAN),
    ("seek", PLAN),
    ("want", PLAN),
    // a requested act has not happened ("urged the authorities to release", "demanded the
    // release of")
    ("urge", COND),
    ("demand", COND),
    ("request", COND),
    ("appeal", COND),
    ("would", COND),
    ("should", COND),
    ("if", COND),
    ("unless", COND),
    ("whether", COND),
    ("hypothetical", COND),
];

/// Multi-word cues.
const PHRASES: &[(&str, StatusCue)] = &[
    ("did not", NEG),
    ("does not", NEG),
    ("do not", NEG),
    ("has not", NEG),
    ("have not", NEG),
    ("had not", NEG),
    ("was not", NEG),
    ("were not", NEG),
    ("no longer", NEG),
    ("has yet to", NEG),
    ("have yet to", NEG),
    ("failed to", NEG),
    ("refrained from", NEG),
    ("stopped short of", NEG),
    ("called off", NEG),
    ("denied that", DENY),
    ("going to", PLAN),
    ("is set to", PLAN),
    ("are set to", PLAN),
    ("is due to", PLAN),
    ("is expected to", PLAN),
    ("are expected to", PLAN),
    ("is scheduled to", PLAN),
    ("plans to", PLAN),
    ("planned to", PLAN),
    ("intends to", PLAN),
    ("in order to", PLAN),
    ("in case", COND),
    ("in the event", COND),
    ("as long as", COND),
    ("provided that", COND),
];

static PREPARED: LazyLock<Vec<Phrase<StatusCue>>> = LazyLock::new(|| prepare(PHRASES));
static SINGLES: LazyLock<Vec<Phrase<StatusCue>>> = LazyLock::new(|| prepare(SINGLE));

/// The status cue of one word (surface form or lemma, any case), if it is one.
pub fn status_cue(word: &str) -> Option<StatusCue> {
    let l = lemma(word);
    longest(&SINGLES, &[word]).or_else(|| longest(&SINGLES, &[l.as_str()])).map(|(_, c)| c)
}

/// The longest status cue at the start of `tokens` (surface words or lemmas), phrases
/// before single words.
pub fn match_status_cue(tokens: &[&str]) -> Option<(usize, StatusCue)> {
    longest(&PREPARED, tokens).or_else(|| tokens.first().and_then(|t| status_cue(t)).map(|c| (1, c)))
}

/// Every single status word.
pub(crate) fn words() -> impl Iterator<Item = &'static str> {
    SINGLE.iter().map(|(w, _)| *w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues() {
        assert_eq!(status_cue("never").unwrap().status, EventStatus::Negated);
        assert_eq!(status_cue("denied").unwrap().status, EventStatus::Denied);
        assert_eq!(status_cue("plotting").unwrap().status, EventStatus::Planned);
        assert_eq!(status_cue("If").unwrap().status, EventStatus::Hypothetical);
        assert!(status_cue("attack").is_none());
        let (n, c) = match_status_cue(&["did", "not", "want"]).unwrap();
        assert_eq!((n, c.kind), (2, StatusCueKind::Negation));
        let (n, c) = match_status_cue(&["is", "expected", "to", "sign"]).unwrap();
        assert_eq!((n, c.status), (3, EventStatus::Planned));
        let (n, c) = match_status_cue(&["would", "attack"]).unwrap();
        assert_eq!((n, c.status), (1, EventStatus::Hypothetical));
    }
}
