//! RSS and Atom feeds, parsed by `feed-rs`, reduced to what the watcher needs.

use crate::error::FetchError;

/// A parsed feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feed {
    /// Its title.
    pub title: Option<String>,
    /// Its items, in feed order.
    pub items: Vec<Item>,
}

/// One item (RSS `<item>`, Atom `<entry>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// What identifies it across polls: its guid / atom:id, else its link.
    pub key: String,
    /// The article link, absolute.
    pub link: Option<String>,
    /// Its title.
    pub title: Option<String>,
    /// Publication (or last update) day, `YYYY-MM-DD`.
    pub published: Option<String>,
}

impl Item {
    /// The link, else the key, for messages.
    pub fn display(&self) -> &str {
        self.link.as_deref().unwrap_or(&self.key)
    }
}

/// Parses RSS 0.9x/1.0/2.0 or Atom `bytes` fetched from `base` (relative links are resolved
/// against it).
pub fn parse(bytes: &[u8], base: &str) -> Result<Feed, FetchError> {
    let parsed = feed_rs::parser::Builder::new()
        .base_uri(Some(base))
        .build()
        .parse(bytes)
        .map_err(|e| FetchError::BadFeed(e.to_string()))?;
    let base = url::Url::parse(base).ok();
    let items = parsed
        .entries
        .into_iter()
        .filter_map(|e| {
            let link = e
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or(e.links.first())
                .and_then(|l| absolute(base.as_ref(), &l.href));
            // feed-rs makes up an id (a hash) when the feed has none; a link is steadier.
            let key = if e.id.trim().is_empty() { link.clone()? } else { e.id.trim().to_string() };
            Some(Item {
                key,
                link,
                title: e.title.map(|t| t.content.trim().to_string()).filter(|t| !t.is_empty()),
                published: e.published.or(e.updated).map(|d| d.format("%Y-%m-%d").to_string()),
            })
        })
        .collect();
    Ok(Feed { title: parsed.title.map(|t| t.content.trim().to_string()).filter(|t| !t.is_empty()), items })
}

/// `href` made absolute against `base`; only `http`/`https` links are kept.
fn absolute(base: Option<&url::Url>, href: &str) -> Option<String> {
    let href = href.trim();
    let url = match base {
        Some(b) => b.join(href).ok()?,
        None => url::Url::parse(href).ok()?,
    };
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_and_atom() {
        let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>
            <item><title>One</title><link>/a/1</link><guid>g1</guid><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>
            <item><title>Two</title><link>https://other.example/b</link></item>
            <item><title>No link</title><description>x</description></item>
            <item><title>Mail</title><link>mailto:a@b</link><guid>g4</guid></item>
            </channel></rss>"#;
        let f = parse(rss, "http://127.0.0.1:9/feed.xml").unwrap();
        assert_eq!(f.title.as_deref(), Some("Desk"));
        assert_eq!(f.items[0].key, "g1");
        assert_eq!(f.items[0].link.as_deref(), Some("http://127.0.0.1:9/a/1"));
        assert_eq!(f.items[0].published.as_deref(), Some("2024-03-05"));
        assert_eq!(f.items[1].link.as_deref(), Some("https://other.example/b"));
        assert!(f.items.iter().all(|i| i.link.as_deref().is_none_or(|l| l.starts_with("http"))));
        let atom = br#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
            <title>A</title><id>urn:x</id><updated>2024-03-06T00:00:00Z</updated>
            <entry><title>E</title><id>urn:e1</id><updated>2024-03-06T00:00:00Z</updated><link href="http://h/e1"/></entry>
            </feed>"#;
        let f = parse(atom, "http://h/atom").unwrap();
        assert_eq!((f.items[0].key.as_str(), f.items[0].link.as_deref()), ("urn:e1", Some("http://h/e1")));
        assert!(parse(b"<html><body>not a feed</body></html>", "http://h/").is_err());
        assert!(parse(b"\x00\x01\x02", "http://h/").is_err());
    }
}
