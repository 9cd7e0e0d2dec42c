//! Conversion between byte offsets (what Rust string slicing uses) and char offsets (what
//! the extraction contract stores).

use crate::error::{CoreError, Result};

/// Maps byte offsets of one string to char offsets and back in O(log n).
///
/// For pure-ASCII text (most English news) both are the same and the map holds nothing.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    /// Byte offset of every char, plus the text length at the end; empty when ASCII.
    char_to_byte: Vec<u32>,
    len_bytes: usize,
    len_chars: usize,
}

impl OffsetMap {
    /// Builds the map for `text`.
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            return OffsetMap { char_to_byte: Vec::new(), len_bytes: text.len(), len_chars: text.len() };
        }
        let mut char_to_byte: Vec<u32> = text.char_indices().map(|(b, _)| b as u32).collect();
        let len_chars = char_to_byte.len();
        char_to_byte.push(text.len() as u32);
        OffsetMap { char_to_byte, len_bytes: text.len(), len_chars }
    }

    /// Length of the text in chars.
    pub fn len_chars(&self) -> usize {
        self.len_chars
    }

    /// Length of the text in bytes.
    pub fn len_bytes(&self) -> usize {
        self.len_bytes
    }

    /// Char offset of a byte offset that lies on a char boundary.
    pub fn byte_to_char(&self, byte: usize) -> Result<usize> {
        if byte > self.len_bytes {
            return Err(CoreError::NotCharBoundary(byte));
        }
        if self.char_to_byte.is_empty() {
            return Ok(byte);
        }
        self.char_to_byte.binary_search(&(byte as u32)).map_err(|_| CoreError::NotCharBoundary(byte))
    }

    /// Byte offset of a char offset (`len_chars` maps to the end of the text).
    pub fn char_to_byte(&self, ch: usize) -> Result<usize> {
        if ch > self.len_chars {
            return Err(CoreError::SpanOutOfRange { start: ch, end: ch, len: self.len_chars });
        }
        if self.char_to_byte.is_empty() {
            return Ok(ch);
        }
        Ok(self.char_to_byte[ch] as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_identity() {
        let m = OffsetMap::new("hello");
        assert_eq!(m.byte_to_char(3).unwrap(), 3);
        assert_eq!(m.char_to_byte(5).unwrap(), 5);
        assert!(m.char_to_byte(6).is_err());
    }

    #[test]
    fn multibyte_round_trips() {
        let s = "CNN’s “Bounties” 💣 done";
        let m = OffsetMap::new(s);
        for (ci, (bi, _)) in s.char_indices().enumerate() {
            assert_eq!(m.byte_to_char(bi).unwrap(), ci);
            assert_eq!(m.char_to_byte(ci).unwrap(), bi);
        }
        assert_eq!(m.byte_to_char(s.len()).unwrap(), s.chars().count());
        assert!(m.byte_to_char(4).is_err(), "inside the apostrophe");
    }
}
