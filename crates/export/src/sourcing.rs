//! Where an event comes from: its source(s), how many independent ones, its incident.
//!
//! Every export that shows these (the CSV columns `incident_id`, `source`, `source_url`,
//! `n_sources`; STIX external references) reads them from [`Sourcer::event`], the one
//! place to change when incidents merged across documents are available.
//!
//! When the store has merged the event into an incident (`claimgraph merge`, given as
//! `incidents`), the sourcing is the incident's: its id, the publishers and URLs of every
//! report of it, and the number of independent sources = distinct near-duplicate groups
//! among those reports (copies of one report count once, as in `claimgraph incident`).
//!
//! Otherwise the event belongs to exactly one document, so: its source is that document's
//! publisher (or URL host, or where it was read from), the number of independent sources is
//! 1, and it has no incident id. These are true statements about the stored data, not
//! estimates.

use std::collections::{HashMap, HashSet};

use claimgraph_core::extraction::{Event, Extraction};
use claimgraph_store::{DocumentKey, IncidentStore};

use crate::error::Result;

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

/// Most source names and URLs listed per event (the own document's first); the count of
/// independent sources always covers them all.
pub const MAX_LISTED: usize = 20;

/// An incident's sources, computed once per incident.
#[derive(Debug, Clone)]
struct IncidentSources {
    sources: Vec<String>,
    urls: Vec<String>,
    independent: u32,
}

/// Computes the sourcing of events, reading incidents from `incidents` when given. Keeps
/// the sources of recently seen incidents (at most [`CACHE`] of them), so an incident
/// reported by thousands of documents is read once, not once per event.
pub struct Sourcer<'a> {
    incidents: Option<&'a dyn IncidentStore>,
    cache: HashMap<String, IncidentSources>,
}

/// Incidents whose sources a [`Sourcer`] keeps.
pub const CACHE: usize = 4096;

impl<'a> Sourcer<'a> {
    /// A sourcer reading incidents from `incidents` (none: every event stands alone).
    pub fn new(incidents: Option<&'a dyn IncidentStore>) -> Self {
        Sourcer { incidents, cache: HashMap::new() }
    }

    /// The sourcing of `event` of the document `key` / `x`: from its incident when the
    /// store has merged it, else from the document alone.
    pub fn event(&mut self, key: &DocumentKey, x: &Extraction, event: &Event) -> Result<Sourcing> {
        let own_name = source_name(key, x);
        let own_url = document_url(key, x);
        let own = Sourcing {
            incident_id: None,
            sources: vec![own_name.clone()],
            urls: own_url.clone().into_iter().collect(),
            independent_sources: 1,
        };
        let Some(store) = self.incidents else { return Ok(own) };
        let Some(incident) = store.incident_of(&x.document.id, &event.id)? else { return Ok(own) };
        if !self.cache.contains_key(&incident) {
            let found = incident_sources(store, &incident)?;
            if self.cache.len() >= CACHE {
                self.cache.clear();
            }
            self.cache.insert(incident.clone(), found);
        }
        let found = &self.cache[&incident];
        let others = found.sources.iter().filter(|s| **s != own_name).take(MAX_LISTED - 1).cloned();
        let sources: Vec<String> = std::iter::once(own_name.clone()).chain(others).collect();
        let mut urls: Vec<String> = own_url.into_iter().collect();
        for u in &found.urls {
            if urls.len() >= MAX_LISTED {
                break;
            }
            if !urls.contains(u) {
                urls.push(u.clone());
            }
        }
        Ok(Sourcing {
            incident_id: Some(incident),
            sources,
            urls,
            independent_sources: found.independent.max(1),
        })
    }
}

/// Reads the members of an incident: its first [`MAX_LISTED`] source names and URLs, and
/// its number of near-duplicate groups (independent sources).
fn incident_sources(store: &dyn IncidentStore, incident: &str) -> Result<IncidentSources> {
    let members = store.incident_members(incident)?;
    let (mut sources, mut urls) = (Vec::new(), Vec::new());
    let mut groups = HashSet::new();
    for m in &members {
        groups.insert(m.dup_group.as_str());
        let name = m
            .publisher
            .clone()
            .filter(|p| !p.trim().is_empty())
            .or_else(|| m.url.as_deref().and_then(host).map(str::to_string))
            .unwrap_or_else(|| m.event.doc_id.clone());
        if sources.len() < MAX_LISTED && !sources.contains(&name) {
            sources.push(name);
        }
        if let Some(u) = m.url.as_ref().filter(|u| urls.len() < MAX_LISTED && !urls.contains(*u)) {
            urls.push(u.clone());
        }
    }
    Ok(IncidentSources { sources, urls, independent: u32::try_from(groups.len()).unwrap_or(u32::MAX) })
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
