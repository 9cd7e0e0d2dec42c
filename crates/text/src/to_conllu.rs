//! Turning tokenizer output into CoNLL-U sentences (forms, `SpaceAfter=No`, multiword
//! tokens), the input the tagger and parser read and the format the CLI can print.

use crate::conllu::{MultiWord, Sentence, Word};
use crate::token::{SentenceSpan, Token};

/// One [`Sentence`] per span: a `text = ...` comment (line breaks as spaces), one word per
/// token (only FORM and MISC filled), and a multiword token for each run of `joined`
/// tokens (`don't` = `do` + `n't`). `SpaceAfter=No` goes on the last word of a token.
///
/// Spans or tokens that do not fit `text` yield empty forms rather than a panic.
pub fn to_conllu(text: &str, tokens: &[Token], sentences: &[SentenceSpan]) -> Vec<Sentence> {
    sentences
        .iter()
        .map(|s| {
            let toks = tokens.get(s.tokens.start as usize..s.tokens.end as usize).unwrap_or(&[]);
            let raw = text.get(s.start as usize..s.end as usize).unwrap_or("");
            let mut sent = Sentence {
                comments: vec![format!("text = {}", raw.replace('\n', " "))],
                ..Sentence::default()
            };
            let mut mw_first: Option<usize> = None;
            for (i, t) in toks.iter().enumerate() {
                let id = i + 1;
                let mut w = Word::from_form(t.text(text));
                let last_in_sentence = i + 1 == toks.len();
                if t.joined && !last_in_sentence {
                    mw_first.get_or_insert(id);
                } else if let Some(first) = mw_first.take() {
                    let start = toks[first - 1].start as usize;
                    let form = text.get(start..t.end as usize).unwrap_or("").to_string();
                    let misc = if t.space_after || last_in_sentence { "_" } else { "SpaceAfter=No" };
                    sent.multiwords.push(MultiWord { first, last: id, form, misc: misc.to_string() });
                } else if !t.space_after && !last_in_sentence {
                    w.misc = "SpaceAfter=No".to_string();
                }
                sent.words.push(w);
            }
            sent
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Tokenizer;
    use crate::conllu::{parse, write};

    #[test]
    fn words_multiwords_and_spacing() {
        let text = "I don't know.\nThey’re here";
        let (toks, sents) = Tokenizer::new().analyze(text);
        let out = to_conllu(text, &toks, &sents);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].text(), Some("I don't know."));
        let forms: Vec<&str> = out[0].words.iter().map(|w| w.form.as_str()).collect();
        assert_eq!(forms, ["I", "do", "n't", "know", "."]);
        assert_eq!(
            out[0].tokens(),
            [("I".into(), true), ("don't".into(), true), ("know".into(), false), (".".into(), true)]
        );
        assert_eq!(out[1].multiwords[0].form, "They’re");
        // what we write reads back the same
        assert_eq!(parse(&write(&out)).unwrap(), out);
    }
}
