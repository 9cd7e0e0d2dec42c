//! The shipped compiled verb lexicon (`data/cameo_verbs.txt`), parsed once.
//!
//! Line kinds: `S name phrases` (synonym set, phrases `|`-separated, words space-separated),
//! `F form lemma` (listed inflected form), `B name code` (verb block), `V words head code`
//! (verb of the last block; code empty = block code, `---` = no event), `P code elements`
//! (pattern of the last block; `*` = verb slot, `&NAME` = synonym set, else a lemma).

use std::collections::HashMap;
use std::sync::LazyLock;

use super::compile::lemmatizer_from;
use super::lemma::Lemmatizer;

pub(crate) const VERB_LEXICON: &str = include_str!("../../data/cameo_verbs.txt");

/// The parsed verb lexicon.
#[derive(Debug, Default)]
pub(crate) struct VerbLexicon {
    pub synsets: HashMap<&'static str, Vec<Vec<&'static str>>>,
    pub forms: Vec<(&'static str, &'static str)>,
    pub blocks: Vec<Block>,
}

/// A verb block.
#[derive(Debug)]
pub(crate) struct Block {
    pub code: Option<&'static str>,
    pub verbs: Vec<Verb>,
    pub patterns: Vec<RawPattern>,
}

/// A verb of a block.
#[derive(Debug)]
pub(crate) struct Verb {
    pub words: Vec<&'static str>,
    /// Own code; `None` = block code.
    pub code: Option<&'static str>,
    /// Explicit null code: the isolated verb is no event.
    pub null: bool,
}

impl Verb {
    /// The code that applies to the isolated verb, if it is an event.
    pub fn effective_code(&self, block: &Block) -> Option<&'static str> {
        if self.null { None } else { self.code.or(block.code) }
    }
}

/// A pattern: CAMEO code and elements.
#[derive(Debug)]
pub(crate) struct RawPattern {
    pub code: &'static str,
    pub elems: Vec<&'static str>,
}

fn parse(text: &'static str) -> VerbLexicon {
    let mut lex = VerbLexicon::default();
    for line in text.lines() {
        let f: Vec<&'static str> = line.split('\t').collect();
        match (f[0], f.len()) {
            ("S", 3) => {
                let phrases = f[2].split('|').map(|p| p.split(' ').collect()).collect();
                lex.synsets.insert(f[1], phrases);
            }
            ("F", 3) => lex.forms.push((f[1], f[2])),
            ("B", 3) => lex.blocks.push(Block {
                code: (!f[2].is_empty()).then_some(f[2]),
                verbs: Vec::new(),
                patterns: Vec::new(),
            }),
            ("V", 4) => {
                if let Some(b) = lex.blocks.last_mut() {
                    // f[2], the index of the verb word, is informative only.
                    b.verbs.push(Verb {
                        words: f[1].split(' ').collect(),
                        code: (!f[3].is_empty() && f[3] != "---").then_some(f[3]),
                        null: f[3] == "---",
                    });
                }
            }
            ("P", 3) => {
                if let Some(b) = lex.blocks.last_mut() {
                    b.patterns.push(RawPattern { code: f[1], elems: f[2].split(' ').collect() });
                }
            }
            _ => {} // comments; malformed lines are caught by the tests
        }
    }
    lex
}

/// The shipped verb lexicon.
pub(crate) static VERBS: LazyLock<VerbLexicon> = LazyLock::new(|| parse(VERB_LEXICON));

/// The lemmatizer of the shipped lexicons (the same one the compiler uses).
pub(crate) fn shipped_lemmatizer() -> Lemmatizer {
    let lex = &*VERBS;
    let irregular = lex.forms.iter().map(|(f, l)| (f.to_string(), l.to_string())).collect();
    let known: Vec<String> = lex
        .blocks
        .iter()
        .flat_map(|b| b.verbs.iter().flat_map(|v| v.words.iter().map(|w| w.to_string())))
        .collect();
    lemmatizer_from(irregular, known)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_lexicon_is_well_formed() {
        for (i, line) in VERB_LEXICON.lines().enumerate() {
            if line.starts_with('#') {
                continue;
            }
            let n = line.split('\t').count();
            let ok = matches!((line.chars().next(), n), (Some('S' | 'F' | 'B' | 'P'), 3) | (Some('V'), 4));
            assert!(ok, "line {}: {line:?}", i + 1);
        }
        let lex = &*VERBS;
        assert!(lex.blocks.len() > 300);
        for b in &lex.blocks {
            for p in &b.patterns {
                for e in &p.elems {
                    if let Some(s) = e.strip_prefix('&') {
                        assert!(lex.synsets.contains_key(s), "undefined synset {s}");
                    }
                }
            }
        }
    }
}
