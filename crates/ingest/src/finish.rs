//! The last step every reader shares: merge metadata, check the date, normalize the text,
//! detect the language.

use claimgraph_core::document::parse_iso_date;
use claimgraph_core::{Document, Meta};

use crate::error::{ErrorKind, IngestError, Result};
use crate::lang::detect_language;
use crate::{Loaded, ReadOptions};

/// Builds the [`Loaded`] document for `raw` text found in `source`.
///
/// `meta` holds what the reader found; the options' overrides replace it field by field.
/// `published` must then be an ISO date ([`ErrorKind::BadDate`]) and is cut to
/// `YYYY-MM-DD`. The language is the override or the reader's value if given, else
/// `whatlang`'s confident guess, else `lang_hint` (e.g. the page's `<html lang>`).
pub(crate) fn finish(
    raw: &str,
    mut meta: Meta,
    lang_hint: Option<String>,
    source: &str,
    opts: &ReadOptions,
    warnings: Vec<String>,
) -> Result<Loaded> {
    meta.override_with(&opts.overrides);
    let mut meta = clean(meta);
    if let Some(p) = meta.published.take() {
        let date = parse_iso_date(&p).map_err(|_| IngestError::new(source, ErrorKind::BadDate(p.clone())))?;
        meta.published = Some(date);
    }
    let mut document = Document::new(raw, meta);
    if document.is_empty() {
        return Err(IngestError::new(source, ErrorKind::Empty));
    }
    if document.meta.language.is_none() {
        document.meta.language = detect_language(document.text()).or(lang_hint);
    }
    Ok(Loaded { source: source.to_string(), document, warnings })
}

/// Collapses whitespace in every field and drops the empty ones.
fn clean(meta: Meta) -> Meta {
    let tidy = |v: Option<String>| {
        v.map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|s| !s.is_empty())
    };
    Meta {
        title: tidy(meta.title),
        url: tidy(meta.url),
        publisher: tidy(meta.publisher),
        published: tidy(meta.published),
        language: tidy(meta.language),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_win_and_dates_are_cut() {
        let opts = ReadOptions {
            overrides: Meta { title: Some("Override".into()), ..Meta::default() },
            ..ReadOptions::default()
        };
        let meta = Meta {
            title: Some("Found".into()),
            published: Some(" 2021-03-04T05:06:07Z ".into()),
            publisher: Some("  The \n Daily  ".into()),
            url: Some("   ".into()),
            ..Meta::default()
        };
        let l = finish("Some text here.", meta, None, "x", &opts, vec![]).unwrap();
        assert_eq!(l.document.meta.title.as_deref(), Some("Override"));
        assert_eq!(l.document.meta.published.as_deref(), Some("2021-03-04"));
        assert_eq!(l.document.meta.publisher.as_deref(), Some("The Daily"));
        assert_eq!(l.document.meta.url, None);
        assert_eq!(l.source, "x");
    }

    #[test]
    fn bad_date_and_empty_text() {
        let meta = Meta { published: Some("last Tuesday".into()), ..Meta::default() };
        let e = finish("text", meta, None, "f.jsonl:3", &ReadOptions::default(), vec![]).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::BadDate(v) if v == "last Tuesday"));
        assert_eq!(e.to_string(), "f.jsonl:3: bad published date \"last Tuesday\": expected YYYY-MM-DD");
        let e = finish(" \n\u{200b} ", Meta::default(), None, "e.txt", &ReadOptions::default(), vec![]);
        assert!(matches!(e.unwrap_err().kind(), ErrorKind::Empty));
    }

    #[test]
    fn language_hint_is_a_fallback() {
        let l = finish("Hm.", Meta::default(), Some("de".into()), "x", &ReadOptions::default(), vec![]);
        assert_eq!(l.unwrap().document.meta.language.as_deref(), Some("de"));
    }
}
