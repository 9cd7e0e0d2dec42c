//! Sentence splitting: abbreviations, initials, quotes, headlines, paragraphs, datelines.

use claimgraph_text::Tokenizer;

fn sentences(text: &str) -> Vec<&str> {
    let (_, s) = Tokenizer::new().analyze(text);
    s.iter().map(|s| &text[s.start as usize..s.end as usize]).collect()
}

#[test]
fn abbreviations_inside_and_at_the_end() {
    assert_eq!(
        sentences("Gen. David Petraeus met Mr. Karzai on Jan. 5. He said the U.S. would stay."),
        ["Gen. David Petraeus met Mr. Karzai on Jan. 5.", "He said the U.S. would stay."]
    );
    assert_eq!(
        sentences("Most of them live in the U.S. The rest live in Canada."),
        ["Most of them live in the U.S.", "The rest live in Canada."]
    );
}

#[test]
fn news_style_abbreviations() {
    assert_eq!(
        sentences(
            "Sen. Warren spoke in Sacramento, Calif. The vote is on Sept. 3 at 5 p.m. Officials agreed."
        ),
        ["Sen. Warren spoke in Sacramento, Calif.", "The vote is on Sept. 3 at 5 p.m.", "Officials agreed."]
    );
    assert_eq!(sentences("He was ill. She was not."), ["He was ill.", "She was not."]);
    assert_eq!(
        sentences("The award went to Martin Luther King Jr. The crowd cheered."),
        ["The award went to Martin Luther King Jr.", "The crowd cheered."]
    );
}

#[test]
fn initials_do_not_end_sentences() {
    assert_eq!(
        sentences("The book by J. R. R. Tolkien sold well. George W. Bush read it."),
        ["The book by J. R. R. Tolkien sold well.", "George W. Bush read it."]
    );
}

#[test]
fn quotes_stay_with_their_sentence() {
    assert_eq!(
        sentences("\"We will not leave,\" he said. \"Never.\" Officials agreed."),
        ["\"We will not leave,\" he said.", "\"Never.\"", "Officials agreed."]
    );
    assert_eq!(
        sentences("“We will not leave,” he said. “Never.” Officials agreed."),
        ["“We will not leave,” he said.", "“Never.”", "Officials agreed."]
    );
    assert_eq!(
        sentences("He said: \"They paid $20,000.\" Then he left."),
        ["He said: \"They paid $20,000.\"", "Then he left."]
    );
}

#[test]
fn a_quote_typed_the_wrong_way_round_closes_by_its_spacing() {
    // `“` glued to the full stop and followed by a space closes the quotation (GUM's news
    // test has `decision.“ However`); where it opens one, no sentence ends after it
    assert_eq!(
        sentences("“I am disappointed with the decision.“ However, the center keeps its seats."),
        ["“I am disappointed with the decision.“", "However, the center keeps its seats."]
    );
    assert_eq!(sentences("He said: ‘Stop.‘ Nobody did."), ["He said: ‘Stop.‘", "Nobody did."]);
    assert_eq!(sentences("They left. “ We stay,” he said."), ["They left.", "“ We stay,” he said."]);
}

#[test]
fn headlines_and_paragraphs() {
    assert_eq!(
        sentences(
            "Taliban attack kills 12 in Kandahar\nKABUL, Afghanistan -- Taliban fighters attacked a base on Tuesday, officials said."
        ),
        [
            "Taliban attack kills 12 in Kandahar",
            "KABUL, Afghanistan -- Taliban fighters attacked a base on Tuesday, officials said."
        ]
    );
    // a blank line always ends a sentence, punctuation or not
    assert_eq!(sentences("first part of it\n\nsecond part"), ["first part of it", "second part"]);
    // a wrapped line goes on
    assert_eq!(sentences("The talks went on\nfor hours."), ["The talks went on\nfor hours."]);
}

#[test]
fn datelines_open_their_sentence() {
    assert_eq!(
        sentences(
            "WASHINGTON (Reuters) - The Pentagon said on Monday that 3.5 million people were affected. No one objected."
        ),
        [
            "WASHINGTON (Reuters) - The Pentagon said on Monday that 3.5 million people were affected.",
            "No one objected."
        ]
    );
    assert_eq!(
        sentences("KABUL, Afghanistan — Taliban fighters attacked."),
        ["KABUL, Afghanistan — Taliban fighters attacked."]
    );
}

#[test]
fn questions_exclamations_ellipses_and_other_scripts() {
    assert_eq!(
        sentences("Did Iran pay? Yes! It did... The report said so."),
        ["Did Iran pay?", "Yes!", "It did...", "The report said so."]
    );
    assert_eq!(sentences("北京是中国的首都。上海很大。"), ["北京是中国的首都。", "上海很大。"]);
}

#[test]
fn sentence_token_ranges_are_consistent() {
    let text = "One two. Three four five.\n\nSix";
    let (toks, sents) = Tokenizer::new().analyze(text);
    assert_eq!(sents.len(), 3);
    let mut next = 0;
    for s in &sents {
        assert_eq!(s.tokens.start, next);
        assert_eq!(s.start, toks[s.tokens.start as usize].start);
        assert_eq!(s.end, toks[s.tokens.end as usize - 1].end);
        next = s.tokens.end;
    }
    assert_eq!(next as usize, toks.len());
}

#[test]
fn no_boundary_inside_a_written_word() {
    let text = "Columbia lifts off on STS-1 from Launch Pad 39A at the Kennedy Space Center.";
    assert_eq!(sentences(text), [text]);
}
