//! Little-endian binary reading and writing for the model files.
//!
//! Every model file starts with an 8-byte magic naming its kind, then a `u16` format version;
//! the tagger and parser files then hold the fingerprint of their feature templates
//! ([`Reader::features`]). Readers check them and fail with a typed error (never a panic) on
//! short or corrupt input.

use crate::error::{NlpError, Result};

/// Appends little-endian values to a byte buffer.
#[derive(Debug, Default)]
pub struct Writer {
    /// The bytes written so far.
    pub buf: Vec<u8>,
}

impl Writer {
    /// A writer that starts with `magic` and `version`.
    pub fn with_header(magic: &[u8; 8], version: u16) -> Self {
        let mut w = Writer { buf: Vec::new() };
        w.buf.extend_from_slice(magic);
        w.u16(version);
        w
    }
    /// Writes one byte.
    pub fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }
    /// Writes a `u16`.
    pub fn u16(&mut self, v: u16) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// Writes a `u32`.
    pub fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// Writes a `u64`.
    pub fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// Writes an `f32`.
    pub fn f32(&mut self, v: f32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// Writes a length-prefixed UTF-8 string.
    pub fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.buf.extend_from_slice(s.as_bytes());
    }
    /// Writes a length-prefixed list of strings.
    pub fn strs<S: AsRef<str>>(&mut self, v: &[S]) {
        self.u32(v.len() as u32);
        for s in v {
            self.str(s.as_ref());
        }
    }
}

/// Reads little-endian values from a byte slice, failing with [`NlpError::Corrupt`] at the end.
#[derive(Debug)]
pub struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
    kind: &'static str,
}

impl<'a> Reader<'a> {
    /// Checks magic and version and returns a reader positioned after them.
    pub fn with_header(data: &'a [u8], magic: &[u8; 8], version: u16, kind: &'static str) -> Result<Self> {
        if data.len() < 10 || &data[..8] != magic {
            return Err(NlpError::BadMagic { expected: kind });
        }
        let mut r = Reader { data, pos: 8, kind };
        let found = r.u16()?;
        if found != version {
            return Err(NlpError::UnsupportedVersion { kind, found, supported: version });
        }
        Ok(r)
    }

    /// A typed "corrupt model" error naming this reader's model kind.
    pub fn corrupt(&self, message: impl Into<String>) -> NlpError {
        NlpError::Corrupt { kind: self.kind, message: message.into() }
    }

    /// The next `n` bytes.
    pub fn bytes(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.data.len());
        match end {
            Some(end) => {
                let s = &self.data[self.pos..end];
                self.pos = end;
                Ok(s)
            }
            None => Err(self.corrupt(format!("file ends early at byte {}", self.pos))),
        }
    }
    /// Reads one byte.
    pub fn u8(&mut self) -> Result<u8> {
        Ok(self.bytes(1)?[0])
    }
    /// Reads a `u16`.
    pub fn u16(&mut self) -> Result<u16> {
        let b = self.bytes(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }
    /// Reads a `u32`.
    pub fn u32(&mut self) -> Result<u32> {
        let b = self.bytes(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    /// Reads a `u64`.
    pub fn u64(&mut self) -> Result<u64> {
        let b = self.bytes(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }
    /// Reads an `f32`.
    pub fn f32(&mut self) -> Result<f32> {
        let b = self.bytes(4)?;
        Ok(f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    /// Reads a count that must fit in the remaining bytes at `min_item` bytes per item.
    pub fn len(&mut self, min_item: usize) -> Result<usize> {
        let n = self.u32()? as usize;
        if n.saturating_mul(min_item) > self.data.len() - self.pos {
            return Err(self.corrupt(format!("count {n} larger than the file")));
        }
        Ok(n)
    }
    /// Reads a length-prefixed string.
    pub fn str(&mut self) -> Result<String> {
        let n = self.len(1)?;
        let b = self.bytes(n)?;
        String::from_utf8(b.to_vec()).map_err(|_| self.corrupt("invalid UTF-8 string"))
    }
    /// Reads a length-prefixed list of strings.
    pub fn strs(&mut self) -> Result<Vec<String>> {
        let n = self.len(4)?;
        (0..n).map(|_| self.str()).collect()
    }
    /// Number of bytes not read yet.
    pub fn remaining(&self) -> usize {
        self.data.len() - self.pos
    }

    /// Reads the fingerprint of the feature templates a model was trained with, and fails
    /// with [`NlpError::OtherFeatures`] unless it is `expected` (this build's).
    pub fn features(&mut self, expected: u64) -> Result<()> {
        let found = self.u64()?;
        if found != expected {
            return Err(NlpError::OtherFeatures { kind: self.kind, found, expected });
        }
        Ok(())
    }

    /// Fails unless every byte has been read.
    pub fn finish(&self) -> Result<()> {
        if self.pos == self.data.len() {
            Ok(())
        } else {
            Err(self.corrupt(format!("{} trailing bytes", self.data.len() - self.pos)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_errors() {
        let mut w = Writer::with_header(b"CGTEST\0\0", 3);
        w.u8(7);
        w.u32(70000);
        w.u64(u64::MAX - 1);
        w.f32(1.5);
        w.strs(&["a", "héllo"]);
        let mut r = Reader::with_header(&w.buf, b"CGTEST\0\0", 3, "test").unwrap();
        assert_eq!(r.u8().unwrap(), 7);
        assert_eq!(r.u32().unwrap(), 70000);
        assert_eq!(r.u64().unwrap(), u64::MAX - 1);
        assert_eq!(r.f32().unwrap(), 1.5);
        assert_eq!(r.strs().unwrap(), vec!["a".to_string(), "héllo".to_string()]);
        r.finish().unwrap();
        assert!(matches!(
            Reader::with_header(&w.buf, b"CGTEST\0\0", 4, "test"),
            Err(NlpError::UnsupportedVersion { found: 3, supported: 4, .. })
        ));
        assert!(matches!(
            Reader::with_header(&w.buf, b"OTHER\0\0\0", 3, "test"),
            Err(NlpError::BadMagic { .. })
        ));
        let mut short = Reader::with_header(&w.buf[..14], b"CGTEST\0\0", 3, "test").unwrap();
        short.u8().unwrap();
        assert!(matches!(short.u64(), Err(NlpError::Corrupt { .. })));
    }
}
