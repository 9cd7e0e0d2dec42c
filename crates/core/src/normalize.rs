//! Text normalization, applied once when a [`Document`](crate::Document) is made.
//!
//! The rules, in order:
//! 1. a leading byte-order mark is dropped;
//! 2. line endings (`\r\n`, `\r`, U+2028, U+2029, U+0085) become `\n`;
//! 3. Unicode NFC;
//! 4. invisible format characters that carry no text (U+200B zero width space, U+FEFF,
//!    U+00AD soft hyphen) and control characters other than `\n` are dropped;
//! 5. every run of horizontal whitespace (space, tab, no-break space, thin space, ...)
//!    becomes one ASCII space, and spaces at the start and end of a line are removed;
//! 6. three or more line breaks in a row become two (one blank line marks a paragraph);
//! 7. the whole text is trimmed.
//!
//! Typographic quotes, dashes and apostrophes are kept as they are: they are evidence.

use unicode_normalization::UnicodeNormalization;

/// Normalizes raw text as described in the [module docs](self).
pub fn normalize(raw: &str) -> String {
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let mut out = String::with_capacity(raw.len());
    // `pending_space` and `newlines` defer whitespace until the next visible char, so that
    // trailing spaces and surplus blank lines never reach the output.
    let mut pending_space = false;
    let mut newlines = 0usize;
    let mut prev_cr = false;
    for c in raw.nfc() {
        let was_cr = std::mem::replace(&mut prev_cr, c == '\r');
        match c {
            '\n' if was_cr => {}
            '\r' | '\n' | '\u{2028}' | '\u{2029}' | '\u{85}' => {
                newlines += 1;
                pending_space = false;
            }
            '\u{200b}' | '\u{feff}' | '\u{ad}' => {}
            c if c.is_whitespace() => pending_space = true,
            c if c.is_control() => {}
            c => {
                if !out.is_empty() {
                    if newlines > 0 {
                        out.push_str(if newlines >= 2 { "\n\n" } else { "\n" });
                    } else if pending_space {
                        out.push(' ');
                    }
                }
                newlines = 0;
                pending_space = false;
                out.push(c);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::normalize;
    use proptest::prelude::*;

    #[test]
    fn line_endings_and_spaces() {
        assert_eq!(normalize("a\r\nb\rc\n"), "a\nb\nc");
        assert_eq!(normalize("  a \t\u{a0} b  \n  c  "), "a b\nc");
        assert_eq!(normalize("p1\n\n\n\n  \n p2"), "p1\n\np2");
    }

    #[test]
    fn keeps_typographic_quotes_and_applies_nfc() {
        assert_eq!(normalize("CNN’s “Bounties” — x"), "CNN’s “Bounties” — x");
        assert_eq!(normalize("Cafe\u{301}"), "Café");
    }

    #[test]
    fn drops_bom_controls_and_invisibles() {
        assert_eq!(normalize("\u{feff}a\u{0}b\u{200b}c\u{ad}d"), "abcd");
    }

    #[test]
    fn empty_and_blank() {
        assert_eq!(normalize(""), "");
        assert_eq!(normalize(" \n\t\r\n "), "");
    }

    proptest! {
        #[test]
        fn idempotent(s in "\\PC*") {
            let once = normalize(&s);
            prop_assert_eq!(normalize(&once), once.clone());
            prop_assert!(!once.contains("  "));
            prop_assert!(!once.contains("\n\n\n"));
            prop_assert!(!once.contains('\r'));
        }
    }
}
