//! The date a report gives for itself: a full date (`Thursday, February 23, 2006`) on one
//! of its first lines, as news sites print under the headline.

use jiff::civil::Date;

use super::expr::Expr;
use super::grammar::Grammar;
use super::token::tokenize;

/// How far into the text a dateline is looked for, in bytes.
const DATELINE_WINDOW: usize = 600;

/// The first full date (day, month and year) in the first lines of `text`, if any.
///
/// Use it as the reference date when a document comes without a publication date.
pub fn find_dateline(text: &str) -> Option<Date> {
    let mut cut = DATELINE_WINDOW.min(text.len());
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &text[..cut];
    let toks = tokenize(head);
    let g = Grammar::new(&toks);
    let mut lines = 0;
    for (i, tok) in toks.iter().enumerate() {
        if tok.newline_before {
            lines += 1;
            if lines > 4 {
                break;
            }
        }
        if let Some(p) = g.parse_at(i)
            && let Expr::Date { y, m, d } = p.expr
        {
            return Date::new(y, m, d).ok();
        }
    }
    None
}

/// The date relative expressions of `doc` are resolved against: its `published` metadata,
/// else its dateline.
pub fn reference_date(doc: &claimgraph_core::Document) -> Option<Date> {
    doc.meta.published.as_deref().and_then(parse_published).or_else(|| find_dateline(doc.text()))
}

/// Reads a publication date given as `YYYY-MM-DD` (with an optional time after it), as
/// stored in `Meta::published`.
pub fn parse_published(s: &str) -> Option<Date> {
    let day = claimgraph_core::document::parse_iso_date(s).ok()?;
    day.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dateline_under_headline() {
        let text = "Children suffer from iodine deficiency\nThursday, February 23, 2006\nOn Monday, 2005 ...";
        assert_eq!(find_dateline(text), Some(Date::new(2006, 2, 23).unwrap()));
        assert_eq!(find_dateline("No date here.\nNone at all."), None);
        assert_eq!(parse_published("2020-08-18T10:00:00Z"), Some(Date::new(2020, 8, 18).unwrap()));
        assert_eq!(parse_published("18/08/2020"), None);
        let meta = claimgraph_core::Meta { published: Some("2020-08-18".into()), ..Default::default() };
        let doc = claimgraph_core::Document::new(text, meta);
        assert_eq!(reference_date(&doc), Some(Date::new(2020, 8, 18).unwrap()));
        let doc = claimgraph_core::Document::new(text, claimgraph_core::Meta::default());
        assert_eq!(reference_date(&doc), Some(Date::new(2006, 2, 23).unwrap()));
    }
}
