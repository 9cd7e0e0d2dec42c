//! The token and sentence types the tokenizer produces.

use std::ops::Range;

/// One syntactic word, as UD English EWT counts words, with byte offsets into the text it
/// was cut from.
///
/// A multiword surface token such as `don't` is two `Token`s (`do` + `n't`); the first has
/// `joined` set. Offsets are bytes on char boundaries (convert with
/// `claimgraph_core::Document::span_bytes`); `u32` keeps the struct at 12 bytes, so texts
/// longer than 4 GiB are not supported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Token {
    /// Start byte offset.
    pub start: u32,
    /// End byte offset (exclusive).
    pub end: u32,
    /// True when whitespace follows the token in the text (CoNLL-U `SpaceAfter`).
    pub space_after: bool,
    /// True when this word and the next one form one surface token (a CoNLL-U multiword
    /// token, e.g. `do` of `don't`).
    pub joined: bool,
}

impl Token {
    /// The token's text.
    ///
    /// Returns `""` when the offsets do not fit `text` (a token cut from another text).
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start as usize..self.end as usize).unwrap_or("")
    }

    /// The byte range of the token.
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// One sentence: its byte extent (start of its first token to end of its last) and the
/// indices of its tokens in the token list it was split from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SentenceSpan {
    /// Start byte offset.
    pub start: u32,
    /// End byte offset (exclusive).
    pub end: u32,
    /// Indices of the sentence's tokens.
    pub tokens: Range<u32>,
}

/// Surface tokens (CoNLL-U token lines): each run of `joined` words merged into one byte
/// range.
pub fn surface_tokens(tokens: &[Token]) -> Vec<Range<u32>> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut start: Option<u32> = None;
    for t in tokens {
        let s = *start.get_or_insert(t.start);
        if !t.joined {
            out.push(s..t.end);
            start = None;
        }
    }
    if let (Some(s), Some(last)) = (start, tokens.last()) {
        out.push(s..last.end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_joined_words() {
        let t = |start, end, joined| Token { start, end, space_after: false, joined };
        let toks = [t(0, 2, true), t(2, 5, false), t(6, 10, false), t(11, 14, true)];
        assert_eq!(surface_tokens(&toks), vec![0..5, 6..10, 11..14]);
        assert_eq!(toks[1].text("don't know"), "n't");
        assert_eq!(toks[1].text("x"), "");
        assert_eq!(std::mem::size_of::<Token>(), 12);
    }
}
