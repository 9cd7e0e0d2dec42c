//! Tokenizer edge cases: EWT word conventions, news text, web text, other scripts, size.

use claimgraph_core::{Document, Meta};
use claimgraph_text::{Token, Tokenizer, surface_tokens};

fn words(text: &str) -> Vec<&str> {
    Tokenizer::new().tokenize(text).iter().map(|t| t.text(text)).collect()
}

fn surface(text: &str) -> Vec<&str> {
    let toks = Tokenizer::new().tokenize(text);
    surface_tokens(&toks).into_iter().map(|r| &text[r.start as usize..r.end as usize]).collect()
}

#[test]
fn news_abbreviations_stay_whole() {
    assert_eq!(
        words("Gen. Petraeus and Mr. Karzai met on Jan. 5 in the U.S. capital, No. 2 on the list."),
        [
            "Gen.", "Petraeus", "and", "Mr.", "Karzai", "met", "on", "Jan.", "5", "in", "the", "U.S.",
            "capital", ",", "No.", "2", "on", "the", "list", "."
        ]
    );
    assert_eq!(words("J. R. R. Tolkien"), ["J.", "R.", "R.", "Tolkien"]);
    assert_eq!(words("e.g. this, i.e. that"), ["e.g.", "this", ",", "i.e.", "that"]);
}

#[test]
fn clitics_with_both_apostrophes() {
    for (text, want) in [
        ("don't", vec!["do", "n't"]),
        ("don’t", vec!["do", "n’t"]),
        ("can't", vec!["ca", "n't"]),
        ("won’t", vec!["wo", "n’t"]),
        ("it's", vec!["it", "'s"]),
        ("Iran’s", vec!["Iran", "’s"]),
        ("they're", vec!["they", "'re"]),
        ("we’ll", vec!["we", "’ll"]),
        ("I've", vec!["I", "'ve"]),
        ("I’m", vec!["I", "’m"]),
        ("she'd", vec!["she", "'d"]),
        ("gonna", vec!["gon", "na"]),
        ("cannot", vec!["can", "not"]),
        ("Cannot", vec!["Can", "not"]),
        ("parents'", vec!["parents", "'"]),
    ] {
        assert_eq!(words(text), want, "{text}");
        // one surface token, as in EWT's multiword tokens
        assert_eq!(surface(text), [text], "{text}");
        let toks = Tokenizer::new().tokenize(text);
        assert!(toks[..toks.len() - 1].iter().all(|t| t.joined && !t.space_after));
    }
    assert_eq!(words("O'Brien's"), ["O'Brien", "'s"]);
    assert_eq!(words("the 1990's"), ["the", "1990's"]);
    assert_eq!(words("'rigorous'"), ["'", "rigorous", "'"]);
    // a closing single quote after a plural is a quote when one was opened
    assert_eq!(
        words("‘sinister attacks’ on troops’ bases"),
        ["‘", "sinister", "attacks", "’", "on", "troops", "’", "bases"]
    );
    assert_eq!(surface("the troops’ bases"), ["the", "troops’", "bases"]);
}

#[test]
fn numbers_and_currencies() {
    assert_eq!(words("$20,000"), ["$", "20,000"]);
    assert_eq!(words("€3.5 million"), ["€", "3.5", "million"]);
    assert_eq!(words("1,000 and 2,977,000 people"), ["1,000", "and", "2,977,000", "people"]);
    assert_eq!(words("on 9/11 at 10:30 or 5pm"), ["on", "9/11", "at", "10:30", "or", "5", "pm"]);
    assert_eq!(words("the 4th and 1990s"), ["the", "4th", "and", "1990s"]);
    assert_eq!(words("5:30pm 2.5bn 10km"), ["5:30", "pm", "2.5", "bn", "10", "km"]);
    // a capital letter naming a variant stays; unit letters are split off, as in EWT
    assert_eq!(words("Launch Pad 39A"), ["Launch", "Pad", "39A"]);
    assert_eq!(words("70K 8M"), ["70", "K", "8", "M"]);
    assert_eq!(words("50%"), ["50", "%"]);
    assert_eq!(words("3,4"), ["3", ",", "4"]);
}

#[test]
fn hyphens_follow_ewt() {
    assert_eq!(words("search-engine"), ["search", "-", "engine"]);
    assert_eq!(words("e-mail"), ["e-mail"]);
    assert_eq!(words("anti-American"), ["anti-American"]);
    assert_eq!(words("non-violence"), ["non-violence"]);
    assert_eq!(words("713-853-3989"), ["713-853-3989"]);
    assert_eq!(words("4-12"), ["4", "-", "12"]);
    assert_eq!(words("1990-91"), ["1990", "-", "91"]);
    assert_eq!(words("2020-08-18"), ["2020-08-18"]);
}

#[test]
fn punctuation_tokens() {
    assert_eq!(words("wait... no—yes -- fine…"), ["wait", "...", "no", "—", "yes", "--", "fine", "…"]);
    assert_eq!(words("\"Go,\" he said."), ["\"", "Go", ",", "\"", "he", "said", "."]);
    assert_eq!(words("“Go,” he said."), ["“", "Go", ",", "”", "he", "said", "."]);
    assert_eq!(words("Really?! Yes!!!"), ["Really", "?!", "Yes", "!!!"]);
    assert_eq!(words("(a) [b]"), ["(", "a", ")", "[", "b", "]"]);
}

#[test]
fn web_tokens() {
    assert_eq!(
        words("See https://example.com/a_b?x=1&y=2. Or www.example.org, or (http://x.org/a)."),
        [
            "See",
            "https://example.com/a_b?x=1&y=2",
            ".",
            "Or",
            "www.example.org",
            ",",
            "or",
            "(",
            "http://x.org/a",
            ")",
            "."
        ]
    );
    assert_eq!(words("Mail jane.doe@example.co.uk."), ["Mail", "jane.doe@example.co.uk", "."]);
    assert_eq!(words("@claimgraph_dev #OSINT #1"), ["@claimgraph_dev", "#OSINT", "#", "1"]);
    assert_eq!(words("nice :) :-( ;-)"), ["nice", ":)", ":-(", ";-)"]);
    assert_eq!(words("ok 😀👍🏽 🇺🇦 👨‍👩‍👧!"), ["ok", "😀", "👍🏽", "🇺🇦", "👨‍👩‍👧", "!"]);
}

#[test]
fn other_scripts_give_sane_tokens() {
    assert_eq!(words("北京是首都。"), ["北", "京", "是", "首", "都", "。"]);
    assert_eq!(words("東京タワー"), ["東", "京", "タ", "ワ", "ー"]);
    assert_eq!(words("مرحبا بالعالم، كيف الحال؟"), ["مرحبا", "بالعالم", "،", "كيف", "الحال", "؟"]);
    assert_eq!(words("שלום עולם."), ["שלום", "עולם", "."]);
    assert_eq!(words("Привет, мир!"), ["Привет", ",", "мир", "!"]);
    assert_eq!(words("नमस्ते दुनिया"), ["नमस्ते", "दुनिया"]);
    assert_eq!(words("e\u{301}a"), ["e\u{301}a"]);
}

#[test]
fn space_after_and_offsets_match_document_chars() {
    let doc = Document::new("Iran’s “bounties”\nwere paid.", Meta::default());
    let text = doc.text();
    let toks = Tokenizer::new().tokenize(text);
    let shown: Vec<(&str, bool)> = toks.iter().map(|t| (t.text(text), t.space_after)).collect();
    assert_eq!(
        shown,
        [
            ("Iran", false),
            ("’s", true),
            ("“", false),
            ("bounties", false),
            ("”", true),
            ("were", true),
            ("paid", false),
            (".", false)
        ]
    );
    let span = doc.span_bytes(toks[3].start as usize, toks[3].end as usize).unwrap();
    assert_eq!((span.start, span.end, span.text.as_str()), (8, 16, "bounties"));
    doc.check_span(&span).unwrap();
}

#[test]
fn empty_and_blank_inputs() {
    assert!(words("").is_empty());
    assert!(words(" \n\t ").is_empty());
    let (t, s) = Tokenizer::new().analyze("");
    assert!(t.is_empty() && s.is_empty());
}

/// Checks the invariants every tokenization must keep (also used on big inputs).
fn check(text: &str, toks: &[Token]) {
    let mut last = 0usize;
    for t in toks {
        let (s, e) = (t.start as usize, t.end as usize);
        assert!(s >= last && e > s && text.is_char_boundary(s) && text.is_char_boundary(e));
        assert!(text[last..s].chars().all(char::is_whitespace));
        last = e;
    }
    assert!(text[last..].chars().all(char::is_whitespace));
}

#[test]
fn one_megabyte_inputs_are_handled_in_one_pass() {
    let tok = Tokenizer::new();
    // a 1 MB sentence without punctuation
    let sentence = "the convoy moved north through the valley ".repeat(25_000);
    assert!(sentence.len() >= 1_000_000);
    let (toks, sents) = tok.analyze(&sentence);
    assert_eq!(toks.len(), 7 * 25_000);
    check(&sentence, &toks);
    let covered: u32 = sents.iter().map(|s| s.tokens.end - s.tokens.start).sum();
    assert_eq!(covered as usize, toks.len());
    // one 1 MB "word", and 1 MB runs that hit the special cases
    for big in ["a".repeat(1 << 20), "a.".repeat(1 << 19), "@a".repeat(1 << 19), "-".repeat(1 << 20)] {
        let toks = tok.tokenize(&big);
        check(&big, &toks);
        let sents = tok.split(&big, &toks);
        assert_eq!(sents.last().map(|s| s.tokens.end as usize), Some(toks.len()));
    }
    let url = format!("http://x.org/{})", ")".repeat(1 << 20));
    check(&url, &tok.tokenize(&url));
    let mail = format!("{}@{}", "a".repeat(1 << 19), "b.".repeat(1 << 19));
    check(&mail, &tok.tokenize(&mail));
}
