//! Names to entities: KB scan matches and recognizer spans, resolved through the KB with
//! their role in the sentence, then coreference and descriptive noun phrases.

use claimgraph_core::extraction::{EntityKind, EntityType};
use claimgraph_kb::{Kb, MentionRole, ResolveContext, Resolved};
use claimgraph_ner::EntityLabel;

use super::{EntityDraft, EntityTable, Mention, coref, np};
use crate::annotate::Annotation;

/// Words after which a name is a location, not an actor.
const PLACE_PREPS: &[&str] = &[
    "in",
    "at",
    "near",
    "across",
    "throughout",
    "inside",
    "outside",
    "into",
    "around",
    "toward",
    "towards",
    "of",
];

/// Builds the entity table of a document.
pub fn build_entities(a: &Annotation<'_>, kb: &Kb, published: Option<&str>) -> EntityTable {
    let mut t = EntityTable::default();
    let doc_countries = kb.doc_countries(a.text);
    let byte_of_char = char_to_byte(a.text);
    let ctx = |label: Option<EntityType>, role: MentionRole| ResolveContext {
        ner_label: label,
        role,
        doc_countries: &doc_countries,
        nearby: &[],
        date: published,
    };
    // 1. KB aliases, unless a longer person name from the recognizer covers them.
    let matches = kb.find_in_text(a.text);
    let words_of =
        |m: &claimgraph_kb::Match<'_>| a.words_in_bytes(byte_of_char[m.start], byte_of_char[m.end]);
    let mut local_body: Option<std::ops::Range<usize>> = None;
    // organizations the recognizer names after a town, by first word: the town's country
    let mut named_after: Vec<(usize, Option<String>)> = Vec::new();
    // last words of the persons the recognizer names in full ("Fuad Hussein")
    let surnames: Vec<&str> = a
        .ner
        .iter()
        .filter(|n| n.label == EntityLabel::Per && n.words.len() > 1)
        .map(|n| a.lower(n.words.end - 1))
        .collect();
    for (mi, m) in matches.iter().enumerate() {
        let words = words_of(m);
        if words.is_empty() || local_body.as_ref().is_some_and(|r| r.contains(&words.start)) {
            continue;
        }
        // "the Dhaka Metropolitan Police": a town's own body, not the body of another
        // country the KB knows by the rest of the name (London's "Metropolitan Police").
        if let Some(next) = matches.get(mi + 1)
            && let Some(body) = local_body_name(a, &words, m, &words_of(next), next)
        {
            let e = t.intern(EntityDraft {
                country: m.candidates.first().and_then(|c| c.entry.country.clone()),
                ..EntityDraft::unresolved(
                    a.slice(body.clone()).to_string(),
                    EntityType::Org,
                    next.candidates[0].entry.kind,
                    false,
                )
            });
            t.add_mention(Mention { entity: e, words: body.clone(), anaphoric: false, as_place: false });
            local_body = Some(body);
            continue;
        }
        let ner = a.ner.iter().find(|n| n.words.start <= words.start && words.end <= n.words.end);
        let first = m.candidates.first().map(|c| c.entry.kind);
        // a town or site (or a town the KB knows only as a locale of its state)
        let town = m.candidates.first().is_some_and(|c| {
            matches!(c.entry.kind, EntityKind::Place | EntityKind::Facility)
                || c.alias == claimgraph_kb::AliasKind::Locale
        });
        if let Some(n) = ner
            && n.words.len() > words.len()
            && ((town && matches!(n.label, EntityLabel::Per | EntityLabel::Org))
                || (first == Some(EntityKind::Person) && n.label == EntityLabel::Per))
        {
            // a person, a newspaper or a body named after a town ("the Lakeside Observer",
            // "the Memphis Police Department"); a longer person's name than the
            // dictionary's ("Fuad Hussein" is not "Hussein")
            if town && n.label == EntityLabel::Org && n.words.start == words.start {
                named_after.push((n.words.start, m.candidates[0].entry.country.clone()));
            }
            continue;
        }
        // "Hussein told reporters" after "Fuad Hussein": the surname of the person named
        // before, which the recognizer's spans resolve (step 2), not the dictionary's Hussein
        if first == Some(EntityKind::Person) && words.len() == 1 && surnames.contains(&a.lower(words.start)) {
            // the full name may have been resolved already (by a longer alias): its surname
            if let Some(e) = t.person_by_surname(a.lower(words.start)) {
                t.add_mention(Mention { entity: e, words, anaphoric: false, as_place: false });
            }
            continue;
        }
        let role = role_of(a, words.start);
        let label = ner.map(|n| type_of_label(n.label));
        let r = kb.resolve(m.text, &ctx(label, role)).or_else(|| best_candidate(m, &doc_countries));
        // "near Tal Afar", "in Darfur": a place the KB knows only as a locale of its state
        // is that place (in that country), not the state
        let locale = r.as_ref().is_some_and(|r| {
            r.kind == EntityKind::State
                && m.candidates
                    .iter()
                    .find(|c| Some(&c.entry.kb_id) == r.kb_id.as_ref())
                    .is_some_and(|c| c.alias == claimgraph_kb::AliasKind::Locale)
        });
        if locale && role == MentionRole::Place {
            let country = r.and_then(|r| r.country);
            let e = t.intern(EntityDraft {
                country,
                entity_type: EntityType::Loc,
                ..EntityDraft::unresolved(m.text.to_string(), EntityType::Loc, EntityKind::Place, true)
            });
            t.add_mention(Mention { entity: e, words, anaphoric: false, as_place: true });
        } else if let Some(r) = r {
            add_resolved(&mut t, r, words, role == MentionRole::Place);
        }
    }
    // 2. Recognizer spans the KB did not name.
    let mut persons: Vec<(String, usize)> = Vec::new();
    for n in &a.ner {
        let covered = t.mentions_overlapping(n.words.clone());
        if covered {
            continue;
        }
        // A capitalized common noun of forces ("Gunmen on motorcycles attacked ...", first
        // in its sentence) is a descriptive phrase, not a name: left to `np`.
        if n.words.len() == 1 && np::is_force_noun(&a.words[n.words.start].lower) {
            continue;
        }
        let text = a.slice(n.words.clone()).trim_end_matches("'s").trim_end_matches("\u{2019}s");
        let label = type_of_label(n.label);
        // A lone surname refers to the person named in full before.
        if n.label == EntityLabel::Per && n.words.len() == 1 {
            let lower = a.words[n.words.start].lower.trim_end_matches("'s").to_string();
            if let Some((_, e)) = persons.iter().rev().find(|(last, _)| *last == lower) {
                let e = *e;
                t.add_mention(Mention {
                    entity: e,
                    words: n.words.clone(),
                    anaphoric: false,
                    as_place: false,
                });
                continue;
            }
        }
        let role = role_of(a, n.words.start);
        let e = match kb.resolve(text, &ctx(Some(label), role)) {
            Some(r) => add_resolved(&mut t, r, n.words.clone(), role == MentionRole::Place),
            None => {
                let (kind, is_place) = match n.label {
                    EntityLabel::Per => (EntityKind::Person, false),
                    EntityLabel::Org if coref::introduced_as_armed(a, n.words.start) => {
                        (EntityKind::ArmedGroup, false)
                    }
                    EntityLabel::Org if coref::is_media_head(&a.words[n.words.end - 1].lower) => {
                        (EntityKind::Media, false)
                    }
                    EntityLabel::Org if let Some(kind) = institution_kind(a, n.words.clone()) => {
                        (kind, false)
                    }
                    EntityLabel::Org => (EntityKind::Organization, false),
                    EntityLabel::Loc => (EntityKind::Place, true),
                };
                // "Memphis Police Department": in the country of the town it is named after
                let country =
                    named_after.iter().find(|(w, _)| *w == n.words.start).and_then(|(_, c)| c.clone());
                let e = t.intern(EntityDraft {
                    country,
                    ..EntityDraft::unresolved(text.to_string(), label, kind, is_place)
                });
                t.add_mention(Mention {
                    entity: e,
                    words: n.words.clone(),
                    anaphoric: false,
                    as_place: is_place,
                });
                Some(e)
            }
        };
        if let Some(e) = e
            && n.label == EntityLabel::Per
            && n.words.len() > 1
        {
            persons.push((a.words[n.words.end - 1].lower.clone(), e));
        }
    }
    np::add_force_phrases(a, &mut t);
    coref::resolve_identifications(a, &mut t);
    coref::resolve_pronouns(a, &mut t);
    coref::resolve_short_media_names(a, &mut t);
    t
}

/// The kind of an unknown organization that its name says: a police force is an agency
/// ("Memphis Police Department"), a ministry or government is a government ("Home
/// Ministry", "Lagos State Government").
fn institution_kind(a: &Annotation<'_>, words: std::ops::Range<usize>) -> Option<EntityKind> {
    let lowers: Vec<&str> = words.map(|i| a.lower(i)).collect();
    if lowers.iter().any(|l| matches!(*l, "police" | "gendarmerie" | "constabulary")) {
        return Some(EntityKind::Agency);
    }
    let ends = [lowers.first().copied(), lowers.last().copied()];
    let government = lowers.contains(&"ministry")
        || ends.iter().flatten().any(|l| matches!(*l, "government" | "cabinet" | "presidency"));
    government.then_some(EntityKind::Government)
}

/// The words of a local body's name made of a town the KB knows (`place`, words `pw`) and,
/// right after it, the name of a body of another country (`body`, words `bw`): "Dhaka
/// Metropolitan Police" is Dhaka's police, not London's. Only a town or region (not a
/// state: "Pakistan Taliban" is left to the KB), not after a locative preposition ("in
/// Kabul US forces ..." is a place and an actor), and only for bodies (agencies,
/// governments, forces, organizations, media).
fn local_body_name(
    a: &Annotation<'_>,
    pw: &std::ops::Range<usize>,
    place: &claimgraph_kb::Match<'_>,
    bw: &std::ops::Range<usize>,
    body: &claimgraph_kb::Match<'_>,
) -> Option<std::ops::Range<usize>> {
    let p = place.candidates.first()?.entry;
    let b = body.candidates.first()?.entry;
    let adjacent = pw.end == bw.start && a.words[pw.start].sentence == a.words[bw.start].sentence;
    let body_kind = matches!(
        b.kind,
        EntityKind::Agency
            | EntityKind::Government
            | EntityKind::Military
            | EntityKind::Organization
            | EntityKind::Media
    );
    let other_country = p.country.is_some() && b.country.is_some() && p.country != b.country;
    (adjacent
        && p.kind == EntityKind::Place
        && body_kind
        && other_country
        && role_of(a, pw.start) != MentionRole::Place)
        .then_some(pw.start..bw.end)
}

/// The best candidate of a KB match when the context rules all of them out, unless it is
/// a place named in another language in a country the document does not mention, or a
/// dictionary person ("Hussein" in a report on Iraq's Fuad Hussein is not Jordan's king).
fn best_candidate(m: &claimgraph_kb::Match<'_>, doc_countries: &[String]) -> Option<Resolved> {
    let ruled_out = |c: &claimgraph_kb::Candidate<'_>| {
        (c.alias == claimgraph_kb::AliasKind::AltName
            && !c.entry.country.as_ref().is_some_and(|cc| doc_countries.contains(cc)))
            || c.entry.kind == EntityKind::Person
    };
    m.candidates.first().filter(|c| !ruled_out(c)).map(|c| Resolved {
        kb_id: Some(c.entry.kb_id.clone()),
        name: c.entry.name.clone(),
        entity_type: c.entry.entity_type,
        kind: c.entry.kind,
        country: c.entry.country.clone(),
        cameo: c.entry.cameo.clone(),
        parent: c.entry.parent.clone(),
        acting_for: None,
        lat: c.entry.lat,
        lon: c.entry.lon,
        geonames_id: c.entry.geonames_id,
        score: c.score,
        why: String::new(),
    })
}

impl EntityTable {
    /// The latest person entity whose name ends with `surname` (case ignored).
    fn person_by_surname(&self, surname: &str) -> Option<usize> {
        (0..self.entities.len()).rev().find(|&e| {
            let d = &self.entities[e];
            d.is_person() && d.name.rsplit(' ').next().is_some_and(|l| l.eq_ignore_ascii_case(surname))
        })
    }

    /// True when a mention overlaps words `r`.
    fn mentions_overlapping(&self, r: std::ops::Range<usize>) -> bool {
        let i = self.mentions.partition_point(|m| m.words.end <= r.start);
        self.mentions.get(i).is_some_and(|m| m.words.start < r.end)
    }
}

/// Adds a resolved mention; returns its entity.
fn add_resolved(
    t: &mut EntityTable,
    r: Resolved,
    words: std::ops::Range<usize>,
    place_role: bool,
) -> Option<usize> {
    let is_place = matches!(r.kind, EntityKind::Place | EntityKind::Facility);
    let as_place = is_place || (place_role && matches!(r.kind, EntityKind::State));
    let e = t.intern(EntityDraft {
        name: r.name,
        entity_type: r.entity_type,
        kind: Some(r.kind),
        country: r.country,
        kb_id: r.kb_id,
        parent: r.parent.or(r.acting_for),
        lat: r.lat,
        lon: r.lon,
        geonames_id: r.geonames_id,
        is_place,
    });
    t.add_mention(Mention { entity: e, words, anaphoric: false, as_place }).then_some(e)
}

/// The role of a name starting at word `w`: a place after a locative preposition or in a
/// dateline ("GAZA CITY --", "KABUL, Afghanistan (AP) --").
fn role_of(a: &Annotation<'_>, w: usize) -> MentionRole {
    if in_dateline(a, w) {
        return MentionRole::Place;
    }
    // "in the north of", "in northern Iraq": an article or compass adjective between
    let mut i = w;
    while i > 0 && w - i < 3 && super::is_place_modifier(a.lower(i - 1)) {
        i -= 1;
    }
    if i > 0 && PLACE_PREPS.contains(&a.lower(i - 1)) && a.words[i - 1].sentence == a.words[w].sentence {
        MentionRole::Place
    } else {
        MentionRole::Actor
    }
}

/// True when word `w` stands in a dateline: before a dash among the first words of its
/// sentence, with only capitalized words, commas and parentheses before it.
fn in_dateline(a: &Annotation<'_>, w: usize) -> bool {
    let s = a.sentence_of(w).words.clone();
    let Some(dash) =
        (s.start..(s.start + 8).min(s.end)).find(|&k| matches!(a.lower(k), "--" | "\u{2014}" | "\u{2013}"))
    else {
        return false;
    };
    w < dash && (s.start..w).all(|k| a.words[k].capitalized || matches!(a.lower(k), "," | "(" | ")"))
}

/// The v1 entity type of a recognizer label.
fn type_of_label(l: EntityLabel) -> EntityType {
    match l {
        EntityLabel::Per => EntityType::Per,
        EntityLabel::Org => EntityType::Org,
        EntityLabel::Loc => EntityType::Loc,
    }
}

/// Byte offset of every char offset (and of the end).
fn char_to_byte(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}
