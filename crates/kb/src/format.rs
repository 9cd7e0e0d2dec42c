//! The compiled KB file: `CGKB`, a format version, the alias FST, then the postcard-encoded
//! tables. The FST is used in place (no decoding); the tables are decoded once at load.

use serde::{Deserialize, Serialize};

use crate::error::{KbError, Result};
use crate::model::{Agent, Entry, Posting};

/// First bytes of a compiled KB.
pub const MAGIC: &[u8; 4] = b"CGKB";
/// Version of the compiled format; bump on any change to the tables.
pub const FORMAT_VERSION: u32 = 2;

/// The tables of a compiled KB.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct KbData {
    /// All entries.
    pub entries: Vec<Entry>,
    /// Alias postings, grouped by key; the FST maps a key to `start << 16 | len`.
    pub postings: Vec<Posting>,
    /// Agent nouns.
    pub agents: Vec<Agent>,
    /// Sorted alias keys with their packed posting ranges (written as the FST, not encoded
    /// in the tables).
    #[serde(skip)]
    pub keys: Vec<(String, u64)>,
}

/// Serializes `data` into the file format.
pub fn encode(data: &KbData) -> Result<Vec<u8>> {
    let fst = fst::Map::from_iter(data.keys.iter().map(|(k, v)| (k.as_bytes(), *v)))
        .map_err(|e| KbError::BadFormat(format!("fst: {e}")))?;
    let fst = fst.into_fst().into_inner();
    let tables = postcard::to_stdvec(data).map_err(|e| KbError::BadFormat(format!("encode: {e}")))?;
    let mut out = Vec::with_capacity(16 + fst.len() + tables.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&(fst.len() as u64).to_le_bytes());
    out.extend_from_slice(&fst);
    out.extend_from_slice(&tables);
    Ok(out)
}

/// Splits a file into its FST byte range and decoded tables.
pub fn decode(bytes: &[u8]) -> Result<(std::ops::Range<usize>, KbData)> {
    if bytes.len() < 16 || &bytes[..4] != MAGIC {
        return Err(KbError::BadFormat("missing CGKB header".into()));
    }
    let version = u32::from_le_bytes(bytes[4..8].try_into().expect("4 bytes"));
    if version != FORMAT_VERSION {
        return Err(KbError::BadFormat(format!("format version {version}, expected {FORMAT_VERSION}")));
    }
    let fst_len = u64::from_le_bytes(bytes[8..16].try_into().expect("8 bytes")) as usize;
    let fst_end = 16usize
        .checked_add(fst_len)
        .filter(|&e| e <= bytes.len())
        .ok_or_else(|| KbError::BadFormat("truncated alias index".into()))?;
    let data: KbData =
        postcard::from_bytes(&bytes[fst_end..]).map_err(|e| KbError::BadFormat(format!("tables: {e}")))?;
    Ok((16..fst_end, data))
}
