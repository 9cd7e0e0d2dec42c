//! A compact phrase gazetteer: lowercased multi-word names hashed to category bits, matched
//! over a sentence without allocating. Built from GeoNames (CC BY 4.0) and the PETRARCH2
//! actor dictionaries (MIT) at training time and stored inside the model file.

use crate::hash::mix;
use claimgraph_nlp::perceptron::FeatureMap;

/// Gazetteer categories (bit positions in an entry's mask).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum GazCategory {
    /// Country names (GeoNames `countries.json`).
    Country = 0,
    /// Populated places (GeoNames `cities15000`).
    City = 1,
    /// Continents, US states and counties.
    Region = 2,
    /// PETRARCH2 country-dictionary places and country synonyms.
    ActorPlace = 3,
    /// PETRARCH2 time-bounded actors (mostly named office holders: people).
    ActorPerson = 4,
    /// PETRARCH2 organizations and armed groups.
    ActorGroup = 5,
    /// Organizations of the claimgraph knowledge base (governments, agencies, armed forces
    /// and groups, media, companies), by their names and aliases.
    KbOrg = 6,
}

/// Number of categories.
pub const N_CATEGORIES: usize = 7;
/// Longest phrase (in words) stored.
pub const MAX_PHRASE: usize = 6;
const PREFIX_BIT: u8 = 0x80;
const PHRASE_SEED: u64 = 0x5a17_e7a2_0000_0001;

/// Phrase gazetteer. Keys are folded lowercase word hashes (see [`crate::hash::hash_lower`]).
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    map: FeatureMap<u8>,
}

impl Gazetteer {
    /// An empty gazetteer.
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of stored keys (phrases and phrase prefixes).
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether nothing is stored.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Adds a phrase given as its words' lowercase hashes. Phrases longer than
    /// [`MAX_PHRASE`] or empty are ignored.
    pub fn insert_hashes(&mut self, words: &[u64], cat: GazCategory) {
        if words.is_empty() || words.len() > MAX_PHRASE {
            return;
        }
        let mut h = PHRASE_SEED;
        for (k, &w) in words.iter().enumerate() {
            h = mix(h, w);
            let e = self.map.entry(h).or_insert(0);
            if k + 1 == words.len() {
                *e |= 1 << cat as u8;
            } else {
                *e |= PREFIX_BIT;
            }
        }
    }

    /// Adds a phrase given as words.
    pub fn insert(&mut self, words: &[&str], cat: GazCategory) {
        let hs: Vec<u64> = words.iter().map(|w| crate::hash::hash_lower(w)).collect();
        self.insert_hashes(&hs, cat);
    }

    /// Category mask of an exact phrase (by lowercase word hashes); 0 when absent.
    pub fn lookup(&self, words: &[u64]) -> u8 {
        let mut h = PHRASE_SEED;
        let mut v = 0;
        for &w in words {
            h = mix(h, w);
            v = match self.map.get(&h) {
                Some(&v) => v,
                None => return 0,
            };
        }
        v & !PREFIX_BIT
    }

    /// For each word (by lowercase hash), a bit set of `category * 4 + position` where
    /// position is 0 = begins, 1 = inside, 2 = ends, 3 = is a whole match. Written into `out`
    /// (cleared first, resized to `lower.len()`).
    pub fn annotate(&self, lower: &[u64], out: &mut Vec<u32>) {
        out.clear();
        out.resize(lower.len(), 0);
        if self.map.is_empty() {
            return;
        }
        for i in 0..lower.len() {
            let mut h = PHRASE_SEED;
            for len in 1..=MAX_PHRASE.min(lower.len() - i) {
                h = mix(h, lower[i + len - 1]);
                let Some(&v) = self.map.get(&h) else { break };
                let cats = v & !PREFIX_BIT;
                if cats != 0 {
                    for c in 0..N_CATEGORIES {
                        if cats & (1 << c) == 0 {
                            continue;
                        }
                        let base = (c * 4) as u32;
                        if len == 1 {
                            out[i] |= 1 << (base + 3);
                        } else {
                            out[i] |= 1 << base;
                            for o in &mut out[i + 1..i + len - 1] {
                                *o |= 1 << (base + 1);
                            }
                            out[i + len - 1] |= 1 << (base + 2);
                        }
                    }
                }
                if v & PREFIX_BIT == 0 {
                    break;
                }
            }
        }
    }

    /// Entries as `(key, mask)` sorted by key, for writing a model file.
    pub fn entries(&self) -> Vec<(u64, u8)> {
        let mut v: Vec<(u64, u8)> = self.map.iter().map(|(&k, &m)| (k, m)).collect();
        v.sort_unstable();
        v
    }

    /// Rebuilds a gazetteer from stored entries.
    pub fn from_entries(entries: impl IntoIterator<Item = (u64, u8)>) -> Self {
        let mut map = FeatureMap::default();
        for (k, m) in entries {
            map.insert(k, m);
        }
        Gazetteer { map }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::hash_lower;

    #[test]
    fn matches_multiword_phrases_case_insensitively() {
        let mut g = Gazetteer::new();
        g.insert(&["United", "States"], GazCategory::Country);
        g.insert(&["Kabul"], GazCategory::City);
        let words = ["the", "UNITED", "states", "and", "kabul"];
        let lower: Vec<u64> = words.iter().map(|w| hash_lower(w)).collect();
        let mut out = Vec::new();
        g.annotate(&lower, &mut out);
        let country = GazCategory::Country as u32 * 4;
        let city = GazCategory::City as u32 * 4;
        assert_eq!(out[0], 0);
        assert_eq!(out[1], 1 << country);
        assert_eq!(out[2], 1 << (country + 2));
        assert_eq!(out[3], 0);
        assert_eq!(out[4], 1 << (city + 3));
        assert_eq!(g.lookup(&lower[1..3]), 1 << GazCategory::Country as u8);
        assert_eq!(g.lookup(&lower[1..2]), 0);
        let copy = Gazetteer::from_entries(g.entries());
        assert_eq!(copy.lookup(&lower[4..5]), 1 << GazCategory::City as u8);
    }
}
