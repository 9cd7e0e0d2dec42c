//! In-document coreference beyond names: identifications ("a foreign government,
//! identified to CNN as Iran"), their later definite repeats ("the foreign government"),
//! personal and possessive pronouns, and "the group".

use claimgraph_core::extraction::EntityKind;

use super::{EntityTable, Mention};
use crate::annotate::Annotation;

/// "X, identified (to Y) as Z": X becomes a mention of Z, later "the X" too; the words
/// from the verb to Z are skipped as event arguments.
pub fn resolve_identifications(a: &Annotation<'_>, t: &mut EntityTable) {
    let mut phrases: Vec<(Vec<String>, usize)> = Vec::new();
    for v in 1..a.words.len() {
        if !matches!(a.lower(v), "identified" | "named" | "described") || a.lower(v - 1) != "," {
            continue;
        }
        let sent = a.words[v].sentence;
        // The entity after "as" within six words.
        let Some(as_at) = (v + 1..(v + 7).min(a.words.len())).find(|&i| a.lower(i) == "as") else { continue };
        let Some(target) = t.mention_at(as_at + 1).cloned() else { continue };
        if target.words.start != as_at + 1 || t.entities[target.entity].is_place && target.as_place {
            continue;
        }
        // The phrase before the comma, back to its article.
        let comma = v - 1;
        let Some(det) = (comma.saturating_sub(6)..comma)
            .rev()
            .find(|&i| matches!(a.lower(i), "a" | "an" | "the") && a.words[i].sentence == sent)
        else {
            continue;
        };
        if (det + 1..comma).any(|i| !a.lower(i).chars().all(char::is_alphabetic)) || det + 1 >= comma {
            continue;
        }
        if t.add_mention(Mention {
            entity: target.entity,
            words: det..comma,
            anaphoric: true,
            as_place: false,
        }) {
            phrases.push(((det + 1..comma).map(|i| a.words[i].lower.clone()).collect(), target.entity));
        }
        t.skip.push(v..target.words.end);
    }
    // Later definite repeats of the identified phrase.
    for (words, e) in phrases {
        let n = words.len();
        for i in 1..a.words.len().saturating_sub(n) {
            if a.lower(i - 1) == "the" && (0..n).all(|k| a.words[i + k].lower == words[k]) {
                t.add_mention(Mention { entity: e, words: i - 1..i + n, anaphoric: true, as_place: false });
            }
        }
    }
}

/// Adjectives that make "the X group" a description of an armed group.
const ARMED_ADJECTIVES: &[&str] = &[
    "paramilitary",
    "militant",
    "armed",
    "rebel",
    "jihadist",
    "insurgent",
    "extremist",
    "islamist",
    "separatist",
];

/// True when the name starting at word `start` is introduced as an armed group: "an armed
/// group calling itself the X", "the militant group X", "a rebel movement known as X".
pub fn introduced_as_armed(a: &Annotation<'_>, start: usize) -> bool {
    let sent = a.words[start].sentence;
    let mut i = start;
    // the link words back from the name: "the", "calling itself", "called", "known as"
    for link in ["the", "itself", "calling", "called", "named", "as", "known", ","] {
        if i > 0 && a.words[i - 1].sentence == sent && a.lower(i - 1) == link {
            i -= 1;
        }
    }
    i >= 2
        && a.words[i - 2].sentence == sent
        && matches!(a.lower(i - 1), "group" | "movement" | "organization" | "organisation" | "militia")
        && ARMED_ADJECTIVES.contains(&a.lower(i - 2))
}

/// Last words of newspaper and agency names ("the Lakeside Observer", "the Harbour Times").
pub fn is_media_head(lower: &str) -> bool {
    matches!(
        lower,
        "observer"
            | "times"
            | "post"
            | "herald"
            | "guardian"
            | "journal"
            | "tribune"
            | "gazette"
            | "telegraph"
            | "chronicle"
            | "courier"
            | "globe"
            | "examiner"
            | "inquirer"
            | "dispatch"
            | "sentinel"
            | "monitor"
            | "wire"
            | "newswire"
            | "bulletin"
    )
}

/// "the Observer" after "the Lakeside Observer": the newspaper named in full before.
pub fn resolve_short_media_names(a: &Annotation<'_>, t: &mut EntityTable) {
    let mut added = Vec::new();
    for w in 1..a.words.len() {
        if a.lower(w - 1) != "the" || !a.words[w].capitalized || !is_media_head(a.lower(w)) {
            continue;
        }
        if t.mention_at(w).is_some() {
            continue;
        }
        let named =
            t.mentions.iter().take_while(|m| m.words.end <= w).filter(|m| m.words.len() > 1).find(|m| {
                t.entities[m.entity].kind == Some(EntityKind::Media) && a.lower(m.words.end - 1) == a.lower(w)
            });
        if let Some(m) = named {
            added.push(Mention { entity: m.entity, words: w - 1..w + 1, anaphoric: true, as_place: false });
        }
    }
    for m in added {
        t.add_mention(m);
    }
}

/// Nouns that, after "the", stand for the armed group named before ("the militants").
pub fn is_group_noun(lower: &str) -> bool {
    matches!(lower, "group" | "organization" | "militants" | "rebels" | "insurgents" | "fighters")
}

/// True when the possessive at `w` stands in the object of a verb whose subject is entity
/// `e` ("militants attacked their patrol"), and is not reflexive ("their own").
fn possessor_is_subject(a: &Annotation<'_>, t: &EntityTable, w: usize, e: usize) -> bool {
    let Some(heads) = &a.heads else { return false };
    if a.lower(w + 1) == "own" {
        return false;
    }
    let Some(n) = heads[w] else { return false };
    if !a.deprel(n).is_some_and(|d| matches!(d, "obj" | "iobj") || d.starts_with("obl")) {
        return false;
    }
    let Some(v) = heads[n] else { return false };
    a.dependents(v, "nsubj").into_iter().any(|k| t.mention_at(k).is_some_and(|m| m.entity == e))
}

/// Pronouns and "the group" resolved to the most recent fitting name.
pub fn resolve_pronouns(a: &Annotation<'_>, t: &mut EntityTable) {
    let mut last_person: Option<(usize, usize)> = None; // (entity, sentence)
    let mut last_group: Option<(usize, usize)> = None;
    // the group named before `last_group` (another entity)
    let mut prev_group: Option<(usize, usize)> = None;
    let mut last_armed: Option<(usize, usize)> = None;
    let mut next = 0;
    let mut added = Vec::new();
    let mut unowned = Vec::new();
    for w in 0..a.words.len() {
        while next < t.mentions.len() && t.mentions[next].words.start <= w {
            let m = &t.mentions[next];
            if !m.as_place {
                let e = &t.entities[m.entity];
                let s = a.words[m.words.start].sentence;
                if e.is_person() {
                    last_person = Some((m.entity, s));
                } else if e.is_group() && e.kind != Some(EntityKind::Media) {
                    if last_group.is_some_and(|(g, _)| g != m.entity) {
                        prev_group = last_group;
                    }
                    last_group = Some((m.entity, s));
                    if e.kind == Some(EntityKind::ArmedGroup) {
                        last_armed = Some((m.entity, s));
                    }
                }
            }
            next += 1;
        }
        let s = a.words[w].sentence;
        let recent = |x: Option<(usize, usize)>| x.filter(|&(_, ms)| s - ms <= 1).map(|(e, _)| e);
        // "its fighters attacked", "their local forces withdrew": as subjects, the group
        // named before acts through them; elsewhere ("Syria will withdraw its troops")
        // they are a phrase of their own, or the group would act on itself
        if matches!(a.lower(w), "its" | "their")
            && let Some((h, kind)) = super::np::force_phrase_after(a, w)
        {
            let subject = a.deprel(h).is_some_and(|r| r.starts_with("nsubj"));
            match recent(last_group).filter(|_| subject) {
                Some(e) => {
                    added.push(Mention { entity: e, words: w..h + 1, anaphoric: true, as_place: false })
                }
                None => unowned.push((w + 1..h + 1, kind)),
            }
            continue;
        }
        // "the fighters": the armed group named before, else a phrase of its own
        if w > 0
            && a.lower(w - 1) == "the"
            && a.words[w - 1].sentence == s
            && super::np::is_force_noun(a.lower(w))
            && is_group_noun(a.lower(w))
        {
            match last_armed {
                Some((e, _)) => {
                    added.push(Mention { entity: e, words: w - 1..w + 1, anaphoric: true, as_place: false })
                }
                None => unowned.push((w..w + 1, EntityKind::ArmedGroup)),
            }
            continue;
        }
        let (target, len) = match a.lower(w) {
            "he" | "him" | "his" | "she" | "her" => (recent(last_person), 1),
            // "militants attacked their patrol": not the militants' own (that would be
            // "their own patrol") but the group before
            "their" if recent(last_group).is_some_and(|e| possessor_is_subject(a, t, w, e)) => {
                (recent(prev_group).filter(|&p| Some(p) != recent(last_group)), 1)
            }
            "they" | "their" | "them" => (recent(last_group), 1),
            "group" | "organization" if w > 0 && a.lower(w - 1) == "the" => (last_armed.map(|(e, _)| e), 2),
            // "the paramilitary group", "the armed group".
            "group" | "organization" | "movement"
                if w > 1 && a.lower(w - 2) == "the" && ARMED_ADJECTIVES.contains(&a.lower(w - 1)) =>
            {
                (last_armed.map(|(e, _)| e), 3)
            }
            _ => (None, 0),
        };
        if let Some(e) = target {
            added.push(Mention { entity: e, words: w + 1 - len..w + 1, anaphoric: true, as_place: false });
        }
    }
    for m in added {
        t.add_mention(m);
    }
    for (words, kind) in unowned {
        if t.mention_at(words.start).is_none() {
            super::np::add_force_entity(a, t, words, kind);
        }
    }
}
