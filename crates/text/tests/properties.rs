//! Invariants of tokenization and splitting on arbitrary input.

use claimgraph_text::Tokenizer;
use proptest::prelude::*;

fn check(text: &str) -> Result<(), TestCaseError> {
    let tok = Tokenizer::new();
    let (toks, sents) = tok.analyze(text);
    let mut last = 0usize;
    for t in &toks {
        let (s, e) = (t.start as usize, t.end as usize);
        prop_assert!(s >= last, "tokens out of order or overlapping");
        prop_assert!(e > s, "empty token");
        prop_assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
        prop_assert!(!text[s..e].chars().any(char::is_whitespace), "token covers whitespace");
        prop_assert!(text[last..s].chars().all(char::is_whitespace), "non-space char not covered");
        let followed_by_space = text[e..].starts_with(char::is_whitespace);
        prop_assert_eq!(t.space_after, followed_by_space);
        if t.joined {
            prop_assert!(!t.space_after);
        }
        last = e;
    }
    prop_assert!(text[last..].chars().all(char::is_whitespace), "non-space char not covered");
    let mut next = 0u32;
    for s in &sents {
        prop_assert_eq!(s.tokens.start, next);
        prop_assert!(s.tokens.end > s.tokens.start);
        next = s.tokens.end;
    }
    prop_assert_eq!(next as usize, toks.len());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_string(text in "\\PC{0,80}") {
        check(&text)?;
    }

    #[test]
    fn any_chars_including_controls(text in any::<String>()) {
        check(&text)?;
    }

    #[test]
    fn english_like(text in "([A-Za-z]{1,6}|[0-9]{1,4}|[.,;:!?'’\"“”$%@#/&()-]|https?://|www\\.|n't|'s| |\n){0,40}") {
        check(&text)?;
    }
}
