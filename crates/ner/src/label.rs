//! Entity types, BIO tags, entity spans and the conversion between tags and spans.

use std::fmt;

/// The entity types the recognizer predicts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityLabel {
    /// A person (real or fictional), including names of groups of people given as a name.
    Per,
    /// A location: countries, cities, regions, geographic features, facilities by name.
    Loc,
    /// An organization: companies, agencies, armed groups, institutions.
    Org,
}

impl EntityLabel {
    /// All labels, in tag-index order.
    pub const ALL: [EntityLabel; 3] = [EntityLabel::Per, EntityLabel::Loc, EntityLabel::Org];

    /// The conventional short name (`PER`, `LOC`, `ORG`).
    pub fn as_str(self) -> &'static str {
        match self {
            EntityLabel::Per => "PER",
            EntityLabel::Loc => "LOC",
            EntityLabel::Org => "ORG",
        }
    }

    /// Parses `PER`/`LOC`/`ORG` (also the long forms `PERSON`, `LOCATION`, `ORGANIZATION`).
    pub fn parse(s: &str) -> Option<EntityLabel> {
        match s {
            "PER" | "PERSON" => Some(EntityLabel::Per),
            "LOC" | "LOCATION" | "GPE" => Some(EntityLabel::Loc),
            "ORG" | "ORGANIZATION" | "ORGANISATION" => Some(EntityLabel::Org),
            _ => None,
        }
    }

    fn index(self) -> usize {
        match self {
            EntityLabel::Per => 0,
            EntityLabel::Loc => 1,
            EntityLabel::Org => 2,
        }
    }
}

impl fmt::Display for EntityLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A BIO tag for one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum EntityTag {
    /// Outside any entity.
    #[default]
    O,
    /// First word of an entity.
    B(EntityLabel),
    /// Continuation of an entity.
    I(EntityLabel),
}

/// Number of distinct tags (O plus B/I for each label).
pub const N_TAGS: usize = 1 + 2 * EntityLabel::ALL.len();

impl EntityTag {
    /// Dense index in `0..N_TAGS` (O = 0, then B-PER, I-PER, B-LOC, I-LOC, B-ORG, I-ORG).
    pub fn index(self) -> usize {
        match self {
            EntityTag::O => 0,
            EntityTag::B(l) => 1 + 2 * l.index(),
            EntityTag::I(l) => 2 + 2 * l.index(),
        }
    }

    /// Inverse of [`EntityTag::index`]; out-of-range indices give `O`.
    pub fn from_index(i: usize) -> EntityTag {
        if i == 0 || i >= N_TAGS {
            return EntityTag::O;
        }
        let l = EntityLabel::ALL[(i - 1) / 2];
        if (i - 1).is_multiple_of(2) { EntityTag::B(l) } else { EntityTag::I(l) }
    }

    /// The entity label, if any.
    pub fn label(self) -> Option<EntityLabel> {
        match self {
            EntityTag::O => None,
            EntityTag::B(l) | EntityTag::I(l) => Some(l),
        }
    }

    /// Parses an IOB2 tag such as `B-PER`, `I-LOC` or `O`. Returns `None` for tags with an
    /// unknown type (callers decide whether that means `O` or an error).
    pub fn parse(s: &str) -> Option<EntityTag> {
        if s == "O" {
            return Some(EntityTag::O);
        }
        let (prefix, ty) = s.split_once('-')?;
        let label = EntityLabel::parse(ty)?;
        match prefix {
            "B" => Some(EntityTag::B(label)),
            "I" => Some(EntityTag::I(label)),
            _ => None,
        }
    }

    /// Whether `self` may follow `prev` in a well-formed IOB2 sequence (`None` = sentence start).
    pub fn may_follow(self, prev: Option<EntityTag>) -> bool {
        match self {
            EntityTag::I(l) => matches!(prev, Some(EntityTag::B(p)) | Some(EntityTag::I(p)) if p == l),
            _ => true,
        }
    }
}

impl fmt::Display for EntityTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EntityTag::O => f.write_str("O"),
            EntityTag::B(l) => write!(f, "B-{l}"),
            EntityTag::I(l) => write!(f, "I-{l}"),
        }
    }
}

/// An entity over words `start_word..end_word` (end exclusive) of one sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntitySpan {
    /// Index of the first word.
    pub start_word: usize,
    /// Index one past the last word.
    pub end_word: usize,
    /// Entity type.
    pub label: EntityLabel,
}

/// Turns BIO tags into entity spans, conlleval-style: an `I-X` that does not continue an
/// entity of type X starts a new entity of type X (so invalid sequences still decode).
pub fn spans_from_tags(tags: &[EntityTag]) -> Vec<EntitySpan> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, EntityLabel)> = None;
    for (i, &tag) in tags.iter().enumerate() {
        let continues = matches!((tag, open), (EntityTag::I(l), Some((_, o))) if l == o);
        if continues {
            continue;
        }
        if let Some((s, l)) = open.take() {
            spans.push(EntitySpan { start_word: s, end_word: i, label: l });
        }
        if let Some(l) = tag.label() {
            open = Some((i, l));
        }
    }
    if let Some((s, l)) = open {
        spans.push(EntitySpan { start_word: s, end_word: tags.len(), label: l });
    }
    spans
}

/// Writes spans back as IOB2 tags over `n` words (spans must not overlap).
pub fn tags_from_spans(spans: &[EntitySpan], n: usize) -> Vec<EntityTag> {
    let mut tags = vec![EntityTag::O; n];
    for s in spans {
        for (k, t) in tags.iter_mut().enumerate().take(s.end_word.min(n)).skip(s.start_word) {
            *t = if k == s.start_word { EntityTag::B(s.label) } else { EntityTag::I(s.label) };
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityLabel::*;
    use EntityTag::*;

    #[test]
    fn index_round_trip() {
        for i in 0..N_TAGS {
            assert_eq!(EntityTag::from_index(i).index(), i);
        }
        assert_eq!(EntityTag::parse("B-ORG"), Some(B(Org)));
        assert_eq!(EntityTag::parse("I-PER"), Some(I(Per)));
        assert_eq!(EntityTag::parse("B-OTH"), None);
        assert_eq!(EntityTag::parse("B-O"), None);
        assert_eq!(B(Loc).to_string(), "B-LOC");
    }

    #[test]
    fn decodes_valid_sequences() {
        let tags = [B(Per), I(Per), O, B(Loc), B(Loc), I(Loc)];
        let spans = spans_from_tags(&tags);
        assert_eq!(
            spans,
            vec![
                EntitySpan { start_word: 0, end_word: 2, label: Per },
                EntitySpan { start_word: 3, end_word: 4, label: Loc },
                EntitySpan { start_word: 4, end_word: 6, label: Loc },
            ]
        );
        assert_eq!(tags_from_spans(&spans, 6), tags.to_vec());
    }

    #[test]
    fn decodes_invalid_sequences_like_conlleval() {
        // I without B starts an entity; a type change inside starts a new one.
        let tags = [I(Org), I(Org), I(Per), O, I(Loc)];
        assert_eq!(
            spans_from_tags(&tags),
            vec![
                EntitySpan { start_word: 0, end_word: 2, label: Org },
                EntitySpan { start_word: 2, end_word: 3, label: Per },
                EntitySpan { start_word: 4, end_word: 5, label: Loc },
            ]
        );
        assert!(spans_from_tags(&[]).is_empty());
        assert!(!I(Per).may_follow(Some(B(Loc))));
        assert!(I(Per).may_follow(Some(B(Per))));
        assert!(!I(Per).may_follow(None));
        assert!(B(Per).may_follow(None));
    }
}
