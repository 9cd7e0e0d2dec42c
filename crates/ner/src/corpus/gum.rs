//! Named entities from GUM's entity layer (CorefUD-style `Entity=` brackets in the CoNLL-U
//! MISC column). GUM annotates every mention (pronouns and common nouns too); a mention is
//! taken as a *named* entity when it contains proper nouns, and the name is the stretch from
//! its first to its last `PROPN` word (leading person titles removed), so that it follows the
//! UNER convention ("President [Bush]", "the [University of Texas]"). Types: person → PER,
//! place → LOC, organization → ORG; other types are not entities here. Nested names inside
//! a longer name are dropped (outermost wins).

use super::TaggedSentence;
use crate::error::{NerError, Result};
use crate::label::{EntityLabel, EntitySpan, tags_from_spans};
use claimgraph_text::conllu;
use std::collections::HashSet;
use std::path::Path;

/// Which GUM documents to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GumSplit {
    /// Documents of the official train and dev splits.
    TrainDev,
    /// Documents of the official test split.
    Test,
}

const TITLES: &[&str] = &[
    "President",
    "Professor",
    "Prof.",
    "Dr.",
    "Dr",
    "Mr.",
    "Mr",
    "Mrs.",
    "Mrs",
    "Ms.",
    "Ms",
    "Sir",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "General",
    "Gen.",
    "Senator",
    "Sen.",
    "Governor",
    "Gov.",
    "Minister",
    "Prime",
    "Secretary",
    "Judge",
    "Justice",
    "Pope",
    "Chief",
    "Captain",
    "Capt.",
    "Colonel",
    "Col.",
    "Lieutenant",
    "Lt.",
    "Sergeant",
    "Sgt.",
    "Rep.",
    "Representative",
    "Mayor",
    "Lord",
    "Lady",
    "Saint",
    "Reverend",
    "Rev.",
    "Emperor",
];

/// One open or complete mention while parsing `Entity=` values.
struct Mention {
    id: String,
    kind: String,
    start: usize,
}

/// Reads the named PER/LOC/ORG entities of one CoNLL-U document.
pub fn parse_gum_conllu(text: &str, path: &Path) -> Result<Vec<TaggedSentence>> {
    let sents = conllu::parse(text).map_err(|e| NerError::format(path, e.line, e.message))?;
    let mut out = Vec::with_capacity(sents.len());
    for s in &sents {
        let mut open: Vec<Mention> = Vec::new();
        let mut mentions: Vec<(usize, usize, String)> = Vec::new(); // start, end (incl.), kind
        for (i, w) in s.words.iter().enumerate() {
            let Some(ent) = w.misc.split('|').find_map(|f| f.strip_prefix("Entity=")) else {
                continue;
            };
            parse_entity_field(ent, i, &mut open, &mut mentions);
        }
        let mut spans: Vec<EntitySpan> = Vec::new();
        for (start, end, kind) in &mentions {
            let label = match kind.as_str() {
                "person" => EntityLabel::Per,
                "place" => EntityLabel::Loc,
                "organization" => EntityLabel::Org,
                _ => continue,
            };
            let is_propn = |k: usize| s.words[k].upos == "PROPN";
            let Some(mut a) = (*start..=*end).find(|&k| is_propn(k)) else {
                continue;
            };
            let b = (*start..=*end).rev().find(|&k| is_propn(k)).unwrap_or(a);
            if label == EntityLabel::Per {
                while a < b && TITLES.contains(&s.words[a].form.as_str()) {
                    a += 1;
                }
            }
            spans.push(EntitySpan { start_word: a, end_word: b + 1, label });
        }
        // outermost (longest) first; drop anything overlapping an already kept span
        spans.sort_by_key(|sp| (std::cmp::Reverse(sp.end_word - sp.start_word), sp.start_word));
        let mut used: HashSet<usize> = HashSet::new();
        let mut kept = Vec::new();
        for sp in spans {
            if (sp.start_word..sp.end_word).any(|k| used.contains(&k)) {
                continue;
            }
            used.extend(sp.start_word..sp.end_word);
            kept.push(sp);
        }
        kept.sort();
        out.push(TaggedSentence {
            words: s.words.iter().map(|w| w.form.clone()).collect(),
            tags: tags_from_spans(&kept, s.words.len()),
        });
    }
    Ok(out)
}

/// Parses one `Entity=` value at word `i`: `(id-type-...` opens, `(id-type-...)` is a
/// one-word mention, `id)` closes.
fn parse_entity_field(
    ent: &str,
    i: usize,
    open: &mut Vec<Mention>,
    mentions: &mut Vec<(usize, usize, String)>,
) {
    let b = ent.as_bytes();
    let mut p = 0;
    while p < b.len() {
        if b[p] == b'(' {
            let q = ent[p + 1..].find(['(', ')']).map_or(b.len(), |k| p + 1 + k);
            let attrs = &ent[p + 1..q];
            let mut it = attrs.split('-');
            let id = it.next().unwrap_or("").to_string();
            let kind = it.next().unwrap_or("").to_string();
            if q < b.len() && b[q] == b')' {
                mentions.push((i, i, kind));
                p = q + 1;
            } else {
                open.push(Mention { id, kind, start: i });
                p = q;
            }
        } else {
            let q = ent[p..].find(')').map_or(b.len(), |k| p + k);
            let id = &ent[p..q];
            if let Some(k) = open.iter().rposition(|m| m.id == id) {
                let m = open.remove(k);
                mentions.push((m.start, i, m.kind));
            }
            p = q + 1;
        }
    }
}

/// Reads the GUM documents of `split` from `gum_dir` (which holds `dep/` and `splits.md`).
pub fn read_gum(gum_dir: &Path, split: GumSplit) -> Result<Vec<TaggedSentence>> {
    use claimgraph_text::gum::{GumSplit as Split, documents};
    let splits: &[Split] = match split {
        GumSplit::TrainDev => &[Split::Train, Split::Dev],
        GumSplit::Test => &[Split::Test],
    };
    let files = documents(gum_dir, splits).map_err(|e| NerError::io(gum_dir, e))?;
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).map_err(|e| NerError::io(&f, e))?;
        out.extend(parse_gum_conllu(&text, &f)?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::label::EntityLabel::*;
    use crate::label::EntityTag::*;

    fn line(id: usize, form: &str, upos: &str, misc: &str) -> String {
        format!("{id}\t{form}\t_\t{upos}\t_\t_\t0\troot\t_\t{misc}\n")
    }

    #[test]
    fn takes_proper_noun_stretches_of_person_place_org_mentions() {
        let mut t = String::new();
        t += &line(1, "President", "PROPN", "Entity=(1-person-new-x-cf1-2-coref");
        t += &line(2, "Obama", "PROPN", "Entity=1)");
        t += &line(3, "visited", "VERB", "_");
        t += &line(4, "the", "DET", "Entity=(2-organization-new-x-cf1-2-coref");
        t += &line(5, "University", "PROPN", "_");
        t += &line(6, "of", "ADP", "_");
        t += &line(7, "Texas", "PROPN", "Entity=(3-place-new-x-cf1-1-coref-Texas)2)");
        t += &line(8, "and", "CCONJ", "_");
        t += &line(9, "he", "PRON", "Entity=(1-person-giv-x-cf1-1-coref)");
        t += &line(10, "Iodine", "PROPN", "Entity=(4-substance-new-x-cf1-1-coref)");
        t += "\n";
        let s = parse_gum_conllu(&t, Path::new("g")).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].tags, vec![O, B(Per), O, O, B(Org), I(Org), I(Org), O, O, O]);
    }
}
