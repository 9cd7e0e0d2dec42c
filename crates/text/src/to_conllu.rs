//! Turning tokenizer output into CoNLL-U sentences (forms, `SpaceAfter=No`, multiword
//! tokens), the input the tagger and parser read and the format the CLI can print.

use claimgraph_core::OffsetMap;

use crate::conllu::{MultiWord, Sentence, Word};
use crate::token::{SentenceSpan, Token};

/// [`to_conllu`] for sentences of one document, with what places them in it, as UD's
/// treebanks and UDPipe write it: `# newdoc` before the first sentence, `# newpar` before
/// each sentence that opens a paragraph (the first, and any after a blank line), `# sent_id
/// = N` numbering the document's sentences from 1 (`first_sent_id` is the number of
/// `sentences[0]`, for a document written a batch at a time), and `TokenRange=START:END` in
/// the MISC of each token (of the multiword token for `don't`): its char offsets into
/// `text`, the same offsets as the spans of an extraction.
pub fn to_conllu_in_document(
    text: &str,
    offsets: &OffsetMap,
    tokens: &[Token],
    sentences: &[SentenceSpan],
    first_sent_id: usize,
) -> Vec<Sentence> {
    let mut out = to_conllu(text, tokens, sentences);
    let chars = |byte: u32| offsets.byte_to_char(byte as usize).unwrap_or(0);
    for (k, (sent, span)) in out.iter_mut().zip(sentences).enumerate() {
        let id = first_sent_id + k;
        let mut head = Vec::with_capacity(3);
        if id == 1 {
            head.push("newdoc".to_string());
        }
        if id == 1 || opens_paragraph(text, span.start as usize) {
            head.push("newpar".to_string());
        }
        head.push(format!("sent_id = {id}"));
        sent.comments.splice(0..0, head);
        let toks = tokens.get(span.tokens.start as usize..span.tokens.end as usize).unwrap_or(&[]);
        let range = |first: usize, last: usize| {
            toks.get(first)
                .zip(toks.get(last))
                .map(|(a, b)| format!("TokenRange={}:{}", chars(a.start), chars(b.end)))
        };
        for (i, w) in sent.words.iter_mut().enumerate() {
            if sent.multiwords.iter().any(|m| (m.first..=m.last).contains(&(i + 1))) {
                continue;
            }
            if let Some(r) = range(i, i) {
                add_misc(&mut w.misc, &r);
            }
        }
        for m in &mut sent.multiwords {
            if let Some(r) = range(m.first - 1, m.last - 1) {
                add_misc(&mut m.misc, &r);
            }
        }
    }
    out
}

/// Whether the sentence starting at byte `start` follows a blank line.
fn opens_paragraph(text: &str, start: usize) -> bool {
    let before = text.get(..start).unwrap_or("");
    let gap = before.len() - before.trim_end().len();
    before[before.len() - gap..].matches('\n').count() >= 2
}

/// Appends `item` to a MISC value (`_` when empty).
fn add_misc(misc: &mut String, item: &str) {
    if misc.is_empty() || misc == "_" {
        *misc = item.to_string();
    } else {
        misc.push('|');
        misc.push_str(item);
    }
}

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

    #[test]
    fn documents_number_sentences_mark_paragraphs_and_give_char_ranges() {
        let text = "Iran’s envoy didn't come.\n\nTroops left. They returned.";
        let (toks, sents) = Tokenizer::new().analyze(text);
        let offsets = OffsetMap::new(text);
        let out = to_conllu_in_document(text, &offsets, &toks, &sents, 1);
        let heads: Vec<Vec<&str>> = out
            .iter()
            .map(|s| s.comments.iter().map(String::as_str).filter(|c| !c.starts_with("text")).collect())
            .collect();
        assert_eq!(
            heads,
            [vec!["newdoc", "newpar", "sent_id = 1"], vec!["newpar", "sent_id = 2"], vec!["sent_id = 3"]]
        );
        // every range slices its token out of the text, in chars (`’` is 3 bytes, 1 char)
        let chars: Vec<char> = text.chars().collect();
        for s in &out {
            for (form, misc) in s.multiwords.iter().map(|m| (&m.form, &m.misc)).chain(
                s.words
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| !s.multiwords.iter().any(|m| (m.first..=m.last).contains(&(i + 1))))
                    .map(|(_, w)| (&w.form, &w.misc)),
            ) {
                let range = misc
                    .split('|')
                    .find_map(|kv| kv.strip_prefix("TokenRange="))
                    .unwrap_or_else(|| panic!("{form}: {misc}"));
                let (a, b) = range.split_once(':').unwrap();
                let slice: String =
                    chars[a.parse::<usize>().unwrap()..b.parse::<usize>().unwrap()].iter().collect();
                assert_eq!(&slice, form);
            }
        }
        assert!(
            out[0].words[1].misc == "_" || !out[0].words[1].misc.contains("TokenRange"),
            "words of a multiword token have none"
        );
        // a later batch goes on numbering
        let later = to_conllu_in_document(text, &offsets, &toks, &sents[2..], 3);
        assert_eq!(later[0].comments[0], "sent_id = 3");
        assert_eq!(parse(&write(&out)).unwrap(), out);
    }
}
