//! The actor network: nodes are actors (by knowledge-base id, else by name and type),
//! directed edges go from an event's actor to its target, one edge per (actor, target,
//! event type), weighted by the number of events, with the first and last date, the
//! fatalities and the number of documents behind it.
//!
//! The network is aggregated in memory while the store streams by: memory grows with the
//! number of distinct actors and actor pairs, never with the number of documents. It is
//! written as GraphML ([`graphml`]) or GEXF 1.3 ([`gexf`]), both readable by Gephi,
//! networkx and igraph.

pub mod gexf;
pub mod graphml;

use std::collections::{BTreeMap, HashMap};

use claimgraph_core::extraction::{Entity, EventType, Extraction};
use claimgraph_store::Store;

use crate::csv::name;
use crate::error::Result;
use crate::{Filter, Stats, walk};

/// An actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// Canonical name (from the first document that names it).
    pub label: String,
    /// Entity type (`ORG`, `PER`, …).
    pub entity_type: String,
    /// Kind of actor, when known.
    pub kind: Option<String>,
    /// Country (ISO 3166-1 alpha-3), when known.
    pub country: Option<String>,
    /// Knowledge-base id, when resolved.
    pub kb_id: Option<String>,
    /// Events it takes part in, as actor or target.
    pub events: u64,
}

/// Events between two actors of one type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    /// Number of events.
    pub weight: u64,
    /// Earliest date (the event's, else its document's publication day).
    pub first_date: Option<String>,
    /// Latest date.
    pub last_date: Option<String>,
    /// Sum of the lower bounds of fatalities.
    pub fatalities: u64,
    /// Documents reporting at least one of the events.
    pub documents: u64,
    /// Index of the last document counted (to count each document once).
    last_doc: u64,
}

/// The aggregated actor network.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Network {
    /// Actors by node id.
    pub nodes: BTreeMap<String, Node>,
    /// Edges by (source node id, target node id, event type).
    pub edges: BTreeMap<(String, String, EventType), Edge>,
    docs_seen: u64,
}

impl Network {
    /// Reads the events of every stored document that pass `filter`.
    pub fn from_store<S: Store + ?Sized>(store: &S, filter: &Filter) -> Result<(Self, Stats)> {
        let mut net = Network::default();
        let mut stats = Stats::default();
        stats.documents_read = walk(store, |_, x| {
            let n = net.add(&x, filter);
            stats.events += n;
            stats.documents += u64::from(n > 0);
            Ok(())
        })?;
        stats.objects = net.nodes.len() as u64;
        stats.edges = net.edges.len() as u64;
        Ok((net, stats))
    }

    /// Adds the events of one extraction that pass `filter`; returns how many.
    pub fn add(&mut self, x: &Extraction, filter: &Filter) -> u64 {
        self.docs_seen += 1;
        let doc = self.docs_seen;
        let entities: HashMap<&str, &Entity> = x.entities.iter().map(|e| (e.id.as_str(), e)).collect();
        let mut n = 0;
        for e in x.events.iter().filter(|e| filter.event(x, e)) {
            n += 1;
            let actor = e.actor.as_deref().and_then(|id| entities.get(id)).map(|a| self.node(a));
            let target = e.target.as_deref().and_then(|id| entities.get(id)).map(|t| self.node(t));
            let (Some(a), Some(t)) = (actor, target) else { continue };
            let (start, end) = match &e.date {
                Some(d) => (Some(d.start.clone()), Some(d.end.clone())),
                None => {
                    let day = x.document.published.as_deref().and_then(|p| p.get(..10)).map(str::to_string);
                    (day.clone(), day)
                }
            };
            let edge = self.edges.entry((a, t, e.event_type)).or_insert(Edge {
                weight: 0,
                first_date: None,
                last_date: None,
                fatalities: 0,
                documents: 0,
                last_doc: 0,
            });
            edge.weight += 1;
            edge.fatalities += e.fatalities.as_ref().map_or(0, |c| c.min);
            if edge.last_doc != doc {
                edge.last_doc = doc;
                edge.documents += 1;
            }
            if let Some(s) = start
                && edge.first_date.as_ref().is_none_or(|f| s < *f)
            {
                edge.first_date = Some(s);
            }
            if let Some(en) = end
                && edge.last_date.as_ref().is_none_or(|l| en > *l)
            {
                edge.last_date = Some(en);
            }
        }
        n
    }

    /// The node id of an entity (its kb id, else `name:<lower-cased name>|<TYPE>`), adding
    /// the node on first sight and counting the event.
    fn node(&mut self, e: &Entity) -> String {
        let ty = name(&e.entity_type);
        let id = match &e.kb_id {
            Some(kb) => kb.clone(),
            None => format!("name:{}|{ty}", e.name.to_lowercase()),
        };
        let node = self.nodes.entry(id.clone()).or_insert_with(|| Node {
            label: e.name.clone(),
            entity_type: ty,
            kind: e.kind.as_ref().map(name),
            country: e.country.clone(),
            kb_id: e.kb_id.clone(),
            events: 0,
        });
        node.events += 1;
        if node.country.is_none() {
            node.country.clone_from(&e.country);
        }
        id
    }
}
