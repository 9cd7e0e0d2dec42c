//! Page metadata: title, publisher, published date and URL from `<meta>`, Open Graph,
//! JSON-LD and `<time datetime>`, plus the declared language.

use std::collections::HashMap;

use claimgraph_core::Meta;

use super::date::parse_page_date;
use super::jsonld::{LdArticle, find_article};

/// `<meta>` keys (`property`, `name` or `itemprop`, lower-cased) that give a title, best first.
const TITLE_KEYS: [&str; 4] = ["og:title", "twitter:title", "dc.title", "title"];
/// `<meta>` keys that give a publisher, best first.
const PUBLISHER_KEYS: [&str; 4] = ["og:site_name", "publisher", "dc.publisher", "application-name"];
/// `<meta>` keys that give a publication date, best first.
const DATE_KEYS: [&str; 12] = [
    "article:published_time",
    "datepublished",
    "og:published_time",
    "published_time",
    "publish-date",
    "publishdate",
    "pubdate",
    "date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "parsely-pub-date",
];

/// Metadata found in a page.
pub(super) struct PageMeta {
    pub meta: Meta,
    pub declared_language: Option<String>,
    pub warnings: Vec<String>,
}

/// Reads the metadata of `doc`. Candidates are tried best first; for the date the first
/// that parses as an ISO date wins and the unparseable ones before it become warnings.
pub(super) fn page_meta(doc: &dom_query::Document) -> PageMeta {
    let metas = meta_tags(doc);
    let blocks: Vec<String> = doc
        .select(r#"script[type="application/ld+json"]"#)
        .nodes()
        .iter()
        .map(|n| n.text().to_string())
        .collect();
    let ld = find_article(blocks.iter().map(String::as_str)).unwrap_or_default();
    let from_meta = |keys: &[&str]| keys.iter().find_map(|k| metas.get(*k).cloned());

    let title = from_meta(&TITLE_KEYS[..1])
        .or_else(|| ld.headline.clone())
        .or_else(|| from_meta(&TITLE_KEYS[1..]))
        .or_else(|| first_text(doc, "title"))
        .or_else(|| first_text(doc, "h1"));
    let publisher = ld.publisher.clone().or_else(|| from_meta(&PUBLISHER_KEYS));
    let url = metas
        .get("og:url")
        .cloned()
        .or_else(|| first_attr(doc, r#"link[rel="canonical"]"#, "href"))
        .or_else(|| ld.url.clone());
    let (published, warnings) = published(doc, &metas, &ld);
    let declared_language = first_attr(doc, "html", "lang").and_then(|l| primary_subtag(&l));
    PageMeta { meta: Meta { title, url, publisher, published, language: None }, declared_language, warnings }
}

/// `<meta>` contents by lower-cased `property`, `name` or `itemprop`; the first wins.
fn meta_tags(doc: &dom_query::Document) -> HashMap<String, String> {
    let mut map = HashMap::new();
    for node in doc.select("meta[content]").nodes() {
        let Some(content) = node.attr("content") else { continue };
        let content = content.trim();
        if content.is_empty() {
            continue;
        }
        for attr in ["property", "name", "itemprop"] {
            if let Some(key) = node.attr(attr) {
                map.entry(key.trim().to_ascii_lowercase()).or_insert_with(|| content.to_string());
            }
        }
    }
    map
}

fn published(
    doc: &dom_query::Document,
    metas: &HashMap<String, String>,
    ld: &LdArticle,
) -> (Option<String>, Vec<String>) {
    let mut candidates: Vec<(String, &str)> = Vec::new();
    if let Some(v) = metas.get(DATE_KEYS[0]) {
        candidates.push((v.clone(), "article:published_time"));
    }
    if let Some(v) = &ld.date_published {
        candidates.push((v.clone(), "JSON-LD datePublished"));
    }
    for key in &DATE_KEYS[1..] {
        if let Some(v) = metas.get(*key) {
            candidates.push((v.clone(), "<meta>"));
        }
    }
    // a <time> marked as the publication time first, then any <time datetime>
    for sel in ["time[pubdate][datetime]", r#"time[itemprop="datePublished"][datetime]"#, "time[datetime]"] {
        if let Some(v) = first_attr(doc, sel, "datetime") {
            candidates.push((v, "<time datetime>"));
        }
    }
    let mut warnings = Vec::new();
    for (value, origin) in candidates {
        match parse_page_date(&value) {
            Some(date) => return (Some(date), warnings),
            None => warnings.push(format!("ignored published date {value:?} from {origin}: not a date")),
        }
    }
    (None, warnings)
}

fn first_text(doc: &dom_query::Document, sel: &str) -> Option<String> {
    doc.select(sel).nodes().iter().map(|n| n.text().trim().to_string()).find(|t| !t.is_empty())
}

fn first_attr(doc: &dom_query::Document, sel: &str, attr: &str) -> Option<String> {
    doc.select(sel)
        .nodes()
        .iter()
        .filter_map(|n| n.attr(attr))
        .map(|v| v.trim().to_string())
        .find(|v| !v.is_empty())
}

/// `en` from `en-GB`, when it is a two- or three-letter language code.
fn primary_subtag(lang: &str) -> Option<String> {
    let p = lang.split(['-', '_']).next()?.to_ascii_lowercase();
    ((2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_lowercase())).then_some(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta_of(html: &str) -> PageMeta {
        page_meta(&dom_query::Document::from(html))
    }

    #[test]
    fn og_and_article_time() {
        let m = meta_of(
            r#"<html lang="en-US"><head><title>T - Site</title>
            <meta property="og:title" content="Real title"><meta property="og:site_name" content="Site">
            <meta property="article:published_time" content="2022-05-06T07:08:09+02:00">
            <meta property="og:url" content="https://example.org/x"></head><body></body></html>"#,
        );
        assert_eq!(m.meta.title.as_deref(), Some("Real title"));
        assert_eq!(m.meta.publisher.as_deref(), Some("Site"));
        assert_eq!(m.meta.published.as_deref(), Some("2022-05-06"));
        assert_eq!(m.meta.url.as_deref(), Some("https://example.org/x"));
        assert_eq!(m.declared_language.as_deref(), Some("en"));
        assert!(m.warnings.is_empty());
    }

    #[test]
    fn fallbacks_title_tag_and_time_element() {
        let m = meta_of(
            r#"<head><title> Only title </title><meta name="date" content="06/05/2022">
            <link rel="canonical" href="https://example.org/c"></head>
            <body><time datetime="2022-05-07">7 May</time></body>"#,
        );
        assert_eq!(m.meta.title.as_deref(), Some("Only title"));
        assert_eq!(m.meta.published.as_deref(), Some("2022-05-07"));
        assert_eq!(m.meta.url.as_deref(), Some("https://example.org/c"));
        assert_eq!(m.warnings.len(), 1);
        assert!(m.warnings[0].contains("06/05/2022"), "ambiguous day and month");
    }
}
