//! Common English words, counted from the UD English EWT treebank (`data/ud-english-ewt/`):
//! words written in lowercase far more often than capitalized mid-sentence ("union",
//! "downtown", "mobile"). A place alias that is one such word is weak evidence: GeoNames
//! alternate names of this kind are dropped, names are flagged. Only the flag reaches the KB.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::error::{KbError, Result};

/// Reads a CoNLL-U file and returns its common lowercase words.
pub fn from_conllu(path: &Path) -> Result<HashSet<String>> {
    let text = std::fs::read_to_string(path).map_err(|e| KbError::io(path, e))?;
    Ok(count(&text))
}

/// Common words of CoNLL-U text: seen lowercase at least 3 times and at least twice as often
/// as capitalized away from the start of a sentence.
pub fn count(conllu: &str) -> HashSet<String> {
    let mut counts: HashMap<String, (u32, u32)> = HashMap::new();
    for line in conllu.lines() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(id), Some(form)) = (cols.next(), cols.next()) else { continue };
        let Some(first) = form.chars().next() else { continue };
        if !first.is_alphabetic() || id.contains(['-', '.']) {
            continue;
        }
        let slot = counts.entry(form.to_lowercase()).or_default();
        if first.is_lowercase() {
            slot.0 += 1;
        } else if id != "1" {
            slot.1 += 1;
        }
    }
    counts.into_iter().filter(|(_, (low, cap))| *low >= 3 && *low >= 2 * *cap).map(|(w, _)| w).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lowercase_words() {
        let mut s = String::new();
        for _ in 0..3 {
            s.push_str("1\tThe\n2\tunion\n3\tmet\n4\tin\n5\tParis\n\n");
        }
        let c = count(&s);
        assert!(c.contains("union"));
        assert!(c.contains("met"));
        assert!(!c.contains("paris"));
        assert!(!c.contains("the"), "only seen sentence-initially");
    }
}
