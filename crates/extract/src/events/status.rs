//! Status of an event mention from the cues before its trigger in the same clause:
//! negation, denial, intention (planned) and condition (hypothetical).

use claimgraph_core::extraction::EventStatus;

use super::args::is_boundary;
use super::trigger::Trigger;
use crate::annotate::Annotation;
use crate::lexicon::{self, StatusCueKind};

/// How many words before the trigger a cue may stand.
const REACH: usize = 6;

/// The status of one trigger occurrence.
pub fn status_of(a: &Annotation<'_>, tr: &Trigger) -> EventStatus {
    let floor = a.sentence_of(tr.head).words.start;
    let mut start = tr.words.start.saturating_sub(REACH).max(floor);
    for w in (start..tr.words.start).rev() {
        if is_boundary(a.lower(w)) && !matches!(a.lower(w), "that" | "as" | "\u{201c}" | "\u{201d}" | "\"") {
            start = w + 1;
            break;
        }
    }
    let lowers: Vec<&str> = (start..tr.words.end).map(|i| a.lower(i)).collect();
    let lemmas: Vec<&str> = (start..tr.words.end).map(|i| a.words[i].lemma.as_str()).collect();
    let mut status = EventStatus::Reported;
    let mut i = 0;
    while i < tr.words.start - start {
        let found =
            lexicon::match_status_cue(&lowers[i..]).or_else(|| lexicon::match_status_cue(&lemmas[i..]));
        if let Some((len, cue)) = found {
            status = match cue.kind {
                StatusCueKind::Negation
                | StatusCueKind::Denial
                | StatusCueKind::Intention
                | StatusCueKind::Condition => cue.status,
                #[allow(unreachable_patterns)]
                _ => status,
            };
            i += len.max(1);
        } else {
            i += 1;
        }
    }
    status
}
