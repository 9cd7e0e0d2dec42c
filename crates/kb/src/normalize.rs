//! Alias keys: the normalized form under which names are stored and looked up.
//!
//! `key("The U.S.'s")`, `key("US")` and `key("u.s.")` are all `"us"`. The rules: Unicode
//! compatibility decomposition with accents dropped, typographic apostrophes made ASCII,
//! a possessive `'s` / `s'` dropped at the end of each word, dots and remaining apostrophes
//! removed (`U.S.` → `us`, `Kata'ib` → `kataib`), every other non-alphanumeric char a word
//! break, lowercase, a leading `the ` dropped, single spaces.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The lookup key of a name or mention.
pub fn key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    key_into(s, &mut out);
    out
}

/// Writes the lookup key of `s` into `out` (cleared first); avoids an allocation per call
/// in hot loops.
pub fn key_into(s: &str, out: &mut String) {
    out.clear();
    if s.is_ascii() {
        push_ascii(s.as_bytes(), out);
    } else {
        let folded: String = s
            .nfkd()
            .filter(|c| !is_combining_mark(*c))
            .map(|c| match c {
                '\u{2019}' | '\u{2018}' | '`' | '\u{b4}' | '\u{2bc}' => '\'',
                c => c,
            })
            .collect();
        push_chars(&folded, out);
    }
    while out.ends_with(' ') {
        out.pop();
    }
    if out.starts_with("the ") {
        out.drain(..4);
    }
}

/// True when the char after a possessive `'s` ends the word.
fn word_end(c: Option<char>) -> bool {
    c.is_none_or(|c| !c.is_alphanumeric())
}

/// The ASCII fast path of [`key_into`]: same rules, one pass over bytes.
fn push_ascii(b: &[u8], out: &mut String) {
    let n = b.len();
    let mut i = 0;
    while i < n {
        let c = b[i];
        if c == b'\'' || c == b'`' {
            // "Iran's" -> "iran"; "Ba'ath" -> "baath"; "Afghans'" -> "afghans".
            if matches!(b.get(i + 1), Some(b's' | b'S')) && word_end(b.get(i + 2).map(|&x| x as char)) {
                i += 2;
            } else {
                i += 1;
            }
            continue;
        }
        if c == b'.' {
            i += 1;
            continue;
        }
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase() as char);
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        i += 1;
    }
}

fn push_chars(s: &str, out: &mut String) {
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c == '\'' {
            let mut look = it.clone();
            if matches!(look.next(), Some('s' | 'S')) && word_end(look.next()) {
                it.next();
            }
            continue;
        }
        if c == '.' {
            continue;
        }
        if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                out.push(l);
            }
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
}

/// True when every letter of `s` is uppercase and it has at least two letters ("CIA", "U.S.").
pub fn is_acronym(s: &str) -> bool {
    let s = s.trim();
    let s = ["the ", "The ", "THE "].iter().find_map(|p| s.strip_prefix(p)).unwrap_or(s);
    let mut letters = 0;
    for c in s.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        }
    }
    letters >= 2
}

/// "MAHMOUD_AHMADINEJAD_" → "Mahmoud Ahmadinejad": Phoenix phrase to display name.
pub fn title_case(phrase: &str) -> String {
    let words = phrase.split(['_', ' ']).filter(|w| !w.is_empty());
    let mut out = String::new();
    for w in words {
        if !out.is_empty() {
            out.push(' ');
        }
        let lower = w.to_lowercase();
        let small = matches!(lower.as_str(), "of" | "the" | "and" | "for" | "in" | "al" | "de" | "el");
        if small && !out.is_empty() {
            out.push_str(&lower);
        } else {
            let mut cs = lower.chars();
            if let Some(f) = cs.next() {
                out.extend(f.to_uppercase());
                // Capitalize after hyphens and apostrophes too: "Bani-Sadr", "O'Neill".
                let mut prev = f;
                for c in cs {
                    if prev == '-' || prev == '\'' || prev == '.' {
                        out.extend(c.to_uppercase());
                    } else {
                        out.push(c);
                    }
                    prev = c;
                }
            }
        }
    }
    out
}

/// A lowercase ASCII slug for ids: "Bagram Air Base" → "bagram-air-base".
pub fn slug(s: &str) -> String {
    key(s).split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert_eq!(key("The U.S."), "us");
        assert_eq!(key("US"), "us");
        assert_eq!(key("Iran's"), "iran");
        assert_eq!(key("Iran’s government"), "iran government");
        assert_eq!(key("the  Pentagon"), "pentagon");
        assert_eq!(key("Al-Qaeda"), "al qaeda");
        assert_eq!(key("Kata'ib Hezbollah"), "kataib hezbollah");
        assert_eq!(key("São Paulo"), "sao paulo");
        assert_eq!(key("Afghans'"), "afghans");
        assert_eq!(key("  Bagram Air Base, "), "bagram air base");
        assert_eq!(key("Theodore"), "theodore");
    }

    #[test]
    fn cases() {
        assert!(is_acronym("CIA"));
        assert!(is_acronym("U.S."));
        assert!(!is_acronym("Iran"));
        assert!(!is_acronym("I"));
        assert!(is_acronym("the USA"));
        assert_eq!(title_case("MAHMOUD_AHMADINEJAD_"), "Mahmoud Ahmadinejad");
        assert_eq!(title_case("ISLAMIC_REPUBLIC_OF_IRAN"), "Islamic Republic of Iran");
        assert_eq!(slug("Bagram Air Base"), "bagram-air-base");
    }
}
