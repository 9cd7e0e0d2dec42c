//! Where an event comes from: its source(s), how many independent ones, its incident.
//!
//! Every export that shows these (the CSV columns `incident_id`, `source`, `source_url`,
//! `n_sources`; STIX external references) reads them from [`event_sourcing`], the one
//! place to change when incidents merged across documents are available.
//!
//! Until then each stored event belongs to exactly one document, so: its sources are that
//! document's publisher (or URL host, or where it was read from), the number of independent
//! sources is 1, and it has no incident id. These are true statements about the stored
//! data, not estimates.

use claimgraph_core::extraction::{Event, Extraction};
use claimgraph_store::DocumentKey;

/// The sourcing of one event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sourcing {
    /// Incident the event was merged into, when incidents are computed.
    pub incident_id: Option<String>,
    /// Source names (publishers), in order.
    pub sources: Vec<String>,
    /// Source URLs, in order.
    pub urls: Vec<String>,
    /// Independent sources that report the event.
    pub independent_sources: u32,
}

/// The sourcing of `event` of the document `key` / `x`.
pub fn event_sourcing(key: &DocumentKey, x: &Extraction, _event: &Event) -> Sourcing {
    Sourcing {
        incident_id: None,
        sources: vec![source_name(key, x)],
        urls: document_url(key, x).into_iter().collect(),
        independent_sources: 1,
    }
}

/// A readable name of the source of a document: its publisher, else its URL's host, else
/// where it was read from.
pub fn source_name(key: &DocumentKey, x: &Extraction) -> String {
    if let Some(p) = x.document.publisher.as_deref().filter(|p| !p.trim().is_empty()) {
        return p.trim().to_string();
    }
    if let Some(host) = document_url(key, x).as_deref().and_then(host) {
        return host.to_string();
    }
    key.source.clone()
}

/// The URL of a document: its own, else the place it was read from when that is a URL
/// (documents fetched by `watch`).
pub fn document_url(key: &DocumentKey, x: &Extraction) -> Option<String> {
    x.document.url.clone().filter(|u| !u.trim().is_empty()).or_else(|| {
        let s = key.source.as_str();
        (s.starts_with("http://") || s.starts_with("https://")).then(|| s.to_string())
    })
}

/// The host of an `http(s)` URL.
fn host(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    let host = host.split(':').next()?;
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::host;

    #[test]
    fn hosts() {
        assert_eq!(host("https://news.example.org/a/b?c"), Some("news.example.org"));
        assert_eq!(host("http://u:p@example.com:8080/x"), Some("example.com"));
        assert_eq!(host("example.com"), None);
    }
}
