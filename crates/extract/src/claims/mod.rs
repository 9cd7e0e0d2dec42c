//! Claims: every attribution in the text (reporting verbs, "according to", "reviewed by",
//! quotes and their speakers), with claimant, stance, hedging, the events its content
//! speaks of, and the claim that relayed it (`via`).

mod claimant;
mod cue;
mod merge;

use std::ops::Range;

use claimgraph_core::extraction::{ClaimantKind, EventStatus, EventType, Stance};
use claimgraph_kb::Kb;

pub use claimant::ClaimantPhrase;
pub use merge::merge_claims;

use crate::annotate::Annotation;
use crate::entities::EntityTable;
use crate::events::EventDraft;
use crate::lexicon::{self, CueKind};

/// One claim under construction.
#[derive(Debug, Clone)]
pub struct ClaimDraft {
    /// Who claims.
    pub claimant: ClaimantPhrase,
    /// Stance.
    pub stance: Stance,
    /// True when the content is hedged.
    pub hedged: bool,
    /// Words of the content.
    pub content: Range<usize>,
    /// Indices of the events it is about (surviving events).
    pub about: Vec<usize>,
    /// Entity the claim was told to or accessed by ("told CNN").
    pub via_entity: Option<usize>,
    /// Index of the claim that carried this one.
    pub via_claim: Option<usize>,
    /// Evidence byte ranges.
    pub evidence: Vec<Range<usize>>,
    /// Sentence of the cue.
    pub sentence: usize,
    /// True when the claimant denies that something happened ("denied"), not when it
    /// rejects or dismisses it.
    pub denies_fact: bool,
}

/// Events by the words of their triggers.
struct EventIndex(Vec<(usize, usize)>);

impl EventIndex {
    fn new(events: &[EventDraft], alive: &[usize]) -> Self {
        let mut v: Vec<(usize, usize)> =
            alive.iter().flat_map(|&i| events[i].triggers.iter().map(move |r| (r.start, i))).collect();
        v.sort_unstable();
        EventIndex(v)
    }

    fn within(&self, r: Range<usize>, out: &mut Vec<usize>) {
        let s = self.0.partition_point(|&(w, _)| w < r.start);
        for &(w, e) in &self.0[s..] {
            if w >= r.end {
                break;
            }
            if !out.contains(&e) {
                out.push(e);
            }
        }
    }
}

/// Finds the claims of a document (not merged yet).
pub fn find_claims(
    a: &Annotation<'_>,
    t: &mut EntityTable,
    kb: &Kb,
    events: &[EventDraft],
    alive: &[usize],
) -> Vec<ClaimDraft> {
    let quoted = cue::quoted_words(a);
    let index = EventIndex::new(events, alive);
    let mut out: Vec<ClaimDraft> = Vec::new();
    for s in 0..a.sentences.len() {
        let sent = a.sentences[s].words.clone();
        let (sb, se) = (a.sentences[s].start, a.sentences[s].end);
        let first = out.len();
        let cues = cue::find_cues(a, s, &quoted);
        if cues.is_empty() {
            continue_quote(a, s, &quoted, &index, &mut out);
            continue;
        }
        for h in cues {
            let mut via_entity = None;
            let (phrase, content) = match h.cue.kind {
                // `"...," said Nahid Islam`: the speaker after the verb, the words before it
                CueKind::ReportingVerb
                    if let Some(speaker) =
                        claimant::speaker_after(a, h.words.start, sent.start, sent.end) =>
                {
                    (speaker, sent.start..h.words.start)
                }
                CueKind::ReportingVerb | CueKind::Relay => {
                    let Some(subj) = claimant::subject_before(a, h.words.start, sent.start) else { continue };
                    let subj = claimant::trim_to_subject(a, h.words.start, subj);
                    let mut k = h.words.end;
                    // "told CNN", "confirmed to CNN": the channel; "accused the group of"
                    // names no channel
                    let channel = h.cue.kind == CueKind::Relay || a.lower(k) == "to";
                    if a.lower(k) == "to" {
                        k += 1;
                    }
                    if let Some(m) = t.mention_at(k).filter(|m| m.words.start == k && channel) {
                        via_entity = Some(m.entity);
                        k = m.words.end;
                    }
                    if a.lower(k) == "that" {
                        k += 1;
                    }
                    let before = subj.start > sent.start + 2
                        && matches!(a.lower(subj.start - 1), "," | "\u{201d}" | "\"");
                    let content = if before { sent.start..subj.start } else { k..sent.end };
                    (subj, content)
                }
                CueKind::SourcePhrase => {
                    let Some(np) = claimant::phrase_after(a, h.words.end, sent.end) else { continue };
                    // A trailing source speaks for the last clause ("A, but B, according to X").
                    let content = if h.words.start > sent.start + 2 {
                        let from = (sent.start..h.words.start)
                            .rev()
                            .find(|&k| matches!(a.lower(k), "but" | ";"))
                            .map_or(sent.start, |k| k + 1);
                        from..h.words.start
                    } else {
                        np.end..sent.end
                    };
                    (np, content)
                }
                CueKind::DocumentAccess => {
                    let Some(np) = claimant::phrase_after(a, h.words.end, sent.end) else { continue };
                    // The document accessed is the claim just before in the sentence.
                    let Some(prev) = out[first..].iter().rposition(|c| c.claimant.words.end == h.words.start)
                    else {
                        continue;
                    };
                    let content = out[first + prev].content.clone();
                    out[first + prev].via_claim = Some(out.len());
                    (np, content)
                }
                _ => continue,
            };
            let Some(mut claimant) = claimant::analyze(a, t, kb, phrase) else { continue };
            // "..., said a local official who asked not to be named. He said ...": a pronoun
            // with no name behind it is the single speaker just quoted
            if claimant.entity.is_none()
                && matches!(claimant.name.to_lowercase().as_str(), "he" | "she")
                && let Some(prev) = out.iter().rev().find(|c| {
                    c.sentence + 1 >= s
                        && c.claimant.count.is_none_or(|n| n == 1)
                        && matches!(
                            c.claimant.kind,
                            ClaimantKind::Person | ClaimantKind::Official | ClaimantKind::Anonymous
                        )
                })
            {
                claimant = ClaimantPhrase { words: claimant.words, ..prev.claimant.clone() };
            }
            let mut stance = h.cue.stance.unwrap_or(Stance::Asserts);
            let refusal = matches!(a.words[h.words.start].lemma.as_str(), "reject" | "dismiss" | "downplay");
            if first_person_denial(a, content.clone()) || calls_false(a, content.clone()) {
                stance = Stance::Denies;
            }
            let hedged = content.clone().any(|i| hedges(a, i));
            let mut about = Vec::new();
            index.within(content.clone(), &mut about);
            // "claimed responsibility for the attack": the attack's trigger starts at the cue
            if a.words[h.words.start].lemma == "claim" {
                index.within(h.words.start..h.words.start + 1, &mut about);
            }
            // A short content refers back ("that it refers to Iran", "the allegation"):
            // the events of its sentence, else of the sentence before.
            let short = content.len() <= 6;
            if about.is_empty() && short {
                index.within(sent.clone(), &mut about);
            }
            if about.is_empty() && short && s > 0 {
                index.within(a.sentences[s - 1].words.clone(), &mut about);
            }
            // "denied the report": what the latest claim shortly before was about.
            if about.is_empty() && short {
                let prev = out.iter().rev().find(|c| c.sentence + 2 >= s && !c.about.is_empty());
                about = prev.map(|c| c.about.clone()).unwrap_or_default();
            }
            // "denied the allegation": a denial that refers back to an accusation denies the
            // act charged ("accused protesters of setting fire to two buses"), not that the
            // accusation was made.
            if short && stance == Stance::Denies {
                about = charged_acts(events, alive, &about);
            }
            out.push(ClaimDraft {
                claimant,
                stance,
                hedged,
                content,
                about,
                via_entity,
                via_claim: None,
                evidence: std::iter::once(sb..se).collect(),
                sentence: s,
                denies_fact: stance == Stance::Denies && !refusal,
            });
        }
        participle_claims(a, s, &quoted, &index, first, &mut out);
        // A claim made inside another's content reached the reader through it.
        for i in first..out.len() {
            if out[i].via_claim.is_some() {
                continue;
            }
            let w = out[i].claimant.words.clone();
            let outer = (first..out.len())
                .find(|&j| j != i && out[j].content.start <= w.start && w.end <= out[j].content.end);
            out[i].via_claim = outer;
        }
    }
    out
}

/// `"...," said Nahid Islam, adding that police had arrested 40 students`: a reporting
/// participle after a comma goes on with the claimant of the claim before it in the
/// sentence, as a claim of its own with the words after it, unless that claim's content
/// already holds them ("X said A, adding B").
fn participle_claims(
    a: &Annotation<'_>,
    s: usize,
    quoted: &[bool],
    index: &EventIndex,
    first: usize,
    out: &mut Vec<ClaimDraft>,
) {
    let sent = a.sentences[s].words.clone();
    let (sb, se) = (a.sentences[s].start, a.sentences[s].end);
    let last = sent.end.saturating_sub(1).max(sent.start + 1);
    for (i, &in_quote) in quoted.iter().enumerate().take(last).skip(sent.start + 1) {
        let l = a.lower(i);
        if in_quote
            || a.lower(i - 1) != ","
            || !matches!(
                l,
                "adding" | "saying" | "insisting" | "noting" | "stressing" | "explaining" | "denying"
            )
        {
            continue;
        }
        let Some(cue) = lexicon::attribution_verb(&a.words[i].lemma) else { continue };
        let Some(prev) = out[first..]
            .iter()
            .rposition(|c| c.claimant.words.end <= i && c.content.start < i)
            .map(|p| first + p)
        else {
            continue;
        };
        if out[prev].content.contains(&i) {
            continue;
        }
        let start = if a.lower(i + 1) == "that" { i + 2 } else { i + 1 };
        let content = start..sent.end;
        let mut about = Vec::new();
        index.within(content.clone(), &mut about);
        let stance = cue.stance.unwrap_or(Stance::Asserts);
        out.push(ClaimDraft {
            claimant: out[prev].claimant.clone(),
            stance,
            hedged: content.clone().any(|k| hedges(a, k)),
            content,
            about,
            via_entity: out[prev].via_entity,
            via_claim: None,
            evidence: std::iter::once(sb..se).collect(),
            sentence: s,
            denies_fact: stance == Stance::Denies,
        });
    }
}

/// `about` with each ACCUSE event replaced by the acts it charges: the surviving events of
/// its sentence after its trigger whose actor is the accused. An accusation without such an
/// act stays.
fn charged_acts(events: &[EventDraft], alive: &[usize], about: &[usize]) -> Vec<usize> {
    let mut out = Vec::new();
    for &i in about {
        let e = &events[i];
        let acts: Vec<usize> = if e.event_type == EventType::Accuse && e.target.is_some() {
            alive
                .iter()
                .copied()
                .filter(|&j| {
                    let o = &events[j];
                    j != i
                        && o.sentence == e.sentence
                        && o.triggers[0].start > e.triggers[0].start
                        && o.actor == e.target
                })
                .collect()
        } else {
            Vec::new()
        };
        let acts = if acts.is_empty() { vec![i] } else { acts };
        for j in acts {
            if !out.contains(&j) {
                out.push(j);
            }
        }
    }
    out
}

/// True when word `i` hedges a claim's content; "May" written with a capital is the month
/// ("since 10 May"), not the modal.
fn hedges(a: &Annotation<'_>, i: usize) -> bool {
    lexicon::hedge_cue(a.lower(i)).is_some() && !(a.lower(i) == "may" && a.words[i].capitalized)
}

/// A sentence that is all quotation continues the quoted claim of the sentence before.
fn continue_quote(a: &Annotation<'_>, s: usize, quoted: &[bool], index: &EventIndex, out: &mut [ClaimDraft]) {
    let sent = a.sentences[s].words.clone();
    let inner = sent.clone().filter(|&i| !a.lower(i).chars().all(|c| !c.is_alphanumeric()));
    if sent.is_empty() || !inner.clone().all(|i| quoted[i]) || inner.count() == 0 {
        return;
    }
    let Some(last) = out.last_mut() else { return };
    if last.sentence + 1 != s || !last.content.clone().any(|i| quoted[i]) {
        return;
    }
    last.evidence.push(a.sentences[s].start..a.sentences[s].end);
    index.within(sent.clone(), &mut last.about);
    if first_person_denial(a, sent) {
        last.stance = Stance::Denies;
        last.denies_fact = true;
    }
}

/// True when the content is the speaker's own denial ("we have always rejected").
fn first_person_denial(a: &Annotation<'_>, r: Range<usize>) -> bool {
    let first_person = r.clone().any(|i| matches!(a.lower(i), "we" | "i" | "our"));
    first_person
        && r.clone().any(|i| {
            lexicon::attribution_verb(&a.words[i].lemma).is_some_and(|c| c.stance == Some(Stance::Denies))
        })
}

/// True when the content declares something false ("the report was false", "the claims
/// are baseless"): the claimant denies it.
fn calls_false(a: &Annotation<'_>, r: Range<usize>) -> bool {
    const FALSE: &[&str] = &["false", "untrue", "baseless", "unfounded", "fabricated", "groundless", "lies"];
    r.clone().any(|i| {
        FALSE.contains(&a.lower(i))
            && i > r.start
            && (matches!(a.lower(i - 1), "is" | "was" | "are" | "were" | "be" | "been")
                || (i > r.start + 1 && matches!(a.lower(i - 2), "is" | "was" | "are" | "were")))
    })
}

/// Events every claim about which denies them become `denied`.
pub fn apply_denials(events: &mut [EventDraft], claims: &[ClaimDraft]) {
    for (i, e) in events.iter_mut().enumerate() {
        let about: Vec<&ClaimDraft> = claims.iter().filter(|c| c.about.contains(&i)).collect();
        if e.status == EventStatus::Reported
            && !about.is_empty()
            && about.iter().all(|c| c.stance == Stance::Denies && c.denies_fact)
        {
            e.status = EventStatus::Denied;
        }
    }
}
