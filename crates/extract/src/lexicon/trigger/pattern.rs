//! Multi-word trigger patterns and their matcher.
//!
//! A pattern is a sequence of elements (a lemma, a CAMEO synonym set, or the verb slot of a
//! CAMEO verb block). Elements match consecutive lemmas, except that up to `max_gap` words
//! (never punctuation) may stand between two elements: "carried out at least six attacks"
//! matches `carry out … attack`. Noun compounds ("suicide bombing") allow no gap.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::curated::{self, LIGHT_VERBS};
use super::table::curated_sense;
use super::{SenseOrigin, TriggerPos, TriggerSense};
use crate::lexicon::cameo::cameo_to_plover;
use crate::lexicon::data::VERBS;

/// Words allowed between two elements of a non-compound pattern.
const MAX_GAP: usize = 3;

enum Elem {
    Word(&'static str),
    Set(&'static [Vec<&'static str>]),
    /// Index of a verb block: any of its verbs.
    Verb(usize),
}

struct Pat {
    elems: Vec<Elem>,
    sense: TriggerSense,
    max_gap: usize,
}

struct Patterns {
    pats: Vec<Pat>,
    by_first: HashMap<&'static str, Vec<u32>>,
}

fn words_pat(key: &'static str, sense: TriggerSense, max_gap: usize) -> Pat {
    Pat { elems: key.split(' ').map(Elem::Word).collect(), sense, max_gap }
}

fn build() -> Patterns {
    let lex = &*VERBS;
    let mut pats = Vec::new();
    for (bi, block) in lex.blocks.iter().enumerate() {
        for p in &block.patterns {
            let Some(pc) = cameo_to_plover(p.code) else {
                continue;
            };
            let mut elems = Vec::with_capacity(p.elems.len());
            let mut has_verb = false;
            for e in &p.elems {
                if *e == "*" {
                    has_verb = true;
                    elems.push(Elem::Verb(bi));
                } else if let Some(name) = e.strip_prefix('&') {
                    match lex.synsets.get(name) {
                        Some(set) => elems.push(Elem::Set(set.as_slice())),
                        None => elems.clear(),
                    }
                    if elems.is_empty() {
                        break;
                    }
                } else {
                    elems.push(Elem::Word(e));
                }
            }
            if elems.len() < 2 {
                continue;
            }
            pats.push(Pat {
                elems,
                sense: TriggerSense {
                    plover: pc.event,
                    mode: pc.mode,
                    cameo: p.code,
                    pos: if has_verb { TriggerPos::Verb } else { TriggerPos::Noun },
                    weight: 1.0,
                    origin: SenseOrigin::CameoPattern,
                },
                max_gap: MAX_GAP,
            });
        }
        for v in block.verbs.iter().filter(|v| v.words.len() > 1) {
            let Some(code) = v.effective_code(block) else {
                continue;
            };
            let Some(pc) = cameo_to_plover(code) else {
                continue;
            };
            pats.push(Pat {
                elems: v.words.iter().map(|w| Elem::Word(w)).collect(),
                sense: TriggerSense {
                    plover: pc.event,
                    mode: pc.mode,
                    cameo: code,
                    pos: TriggerPos::Verb,
                    weight: 1.0,
                    origin: SenseOrigin::CameoVerb,
                },
                max_gap: MAX_GAP,
            });
        }
    }
    for c in curated::NOUNS.iter().filter(|c| c.0.contains(' ')) {
        pats.push(words_pat(c.0, curated_sense(c, TriggerPos::Noun), 0));
    }
    for c in curated::PHRASES {
        pats.push(words_pat(c.0, curated_sense(c, TriggerPos::Verb), MAX_GAP));
    }
    for (lv, types) in LIGHT_VERBS {
        for c in curated::NOUNS.iter().filter(|c| types.contains(&c.1)) {
            let mut elems: Vec<Elem> = lv.split(' ').map(Elem::Word).collect();
            elems.extend(c.0.split(' ').map(Elem::Word));
            pats.push(Pat { elems, sense: curated_sense(c, TriggerPos::Noun), max_gap: MAX_GAP });
        }
    }
    let mut by_first: HashMap<&'static str, Vec<u32>> = HashMap::new();
    for (i, p) in pats.iter().enumerate() {
        let i = i as u32;
        let mut firsts: Vec<&'static str> = match &p.elems[0] {
            Elem::Word(w) => vec![w],
            Elem::Set(set) => set.iter().filter_map(|ph| ph.first().copied()).collect(),
            Elem::Verb(bi) => lex.blocks[*bi].verbs.iter().map(|v| v.words[0]).collect(),
        };
        firsts.sort_unstable();
        firsts.dedup();
        for f in firsts {
            by_first.entry(f).or_default().push(i);
        }
    }
    Patterns { pats, by_first }
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(build);

pub(super) fn pattern_count() -> usize {
    PATTERNS.pats.len()
}

fn is_punct(w: &str) -> bool {
    !w.chars().any(char::is_alphanumeric)
}

fn starts_with(lemmas: &[&str], at: usize, words: &[&str]) -> bool {
    lemmas.len() >= at + words.len()
        && words.iter().zip(&lemmas[at..]).all(|(w, l)| l.eq_ignore_ascii_case(w))
}

/// Lengths (in words) with which `e` matches at `at`.
fn elem_lengths(e: &Elem, lemmas: &[&str], at: usize, out: &mut Vec<usize>) {
    out.clear();
    match e {
        Elem::Word(w) => {
            if lemmas.get(at).is_some_and(|l| l.eq_ignore_ascii_case(w)) {
                out.push(1);
            }
        }
        Elem::Set(set) => {
            for ph in set.iter() {
                if starts_with(lemmas, at, ph) && !out.contains(&ph.len()) {
                    out.push(ph.len());
                }
            }
        }
        Elem::Verb(bi) => {
            for v in &VERBS.blocks[*bi].verbs {
                if starts_with(lemmas, at, &v.words) && !out.contains(&v.words.len()) {
                    out.push(v.words.len());
                }
            }
        }
    }
}

/// End (exclusive) of the earliest match of `elems` from `pos`, with a gap allowed before
/// the first element unless `first`.
fn match_from(elems: &[Elem], lemmas: &[&str], pos: usize, first: bool, max_gap: usize) -> Option<usize> {
    let Some((head, rest)) = elems.split_first() else {
        return Some(pos);
    };
    let gap_limit = if first { 0 } else { max_gap };
    let mut lens = Vec::new();
    for g in 0..=gap_limit {
        let start = pos + g;
        if start >= lemmas.len() || (g > 0 && is_punct(lemmas[start - 1])) {
            break;
        }
        elem_lengths(head, lemmas, start, &mut lens);
        for &len in &lens.clone() {
            if let Some(end) = match_from(rest, lemmas, start + len, false, max_gap) {
                return Some(end);
            }
        }
    }
    None
}

fn origin_rank(o: SenseOrigin) -> u8 {
    match o {
        SenseOrigin::Curated => 2,
        SenseOrigin::CameoPattern => 1,
        SenseOrigin::CameoVerb => 0,
    }
}

/// The best multi-word trigger starting at `lemmas[0]`: the number of words it spans
/// (including any words skipped inside it) and its sense. Among matches, the one with the
/// most elements wins, then the shortest span, then curated over CAMEO, then the weight.
///
/// `lemmas` are the lemmas of the following words (lowercase, see
/// [`crate::lexicon::lemma::lemma`]), punctuation included as its own tokens.
pub fn match_pattern(lemmas: &[&str]) -> Option<(usize, TriggerSense)> {
    let first = lemmas.first()?;
    let p: &'static Patterns = &PATTERNS;
    let ids = if first.bytes().any(|b| b.is_ascii_uppercase()) {
        p.by_first.get(first.to_lowercase().as_str())
    } else {
        p.by_first.get(first)
    }?;
    let mut best: Option<(&Pat, usize)> = None;
    for &i in ids {
        let pat = &p.pats[i as usize];
        let Some(end) = match_from(&pat.elems, lemmas, 0, true, pat.max_gap) else {
            continue;
        };
        let better = match best {
            None => true,
            Some((b, bend)) => {
                let key =
                    |q: &Pat, e: usize| (q.elems.len(), std::cmp::Reverse(e), origin_rank(q.sense.origin));
                let (k, bk) = (key(pat, end), key(b, bend));
                k > bk || (k == bk && pat.sense.weight > b.sense.weight)
            }
        };
        if better {
            best = Some((pat, end));
        }
    }
    best.map(|(pat, end)| (end, pat.sense))
}
