//! Reads a GUM XML document (`xml/GUM_*.xml`: one token per line, tab-separated columns,
//! inline tags) into plain text with its gold `<date>` spans.

use super::gold::GoldDate;

/// One GUM document with its gold dates.
#[derive(Debug, Clone)]
pub(crate) struct GumDoc {
    /// Document id (`GUM_news_iodine`).
    pub id: String,
    /// `train`, `dev` or `test`.
    pub partition: String,
    /// `dateCreated` of the `<text>` element.
    pub created: Option<String>,
    /// Detokenized text, one sentence per line.
    pub text: String,
    /// Gold date spans (byte offsets into `text`).
    pub dates: Vec<GoldSpan>,
}

/// A gold `<date>` element.
#[derive(Debug, Clone)]
pub(crate) struct GoldSpan {
    pub start: usize,
    pub end: usize,
    pub gold: GoldDate,
    /// The attributes as written, for reports.
    pub raw: String,
}

/// The value of attribute `name` in a tag line.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    let rest = &tag[at..];
    Some(&rest[..rest.find('"')?])
}

/// True when no space goes before token `tok`.
fn no_space_before(tok: &str, quote_open: bool) -> bool {
    matches!(tok, "," | "." | ";" | ":" | "!" | "?" | ")" | "]" | "}" | "%" | "n't" | "-")
        || (tok.starts_with('\'') || tok.starts_with('’')) && tok.len() <= 4 && tok.chars().count() <= 3
        || (tok == "\"" && quote_open)
        || tok == "”"
}

/// True when no space goes after token `tok`.
fn no_space_after(tok: &str, quote_open: bool) -> bool {
    matches!(tok, "(" | "[" | "{" | "$" | "“" | "-") || (tok == "\"" && !quote_open)
}

/// Parses one document; `None` when the first line is not a `<text>` element.
pub(crate) fn parse(xml: &str) -> Option<GumDoc> {
    let mut lines = xml.lines();
    let head = lines.next()?;
    if !head.starts_with("<text") {
        return None;
    }
    let mut doc = GumDoc {
        id: attr(head, "id")?.to_string(),
        partition: attr(head, "partition").unwrap_or("").to_string(),
        created: attr(head, "dateCreated").map(str::to_string),
        text: String::new(),
        dates: Vec::new(),
    };
    let mut open: Vec<(Option<usize>, String)> = Vec::new();
    let mut last_end = 0;
    let mut glue_next = true;
    let mut quote_open = false;
    let mut new_sentence = false;
    for line in lines {
        if !line.contains('\t') && line.starts_with('<') {
            if line.starts_with("<s ") || line == "<s>" {
                new_sentence = true;
            } else if line.starts_with("<date") {
                open.push((None, line.to_string()));
            } else if line.starts_with("</date")
                && let Some((Some(start), tag)) = open.pop()
                && let Some(gold) = GoldDate::from_tag(&tag, |n| attr(&tag, n))
            {
                let raw = ["when", "from", "to", "notBefore", "notAfter"]
                    .iter()
                    .filter_map(|n| attr(&tag, n).map(|v| format!("{n}={v}")))
                    .collect::<Vec<_>>()
                    .join(" ");
                doc.dates.push(GoldSpan { start, end: last_end, gold, raw });
            }
            continue;
        }
        let tok = line.split('\t').next().unwrap_or("");
        if tok.is_empty() {
            continue;
        }
        if new_sentence && !doc.text.is_empty() {
            doc.text.push('\n');
        } else if !doc.text.is_empty() && !glue_next && !no_space_before(tok, quote_open) {
            doc.text.push(' ');
        }
        new_sentence = false;
        let start = doc.text.len();
        doc.text.push_str(tok);
        last_end = doc.text.len();
        for (s, _) in open.iter_mut() {
            s.get_or_insert(start);
        }
        glue_next = no_space_after(tok, quote_open);
        if tok == "\"" {
            quote_open = !quote_open;
        }
    }
    Some(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tokens_and_dates() {
        let xml = "<text id=\"GUM_news_x\" partition=\"dev\" type=\"news\" dateCreated=\"2006-02-23\">\n<s>\n<date when=\"2006-02-23\">\nThursday\tNP\n,\t,\nFebruary\tNP\n23\tCD\n,\t,\n2006\tCD\n</date>\n</s>\n<s>\nIt\tPP\nwas\tVBD\n\"\t``\nfine\tJJ\n\"\t''\n(\t(\nreally\tRB\n)\t)\n.\t.\n</s>\n</text>\n";
        let d = parse(xml).unwrap();
        assert_eq!(d.id, "GUM_news_x");
        assert_eq!(d.partition, "dev");
        assert_eq!(d.text, "Thursday, February 23, 2006\nIt was \"fine\" (really).");
        assert_eq!(d.dates.len(), 1);
        assert_eq!(&d.text[d.dates[0].start..d.dates[0].end], "Thursday, February 23, 2006");
        assert_eq!(d.dates[0].raw, "when=2006-02-23");
        assert!(parse("<p>").is_none());
    }
}
