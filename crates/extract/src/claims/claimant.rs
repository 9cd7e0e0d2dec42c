//! The claimant of a cue: the subject before a reporting verb, the phrase after
//! "according to" or "reviewed by", its kind, count and entity.

use std::ops::Range;

use claimgraph_core::extraction::{ClaimantKind, EntityKind, EntityType};
use claimgraph_kb::{Kb, MentionRole, ResolveContext};

use crate::annotate::Annotation;
use crate::entities::{EntityDraft, EntityTable, Mention};
use crate::events::trigger::is_aux_or_adverb;
use crate::lexicon;

/// A claimant found in text.
#[derive(Debug, Clone)]
pub struct ClaimantPhrase {
    /// Words of the phrase.
    pub words: Range<usize>,
    /// Entity, when the claimant is one.
    pub entity: Option<usize>,
    /// Name as written (a leading indefinite article dropped).
    pub name: String,
    /// Kind.
    pub kind: ClaimantKind,
    /// Count of sources.
    pub count: Option<u32>,
}

/// Words that end a claimant phrase.
fn stops(lower: &str) -> bool {
    matches!(
        lower,
        "," | "."
            | ";"
            | ":"
            | "\u{201c}"
            | "\u{201d}"
            | "\""
            | "("
            | ")"
            | "\u{2014}"
            | "\u{2013}"
            | "but"
            | "that"
            | "and"
            | "which"
            | "who"
            | "as"
            | "because"
            | "while"
            | "if"
            | "when"
            | "after"
            | "before"
            | "said"
            | "says"
    )
}

/// The subject phrase ending before a verb cue at `v`; a relative clause set off by commas
/// between subject and verb is skipped ("the document, which was ..., states").
pub fn subject_before(a: &Annotation<'_>, v: usize, floor: usize) -> Option<Range<usize>> {
    let mut end = v;
    while end > floor && is_aux_or_adverb(a.lower(end - 1)) {
        end -= 1;
    }
    let mut start = end;
    while start > floor && !stops(a.lower(start - 1)) && end - start < 9 {
        start -= 1;
    }
    // "Two diplomats who spoke on condition of anonymity said": the relative clause
    // describes the source; its head stands before "who".
    if start > floor + 1 && a.lower(start - 1) == "who" && !stops(a.lower(start - 2)) {
        let mut s2 = start - 1;
        while s2 > floor && !stops(a.lower(s2 - 1)) && start - s2 < 6 {
            s2 -= 1;
        }
        if s2 < start - 1 {
            start = s2;
        }
    }
    if start == end && start > floor && a.lower(start - 1) == "," {
        // ", which ..., states": jump over the relative clause.
        let comma = start - 1;
        let open = (floor..comma)
            .rev()
            .take(30)
            .find(|&i| a.lower(i) == "," && matches!(a.lower(i + 1), "which" | "who"));
        // "Avi Cohen, a military spokesman, said": the name and its apposition.
        let Some(open) = open else {
            let open = (floor..comma).rev().take(10).find(|&i| a.lower(i) == ",")?;
            let mut s2 = open;
            while s2 > floor && !stops(a.lower(s2 - 1)) && open - s2 < 6 {
                s2 -= 1;
            }
            let appositive = comma - open > 1 && (open + 1..comma).all(|i| !stops(a.lower(i)));
            return (appositive && s2 < open && a.words[s2..open].iter().any(|w| w.capitalized))
                .then_some(s2..comma);
        };
        end = open;
        start = end;
        while start > floor && !stops(a.lower(start - 1)) && end - start < 9 {
            start -= 1;
        }
    }
    (start < end).then_some(start..end)
}

/// `phrase` (found by word order before the verb cue at `v`) cut to the verb's subject
/// when the verb heads a relative clause on a noun inside the phrase: in "more than the
/// four deaths the army announced" the claimant is "the army", not the noun phrase the
/// clause hangs from. Only then: elsewhere the words decide, since a misparse ("two
/// sources familiar with the intelligence confirmed", with "intelligence" as subject)
/// would cut a right phrase. Never longer than `phrase`; unchanged without a parse.
pub fn trim_to_subject(a: &Annotation<'_>, v: usize, phrase: Range<usize>) -> Range<usize> {
    let Some(heads) = &a.heads else { return phrase };
    let relative = a.deprel(v) == Some("acl:relcl") && heads[v].is_some_and(|h| phrase.contains(&h));
    let subject = a.dependents(v, "nsubj").into_iter().find(|j| phrase.contains(j));
    let (true, Some(j)) = (relative, subject) else { return phrase };
    if heads[v].is_some_and(|h| h >= j) {
        return phrase;
    }
    // the first word of the phrase that hangs from the subject's head
    let under = |k: usize| {
        let mut at = Some(k);
        for _ in 0..32 {
            match at {
                Some(x) if x == j => return true,
                Some(x) => at = heads.get(x).copied().flatten(),
                None => return false,
            }
        }
        false
    };
    let start = (phrase.start..=j).find(|&k| under(k)).unwrap_or(phrase.start);
    start..phrase.end
}

/// The speaker after a reporting verb at `v` that follows the words it reports
/// (`"We were peaceful," said Nahid Islam, a coordinator of the movement.`, `Two buses
/// burned, said the police.`): the noun phrase up to the next clause or date, with a name's
/// apposition. `None` unless the verb comes right after a closing quote or a comma, with
/// words reported before it, and a noun phrase follows.
pub fn speaker_after(a: &Annotation<'_>, v: usize, floor: usize, end: usize) -> Option<Range<usize>> {
    let prev = if v > floor { a.lower(v - 1) } else { return None };
    let quote = |s: &str| matches!(s, "\"" | "\u{201d}");
    let after_quote = quote(prev) || (prev == "," && v > floor + 1 && quote(a.lower(v - 2)));
    if !(after_quote || prev == ",") || v < floor + 3 {
        return None;
    }
    let first = v + 1;
    if first >= end {
        return None;
    }
    let f = a.lower(first);
    let np_start = crate::events::trigger::is_determiner(f)
        || a.words[first].capitalized
        || matches!(f, "he" | "she" | "they")
        || a.words[first].pos == crate::annotate::Pos::Noun;
    if !np_start || matches!(f, "that" | "this" | "it" | "on" | "in") {
        return None;
    }
    // A bare comma before the verb: only a whole clause reported ("Two buses burned, said
    // the police"), not an introductory phrase ("In Gao, said ...") or a list.
    if !after_quote && !(floor..v - 1).any(|i| a.words[i].pos == crate::annotate::Pos::Verb) {
        return None;
    }
    let stop = |i: usize| {
        stops(a.lower(i)) || opens_adverbial(a.lower(i)) || matches!(a.lower(i), "adding" | "saying")
    };
    let mut e = first;
    while e < end && !stop(e) && e - first < 9 {
        e += 1;
    }
    // "said a local official who asked not to be named": the relative clause describes the
    // speaker (and may make the source anonymous)
    if e > first
        && let Some(close) = relative_clause_end(a, e, end)
    {
        return Some(first..close);
    }
    // The speaker ends the clause ("..., said the police."): a phrase that runs on into a
    // verb is the reported clause itself ("UNRWA, said more than 6,000 people had been
    // sheltering there").
    let verbless = a.words[first..e].iter().all(|w| w.pos != crate::annotate::Pos::Verb);
    let ends_clause = e == end || matches!(a.lower(e), "," | "." | ";") || opens_adverbial(a.lower(e));
    if e == first || !verbless || !ends_clause {
        return None;
    }
    // "Nahid Islam, a coordinator of the movement": a name's apposition belongs to it.
    let named = a.words[first..e].iter().any(|w| w.capitalized);
    if named && e + 1 < end && a.lower(e) == "," && matches!(a.lower(e + 1), "a" | "an" | "the") {
        let mut e2 = e + 1;
        while e2 < end && !stops(a.lower(e2)) && e2 - e < 9 {
            e2 += 1;
        }
        if e2 < end && matches!(a.lower(e2), "," | "." | ";") {
            e = e2;
        }
    }
    Some(first..e)
}

/// Words that open a time or place adverbial after a speaker ("said the police on Friday",
/// "said a spokesman in Kabul", "said the army late on Monday").
fn opens_adverbial(lower: &str) -> bool {
    matches!(
        lower,
        "on" | "in"
            | "at"
            | "during"
            | "yesterday"
            | "today"
            | "tonight"
            | "earlier"
            | "later"
            | "late"
            | "last"
            | "overnight"
    )
}

/// The end (the closing comma, full stop or semicolon) of a relative clause "who ..."
/// starting at word `w` that describes a source ("two officials who spoke on condition of
/// anonymity,"), within a dozen words and no quotation mark.
fn relative_clause_end(a: &Annotation<'_>, w: usize, end: usize) -> Option<usize> {
    if w >= end || a.lower(w) != "who" {
        return None;
    }
    (w + 1..end.min(w + 13))
        .find(|&k| matches!(a.lower(k), "," | "." | ";" | "\"" | "\u{201c}" | "\u{201d}"))
        .filter(|&k| matches!(a.lower(k), "," | "." | ";"))
}

/// The phrase after a source cue ending at `w` ("according to X", "reviewed by X").
pub fn phrase_after(a: &Annotation<'_>, w: usize, end: usize) -> Option<Range<usize>> {
    let mut e = w;
    while e < end && !stops(a.lower(e)) && e - w < 9 {
        // Another cue starts: "a document reviewed by CNN".
        if e > w
            && matches!(
                a.lower(e),
                "reviewed" | "obtained" | "seen" | "viewed" | "cited" | "quoted" | "identified"
            )
        {
            break;
        }
        e += 1;
    }
    // "according to two aid officials who spoke on condition of anonymity": the relative
    // clause describes the source (and makes it anonymous)
    if e > w
        && let Some(close) = relative_clause_end(a, e, end)
    {
        return Some(w..close);
    }
    (w < e).then_some(w..e)
}

fn kind_of_entity(k: Option<EntityKind>) -> Option<ClaimantKind> {
    Some(match k? {
        EntityKind::Media => ClaimantKind::Media,
        EntityKind::State | EntityKind::Government | EntityKind::Military | EntityKind::Agency => {
            ClaimantKind::Government
        }
        EntityKind::Person => ClaimantKind::Person,
        EntityKind::ArmedGroup | EntityKind::Organization | EntityKind::Group => ClaimantKind::Organization,
        // "Kyiv says": a place speaks through its authorities
        EntityKind::Place => ClaimantKind::Government,
        EntityKind::Facility => return None,
    })
}

/// Analyzes a claimant phrase: kind and count from the phrase, entity from the names in it
/// (a media name makes the outlet the claimant: "CNN's Zachary Cohen reported").
pub fn analyze(
    a: &Annotation<'_>,
    t: &mut EntityTable,
    kb: &Kb,
    words: Range<usize>,
) -> Option<ClaimantPhrase> {
    let forms: Vec<&str> = words.clone().map(|i| &a.text[a.words[i].start..a.words[i].end]).collect();
    let an = lexicon::analyze_claimant(&forms)?;
    let head = words.start + an.head.min(forms.len() - 1);
    let mut start = words.start;
    if matches!(a.lower(start), "a" | "an") && words.len() > 1 {
        start += 1;
    }
    let name = a.slice(start..words.end).to_string();
    let mentions: Vec<Mention> = t.mentions_in(words.clone()).cloned().collect();
    if let Some(m) = mentions.iter().find(|m| t.entities[m.entity].kind == Some(EntityKind::Media)) {
        return Some(ClaimantPhrase {
            words,
            entity: Some(m.entity),
            name,
            kind: ClaimantKind::Media,
            count: None,
        });
    }
    if let Some(m) = mentions.iter().find(|m| m.words.contains(&head) || m.words.end == words.end) {
        let e = &t.entities[m.entity];
        let kind = kind_of_entity(e.kind).unwrap_or(an.kind);
        let kind = if an.kind == ClaimantKind::Document { an.kind } else { kind };
        let entity = (an.kind != ClaimantKind::Document).then_some(m.entity);
        return Some(ClaimantPhrase { words, entity, name, kind, count: an.count });
    }
    if matches!(an.kind, ClaimantKind::Anonymous | ClaimantKind::Document) {
        return Some(ClaimantPhrase { words, entity: None, name, kind: an.kind, count: an.count });
    }
    // A described person or body acting for a named actor ("a Taliban spokesman").
    let ctx = ResolveContext { role: MentionRole::Actor, ..ResolveContext::default() };
    let entity = kb
        .resolve(&name, &ctx)
        .filter(|r| !matches!(r.kind, EntityKind::Place | EntityKind::Facility))
        .map(|r| {
            let e = t.intern(EntityDraft {
                name: if r.kb_id.is_some() { r.name.clone() } else { name.clone() },
                entity_type: if r.kind == EntityKind::Person { EntityType::Per } else { r.entity_type },
                kind: Some(r.kind),
                country: r.country,
                kb_id: r.kb_id,
                parent: r.acting_for.or(r.parent),
                lat: None,
                lon: None,
                geonames_id: None,
                is_place: false,
            });
            t.add_nested_mention(Mention {
                entity: e,
                words: start..words.end,
                anaphoric: false,
                as_place: false,
            });
            e
        });
    Some(ClaimantPhrase { words, entity, name, kind: an.kind, count: an.count })
}
