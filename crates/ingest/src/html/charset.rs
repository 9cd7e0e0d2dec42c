//! The charset an HTML page declares in its first bytes.

use encoding_rs::Encoding;

/// How far into the page a declaration is looked for (the HTML standard's prescan uses
/// the first 1024 bytes).
const PRESCAN_BYTES: usize = 1024;

/// The encoding declared by `<meta charset=...>` or `<meta http-equiv="Content-Type"
/// content="...; charset=...">` in the first 1024 bytes, if any and if known.
pub fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes[..bytes.len().min(PRESCAN_BYTES)].to_ascii_lowercase();
    let mut rest = &head[..];
    while let Some(i) = find(rest, b"charset=") {
        let after = &rest[i + b"charset=".len()..];
        let after = after.strip_prefix(b"\"").or_else(|| after.strip_prefix(b"'")).unwrap_or(after);
        let end = after
            .iter()
            .position(|b| matches!(b, b'"' | b'\'' | b';' | b'>' | b'/') || b.is_ascii_whitespace())
            .unwrap_or(after.len());
        if let Some(enc) = Encoding::for_label(&after[..end]) {
            return Some(enc);
        }
        rest = after;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_forms() {
        let a = declared_charset(b"<html><head><meta charset=\"ISO-8859-1\">");
        assert_eq!(a.unwrap().name(), "windows-1252");
        let b = declared_charset(b"<meta http-equiv=Content-Type content='text/html; charset=koi8-r'>");
        assert_eq!(b.unwrap().name(), "KOI8-R");
        assert_eq!(declared_charset(b"<meta charset=bogus><p>x"), None);
        assert_eq!(declared_charset(b"no declaration"), None);
    }
}
