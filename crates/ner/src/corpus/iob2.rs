//! Reader for UNER's IOB2 files (`ID  FORM  TAG  [-  ANNOTATOR]`, `#` comments, blank line
//! between sentences).
//!
//! The preliminary UNER English-EWT train file carries tags the final release dropped:
//! spurious `B-O` and the `OTH` class (`B-OTH`, `I-OTH`). They are read as `O`.

use super::TaggedSentence;
use crate::error::{NerError, Result};
use crate::label::EntityTag;
use std::path::Path;

/// Parses IOB2 text. `path` only labels errors.
pub fn parse_iob2(text: &str, path: &Path) -> Result<Vec<TaggedSentence>> {
    let mut out = Vec::new();
    let mut cur = TaggedSentence::default();
    for (ln, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.words.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(id), Some(form), Some(tag)) = (cols.next(), cols.next(), cols.next()) else {
            return Err(NerError::format(path, ln + 1, "expected ID, FORM and TAG columns"));
        };
        // multiword-token ranges and empty nodes (UD style) carry no tag of their own
        if id.contains('-') || id.contains('.') {
            continue;
        }
        let tag = match tag {
            "B-O" | "B-OTH" | "I-OTH" => EntityTag::O,
            t => EntityTag::parse(t)
                .ok_or_else(|| NerError::format(path, ln + 1, format!("unknown tag {t:?}")))?,
        };
        cur.words.push(form.to_string());
        cur.tags.push(tag);
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// Reads an IOB2 file.
pub fn read_iob2(path: &Path) -> Result<Vec<TaggedSentence>> {
    let text = std::fs::read_to_string(path).map_err(|e| NerError::io(path, e))?;
    parse_iob2(&text, path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::label::EntityLabel::*;
    use crate::label::EntityTag::*;

    #[test]
    fn reads_sentences_and_maps_stray_tags() {
        let text = "# sent_id = a\n# text = x\n1\tAl\tB-ORG\t-\ts\n2\t-\tI-ORG\t-\ts\n3\tsaid\tO\n4\tAmerican\tB-OTH\t-\ts\n5\tforces\tI-OTH\n6\tthe\tB-O\n\n1\tHi\tO\t-\t-\n";
        let s = parse_iob2(text, Path::new("t")).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].words, vec!["Al", "-", "said", "American", "forces", "the"]);
        assert_eq!(s[0].tags, vec![B(Org), I(Org), O, O, O, O]);
        assert_eq!(s[1].tags, vec![O]);
    }

    #[test]
    fn rejects_bad_lines() {
        assert!(matches!(parse_iob2("1\tword\n", Path::new("t")), Err(NerError::Format { line: 1, .. })));
        assert!(parse_iob2("1\tword\tB-XYZ\n", Path::new("t")).is_err());
    }
}
