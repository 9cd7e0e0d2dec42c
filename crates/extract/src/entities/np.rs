//! Descriptive noun phrases that act in events without a name: "local security forces",
//! "armed gunmen". A phrase whose modifier is already a name ("Taliban fighters", "US
//! troops") is left to that name's entity.

use claimgraph_core::extraction::{EntityKind, EntityType};

use super::{EntityDraft, EntityTable, Mention};
use crate::annotate::Annotation;

/// Head nouns of collective participants and their kind. Not "prisoners": mostly the
/// object of an exchange or release ("agreed to exchange prisoners", where the tagger may
/// read "exchange" as a noun), seldom a party.
fn force_kind(lower: &str) -> Option<EntityKind> {
    Some(match lower {
        "forces" | "troops" | "soldiers" | "personnel" | "police" | "policemen" | "gendarmes" => {
            EntityKind::Military
        }
        "militants" | "gunmen" | "rebels" | "insurgents" | "fighters" | "militia" | "militias"
        | "jihadists" | "assailants" | "attackers" => EntityKind::ArmedGroup,
        "protesters" | "demonstrators" | "civilians" | "villagers" | "residents" | "students" | "workers"
        | "farmers" | "traders" | "refugees" | "migrants" | "worshippers" | "pilgrims" | "activists"
        | "journalists" | "detainees" | "hostages" | "settlers" | "tribesmen" | "miners" => EntityKind::Group,
        _ => return None,
    })
}

/// True for the head noun of a collective participant ("gunmen", "troops", "civilians").
pub fn is_force_noun(lower: &str) -> bool {
    force_kind(lower).is_some()
}

/// The force phrase right after a possessive at word `w` ("its [local] fighters"): its
/// head word and kind.
pub fn force_phrase_after(a: &Annotation<'_>, w: usize) -> Option<(usize, EntityKind)> {
    let sent = a.words[w].sentence;
    for h in w + 1..(w + 4).min(a.words.len()) {
        if a.words[h].sentence != sent {
            return None;
        }
        if let Some(kind) = force_kind(&a.words[h].lower) {
            return Some((h, kind));
        }
        if a.words[h].capitalized || !modifier(&a.words[h].lower) {
            return None;
        }
    }
    None
}

/// Adds the unnamed force phrase `words` (its head last) as its own entity.
pub fn add_force_entity(
    a: &Annotation<'_>,
    t: &mut EntityTable,
    words: std::ops::Range<usize>,
    kind: EntityKind,
) {
    let e =
        t.intern(EntityDraft::unresolved(a.slice(words.clone()).to_string(), EntityType::Org, kind, false));
    t.add_mention(Mention { entity: e, words, anaphoric: false, as_place: false });
}

/// Words that may modify such a head ("local", "security", "armed", "government").
fn modifier(lower: &str) -> bool {
    lower.chars().any(char::is_alphabetic)
        && lower.chars().all(|c| c.is_alphabetic() || c == '-')
        && !crate::events::trigger::is_determiner(lower)
        && !lower.ends_with("ed")
        && !lower.ends_with("ing")
        && crate::lexicon::lemma(lower) == lower
        && !matches!(
            lower,
            "the"
                | "a"
                | "an"
                | "and"
                | "or"
                | "with"
                | "by"
                | "of"
                | "to"
                | "in"
                | "on"
                | "at"
                | "for"
                | "from"
                | "some"
                | "many"
                | "several"
                | "were"
                | "was"
                | "are"
                | "is"
                | "had"
                | "have"
                | "has"
                | "their"
                | "its"
                | "his"
                | "her"
                | "our"
                | "that"
                | "which"
                | "who"
                | "against"
                | "roughly"
                | "about"
                | "dead"
                | "when"
                | "where"
                | "while"
                | "as"
                | "after"
                | "before"
                | "if"
                | "because"
                | "since"
                | "until"
                | "than"
                | "then"
                | "but"
                | "nor"
        )
}

/// Adds an entity for each unnamed collective phrase.
pub fn add_force_phrases(a: &Annotation<'_>, t: &mut EntityTable) {
    for h in 0..a.words.len() {
        let Some(kind) = force_kind(&a.words[h].lower) else { continue };
        if t.mention_at(h).is_some() {
            continue;
        }
        let sent = a.words[h].sentence;
        let mut s = h;
        while s > 0
            && h - s < 3
            && a.words[s - 1].sentence == sent
            && !a.words[s - 1].capitalized
            && a.words[s - 1].pos != crate::annotate::Pos::Verb
            // "agreed to exchange prisoners": after "to", a verb the tagger may call a noun
            && !(s >= 2 && a.words[s - 2].sentence == sent && a.lower(s - 2) == "to")
            && modifier(&a.words[s - 1].lower)
        {
            s -= 1;
        }
        // A name right before the phrase owns it ("Taliban fighters").
        if s > 0 && t.mention_at(s - 1).is_some() {
            continue;
        }
        // So does the group a possessive points at ("its fighters"), and "the fighters" may
        // be the armed group named before: see `coref`.
        if s > 0
            && a.words[s - 1].sentence == sent
            && (matches!(a.lower(s - 1), "its" | "their")
                || (s == h && a.lower(s - 1) == "the" && super::coref::is_group_noun(&a.words[h].lower)))
        {
            continue;
        }
        add_force_entity(a, t, s..h + 1, kind);
    }
}
