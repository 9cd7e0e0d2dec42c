//! Entities of a document: names found by the KB scan and the recognizer, resolved through
//! the KB, grouped by in-document coreference, plus descriptive noun phrases that take
//! part in events ("local security forces") and pronouns resolved to earlier names.

mod build;
mod coref;
mod np;

use std::ops::Range;

use claimgraph_core::extraction::{EntityKind, EntityType};

pub use build::build_entities;

/// Words that may stand between a locative preposition and a place: articles and compass
/// adjectives ("in the capital", "in northern Iraq", "in central Gaza").
pub fn is_place_modifier(lower: &str) -> bool {
    matches!(
        lower,
        "the"
            | "a"
            | "an"
            | "central"
            | "northern"
            | "southern"
            | "eastern"
            | "western"
            | "northeastern"
            | "northwestern"
            | "southeastern"
            | "southwestern"
            | "north"
            | "south"
            | "east"
            | "west"
    )
}

/// One entity of the document under construction.
#[derive(Debug, Clone)]
pub struct EntityDraft {
    /// Canonical name.
    pub name: String,
    /// Entity type.
    pub entity_type: EntityType,
    /// Kind, when known.
    pub kind: Option<EntityKind>,
    /// ISO alpha-3 country.
    pub country: Option<String>,
    /// KB id.
    pub kb_id: Option<String>,
    /// KB id of the actor this one is part of or acts for.
    pub parent: Option<String>,
    /// Latitude of a place.
    pub lat: Option<f64>,
    /// Longitude of a place.
    pub lon: Option<f64>,
    /// GeoNames id of a place.
    pub geonames_id: Option<i64>,
    /// True when the entity names a location (a place, facility or a state used as one).
    pub is_place: bool,
}

impl EntityDraft {
    /// An entity the knowledge base does not know: a name or description with its type
    /// and kind, nothing resolved.
    pub fn unresolved(name: String, entity_type: EntityType, kind: EntityKind, is_place: bool) -> Self {
        EntityDraft {
            name,
            entity_type,
            kind: Some(kind),
            country: None,
            kb_id: None,
            parent: None,
            lat: None,
            lon: None,
            geonames_id: None,
            is_place,
        }
    }

    /// True for persons.
    pub fn is_person(&self) -> bool {
        self.kind == Some(EntityKind::Person) || self.entity_type == EntityType::Per
    }

    /// True for collective actors (groups, organizations, forces, states).
    pub fn is_group(&self) -> bool {
        !self.is_person() && !matches!(self.kind, Some(EntityKind::Place | EntityKind::Facility))
    }
}

/// One mention: a word range of the document pointing at an entity.
#[derive(Debug, Clone)]
pub struct Mention {
    /// Index of the entity in [`EntityTable::entities`].
    pub entity: usize,
    /// Words of the mention.
    pub words: Range<usize>,
    /// True for pronouns and descriptions resolved by coreference (not names).
    pub anaphoric: bool,
    /// True when the words carry a place reading ("in Iraq") rather than an actor one.
    pub as_place: bool,
}

/// The entities and their mentions, mentions sorted by first word.
#[derive(Debug, Clone, Default)]
pub struct EntityTable {
    /// Entities.
    pub entities: Vec<EntityDraft>,
    /// Mentions sorted by start word.
    pub mentions: Vec<Mention>,
    /// Word ranges that only identify another mention (`identified to CNN as Iran`): event
    /// arguments are not taken from them.
    pub skip: Vec<Range<usize>>,
}

impl EntityTable {
    /// Index of the first mention starting at or after word `w`.
    pub fn first_from(&self, w: usize) -> usize {
        self.mentions.partition_point(|m| m.words.start < w)
    }

    /// The mention that covers word `w`, if any.
    pub fn mention_at(&self, w: usize) -> Option<&Mention> {
        let i = self.mentions.partition_point(|m| m.words.start <= w);
        self.mentions[..i].iter().rev().take(4).find(|m| m.words.contains(&w))
    }

    /// Mentions inside words `r`.
    pub fn mentions_in(&self, r: Range<usize>) -> impl Iterator<Item = &Mention> {
        let s = self.first_from(r.start);
        self.mentions[s..]
            .iter()
            .take_while(move |m| m.words.start < r.end)
            .filter(move |m| m.words.end <= r.end)
    }

    /// True when word `w` lies in a skipped range.
    pub fn skipped(&self, w: usize) -> bool {
        self.skip.iter().any(|r| r.contains(&w))
    }

    /// Adds a mention keeping the order; overlapping mentions are not added.
    pub fn add_mention(&mut self, m: Mention) -> bool {
        let i = self.mentions.partition_point(|x| x.words.start < m.words.start);
        let overlaps = |x: &Mention| x.words.start < m.words.end && m.words.start < x.words.end;
        if (i > 0 && overlaps(&self.mentions[i - 1])) || self.mentions.get(i).is_some_and(overlaps) {
            return false;
        }
        self.mentions.insert(i, m);
        true
    }

    /// Finds or adds an entity with this KB id (or, without one, this exact name and kind).
    pub fn intern(&mut self, e: EntityDraft) -> usize {
        let found = self.entities.iter().position(|x| match (&e.kb_id, &x.kb_id) {
            (Some(a), Some(b)) => a == b,
            (None, None) => x.name.eq_ignore_ascii_case(&e.name) && x.kind == e.kind,
            _ => false,
        });
        match found {
            Some(i) => i,
            None => {
                self.entities.push(e);
                self.entities.len() - 1
            }
        }
    }

    /// True when entity `e` is an unnamed description of a force ("gunmen", "local
    /// fighters", "Gunmen" opening a sentence), not a name ("Popular Mobilization Forces").
    pub fn is_description(&self, e: usize) -> bool {
        let e = &self.entities[e];
        let one_word = !e.name.contains(' ');
        e.kb_id.is_none()
            && (one_word || !e.name.contains(char::is_uppercase))
            && e.name.rsplit(' ').next().is_some_and(|w| np::is_force_noun(&w.to_lowercase()))
    }

    /// True when two entities may denote the same participant: equal, one part of the
    /// other in the KB, a person and the state of the same country, or an unnamed armed
    /// description and an armed group.
    pub fn compatible(&self, a: usize, b: usize) -> bool {
        if a == b {
            return true;
        }
        let (x, y) = (&self.entities[a], &self.entities[b]);
        let part = |x: &EntityDraft, y: &EntityDraft| {
            x.parent.is_some() && (x.parent == y.kb_id || x.parent == y.parent)
        };
        if part(x, y) || part(y, x) {
            return true;
        }
        // "gunmen" may be the armed group that claims their attack
        let armed = |e: &EntityDraft| e.kind == Some(EntityKind::ArmedGroup);
        if armed(x) && armed(y) && (self.is_description(a) || self.is_description(b)) {
            return true;
        }
        let state = |e: &EntityDraft| {
            matches!(e.kind, Some(EntityKind::State | EntityKind::Government | EntityKind::Military))
        };
        x.country.is_some()
            && x.country == y.country
            && ((state(x) && !y.is_place) || (state(y) && !x.is_place))
            && (x.is_person() || y.is_person() || (state(x) && state(y)))
    }
}

impl EntityTable {
    /// Adds a mention that may contain others ("a Taliban spokesman" around "Taliban").
    pub fn add_nested_mention(&mut self, m: Mention) {
        let i = self.mentions.partition_point(|x| x.words.start < m.words.start);
        self.mentions.insert(i, m);
    }
}
