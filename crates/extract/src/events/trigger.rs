//! Event triggers: multi-word patterns first, then single verbs and nouns looked up in the
//! PLOVER trigger lexicon with a part of speech guessed from the tagger or from the words
//! around (determiners before nouns, auxiliaries and pronouns before verbs).

use std::ops::Range;

use claimgraph_core::extraction::EventType;

use crate::annotate::{Annotation, Pos};
use crate::entities::EntityTable;
use crate::lexicon::{self, TriggerPos, TriggerSense};

/// Lowest prior weight of a single-word sense that is taken as a trigger.
const MIN_WEIGHT: f32 = 0.5;

/// One trigger occurrence.
#[derive(Debug, Clone)]
pub struct Trigger {
    /// Words of the trigger (a pattern may span several).
    pub words: Range<usize>,
    /// The word that carries the event (the verb, or the noun of a nominal trigger).
    pub head: usize,
    /// The sense chosen.
    pub sense: TriggerSense,
    /// True for nominal triggers ("the attack").
    pub nominal: bool,
}

/// Determiners and possessives that announce a noun.
pub fn is_determiner(lower: &str) -> bool {
    matches!(
        lower,
        "a" | "an"
            | "the"
            | "this"
            | "that"
            | "these"
            | "those"
            | "their"
            | "its"
            | "his"
            | "her"
            | "our"
            | "my"
            | "your"
            | "any"
            | "no"
            | "some"
            | "each"
            | "every"
            | "such"
            | "another"
            | "'s"
            | "of"
            | "for"
            | "more"
            | "further"
    )
}

/// Words after which a verb follows.
pub fn is_verb_context(lower: &str) -> bool {
    matches!(
        lower,
        "to" | "will"
            | "would"
            | "may"
            | "might"
            | "could"
            | "can"
            | "should"
            | "must"
            | "did"
            | "do"
            | "does"
            | "not"
            | "has"
            | "have"
            | "had"
            | "was"
            | "were"
            | "is"
            | "are"
            | "be"
            | "been"
            | "being"
            | "he"
            | "she"
            | "they"
            | "we"
            | "i"
            | "who"
            | "which"
            | "never"
            | "also"
            | "reportedly"
            | "allegedly"
            | "ultimately"
            | "then"
            | "later"
            | "n't"
    )
}

/// Words that are auxiliaries, modals or adverbs between a subject and its verb.
pub fn is_aux_or_adverb(lower: &str) -> bool {
    matches!(
        lower,
        "will"
            | "would"
            | "may"
            | "might"
            | "could"
            | "can"
            | "should"
            | "must"
            | "did"
            | "do"
            | "does"
            | "not"
            | "n't"
            | "has"
            | "have"
            | "had"
            | "was"
            | "were"
            | "is"
            | "are"
            | "be"
            | "been"
            | "being"
            | "never"
            | "also"
            | "reportedly"
            | "allegedly"
            | "ultimately"
            | "then"
            | "later"
            | "first"
            | "long"
            | "already"
            | "just"
            | "recently"
            | "previously"
            | "repeatedly"
            | "likely"
            | "probably"
            | "apparently"
    ) || lower.ends_with("ly")
}

/// The part of speech of word `i` for trigger lookup.
pub fn guess_pos(a: &Annotation<'_>, i: usize) -> Pos {
    let w = &a.words[i];
    if w.pos != Pos::Other {
        return w.pos;
    }
    let prev = if i > 0 && a.words[i - 1].sentence == w.sentence { a.lower(i - 1) } else { "" };
    if is_determiner(prev)
        || prev.ends_with("'s")
        || prev.chars().all(|c| c.is_ascii_digit()) && !prev.is_empty()
    {
        return Pos::Noun;
    }
    if is_verb_context(prev) {
        return Pos::Verb;
    }
    let lower = w.lower.as_str();
    if lower.ends_with("ed") || (lower != w.lemma && !lower.ends_with('s')) {
        return Pos::Verb;
    }
    if lower.ends_with("ing") {
        return if is_determiner(prev) { Pos::Noun } else { Pos::Verb };
    }
    Pos::Noun
}

/// The preferred sense of a list (the lexicon orders curated senses first), if strong
/// enough.
fn best(senses: &'static [TriggerSense]) -> Option<TriggerSense> {
    senses.iter().find(|s| s.weight >= MIN_WEIGHT).cloned()
}

/// True when a pattern match runs over clause punctuation, a conjunction or a hedge: the
/// words are then two phrases, not one trigger.
fn pattern_crosses(a: &Annotation<'_>, r: Range<usize>) -> bool {
    r.len() > 6
        || r.clone().skip(1).any(|i| {
            let l = a.lower(i);
            l == "and"
                || l == "or"
                || super::args::is_boundary(l)
                || !l.chars().any(char::is_alphanumeric)
                || lexicon::hedge_cue(l).is_some()
                || lexicon::attribution_verb(&a.words[i].lemma).is_some()
        })
}

/// Finds triggers in sentence `s`.
pub fn find_triggers(a: &Annotation<'_>, t: &EntityTable, s: usize, out: &mut Vec<Trigger>) {
    let words = a.sentences[s].words.clone();
    let lemmas: Vec<&str> = a.words[words.clone()].iter().map(|w| w.lemma.as_str()).collect();
    let mut i = words.start;
    while i < words.end {
        let w = &a.words[i];
        // Names are not triggers ("Defense Intelligence Agency"), nor are the parts of
        // hyphenated modifiers ("Taliban-linked").
        if t.mention_at(i).is_some()
            || (i > words.start && a.lower(i - 1) == "-")
            || (w.capitalized && i > words.start && !a.words[i - 1].lower.starts_with(['"', '\u{201c}']))
        {
            i += 1;
            continue;
        }
        let rel = i - words.start;
        let lowers: Vec<&str> = (i..(i + 4).min(words.end)).map(|k| a.lower(k)).collect();
        if let Some((len, _)) = lexicon::match_attribution_phrase(&lowers) {
            i += len;
            continue;
        }
        let speech = lexicon::attribution_verb(&w.lemma).is_some_and(|c| c.event.is_none());
        if let Some((len, sense)) = lexicon::match_pattern(&lemmas[rel..(rel + 8).min(lemmas.len())])
            && len > 1
            && !pattern_crosses(a, i..i + len)
            && !ends_in_function_word(a.lower(i + len - 1))
            && !(a.words[i].lower.ends_with("ing")
                && i > words.start
                && is_preposition_word(a.lower(i - 1))
                && !accusation_before(a, i))
            && !(speech && reports_a_clause(a, i..i + len))
        {
            let head = if sense.pos == TriggerPos::Noun {
                (i..i + len)
                    .rev()
                    .find(|&k| !lexicon::triggers(&a.words[k].lemma, TriggerPos::Noun).is_empty())
                    .unwrap_or(i + len - 1)
            } else {
                i
            };
            out.push(Trigger { words: i..i + len, head, nominal: sense.pos == TriggerPos::Noun, sense });
            i += len;
            continue;
        }
        // A speech act is no event, except one that is also an act against someone
        // ("accused", PLOVER's ACCUSE)
        if speech {
            i += 1;
            continue;
        }
        let pos = guess_pos(a, i);
        let sense = match pos {
            Pos::Verb => best(lexicon::triggers(&w.lemma, TriggerPos::Verb)),
            Pos::Noun => best(lexicon::triggers(&w.lemma, TriggerPos::Noun))
                .or_else(|| best(lexicon::triggers(&w.lower, TriggerPos::Noun))),
            Pos::Other => None,
        };
        let sense = sense.map(|s| transfer_reading(a, i, pos, s));
        // A gerund after a preposition names an act without asserting it ("the promise of
        // removing troops", "tasked with investigating").
        let prev = if i > words.start { a.lower(i - 1) } else { "" };
        // An accusation asserts it, though ("accused the group of shelling", "blamed the
        // rebels for attacking").
        let sense = sense.filter(|_| {
            !(pos == Pos::Verb && w.lower.ends_with("ing") && is_preposition_word(prev))
                || accusation_before(a, i)
        });
        // "bounties for attacks": the purpose of another act, not a happening.
        let sense = sense.filter(|_| {
            !(pos == Pos::Noun
                && prev == "for"
                && i >= words.start + 2
                && out.last().is_some_and(|o: &Trigger| o.nominal && o.words.end + 1 == i))
        });
        if let Some(sense) = sense {
            out.push(Trigger { words: i..i + 1, head: i, nominal: pos == Pos::Noun, sense });
        }
        i += 1;
    }
}

/// True when a pattern opened by a reporting verb at `r.start` runs into a clause the verb
/// reports about someone else: a word of the span other than a personal pronoun is the
/// subject of a later word of it. CAMEO's `SAY * ATTACK` ("reported an attack") would
/// otherwise take "said troops had attacked" for one trigger of the verb "say", and its
/// `ANNOUNCE * ARREST` "said police arrested" (the words it reports are triggers on their
/// own). A pronoun is the speaker speaking for itself ("Hungary said it will support"), as
/// CAMEO's patterns read it. Without a parse, the pattern stands.
fn reports_a_clause(a: &Annotation<'_>, r: Range<usize>) -> bool {
    let Some(heads) = &a.heads else { return false };
    (r.start + 1..r.end).any(|k| {
        a.deprel(k).is_some_and(|d| d.starts_with("nsubj"))
            && heads[k].is_some_and(|h| h > k && h < r.end)
            && !matches!(a.lower(k), "it" | "they" | "he" | "she" | "we" | "i")
    })
}

/// True when the gerund at word `i` is what an accusation before it charges someone with:
/// "accused X of V-ing", "blamed X for V-ing", within a few words and no clause break.
fn accusation_before(a: &Annotation<'_>, i: usize) -> bool {
    let prep = a.lower(i - 1);
    let floor = a.sentence_of(i).words.start;
    for k in (i.saturating_sub(8).max(floor)..i - 1).rev() {
        if super::args::is_boundary(a.lower(k)) {
            return false;
        }
        match a.words[k].lemma.as_str() {
            "accuse" | "charge" | "suspect" | "convict" => return prep == "of",
            "blame" | "condemn" | "criticize" | "criticise" => return prep == "for",
            _ => {}
        }
    }
    false
}

/// Prepositions that take a gerund.
fn is_preposition_word(lower: &str) -> bool {
    matches!(
        lower,
        "of" | "for" | "with" | "by" | "in" | "on" | "about" | "from" | "to" | "without" | "after" | "before"
    )
}

/// True for words a trigger pattern should not end with ("ordered a strike to").
fn ends_in_function_word(lower: &str) -> bool {
    matches!(lower, "to" | "a" | "an" | "the" | "of" | "with" | "on" | "in" | "at" | "for" | "by" | "from")
}

/// Verbs filed under material cooperation that also transfer something ("pay", "provide")
/// read as AID unless the text marks cooperation with "with" or "together".
fn transfer_reading(a: &Annotation<'_>, i: usize, pos: Pos, s: TriggerSense) -> TriggerSense {
    if pos != Pos::Verb || s.plover != EventType::Cooperate {
        return s;
    }
    let end = a.sentence_of(i).words.end;
    if (i + 1..(i + 5).min(end)).any(|k| matches!(a.lower(k), "with" | "together" | "jointly")) {
        return s;
    }
    lexicon::triggers(&a.words[i].lemma, TriggerPos::Verb)
        .iter()
        .find(|x| x.plover == EventType::Aid && x.weight >= MIN_WEIGHT)
        .cloned()
        .unwrap_or(s)
}

/// True when the type's target usually follows "against", "on" or "at".
pub fn hostile(ty: EventType) -> bool {
    matches!(
        ty,
        EventType::Assault
            | EventType::Coerce
            | EventType::Threaten
            | EventType::Accuse
            | EventType::Sanction
            | EventType::Protest
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_words_and_contexts() {
        assert!(is_determiner("their") && is_determiner("'s") && !is_determiner("attack"));
        assert!(is_verb_context("has") && is_verb_context("who") && !is_verb_context("the"));
        assert!(is_aux_or_adverb("reportedly") && is_aux_or_adverb("had") && !is_aux_or_adverb("troops"));
        assert!(ends_in_function_word("to") && !ends_in_function_word("attack"));
        assert!(hostile(EventType::Assault) && !hostile(EventType::Aid));
    }
}
