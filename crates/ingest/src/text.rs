//! The plain-text reader.

use claimgraph_core::Meta;

use crate::decode::decode;
use crate::error::{IngestError, Result};
use crate::finish::finish;
use crate::limits::check_size;
use crate::{Loaded, ReadOptions};

/// Reads plain text from `bytes` (any encoding [`decode`](crate::decode::decode) accepts)
/// into a document named `source`. Non-UTF-8 input gives a warning naming the encoding.
pub fn read_text_bytes(bytes: &[u8], source: &str, opts: &ReadOptions) -> Result<Loaded> {
    check_size(bytes.len() as u64, opts).map_err(|k| IngestError::new(source, k))?;
    let decoded = decode(bytes, None).map_err(|k| IngestError::new(source, k))?;
    let warnings = decoded.warning.into_iter().collect();
    finish(&decoded.text, Meta::default(), None, source, opts, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    #[test]
    fn reads_and_normalizes() {
        let l = read_text_bytes(
            b"  Two  rockets hit the city.\r\n\r\n\r\nNo one was hurt. ",
            "a.txt",
            &ReadOptions::default(),
        )
        .unwrap();
        assert_eq!(l.document.text(), "Two rockets hit the city.\n\nNo one was hurt.");
        assert!(l.warnings.is_empty());
    }

    #[test]
    fn limit_is_checked() {
        let opts = ReadOptions { max_bytes: 4, ..ReadOptions::default() };
        let e = read_text_bytes(b"12345", "big.txt", &opts).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::TooLarge { size: 5, limit: 4 }));
    }
}
