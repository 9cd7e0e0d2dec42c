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
        push_chars(s.chars(), out);
    } else {
        push_chars(s.nfkd().filter(|c| !is_combining_mark(*c)), out);
    }
    // A possessive at the very end of the mention leaves a trailing "s" word ("Iran's" was
    // turned into "iran s" below only when it was a real possessive).
    while out.ends_with(' ') {
        out.pop();
    }
    if let Some(rest) = out.strip_prefix("the ") {
        let rest = rest.to_string();
        out.clear();
        out.push_str(&rest);
    }
}

fn push_chars(chars: impl Iterator<Item = char>, out: &mut String) {
    let chars: Vec<char> = chars.collect();
    let n = chars.len();
    let mut i = 0;
    while i < n {
        let c = match chars[i] {
            '\u{2019}' | '\u{2018}' | '`' | '\u{b4}' | '\u{2bc}' => '\'',
            c => c,
        };
        if c == '\'' {
            let next = chars.get(i + 1).copied();
            let after = chars.get(i + 2).copied();
            let word_end = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
            // "Iran's" -> "iran"; "Ba'ath" -> "baath"; "Afghans'" -> "afghans".
            if matches!(next, Some('s') | Some('S')) && word_end(after) {
                i += 2;
                continue;
            }
            i += 1;
            continue;
        }
        if c == '.' {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                out.push(l);
            }
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        i += 1;
    }
}

/// True when every letter of `s` is uppercase and it has at least two letters ("CIA", "U.S.").
pub fn is_acronym(s: &str) -> bool {
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
        assert_eq!(title_case("MAHMOUD_AHMADINEJAD_"), "Mahmoud Ahmadinejad");
        assert_eq!(title_case("ISLAMIC_REPUBLIC_OF_IRAN"), "Islamic Republic of Iran");
        assert_eq!(slug("Bagram Air Base"), "bagram-air-base");
    }
}
