//! Builds the [`Gazetteer`] from the shared data folder: GeoNames tables (CC BY 4.0,
//! "GeoNames, www.geonames.org") and PETRARCH2 actor dictionaries (MIT, Open Event Data).

use crate::error::{NerError, Result};
use crate::gazetteer::{GazCategory, Gazetteer};
use crate::hash::hash_lower;
use std::collections::HashSet;
use std::io::Read;
use std::path::Path;

/// Splits a dictionary phrase into words the way UD/UNER tokenizes them: on spaces and
/// underscores, with hyphens as separate words; parenthesized parts are dropped.
pub fn phrase_words(phrase: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    for piece in phrase.split([' ', '_', '\t']) {
        if piece.is_empty() {
            continue;
        }
        if piece.starts_with('(') {
            depth += 1;
        }
        let closes = piece.ends_with(')');
        if depth == 0 {
            let mut rest = piece;
            while let Some(p) = rest.find('-') {
                if p > 0 {
                    out.push(&rest[..p]);
                }
                out.push("-");
                rest = &rest[p + 1..];
            }
            if !rest.is_empty() {
                out.push(rest);
            }
        }
        if closes {
            depth = depth.saturating_sub(1);
        }
    }
    out
}

/// Adds a phrase unless it is a single common word (per `common`, lowercase hashes).
fn add(g: &mut Gazetteer, phrase: &str, cat: GazCategory, common: &HashSet<u64>) -> bool {
    let words = phrase_words(phrase);
    if words.is_empty() || words.iter().all(|w| w.chars().all(|c| !c.is_alphanumeric())) {
        return false;
    }
    let hs: Vec<u64> = words.iter().map(|w| hash_lower(w)).collect();
    if hs.len() == 1 && (common.contains(&hs[0]) || words[0].chars().count() < 2) {
        return false;
    }
    g.insert_hashes(&hs, cat);
    true
}

fn read_to_string(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| NerError::io(path, e))
}

fn parse_json(path: &Path, text: &str) -> Result<serde_json::Value> {
    serde_json::from_str(text).map_err(|e| NerError::format(path, e.line(), e.to_string()))
}

/// Adds the knowledge base's organization and person names and aliases (its normalized
/// keys: lowercase, diacritics folded, leading "the" dropped) as [`GazCategory::KbOrg`] and
/// [`GazCategory::ActorPerson`] phrases. Returns the number of phrases added.
pub fn add_kb_entries(g: &mut Gazetteer, common: &HashSet<u64>) -> Result<usize> {
    use claimgraph_core::extraction::EntityType;
    let kb = claimgraph_kb::Kb::shared().map_err(|e| NerError::Kb(e.to_string()))?;
    let mut n = 0;
    for e in kb.gazetteer_entries() {
        let cat = match e.entity_type {
            EntityType::Org => GazCategory::KbOrg,
            EntityType::Per => GazCategory::ActorPerson,
            _ => continue,
        };
        n += usize::from(add(g, &e.key, cat, common));
    }
    Ok(n)
}

/// Builds the gazetteer from `data_dir` (the shared `data/` folder). Missing files are
/// skipped; `common` holds lowercase hashes of common words never added as one-word entries.
/// Returns the gazetteer and the number of phrases added.
pub fn build_gazetteer(data_dir: &Path, common: &HashSet<u64>) -> Result<(Gazetteer, usize)> {
    let mut g = Gazetteer::new();
    let mut n = 0usize;
    let geo = data_dir.join("geonames");

    let p = geo.join("countries.json");
    if p.exists() {
        let v = parse_json(&p, &read_to_string(&p)?)?;
        if let Some(obj) = v.as_object() {
            for c in obj.values() {
                if let Some(name) = c.get("name").and_then(|x| x.as_str()) {
                    n += usize::from(add(&mut g, name, GazCategory::Country, common));
                }
                if let Some(cap) = c.get("capital").and_then(|x| x.as_str()) {
                    n += usize::from(add(&mut g, cap, GazCategory::City, common));
                }
            }
        }
    }
    for (file, field) in
        [("us_states.json", "name"), ("continents.json", "name"), ("us_counties.json", "name")]
    {
        let p = geo.join(file);
        if !p.exists() {
            continue;
        }
        let v = parse_json(&p, &read_to_string(&p)?)?;
        let items: Vec<&serde_json::Value> = match &v {
            serde_json::Value::Object(o) => o.values().collect(),
            serde_json::Value::Array(a) => a.iter().collect(),
            _ => Vec::new(),
        };
        for it in items {
            if let Some(name) = it.get(field).and_then(|x| x.as_str()) {
                n += usize::from(add(&mut g, name, GazCategory::Region, common));
            }
        }
    }

    let p = geo.join("cities15000.json.gz");
    if p.exists() {
        let f = std::fs::File::open(&p).map_err(|e| NerError::io(&p, e))?;
        let mut text = String::new();
        flate2::read::GzDecoder::new(f).read_to_string(&mut text).map_err(|e| NerError::io(&p, e))?;
        let v = parse_json(&p, &text)?;
        if let Some(obj) = v.as_object() {
            for c in obj.values() {
                if let Some(name) = c.get("name").and_then(|x| x.as_str()) {
                    n += usize::from(add(&mut g, name, GazCategory::City, common));
                }
                let alts = c.get("alternatenames").and_then(|x| x.as_array());
                for a in alts.into_iter().flatten().filter_map(|x| x.as_str()) {
                    // ASCII, capitalized alternates only: the rest are other scripts or codes.
                    let ok = a.is_ascii()
                        && a.len() >= 3
                        && a.starts_with(|ch: char| ch.is_ascii_uppercase())
                        && a.chars().any(|ch| ch.is_ascii_lowercase());
                    if ok {
                        n += usize::from(add(&mut g, a, GazCategory::City, common));
                    }
                }
            }
        }
    }

    let pet = data_dir.join("petrarch2-dictionaries");
    for (file, is_country) in [
        ("Phoenix.Countries.actors.txt", true),
        ("Phoenix.International.actors.txt", false),
        ("Phoenix.MilNonState.actors.txt", false),
    ] {
        let p = pet.join(file);
        if p.exists() {
            n += add_actor_dictionary(&mut g, &read_to_string(&p)?, is_country, common);
        }
    }
    Ok((g, n))
}

/// One root entry of an actor dictionary with its synonyms and codes.
#[derive(Default)]
struct ActorBlock {
    phrases: Vec<String>,
    codes: Vec<String>,
}

impl ActorBlock {
    fn category(&self, is_country: bool) -> GazCategory {
        let dated = self.codes.iter().any(|c| c.contains(|ch: char| ch.is_ascii_digit()));
        if dated {
            GazCategory::ActorPerson
        } else if is_country && self.codes.iter().all(|c| c.len() == 3) {
            GazCategory::ActorPlace
        } else {
            GazCategory::ActorGroup
        }
    }
}

/// Parses a PETRARCH/TABARI `.actors` file (see `dictionaries-format.rst`) and adds its
/// phrases. Returns the number of phrases added.
fn add_actor_dictionary(g: &mut Gazetteer, text: &str, is_country: bool, common: &HashSet<u64>) -> usize {
    let mut n = 0;
    let mut block = ActorBlock::default();
    let mut flush = |b: &mut ActorBlock, g: &mut Gazetteer| {
        let cat = b.category(is_country);
        for ph in b.phrases.drain(..) {
            n += usize::from(add(g, &ph, cat, common));
        }
        b.codes.clear();
    };
    for line in text.lines() {
        let (body, _) = line.split_once('#').unwrap_or((line, ""));
        if body.trim().is_empty() {
            continue;
        }
        let codes_at = body.find('[').unwrap_or(body.len());
        let (phrase, codes) = body.split_at(codes_at);
        let phrase = phrase.trim();
        let is_root = !phrase.is_empty() && !phrase.starts_with('+') && !line.starts_with([' ', '\t']);
        if is_root {
            flush(&mut block, g);
        }
        for c in codes.split('[').skip(1) {
            let code = c.split(']').next().unwrap_or("");
            if let Some(first) = code.split_whitespace().next() {
                // a date range marks a time-bounded role: keep that as a digit marker
                let dated = code.split_whitespace().nth(1).is_some();
                block.codes.push(if dated { format!("{first}1") } else { first.to_string() });
            }
        }
        if let Some(syn) = phrase.strip_prefix('+') {
            block.phrases.push(syn.to_string());
        } else if is_root {
            block.phrases.push(phrase.to_string());
        }
    }
    flush(&mut block, g);
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_knowledge_base_organizations() {
        let mut g = Gazetteer::new();
        let n = add_kb_entries(&mut g, &HashSet::new()).expect("embedded KB loads");
        assert!(n > 10_000, "{n} phrases");
        let h = |w: &str| hash_lower(w);
        assert_ne!(g.lookup(&[h("taliban")]) & (1 << GazCategory::KbOrg as u8), 0);
        assert_eq!(g.lookup(&[h("taliban"), h("zzz")]), 0);
    }

    #[test]
    fn splits_dictionary_phrases() {
        assert_eq!(phrase_words("MAZAR-I-SHARIF_"), vec!["MAZAR", "-", "I", "-", "SHARIF"]);
        assert_eq!(phrase_words("ANTI_STATE_NUCLEI_(NAA)_"), vec!["ANTI", "STATE", "NUCLEI"]);
        assert_eq!(phrase_words("New York City"), vec!["New", "York", "City"]);
    }

    #[test]
    fn parses_actor_blocks() {
        let text = "AFGHANISTAN_  [AFG]\n+KABUL_ \n\nHAMID_KARZAI_  # info\n+KARZAI_\n\t[AFGELI 750101-000101]\nTALIBAN_ [AFGINS] # x\n";
        let mut g = Gazetteer::new();
        let n = add_actor_dictionary(&mut g, text, true, &HashSet::new());
        assert_eq!(n, 5);
        let h = |w: &str| hash_lower(w);
        assert_eq!(g.lookup(&[h("kabul")]), 1 << GazCategory::ActorPlace as u8);
        assert_eq!(g.lookup(&[h("hamid"), h("karzai")]), 1 << GazCategory::ActorPerson as u8);
        assert_eq!(g.lookup(&[h("taliban")]), 1 << GazCategory::ActorGroup as u8);
    }
}
