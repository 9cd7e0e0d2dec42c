//! GraphML (<http://graphml.graphdrawing.org/>) of the actor network.

use std::io::Write;

use claimgraph_store::Store;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use super::Network;
use crate::csv::name;
use crate::error::Result;
use crate::{Filter, Stats};

/// Node attributes: (key id, type).
const NODE_KEYS: &[(&str, &str)] = &[
    ("label", "string"),
    ("type", "string"),
    ("kind", "string"),
    ("country", "string"),
    ("kb_id", "string"),
    ("events", "long"),
];
/// Edge attributes: (key id, type). `weight` is a double, as Gephi expects.
const EDGE_KEYS: &[(&str, &str)] = &[
    ("event_type", "string"),
    ("weight", "double"),
    ("first_date", "string"),
    ("last_date", "string"),
    ("fatalities", "long"),
    ("documents", "long"),
];

/// Writes the actor network of the events that pass `filter` as GraphML.
pub fn export_graphml<S: Store + ?Sized, W: Write>(store: &S, filter: &Filter, out: W) -> Result<Stats> {
    let (net, stats) = Network::from_store(store, filter)?;
    write_graphml(&net, out)?;
    Ok(stats)
}

/// Writes `net` as GraphML.
pub fn write_graphml<W: Write>(net: &Network, out: W) -> Result<()> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.write_event(Event::Start(BytesStart::new("graphml").with_attributes([
        ("xmlns", "http://graphml.graphdrawing.org/xmlns"),
        ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        (
            "xsi:schemaLocation",
            "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
        ),
    ])))?;
    for (domain, keys) in [("node", NODE_KEYS), ("edge", EDGE_KEYS)] {
        for (id, ty) in keys {
            let key_id = format!("{domain}_{id}");
            w.write_event(Event::Empty(BytesStart::new("key").with_attributes([
                ("id", key_id.as_str()),
                ("for", domain),
                ("attr.name", id),
                ("attr.type", ty),
            ])))?;
        }
    }
    w.write_event(Event::Start(
        BytesStart::new("graph").with_attributes([("id", "actors"), ("edgedefault", "directed")]),
    ))?;
    for (id, n) in &net.nodes {
        w.write_event(Event::Start(BytesStart::new("node").with_attributes([("id", id.as_str())])))?;
        data(&mut w, "node_label", Some(&n.label))?;
        data(&mut w, "node_type", Some(&n.entity_type))?;
        data(&mut w, "node_kind", n.kind.as_deref())?;
        data(&mut w, "node_country", n.country.as_deref())?;
        data(&mut w, "node_kb_id", n.kb_id.as_deref())?;
        data(&mut w, "node_events", Some(&n.events.to_string()))?;
        w.write_event(Event::End(BytesEnd::new("node")))?;
    }
    for (i, ((s, t, ty), e)) in net.edges.iter().enumerate() {
        let id = format!("e{i}");
        w.write_event(Event::Start(BytesStart::new("edge").with_attributes([
            ("id", id.as_str()),
            ("source", s.as_str()),
            ("target", t.as_str()),
        ])))?;
        data(&mut w, "edge_event_type", Some(&name(ty)))?;
        data(&mut w, "edge_weight", Some(&e.weight.to_string()))?;
        data(&mut w, "edge_first_date", e.first_date.as_deref())?;
        data(&mut w, "edge_last_date", e.last_date.as_deref())?;
        data(&mut w, "edge_fatalities", Some(&e.fatalities.to_string()))?;
        data(&mut w, "edge_documents", Some(&e.documents.to_string()))?;
        w.write_event(Event::End(BytesEnd::new("edge")))?;
    }
    w.write_event(Event::End(BytesEnd::new("graph")))?;
    w.write_event(Event::End(BytesEnd::new("graphml")))?;
    let mut out = w.into_inner();
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(())
}

/// `<data key="…">value</data>`, nothing for a missing value.
fn data<W: Write>(w: &mut Writer<W>, key: &str, value: Option<&str>) -> std::io::Result<()> {
    let Some(value) = value else { return Ok(()) };
    w.write_event(Event::Start(BytesStart::new("data").with_attributes([("key", key)])))?;
    w.write_event(Event::Text(BytesText::new(value)))?;
    w.write_event(Event::End(BytesEnd::new("data")))
}
