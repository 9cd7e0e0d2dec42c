//! A small tokenizer with byte offsets, shared by the date and quantity finders.
//!
//! Words are runs of letters, numbers are runs of ASCII digits, every other visible char is
//! a token of its own. Patterns check adjacency (`glued`) to read `2019-12-11`, `10,000` or
//! `1960s` from several tokens.

/// Kind of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    /// Letters.
    Word,
    /// ASCII digits.
    Num,
    /// Any other visible char.
    Punct,
}

/// One token: its kind, byte span and lowercased text.
#[derive(Debug, Clone)]
pub(crate) struct Token<'a> {
    pub kind: TokKind,
    pub start: usize,
    pub end: usize,
    /// The text as written.
    pub text: &'a str,
    /// Lowercased text (same as `text` for numbers and punctuation).
    pub lower: String,
    /// True when a line break separates this token from the previous one.
    pub newline_before: bool,
}

impl Token<'_> {
    /// True when the token is this punctuation char.
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == TokKind::Punct && self.text.starts_with(c)
    }

    /// True when the word starts with an uppercase letter.
    pub fn is_capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// The number the token spells in digits, if it is a number that fits.
    pub fn num(&self) -> Option<u64> {
        if self.kind == TokKind::Num && self.text.len() <= 18 { self.text.parse().ok() } else { None }
    }
}

/// Splits `text` into tokens.
pub(crate) fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut it = text.char_indices().peekable();
    let mut newline = false;
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            newline |= c == '\n';
            continue;
        }
        let kind = if c.is_alphabetic() {
            TokKind::Word
        } else if c.is_ascii_digit() {
            TokKind::Num
        } else {
            TokKind::Punct
        };
        let mut end = i + c.len_utf8();
        if kind != TokKind::Punct {
            while let Some(&(j, d)) = it.peek() {
                let same = match kind {
                    TokKind::Word => d.is_alphabetic(),
                    _ => d.is_ascii_digit(),
                };
                if !same {
                    break;
                }
                end = j + d.len_utf8();
                it.next();
            }
        }
        let slice = &text[i..end];
        let lower = if kind == TokKind::Word { slice.to_lowercase() } else { slice.to_string() };
        out.push(Token { kind, start: i, end, text: slice, lower, newline_before: newline });
        newline = false;
    }
    out
}

/// True when token `i` starts right where token `i - 1` ends (no space between).
pub(crate) fn glued(toks: &[Token<'_>], i: usize) -> bool {
    i > 0 && i < toks.len() && toks[i - 1].end == toks[i].start
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_words_numbers_and_punctuation() {
        let toks = tokenize("On Dec. 11, 2019-12-11 the 1960s’ café\nnext");
        let texts: Vec<&str> = toks.iter().map(|t| t.text).collect();
        assert_eq!(
            texts,
            [
                "On", "Dec", ".", "11", ",", "2019", "-", "12", "-", "11", "the", "1960", "s", "’", "café",
                "next"
            ]
        );
        assert!(glued(&toks, 12));
        assert!(!glued(&toks, 3));
        assert!(toks[15].newline_before);
        assert_eq!(toks[14].end, "On Dec. 11, 2019-12-11 the 1960s’ café".len());
        assert_eq!(toks[5].num(), Some(2019));
    }
}
