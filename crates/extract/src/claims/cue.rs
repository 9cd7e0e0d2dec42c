//! Attribution cues of a sentence: reporting verbs used as finite verbs ("said",
//! "has denied", "states"), source phrases ("according to"), document access ("reviewed
//! by") and relays ("identified to"). Cues inside quotations are the quoted speaker's
//! words, not attributions of the text.

use std::ops::Range;

use crate::annotate::{Annotation, Pos};
use crate::events::trigger::{is_aux_or_adverb, is_determiner};
use crate::lexicon::{self, AttributionCue};

/// Reporting verbs that express inference or description rather than a report; they do
/// not open a claim on their own.
const WEAK: &[&str] = &[
    "believe", "think", "conclude", "find", "show", "suggest", "assess", "estimate", "predict", "describe",
    "indicate", "brief", "document", "detail", "specify", "recall", "observe", "post", "publish", "comment",
    "mention", "explain", "quote", "cite", "downplay", "add",
];

/// One cue occurrence.
#[derive(Debug, Clone)]
pub struct CueHit {
    /// Words of the cue.
    pub words: Range<usize>,
    /// The cue.
    pub cue: AttributionCue,
}

/// For each word of the document, whether it lies inside a quotation.
pub fn quoted_words(a: &Annotation<'_>) -> Vec<bool> {
    let mut out = vec![false; a.words.len()];
    for s in &a.sentences {
        let mut open = false;
        for i in s.words.clone() {
            match a.lower(i) {
                "\u{201c}" => open = true,
                "\u{201d}" => open = false,
                "\"" => open = !open,
                _ => out[i] = open,
            }
        }
    }
    out
}

/// True when word `i` is a finite reporting verb form.
fn finite(a: &Annotation<'_>, i: usize, floor: usize) -> bool {
    let w = &a.words[i];
    let prev = if i > floor { a.lower(i - 1) } else { "" };
    if is_determiner(prev) || prev.ends_with("'s") || w.lower.ends_with("ing") {
        return false;
    }
    // "denied reports that ...", "rejected claims that ...": the object of a verb that
    // answers a claim is a noun
    if i > floor
        && w.lower.ends_with('s')
        && (lexicon::attribution_verb(&a.words[i - 1].lemma).is_some()
            || matches!(a.words[i - 1].lemma.as_str(), "reject" | "dismiss" | "refute" | "cite" | "welcome"))
    {
        return false;
    }
    // A participle after "was"/"were" is passive: "was downplayed by" is not a claim here.
    // Nor is a negated report ("could not independently verify", "did not confirm"): it
    // says what the speaker does not claim.
    let mut k = i;
    while k > floor && is_aux_or_adverb(a.lower(k - 1)) {
        if matches!(
            a.lower(k - 1),
            "was" | "were" | "been" | "be" | "is" | "are" | "being" | "not" | "n't" | "never"
        ) {
            return false;
        }
        k -= 1;
    }
    // "aid workers say", "they say": a present-tense verb after its plural subject
    let plural_subject = matches!(prev, "they" | "we" | "i" | "you")
        || (i > floor && a.words[i - 1].pos == Pos::Noun && w.pos == Pos::Verb);
    w.lower != w.lemma || w.lower.ends_with('s') || is_aux_or_adverb(prev) || plural_subject
}

/// Attribution cues of sentence `s`.
pub fn find_cues(a: &Annotation<'_>, s: usize, quoted: &[bool]) -> Vec<CueHit> {
    let words = a.sentences[s].words.clone();
    let lowers: Vec<&str> = a.words[words.clone()].iter().map(|w| w.lower.as_str()).collect();
    let mut out = Vec::new();
    let mut i = words.start;
    while i < words.end {
        if quoted[i] || (i > words.start && a.lower(i - 1) == "-") {
            i += 1;
            continue;
        }
        let rel = i - words.start;
        if let Some((len, cue)) = lexicon::match_attribution_phrase(&lowers[rel..]) {
            out.push(CueHit { words: i..i + len, cue });
            i += len;
            continue;
        }
        let w = &a.words[i];
        if let Some(cue) = lexicon::attribution_verb(&w.lemma)
            && !WEAK.contains(&w.lemma.as_str())
            && finite(a, i, words.start)
        {
            out.push(CueHit { words: i..i + 1, cue });
        }
        i += 1;
    }
    out
}
