//! Article metadata from JSON-LD (`<script type="application/ld+json">`), schema.org
//! `NewsArticle` and its relatives.

use std::collections::HashMap;

use serde_json::Value;

/// How deep into nested JSON-LD values articles are looked for.
const MAX_DEPTH: usize = 8;

/// The fields of a JSON-LD article that become document metadata.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct LdArticle {
    /// `headline` (or `name`).
    pub headline: Option<String>,
    /// `datePublished`, as written.
    pub date_published: Option<String>,
    /// `publisher.name` (or a plain-string `publisher`, or the name of the node it refers to).
    pub publisher: Option<String>,
    /// `url` (or `mainEntityOfPage`).
    pub url: Option<String>,
}

/// The best article among the JSON-LD blocks `blocks`: a `NewsArticle` (or subtype) before
/// any other `*Article`, `BlogPosting` or `Report`, the first one on ties. Blocks that are
/// not valid JSON are skipped.
pub(super) fn find_article<'a>(blocks: impl IntoIterator<Item = &'a str>) -> Option<LdArticle> {
    let values: Vec<Value> =
        blocks.into_iter().filter_map(|b| serde_json::from_str(strip_cdata(b)).ok()).collect();
    let mut names = HashMap::new();
    let mut best: Option<(u8, &serde_json::Map<String, Value>)> = None;
    for v in &values {
        visit(v, 0, &mut |obj| {
            if let (Some(Value::String(id)), Some(Value::String(name))) = (obj.get("@id"), obj.get("name")) {
                names.entry(id.clone()).or_insert_with(|| name.clone());
            }
            let rank = article_rank(obj.get("@type"));
            if rank > 0 && best.is_none_or(|(r, _)| rank > r) {
                best = Some((rank, obj));
            }
        });
    }
    let (_, obj) = best?;
    Some(LdArticle {
        headline: string(obj.get("headline")).or_else(|| string(obj.get("name"))),
        date_published: string(obj.get("datePublished")),
        publisher: obj.get("publisher").and_then(|p| publisher_name(p, &names)),
        url: string(obj.get("url")).or_else(|| id_or_string(obj.get("mainEntityOfPage"))),
    })
}

fn strip_cdata(s: &str) -> &str {
    let s = s.trim();
    let s = s.strip_prefix("<![CDATA[").unwrap_or(s);
    s.strip_suffix("]]>").unwrap_or(s).trim()
}

/// Calls `f` on every JSON object in `v`, outermost first.
fn visit<'v>(v: &'v Value, depth: usize, f: &mut impl FnMut(&'v serde_json::Map<String, Value>)) {
    if depth > MAX_DEPTH {
        return;
    }
    match v {
        Value::Object(obj) => {
            f(obj);
            for child in obj.values() {
                visit(child, depth + 1, f);
            }
        }
        Value::Array(items) => {
            for item in items {
                visit(item, depth + 1, f);
            }
        }
        _ => {}
    }
}

/// 2 for news articles, 1 for other articles, 0 for anything else.
fn article_rank(ty: Option<&Value>) -> u8 {
    let rank_one = |t: &str| {
        let t = t.rsplit(['/', ':']).next().unwrap_or(t);
        if t.ends_with("NewsArticle") {
            2
        } else if t.ends_with("Article") || t == "BlogPosting" || t == "Report" {
            1
        } else {
            0
        }
    };
    match ty {
        Some(Value::String(t)) => rank_one(t),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).map(rank_one).max().unwrap_or(0),
        _ => 0,
    }
}

fn string(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Array(items) => items.iter().find_map(|i| string(Some(i))),
        _ => None,
    }
}

fn id_or_string(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::Object(o) => string(o.get("@id")).or_else(|| string(o.get("url"))),
        other => string(Some(other)),
    }
}

fn publisher_name(p: &Value, names: &HashMap<String, String>) -> Option<String> {
    match p {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Object(o) => {
            string(o.get("name")).or_else(|| string(o.get("@id")).and_then(|id| names.get(&id).cloned()))
        }
        Value::Array(items) => items.iter().find_map(|i| publisher_name(i, names)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_article_beats_webpage_and_article() {
        let a = r#"{"@type":"WebPage","name":"Page"}"#;
        let b = r#"[{"@type":"Article","headline":"Plain"},
                    {"@type":["NewsArticle"],"headline":"News","datePublished":"2023-01-02T03:04:05Z",
                     "publisher":{"@type":"Organization","name":"The Gazette"},
                     "mainEntityOfPage":{"@id":"https://example.org/a"}}]"#;
        let got = find_article([a, b, "not json"]).unwrap();
        assert_eq!(got.headline.as_deref(), Some("News"));
        assert_eq!(got.date_published.as_deref(), Some("2023-01-02T03:04:05Z"));
        assert_eq!(got.publisher.as_deref(), Some("The Gazette"));
        assert_eq!(got.url.as_deref(), Some("https://example.org/a"));
    }

    #[test]
    fn graph_with_publisher_reference() {
        let g = r##"<![CDATA[{"@context":"https://schema.org","@graph":[
            {"@type":"Organization","@id":"#org","name":"Valley Post"},
            {"@type":"ReportageNewsArticle","headline":"H","publisher":{"@id":"#org"}}]}]]>"##;
        let got = find_article([g]).unwrap();
        assert_eq!(got.publisher.as_deref(), Some("Valley Post"));
        assert_eq!(find_article([r#"{"@type":"Person","name":"x"}"#]), None);
    }
}
