//! Contiguous multi-word cue matching shared by the attribution, hedging and status cue
//! lists. Phrases are written as surface words; a token matches a phrase word when it equals
//! the word or the word's lemma, so both raw tokens and lemmas can be passed.

use super::lemma::lemma;

/// A cue phrase prepared for matching: surface words and their lemmas.
pub(crate) struct Phrase<T> {
    words: Vec<&'static str>,
    lemmas: Vec<String>,
    /// The cue value.
    pub value: T,
}

/// Prepares `(phrase, value)` pairs.
pub(crate) fn prepare<T: Copy>(table: &[(&'static str, T)]) -> Vec<Phrase<T>> {
    table
        .iter()
        .map(|(p, v)| {
            let words: Vec<&'static str> = p.split(' ').collect();
            let lemmas = words.iter().map(|w| lemma(w)).collect();
            Phrase { words, lemmas, value: *v }
        })
        .collect()
}

/// The longest phrase matching at the start of `tokens`: its length in tokens and value.
pub(crate) fn longest<T: Copy>(phrases: &[Phrase<T>], tokens: &[&str]) -> Option<(usize, T)> {
    let mut best: Option<(usize, T)> = None;
    for p in phrases {
        let n = p.words.len();
        if tokens.len() < n || best.is_some_and(|(b, _)| b >= n) {
            continue;
        }
        let ok = (0..n).all(|i| {
            let t = tokens[i];
            t.eq_ignore_ascii_case(p.words[i]) || t.eq_ignore_ascii_case(&p.lemmas[i])
        });
        if ok {
            best = Some((n, p.value));
        }
    }
    best
}

/// True when `word` (any case) is one of `words` or the lemma of `word` is.
pub(crate) fn word_in(words: &[&str], word: &str) -> bool {
    let lower = word.to_lowercase();
    words.contains(&lower.as_str()) || words.contains(&lemma(&lower).as_str())
}
