//! Reading and writing CoNLL-U (<https://universaldependencies.org/format.html>).
//!
//! Multiword tokens (`1-2`) are kept so that raw-text evaluation can align words with
//! surface tokens; empty nodes (`8.1`) are skipped, as the basic tree ignores them.

use std::fmt::Write as _;

/// Error reading CoNLL-U.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("CoNLL-U line {line}: {message}")]
pub struct ConlluError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// One syntactic word (a CoNLL-U line with an integer id).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Word {
    /// FORM.
    pub form: String,
    /// LEMMA (`_` when unknown).
    pub lemma: String,
    /// UPOS.
    pub upos: String,
    /// XPOS.
    pub xpos: String,
    /// FEATS.
    pub feats: String,
    /// HEAD: 0 for the root, 1-based index of the head word otherwise; `None` when unknown.
    pub head: Option<usize>,
    /// DEPREL.
    pub deprel: String,
    /// DEPS (enhanced graph), kept verbatim.
    pub deps: String,
    /// MISC, kept verbatim.
    pub misc: String,
}

impl Word {
    /// A word with only its form known.
    pub fn from_form(form: &str) -> Self {
        let u = "_".to_string();
        Word {
            form: form.to_string(),
            lemma: u.clone(),
            upos: u.clone(),
            xpos: u.clone(),
            feats: u.clone(),
            head: None,
            deprel: u.clone(),
            deps: u.clone(),
            misc: u,
        }
    }

    /// True when MISC holds `SpaceAfter=No`.
    pub fn no_space_after(&self) -> bool {
        self.misc.split('|').any(|f| f == "SpaceAfter=No")
    }
}

/// A multiword token spanning words `first..=last` (1-based), e.g. `don't` = `do` + `n't`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MultiWord {
    /// First word id (1-based).
    pub first: usize,
    /// Last word id (1-based, inclusive).
    pub last: usize,
    /// Surface form.
    pub form: String,
    /// MISC of the token line.
    pub misc: String,
}

/// One sentence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    /// Comment lines without the leading `# ` (includes `sent_id = ...`, `text = ...`).
    pub comments: Vec<String>,
    /// Words in order; word `i` has CoNLL-U id `i + 1`.
    pub words: Vec<Word>,
    /// Multiword tokens.
    pub multiwords: Vec<MultiWord>,
}

impl Sentence {
    /// The value of a `# key = value` comment.
    pub fn comment(&self, key: &str) -> Option<&str> {
        self.comments.iter().find_map(|c| {
            let (k, v) = c.split_once('=')?;
            (k.trim() == key).then(|| v.trim())
        })
    }

    /// `# text = ...`, the raw sentence text.
    pub fn text(&self) -> Option<&str> {
        self.comment("text")
    }

    /// Surface tokens: multiword tokens where they exist, single words elsewhere, each with
    /// whether a space follows it.
    pub fn tokens(&self) -> Vec<(String, bool)> {
        let mut out = Vec::with_capacity(self.words.len());
        let mut i = 1;
        while i <= self.words.len() {
            if let Some(mw) = self.multiwords.iter().find(|m| m.first == i) {
                let space = !mw.misc.split('|').any(|f| f == "SpaceAfter=No");
                out.push((mw.form.clone(), space));
                i = mw.last + 1;
            } else {
                let w = &self.words[i - 1];
                out.push((w.form.clone(), !w.no_space_after()));
                i += 1;
            }
        }
        out
    }
}

fn field(cols: &[&str], i: usize) -> String {
    cols.get(i).copied().unwrap_or("_").to_string()
}

/// Parses CoNLL-U text. Only ID and FORM are required; missing columns read as `_`.
pub fn parse(input: &str) -> Result<Vec<Sentence>, ConlluError> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for (n, line) in input.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        let err = |message: String| ConlluError { line: n + 1, message };
        if line.trim().is_empty() {
            // A blank line ends whatever the sentence has begun, a lone token range too: it
            // must not run on into the next sentence (nor past a chunk's end).
            if !cur.words.is_empty() || !cur.comments.is_empty() || !cur.multiwords.is_empty() {
                check_ranges(&cur).map_err(err)?;
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            cur.comments.push(c.trim_start().to_string());
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 2 {
            return Err(err(format!("expected tab-separated columns, got {line:?}")));
        }
        let id = cols[0];
        if id.contains('.') {
            continue; // empty node of the enhanced graph
        }
        if let Some((a, b)) = id.split_once('-') {
            let first: usize = a.parse().map_err(|_| err(format!("bad token range {id:?}")))?;
            let last: usize = b.parse().map_err(|_| err(format!("bad token range {id:?}")))?;
            // a range starts at the next word and covers at least two words
            if first != cur.words.len() + 1 || last <= first {
                return Err(err(format!(
                    "token range {id:?} does not start at word {} or is empty",
                    cur.words.len() + 1
                )));
            }
            cur.multiwords.push(MultiWord { first, last, form: cols[1].to_string(), misc: field(&cols, 9) });
            continue;
        }
        let idn: usize = id.parse().map_err(|_| err(format!("bad word id {id:?}")))?;
        if idn != cur.words.len() + 1 {
            return Err(err(format!("word id {idn} out of sequence")));
        }
        let head = match cols.get(6).copied() {
            None | Some("_") => None,
            Some(h) => Some(h.parse().map_err(|_| err(format!("bad head {h:?}")))?),
        };
        cur.words.push(Word {
            form: cols[1].to_string(),
            lemma: field(&cols, 2),
            upos: field(&cols, 3),
            xpos: field(&cols, 4),
            feats: field(&cols, 5),
            head,
            deprel: field(&cols, 7),
            deps: field(&cols, 8),
            misc: field(&cols, 9),
        });
    }
    if !cur.words.is_empty() || !cur.multiwords.is_empty() {
        let line = input.lines().count();
        check_ranges(&cur).map_err(|message| ConlluError { line, message })?;
        out.push(cur);
    }
    Ok(out)
}

/// Parses CoNLL-U text a few sentences at a time: each item holds the sentences of about
/// `chunk_bytes` bytes of input (whole sentences, cut at blank lines), so that a large file
/// can be processed and written out piece by piece. Errors name the line in the whole input.
/// The sentences, taken together, are those [`parse`] gives.
pub fn parse_chunks(
    input: &str,
    chunk_bytes: usize,
) -> impl Iterator<Item = Result<Vec<Sentence>, ConlluError>> {
    let mut rest = input;
    let mut lines_before = 0;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let cut = blank_line_after(rest, chunk_bytes.max(1));
        let (chunk, tail) = rest.split_at(cut);
        rest = tail;
        let first_line = lines_before;
        lines_before += chunk.matches('\n').count();
        Some(parse(chunk).map_err(|e| ConlluError { line: e.line + first_line, ..e }))
    })
}

/// The byte offset just after the first blank line that ends at or after `at` (the whole
/// text when there is none), so that a cut there splits no sentence.
fn blank_line_after(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    let bytes = text.as_bytes();
    // from the start of the line holding `at`
    let mut line_start = bytes[..at].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    while line_start < bytes.len() {
        let line_end =
            bytes[line_start..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |i| line_start + i + 1);
        let line = &text[line_start..line_end];
        if line.trim().is_empty() && line_end > at {
            return line_end;
        }
        line_start = line_end;
    }
    text.len()
}

/// A sentence's token ranges end within it.
fn check_ranges(s: &Sentence) -> Result<(), String> {
    match s.multiwords.iter().find(|m| m.last > s.words.len()) {
        Some(m) => Err(format!("token range {}-{} ends after the sentence's last word", m.first, m.last)),
        None => Ok(()),
    }
}

/// Writes sentences as CoNLL-U (each sentence followed by a blank line).
pub fn write(sentences: &[Sentence]) -> String {
    let mut s = String::new();
    for sent in sentences {
        for c in &sent.comments {
            let _ = writeln!(s, "# {c}");
        }
        for (i, w) in sent.words.iter().enumerate() {
            if let Some(mw) = sent.multiwords.iter().find(|m| m.first == i + 1) {
                let _ =
                    writeln!(s, "{}-{}\t{}\t_\t_\t_\t_\t_\t_\t_\t{}", mw.first, mw.last, mw.form, mw.misc);
            }
            let head = w.head.map_or("_".to_string(), |h| h.to_string());
            let _ = writeln!(
                s,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                i + 1,
                w.form,
                w.lemma,
                w.upos,
                w.xpos,
                w.feats,
                head,
                w.deprel,
                w.deps,
                w.misc
            );
        }
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# sent_id = a-1\n# text = I don't know.\n1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n4.1\tx\tx\t_\t_\t_\t_\t_\t_\t_\n5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n";

    #[test]
    fn round_trip() {
        let s = parse(SAMPLE).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].words.len(), 5);
        assert_eq!(s[0].comment("sent_id"), Some("a-1"));
        assert_eq!(s[0].text(), Some("I don't know."));
        assert_eq!(s[0].words[3].head, Some(0));
        let toks: Vec<String> = s[0].tokens().into_iter().map(|t| t.0).collect();
        assert_eq!(toks, ["I", "don't", "know", "."]);
        assert!(!s[0].tokens()[2].1);
        let again = parse(&write(&s)).unwrap();
        assert_eq!(again, s);
    }

    #[test]
    fn only_id_and_form() {
        let s = parse("1\tHello\n2\tworld\n").unwrap();
        assert_eq!(s[0].words[1].form, "world");
        assert_eq!(s[0].words[1].upos, "_");
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse("1\ta\n3\tb\n").unwrap_err();
        assert_eq!(e.line, 2);
    }

    #[test]
    fn token_ranges_must_start_at_the_next_word_and_span_two_or_more() {
        for bad in ["1\ta\n2-1\tx\n2\tb\n", "1-3\tx\n1\ta\n", "3-4\tx\n1\ta\n", "1-1\tx\n1\ta\n"] {
            let e = parse(bad).unwrap_err();
            assert!(e.message.contains("token range"), "{bad:?}: {e:?}");
        }
        let ok = parse("1\ta\n2-3\tdon't\n2\tdo\n3\tn't\n").unwrap();
        let toks: Vec<String> = ok[0].tokens().into_iter().map(|t| t.0).collect();
        assert_eq!(toks, ["a", "don't"]);
    }

    #[test]
    fn chunks_cut_at_blank_lines_and_errors_keep_their_line() {
        let text = "1\ta\n2\tb\n\n# c\n1\tc\n\n1\td\n\n\n1\te\n";
        for size in [1, 3, 8, 12, 100] {
            let chunks: Vec<Vec<Sentence>> = parse_chunks(text, size).map(Result::unwrap).collect();
            assert_eq!(chunks.concat(), parse(text).unwrap(), "chunks of {size} bytes");
            assert!(chunks.iter().all(|c| !c.is_empty()), "{size}: {chunks:?}");
        }
        let bad = "1\ta\n\n1\tb\n\n1\tc\n3\td\n";
        let e = parse_chunks(bad, 2).find_map(Result::err).unwrap();
        assert_eq!(e.line, parse(bad).unwrap_err().line);
        assert_eq!(e.line, 6);
        assert_eq!(parse_chunks("", 10).count(), 0);
        // a token range with no words before a blank line is an error there, in both
        // (proptest found the whole parse carrying it into the next sentence)
        let lone = "1-2\tdon't\n\n#\n\n1\ta\n";
        let whole = parse(lone).unwrap_err();
        assert_eq!(whole.line, 2, "{whole:?}");
        let e = parse_chunks(lone, 4).find_map(Result::err).unwrap();
        assert_eq!(e, whole);
        assert_eq!(parse("1-2\tdon't").unwrap_err().line, 1);
    }

    proptest::proptest! {
        /// Any text either parses or names a line, and what parses writes back to itself.
        #[test]
        fn parsing_never_panics_and_round_trips(
            lines in proptest::collection::vec(
                proptest::prop_oneof![
                    "[0-9]{1,2}(-[0-9]{1,2})?\t[^\t\n]{0,6}(\t[^\t\n]{0,4}){0,9}",
                    "#[^\n]{0,10}",
                    "",
                    "[^\n]{0,12}",
                ],
                0..24,
            )
        ) {
            let text = lines.join("\n");
            let chunked: Result<Vec<Vec<Sentence>>, ConlluError> = parse_chunks(&text, 16).collect();
            match (parse(&text), chunked) {
                (Ok(whole), Ok(chunks)) => proptest::prop_assert_eq!(whole, chunks.concat()),
                (Err(a), Err(b)) => proptest::prop_assert_eq!(a, b),
                (a, b) => proptest::prop_assert!(false, "whole {a:?}, in chunks {b:?}"),
            }
            match parse(&text) {
                Ok(sentences) => {
                    for s in &sentences {
                        let tokens = s.tokens();
                        proptest::prop_assert!(tokens.len() <= s.words.len());
                    }
                    let written = write(&sentences);
                    let again = parse(&written);
                    proptest::prop_assert!(again.is_ok(), "{written:?}");
                }
                Err(e) => proptest::prop_assert!(e.line >= 1 && e.line <= lines.len().max(1)),
            }
        }
    }
}
