//! Raw text of a CoNLL-U treebank and the exact position of every gold token, word and
//! sentence in it.
//!
//! The raw text follows the CoNLL 2018 shared task: each sentence's `# text`, a space
//! between sentences, a blank line where `# newpar` or `# newdoc` starts a new paragraph,
//! then [`normalize`]d as every document is.

use std::ops::Range;

use claimgraph_core::normalize::normalize;

use crate::conllu::Sentence;
use crate::error::{Result, TextError};

/// One gold sentence located in the raw text (byte offsets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldSentence {
    /// Byte range from the start of the first token to the end of the last.
    pub span: Range<usize>,
    /// Byte ranges of the surface tokens.
    pub tokens: Vec<Range<usize>>,
    /// Byte ranges of the syntactic words (parts of multiword tokens split by form length).
    pub words: Vec<Range<usize>>,
}

fn starts_paragraph(s: &Sentence) -> bool {
    s.comments.iter().any(|c| c.starts_with("newpar") || c.starts_with("newdoc"))
}

/// Builds the normalized raw text of `gold` (sentences without `# text` are skipped).
pub fn raw_text(gold: &[Sentence]) -> String {
    let mut raw = String::new();
    for s in gold {
        let Some(t) = s.text() else { continue };
        if !raw.is_empty() {
            raw.push_str(if starts_paragraph(s) { "\n\n" } else { " " });
        }
        raw.push_str(t);
    }
    normalize(&raw)
}

/// Surface tokens of a sentence: form and the forms of its words.
fn surface(s: &Sentence) -> Vec<(String, Vec<&str>)> {
    let mut out = Vec::with_capacity(s.words.len());
    let mut i = 1;
    while i <= s.words.len() {
        if let Some(mw) = s.multiwords.iter().find(|m| m.first == i && m.last >= i) {
            let last = mw.last.min(s.words.len());
            out.push((mw.form.clone(), s.words[i - 1..last].iter().map(|w| w.form.as_str()).collect()));
            i = last + 1;
        } else {
            let f = s.words[i - 1].form.as_str();
            out.push((f.to_string(), vec![f]));
            i += 1;
        }
    }
    out
}

/// Locates every token, word and sentence of `gold` in `text` (normally
/// [`raw_text`]`(gold)`), matching non-whitespace chars in order as the CoNLL 2018
/// evaluation does.
pub fn align(gold: &[Sentence], text: &str) -> Result<Vec<GoldSentence>> {
    let mut pos = 0usize;
    let mut out = Vec::with_capacity(gold.len());
    for s in gold {
        let mut tokens = Vec::new();
        let mut words = Vec::new();
        for (form, parts) in surface(s) {
            let norm = normalize(&form);
            let mut start = None;
            for fc in norm.chars().filter(|c| !c.is_whitespace()) {
                while let Some(c) = text[pos..].chars().next().filter(|c| c.is_whitespace()) {
                    pos += c.len_utf8();
                }
                match text[pos..].chars().next() {
                    Some(c) if c == fc => {
                        start.get_or_insert(pos);
                        pos += c.len_utf8();
                    }
                    _ => {
                        let at = text[..pos].chars().count();
                        return Err(TextError::Alignment { form, at });
                    }
                }
            }
            let Some(start) = start else { continue };
            let span = start..pos;
            let joined: String = parts.iter().map(|p| normalize(p)).collect();
            if parts.len() > 1 && joined == text[span.clone()] {
                let mut b = start;
                for p in &parts {
                    let n = normalize(p).len();
                    words.push(b..b + n);
                    b += n;
                }
            } else {
                words.extend(parts.iter().map(|_| span.clone()));
            }
            tokens.push(span);
        }
        if let (Some(f), Some(l)) = (tokens.first(), tokens.last()) {
            out.push(GoldSentence { span: f.start..l.end, tokens, words });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conllu::parse;

    const TWO: &str = "# newdoc id = d\n# text = I don't.\n1-2\tdon't\n1\tdo\n2\tn't\n3\t.\n\n# text = Ok\n1\tOk\n\n# newpar\n# text = Next\n1\tNext\n\n";

    #[test]
    fn builds_text_and_aligns() {
        let gold =
            parse(&TWO.replace("1-2\tdon't\n1\tdo\n2\tn't\n3\t.", "1\tI\n2-3\tdon't\n2\tdo\n3\tn't\n4\t."))
                .unwrap();
        let text = raw_text(&gold);
        assert_eq!(text, "I don't. Ok\n\nNext");
        let a = align(&gold, &text).unwrap();
        assert_eq!(a.len(), 3);
        assert_eq!(a[0].tokens, vec![0..1, 2..7, 7..8]);
        assert_eq!(a[0].words, vec![0..1, 2..4, 4..7, 7..8]);
        assert_eq!(a[2].span, 13..17);
    }

    #[test]
    fn misalignment_is_an_error() {
        let gold = parse("# text = abc\n1\tabd\n\n").unwrap();
        assert!(matches!(align(&gold, "abc"), Err(TextError::Alignment { at: 2, .. })));
    }
}
