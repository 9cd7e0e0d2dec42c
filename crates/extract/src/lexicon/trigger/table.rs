//! The lemma → senses tables, built once from the shipped verb lexicon and the curated
//! lists.

use std::collections::HashMap;
use std::sync::LazyLock;

use claimgraph_core::extraction::EventType;

use super::curated::{self, Curated};
use super::{SenseOrigin, TriggerPos, TriggerSense};
use crate::lexicon::cameo::cameo_to_plover;
use crate::lexicon::data::VERBS;

/// Senses of lemmas by part of speech.
struct Tables {
    verbs: HashMap<&'static str, Vec<TriggerSense>>,
    nouns: HashMap<&'static str, Vec<TriggerSense>>,
}

/// Adds `s` to `list`, keeping one sense per (type, mode): the heavier one.
fn merge(list: &mut Vec<TriggerSense>, s: TriggerSense) {
    match list.iter_mut().find(|x| x.plover == s.plover && x.mode == s.mode) {
        Some(x) if x.weight < s.weight => *x = s,
        Some(_) => {}
        None => list.push(s),
    }
}

pub(super) fn curated_sense(c: &Curated, pos: TriggerPos) -> TriggerSense {
    TriggerSense { plover: c.1, mode: c.2, cameo: c.3, pos, weight: c.4, origin: SenseOrigin::Curated }
}

/// A (type, mode) reading of a verb block's patterns: how many patterns give it and with
/// which codes.
struct Reading {
    key: (EventType, Option<&'static str>),
    count: usize,
    codes: HashMap<&'static str, usize>,
}

fn build() -> Tables {
    let mut verbs: HashMap<&'static str, Vec<TriggerSense>> = HashMap::new();
    for block in &VERBS.blocks {
        // Pattern readings of the block: (type, mode) → (count, most frequent code).
        let mut by_reading: Vec<Reading> = Vec::new();
        for p in &block.patterns {
            let Some(pc) = cameo_to_plover(p.code) else {
                continue;
            };
            let key = (pc.event, pc.mode);
            let i = match by_reading.iter().position(|r| r.key == key) {
                Some(i) => i,
                None => {
                    by_reading.push(Reading { key, count: 0, codes: HashMap::new() });
                    by_reading.len() - 1
                }
            };
            by_reading[i].count += 1;
            *by_reading[i].codes.entry(p.code).or_default() += 1;
        }
        let total: usize = by_reading.iter().map(|r| r.count).sum();
        for v in block.verbs.iter().filter(|v| v.words.len() == 1) {
            let list = verbs.entry(v.words[0]).or_default();
            if let Some(code) = v.effective_code(block)
                && let Some(pc) = cameo_to_plover(code)
            {
                merge(
                    list,
                    TriggerSense {
                        plover: pc.event,
                        mode: pc.mode,
                        cameo: code,
                        pos: TriggerPos::Verb,
                        weight: 1.0,
                        origin: SenseOrigin::CameoVerb,
                    },
                );
            }
            for Reading { key: (event, mode), count, codes } in &by_reading {
                let code = codes
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                    .map(|(c, _)| *c)
                    .unwrap_or("");
                merge(
                    list,
                    TriggerSense {
                        plover: *event,
                        mode: *mode,
                        cameo: code,
                        pos: TriggerPos::Verb,
                        weight: 0.5 * (*count as f32) / (total as f32),
                        origin: SenseOrigin::CameoPattern,
                    },
                );
            }
        }
    }
    for c in curated::VERBS {
        merge(verbs.entry(c.0).or_default(), curated_sense(c, TriggerPos::Verb));
    }
    verbs.retain(|_, v| !v.is_empty());
    let mut nouns: HashMap<&'static str, Vec<TriggerSense>> = HashMap::new();
    for c in curated::NOUNS {
        merge(nouns.entry(c.0).or_default(), curated_sense(c, TriggerPos::Noun));
    }
    for list in verbs.values_mut().chain(nouns.values_mut()) {
        list.sort_by(|a, b| {
            // Equal weights: curated readings (deliberate corrections of CAMEO) first.
            let curated = |s: &TriggerSense| s.origin == SenseOrigin::Curated;
            b.weight
                .total_cmp(&a.weight)
                .then(curated(b).cmp(&curated(a)))
                .then(a.plover.cmp(&b.plover))
                .then(a.mode.cmp(&b.mode))
        });
    }
    Tables { verbs, nouns }
}

static TABLES: LazyLock<Tables> = LazyLock::new(build);

/// The event senses of `lemma` used as `pos`, heaviest first; empty when the lemma is no
/// trigger. `lemma` should be a lemma (see [`crate::lexicon::lemma::lemma`]); case is
/// ignored. Curated noun compounds are keys too (`"suicide bombing"`, lemmas separated by
/// one space); to find multi-word triggers in running text use [`super::match_pattern`].
pub fn triggers(lemma: &str, pos: TriggerPos) -> &'static [TriggerSense] {
    let tables: &'static Tables = &TABLES;
    let map = match pos {
        TriggerPos::Verb => &tables.verbs,
        TriggerPos::Noun => &tables.nouns,
    };
    let found = if lemma.bytes().any(|b| b.is_ascii_uppercase()) {
        map.get(lemma.to_lowercase().as_str())
    } else {
        map.get(lemma)
    };
    found.map(Vec::as_slice).unwrap_or(&[])
}

/// Sizes of the trigger lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LexiconSizes {
    /// Verb lemmas with at least one sense.
    pub verb_lemmas: usize,
    /// Verb senses.
    pub verb_senses: usize,
    /// Noun keys (lemmas and curated compounds) with at least one sense.
    pub noun_lemmas: usize,
    /// Noun senses.
    pub noun_senses: usize,
    /// Multi-word patterns (CAMEO, curated compounds and phrases, light-verb constructions).
    pub patterns: usize,
}

/// Sizes of the trigger lexicon.
pub fn lexicon_sizes() -> LexiconSizes {
    let t = &*TABLES;
    LexiconSizes {
        verb_lemmas: t.verbs.len(),
        verb_senses: t.verbs.values().map(Vec::len).sum(),
        noun_lemmas: t.nouns.len(),
        noun_senses: t.nouns.values().map(Vec::len).sum(),
        patterns: super::pattern::pattern_count(),
    }
}
