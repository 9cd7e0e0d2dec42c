//! Reader for WikiGold (`TOKEN TAG` per line, IO/IOB1 tags over PER/LOC/ORG/MISC,
//! `-DOCSTART-` lines between articles). MISC is dropped (read as `O`), since the product's
//! types are PER/LOC/ORG; tags are converted to IOB2.

use super::TaggedSentence;
use crate::error::{NerError, Result};
use crate::label::{EntityLabel, EntityTag};
use std::path::Path;

/// Parses WikiGold text. `path` only labels errors.
pub fn parse_wikigold(text: &str, path: &Path) -> Result<Vec<TaggedSentence>> {
    let mut out = Vec::new();
    let mut cur = TaggedSentence::default();
    let mut prev: Option<EntityLabel> = None;
    for (ln, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with("-DOCSTART-") {
            if !cur.words.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev = None;
            continue;
        }
        let Some((word, tag)) = line.rsplit_once(' ') else {
            return Err(NerError::format(path, ln + 1, "expected `TOKEN TAG`"));
        };
        let (prefix, ty) = tag.split_once('-').unwrap_or((tag, ""));
        let label = EntityLabel::parse(ty);
        let tag = match (prefix, label) {
            ("O", _) | (_, None) => EntityTag::O,
            ("B", Some(l)) => EntityTag::B(l),
            ("I", Some(l)) if prev == Some(l) => EntityTag::I(l),
            ("I", Some(l)) => EntityTag::B(l),
            _ => return Err(NerError::format(path, ln + 1, format!("bad tag {tag:?}"))),
        };
        prev = tag.label();
        cur.words.push(word.to_string());
        cur.tags.push(tag);
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// Reads the WikiGold file.
pub fn read_wikigold(path: &Path) -> Result<Vec<TaggedSentence>> {
    let text = std::fs::read_to_string(path).map_err(|e| NerError::io(path, e))?;
    parse_wikigold(&text, path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::label::EntityLabel::*;
    use crate::label::EntityTag::*;

    #[test]
    fn converts_iob1_to_iob2_and_drops_misc() {
        let text = "-DOCSTART- O\n\nThe I-ORG\nMad I-ORG\nJapanese I-MISC\nin O\nTokyo I-LOC\n";
        let s = parse_wikigold(text, Path::new("w")).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].tags, vec![B(Org), I(Org), O, O, B(Loc)]);
        assert!(parse_wikigold("novalue\n", Path::new("w")).is_err());
    }
}
