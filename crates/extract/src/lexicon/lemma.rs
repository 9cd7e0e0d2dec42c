//! A small dictionary-checked lemmatizer for English words, good enough to look words up in
//! the trigger and cue lexicons without a parser.
//!
//! Curated lexicon words are lemmas as they stand ("shooting", "bombing" stay nouns).
//! Irregular forms come from the brace lists of the PETRARCH verb dictionary plus a short
//! hand list; suffixes (`-s`, `-es`, `-ies`, `-ed`, `-ied`, `-ing`) are stripped only when the
//! result is a known lexicon word, except plural `-s`/`-ies` which is stripped anyway.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// Irregular forms not covered by the verb dictionary (form, lemma).
const HAND_IRREGULARS: &[(&str, &str)] = &[
    ("is", "be"),
    ("are", "be"),
    ("was", "be"),
    ("were", "be"),
    ("been", "be"),
    ("being", "be"),
    ("am", "be"),
    ("has", "have"),
    ("had", "have"),
    ("having", "have"),
    ("does", "do"),
    ("did", "do"),
    ("done", "do"),
    ("men", "man"),
    ("women", "woman"),
    ("children", "child"),
    ("people", "people"),
    ("police", "police"),
    ("news", "news"),
    ("series", "series"),
    ("species", "species"),
    ("us", "us"),
    ("this", "this"),
    ("its", "its"),
    ("crises", "crisis"),
    ("analyses", "analysis"),
    ("talks", "talks"),
    ("spokesmen", "spokesman"),
    ("spokeswomen", "spokeswoman"),
    ("chairmen", "chairman"),
    ("gunmen", "gunman"),
    ("countrymen", "countryman"),
    ("media", "media"),
    ("data", "data"),
    ("hostilities", "hostilities"),
    ("thus", "thus"),
    ("always", "always"),
    ("perhaps", "perhaps"),
    ("whereas", "whereas"),
    ("besides", "besides"),
    ("towards", "towards"),
    ("afterwards", "afterwards"),
    ("reportedly", "reportedly"),
];

/// Lemmatizer: irregular forms plus a set of known lemmas that suffix stripping must reach.
#[derive(Debug, Clone, Default)]
pub struct Lemmatizer {
    irregular: HashMap<String, String>,
    known: HashSet<String>,
    preferred: HashSet<String>,
}

impl Lemmatizer {
    /// A lemmatizer from irregular `(form, lemma)` pairs, known lemmas, and preferred
    /// lemmas (known words that are never mapped further, even when they are also an
    /// irregular form); the hand list of irregular forms is added.
    pub fn new<I, K, P>(irregular: I, known: K, preferred: P) -> Self
    where
        I: IntoIterator<Item = (String, String)>,
        K: IntoIterator<Item = String>,
        P: IntoIterator<Item = String>,
    {
        let mut irr: HashMap<String, String> = irregular.into_iter().collect();
        for (f, l) in HAND_IRREGULARS {
            irr.insert((*f).to_string(), (*l).to_string());
        }
        let preferred: HashSet<String> = preferred.into_iter().collect();
        let mut known: HashSet<String> = known.into_iter().collect();
        known.extend(irr.values().cloned());
        known.extend(preferred.iter().cloned());
        Lemmatizer { irregular: irr, known, preferred }
    }

    /// True when `w` is a known lemma.
    pub fn is_known(&self, w: &str) -> bool {
        self.known.contains(w)
    }

    /// The lemma of one word (any case; the result is lowercase).
    pub fn lemma(&self, word: &str) -> String {
        let mut w = word.to_lowercase();
        for poss in ["'s", "\u{2019}s"] {
            if w.len() > poss.len() + 1 && w.ends_with(poss) {
                w.truncate(w.len() - poss.len());
            }
        }
        if self.preferred.contains(&w) {
            return w;
        }
        if let Some(l) = self.irregular.get(&w) {
            return l.clone();
        }
        if self.known.contains(&w) || !w.is_ascii() || w.len() < 4 {
            return w;
        }
        for cand in candidates(&w) {
            // Two-letter stems ("used" → "us") are never right.
            if cand.len() >= 3 && self.known.contains(&cand) {
                return cand;
            }
        }
        // Unknown word: strip a plural ending only.
        if let Some(stem) = w.strip_suffix("ies")
            && stem.len() >= 2
        {
            return format!("{stem}y");
        }
        for sibilant in ["sses", "xes", "ches", "shes", "zzes"] {
            if w.ends_with(sibilant) {
                w.truncate(w.len() - 2);
                return w;
            }
        }
        if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
            w.pop();
        }
        w
    }
}

/// Possible lemmas of an inflected lowercase ASCII word, most likely first.
fn candidates(w: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(s) = w.strip_suffix("ies").or_else(|| w.strip_suffix("ied")) {
        out.push(format!("{s}y"));
    }
    if let Some(s) = w.strip_suffix("ing") {
        out.push(s.to_string());
        out.push(format!("{s}e"));
        if let Some(u) = undouble(s) {
            out.push(u);
        }
    }
    if let Some(s) = w.strip_suffix("ed") {
        out.push(s.to_string());
        out.push(format!("{s}e"));
        if let Some(u) = undouble(s) {
            out.push(u);
        }
    }
    if let Some(s) = w.strip_suffix("es") {
        out.push(s.to_string());
    }
    if let Some(s) = w.strip_suffix('s')
        && !w.ends_with("ss")
    {
        out.push(s.to_string());
    }
    out
}

/// `stopp` → `stop`: drops a doubled final consonant.
fn undouble(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let n = b.len();
    if n >= 3 && b[n - 1] == b[n - 2] && !b"aeiousl".contains(&b[n - 1]) {
        Some(s[..n - 1].to_string())
    } else {
        None
    }
}

static SHARED: LazyLock<Lemmatizer> = LazyLock::new(super::data::shipped_lemmatizer);

/// The lemma of `word` with the lemmatizer built from the shipped lexicons.
pub fn lemma(word: &str) -> String {
    SHARED.lemma(word)
}

/// The shared lemmatizer built from the shipped lexicons.
pub fn shared() -> &'static Lemmatizer {
    &SHARED
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_lemmas() {
        let cases = [
            ("said", "say"),
            ("told", "tell"),
            ("paid", "pay"),
            ("attacks", "attack"),
            ("attacked", "attack"),
            ("agreed", "agree"),
            ("bounties", "bounty"),
            ("stopped", "stop"),
            ("killing", "killing"),
            ("bombing", "bombing"),
            ("denied", "deny"),
            ("sources", "source"),
            ("officials", "official"),
            ("news", "news"),
            ("bring", "bring"),
            ("CNN's", "cnn"),
            ("fought", "fight"),
            ("shooting", "shooting"),
            ("shot", "shoot"),
            ("used", "use"),
            ("refused", "refuse"),
            ("struck", "strike"),
            ("protesters", "protester"),
            ("talks", "talks"),
        ];
        for (w, l) in cases {
            assert_eq!(lemma(w), l, "{w}");
        }
    }

    #[test]
    fn unknown_words_only_lose_plural() {
        let l = Lemmatizer::new(Vec::new(), Vec::new(), Vec::new());
        assert_eq!(l.lemma("zorbings"), "zorbing");
        assert_eq!(l.lemma("glasses"), "glass");
        assert_eq!(l.lemma("process"), "process");
        assert_eq!(l.lemma("ladies"), "lady");
        assert_eq!(l.lemma("walked"), "walked");
    }
}
