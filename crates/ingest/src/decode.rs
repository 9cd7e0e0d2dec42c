//! Bytes to text: byte-order marks, UTF-8, UTF-16 and legacy 8-bit or CJK encodings
//! (guessed with `chardetng`, decoded with `encoding_rs`), and the binary-content check.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8};

use crate::error::ErrorKind;

/// How many leading bytes the binary check looks at.
const BINARY_SAMPLE: usize = 64 * 1024;
/// Share of control bytes above which the input is taken for binary.
const MAX_CONTROL_SHARE: f64 = 0.10;
/// Share of non-ASCII chars a legacy decoding must turn into letters or common
/// punctuation to be believed (random bytes decode into a soup of symbols).
const MIN_PLAUSIBLE_SHARE: f64 = 0.80;

/// Text decoded from bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The decoded text (not yet normalized).
    pub text: String,
    /// WHATWG name of the encoding the bytes were read as, e.g. `UTF-8`, `windows-1252`.
    pub encoding: &'static str,
    /// Set when the bytes were not plain UTF-8: says which encoding was used and why.
    pub warning: Option<String>,
}

/// Fails with [`ErrorKind::Binary`] when `bytes` holds NUL bytes or more than 10% control
/// bytes (tab, line breaks, form feed and escape excepted) in its first 64 KiB.
pub fn check_binary(bytes: &[u8]) -> Result<(), ErrorKind> {
    let sample = &bytes[..bytes.len().min(BINARY_SAMPLE)];
    if sample.contains(&0) {
        return Err(ErrorKind::Binary("NUL bytes".into()));
    }
    let controls = sample.iter().filter(|&&b| is_control_byte(b)).count();
    if !sample.is_empty() && controls as f64 / sample.len() as f64 > MAX_CONTROL_SHARE {
        return Err(ErrorKind::Binary(format!("{controls} control bytes in the first {}", sample.len())));
    }
    Ok(())
}

fn is_control_byte(b: u8) -> bool {
    matches!(b, 0x01..=0x08 | 0x0b | 0x0e..=0x1a | 0x1c..=0x1f | 0x7f)
}

/// Decodes `bytes` as text.
///
/// Order: a byte-order mark (UTF-8, UTF-16LE, UTF-16BE) wins; then the binary check; then
/// valid UTF-8; then `declared` (an HTML `<meta charset>`), if given and not UTF-8; then a
/// `chardetng` guess among legacy encodings (windows-1252 and the other ISO/Windows code
/// pages, KOI8, Shift_JIS, EUC-JP, EUC-KR, GBK, Big5). Bytes that look like damaged
/// UTF-8 (more valid multi-byte sequences than invalid ones), that do not decode cleanly in
/// the guessed encoding, or that decode into implausible symbol soup are rejected with
/// [`ErrorKind::Encoding`].
pub fn decode(bytes: &[u8], declared: Option<&'static Encoding>) -> Result<Decoded, ErrorKind> {
    if bytes.is_empty() {
        return Err(ErrorKind::Empty);
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return decode_with_bom(enc, &bytes[bom_len..]);
    }
    check_binary(bytes)?;
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded { text: text.to_string(), encoding: UTF_8.name(), warning: None });
    }
    if let Some(enc) = declared.filter(|e| *e != UTF_8) {
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        if !had_errors {
            let warning = format!("decoded as {} (declared by the page)", enc.name());
            return Ok(Decoded { text: text.into_owned(), encoding: enc.name(), warning: Some(warning) });
        }
    }
    if let Some(at) = damaged_utf8(bytes) {
        return Err(ErrorKind::Encoding(format!("invalid UTF-8 at byte {at}")));
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let enc = detector.guess(None, Utf8Detection::Deny);
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors || !plausible(&text) {
        return Err(ErrorKind::Encoding(format!(
            "not UTF-8 and not a recognised legacy encoding (best guess {} does not fit)",
            enc.name()
        )));
    }
    let warning = format!("not UTF-8: decoded as {} (detected)", enc.name());
    Ok(Decoded { text: text.into_owned(), encoding: enc.name(), warning: Some(warning) })
}

fn decode_with_bom(enc: &'static Encoding, body: &[u8]) -> Result<Decoded, ErrorKind> {
    let Some(text) = enc.decode_without_bom_handling_and_without_replacement(body) else {
        return Err(ErrorKind::Encoding(format!("malformed {} after its byte-order mark", enc.name())));
    };
    let text = text.into_owned();
    check_binary_chars(&text)?;
    let warning = (enc != UTF_8).then(|| format!("decoded as {} (byte-order mark)", enc.name()));
    Ok(Decoded { text, encoding: enc.name(), warning })
}

/// The binary check for text that was already decoded (UTF-16).
fn check_binary_chars(text: &str) -> Result<(), ErrorKind> {
    let mut total = 0usize;
    let mut controls = 0usize;
    for c in text.chars().take(BINARY_SAMPLE) {
        if c == '\0' {
            return Err(ErrorKind::Binary("NUL characters".into()));
        }
        total += 1;
        if u32::from(c) < 0x80 && is_control_byte(c as u8) {
            controls += 1;
        }
    }
    if total > 0 && controls as f64 / total as f64 > MAX_CONTROL_SHARE {
        return Err(ErrorKind::Binary(format!("{controls} control characters in the first {total}")));
    }
    Ok(())
}

/// The offset of the first invalid byte when `bytes` looks like UTF-8 with damage: it has
/// at least as many valid multi-byte sequences as invalid ones. Legacy 8-bit text almost
/// never forms valid multi-byte sequences, so it returns `None` for it.
fn damaged_utf8(bytes: &[u8]) -> Option<usize> {
    let mut valid_multibyte = 0usize;
    let mut invalid = 0usize;
    let mut first_invalid = None;
    let mut offset = 0usize;
    for chunk in bytes.utf8_chunks() {
        valid_multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        offset += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            invalid += 1;
            first_invalid.get_or_insert(offset);
        }
        offset += chunk.invalid().len();
    }
    if valid_multibyte > 0 && valid_multibyte >= invalid { first_invalid } else { None }
}

/// True when the non-ASCII chars of a legacy decoding are mostly letters, digits, marks and
/// common typographic punctuation, and none are C1 controls or unassigned.
fn plausible(text: &str) -> bool {
    let mut non_ascii = 0usize;
    let mut good = 0usize;
    for c in text.chars().filter(|c| !c.is_ascii()) {
        non_ascii += 1;
        if ('\u{80}'..='\u{9f}').contains(&c) || c == '\u{fffd}' {
            return false;
        }
        if c.is_alphanumeric()
            || matches!(c, '\u{a0}' | '«' | '»' | '°' | '§' | '©' | '®' | '€' | '£' | '·' | '¿' | '¡')
            || ('\u{2010}'..='\u{2027}').contains(&c)
            || c == '™'
        {
            good += 1;
        }
    }
    non_ascii == 0 || good as f64 / non_ascii as f64 >= MIN_PLAUSIBLE_SHARE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_without_warning() {
        let d = decode("Café “news”".as_bytes(), None).unwrap();
        assert_eq!(d.text, "Café “news”");
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.warning.is_none());
    }

    #[test]
    fn windows_1252_is_detected() {
        // “Café” in windows-1252, with curly quotes.
        let bytes = b"\x93Le caf\xe9 est ferm\xe9\x94, a dit le maire. The caf\xe9 reopened on Monday.";
        let d = decode(bytes, None).unwrap();
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.starts_with("“Le café est fermé”"));
        assert!(d.warning.unwrap().contains("windows-1252"));
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xff, 0xfe];
        for u in "Aléa".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&bytes, None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("Aléa", "UTF-16LE"));
        let mut be = vec![0xfe, 0xff];
        for u in "Aléa".encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&be, None).unwrap().text, "Aléa");
    }

    #[test]
    fn binary_and_damage() {
        assert!(matches!(decode(b"ab\0cd", None), Err(ErrorKind::Binary(_))));
        assert!(matches!(decode(b"\x01\x02\x03\x04abc", None), Err(ErrorKind::Binary(_))));
        // valid “curly quotes” in UTF-8 followed by a stray continuation byte
        let damaged = "“Quoted” text é".bytes().chain([0x80, b'x']).collect::<Vec<_>>();
        assert!(matches!(decode(&damaged, None), Err(ErrorKind::Encoding(_))));
        assert!(matches!(decode(b"", None), Err(ErrorKind::Empty)));
    }

    #[test]
    fn symbol_soup_is_rejected() {
        // every high byte in turn: C1 controls in windows-1252, symbols elsewhere
        let soup: Vec<u8> = (0..400u32).map(|i| (0x80 + (i * 37 % 128)) as u8).collect();
        assert!(matches!(decode(&soup, None), Err(ErrorKind::Encoding(_))));
    }

    #[test]
    fn declared_charset_is_used() {
        let d = decode(b"caf\xe9", Some(encoding_rs::WINDOWS_1252)).unwrap();
        assert_eq!(d.text, "café");
        assert!(d.warning.unwrap().contains("declared"));
    }
}
