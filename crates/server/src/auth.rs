//! The API token: created on first start, printed once, kept only as a SHA-256 hash in the
//! store, compared in constant time.

use std::path::Path;
use std::sync::Arc;

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::error::{Result, ServerError};
use crate::pool::open_store;

/// Prefix of every token, so a leaked one is recognisable in logs and secret scanners.
const PREFIX: &str = "cg_";

/// The accepted token hashes.
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    hashes: Arc<Vec<[u8; 32]>>,
}

impl Tokens {
    /// The hashes stored in the store at `db`.
    pub fn load(db: &Path) -> Result<Self> {
        let store = open_store(db)?;
        Ok(Self::from_hex(&store.token_hashes()?))
    }

    fn from_hex(hex: &[String]) -> Self {
        let hashes = hex.iter().filter_map(|h| decode_hex(h)).collect();
        Tokens { hashes: Arc::new(hashes) }
    }

    /// True when `token` hashes to one of the accepted hashes. Every hash is compared in
    /// full, in constant time.
    pub fn accepts(&self, token: &str) -> bool {
        let h = digest(token);
        let mut ok = subtle::Choice::from(0);
        for accepted in self.hashes.iter() {
            ok |= accepted.ct_eq(&h);
        }
        bool::from(ok)
    }
}

/// Makes sure the store has a token. Returns `Some(token)` when one was created now (the
/// only time it can be shown), `None` when one existed. `renew` replaces the old ones.
pub fn ensure_token(db: &Path, renew: bool) -> Result<Option<String>> {
    let mut store = open_store(db)?;
    if !renew && !store.token_hashes()?.is_empty() {
        return Ok(None);
    }
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| ServerError::Random(e.to_string()))?;
    let token = format!("{PREFIX}{}", hex(&bytes));
    store.set_token_hash(&hex(&digest(&token)))?;
    Ok(Some(token))
}

fn digest(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn decode_hex(s: &str) -> Option<[u8; 32]> {
    if s.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, o) in out.iter_mut().enumerate() {
        *o = u8::from_str_radix(s.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_once_and_accepts_only_the_token() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        let token = ensure_token(&db, false).unwrap().expect("a new token");
        assert!(token.starts_with(PREFIX) && token.len() == PREFIX.len() + 64);
        assert_eq!(ensure_token(&db, false).unwrap(), None);
        let tokens = Tokens::load(&db).unwrap();
        assert!(tokens.accepts(&token));
        assert!(!tokens.accepts(""));
        assert!(!tokens.accepts(&token[..token.len() - 1]));
        // The store keeps only the hash.
        let stored = open_store(&db).unwrap().token_hashes().unwrap();
        assert_eq!(stored.len(), 1);
        assert!(!stored[0].contains(&token[PREFIX.len()..]));
        let renewed = ensure_token(&db, true).unwrap().unwrap();
        let tokens = Tokens::load(&db).unwrap();
        assert!(tokens.accepts(&renewed) && !tokens.accepts(&token));
    }
}
