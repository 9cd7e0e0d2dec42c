//! GEXF 1.3 (<https://gexf.net/>), Gephi's own format, of the actor network.

use std::io::Write;

use claimgraph_store::Store;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use super::Network;
use crate::csv::name;
use crate::error::Result;
use crate::{Filter, Stats};

/// Node attributes: (id, type). The name is the node label.
const NODE_ATTRS: &[(&str, &str)] =
    &[("type", "string"), ("kind", "string"), ("country", "string"), ("kb_id", "string"), ("events", "long")];
/// Edge attributes: (id, type). The weight and the event type (as label) are native.
const EDGE_ATTRS: &[(&str, &str)] = &[
    ("event_type", "string"),
    ("first_date", "string"),
    ("last_date", "string"),
    ("fatalities", "long"),
    ("documents", "long"),
];

/// Writes the actor network of the events that pass `filter` as GEXF 1.3.
pub fn export_gexf<S: Store + ?Sized, W: Write>(store: &S, filter: &Filter, out: W) -> Result<Stats> {
    let (net, stats) = Network::from_store(store, filter)?;
    write_gexf(&net, out)?;
    Ok(stats)
}

/// Writes `net` as GEXF 1.3.
pub fn write_gexf<W: Write>(net: &Network, out: W) -> Result<()> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.write_event(Event::Start(BytesStart::new("gexf").with_attributes([
        ("xmlns", "http://gexf.net/1.3"),
        ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ("xsi:schemaLocation", "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"),
        ("version", "1.3"),
    ])))?;
    w.write_event(Event::Start(BytesStart::new("meta")))?;
    text(&mut w, "creator", "claimgraph")?;
    text(
        &mut w,
        "description",
        "Actor network: edges from actor to target, one per event type, weighted by events",
    )?;
    w.write_event(Event::End(BytesEnd::new("meta")))?;
    w.write_event(Event::Start(
        BytesStart::new("graph").with_attributes([("mode", "static"), ("defaultedgetype", "directed")]),
    ))?;
    for (class, attrs) in [("node", NODE_ATTRS), ("edge", EDGE_ATTRS)] {
        w.write_event(Event::Start(BytesStart::new("attributes").with_attributes([("class", class)])))?;
        for (id, ty) in attrs {
            w.write_event(Event::Empty(BytesStart::new("attribute").with_attributes([
                ("id", *id),
                ("title", *id),
                ("type", *ty),
            ])))?;
        }
        w.write_event(Event::End(BytesEnd::new("attributes")))?;
    }
    w.write_event(Event::Start(BytesStart::new("nodes")))?;
    for (id, n) in &net.nodes {
        w.write_event(Event::Start(
            BytesStart::new("node").with_attributes([("id", id.as_str()), ("label", n.label.as_str())]),
        ))?;
        let events = n.events.to_string();
        attvalues(
            &mut w,
            &[
                ("type", Some(n.entity_type.as_str())),
                ("kind", n.kind.as_deref()),
                ("country", n.country.as_deref()),
                ("kb_id", n.kb_id.as_deref()),
                ("events", Some(&events)),
            ],
        )?;
        w.write_event(Event::End(BytesEnd::new("node")))?;
    }
    w.write_event(Event::End(BytesEnd::new("nodes")))?;
    w.write_event(Event::Start(BytesStart::new("edges")))?;
    for (i, ((s, t, ty), e)) in net.edges.iter().enumerate() {
        let (id, weight, ty) = (i.to_string(), e.weight.to_string(), name(ty));
        w.write_event(Event::Start(BytesStart::new("edge").with_attributes([
            ("id", id.as_str()),
            ("source", s.as_str()),
            ("target", t.as_str()),
            ("label", ty.as_str()),
            ("weight", weight.as_str()),
        ])))?;
        let (fatalities, documents) = (e.fatalities.to_string(), e.documents.to_string());
        attvalues(
            &mut w,
            &[
                ("event_type", Some(ty.as_str())),
                ("first_date", e.first_date.as_deref()),
                ("last_date", e.last_date.as_deref()),
                ("fatalities", Some(&fatalities)),
                ("documents", Some(&documents)),
            ],
        )?;
        w.write_event(Event::End(BytesEnd::new("edge")))?;
    }
    w.write_event(Event::End(BytesEnd::new("edges")))?;
    w.write_event(Event::End(BytesEnd::new("graph")))?;
    w.write_event(Event::End(BytesEnd::new("gexf")))?;
    let mut out = w.into_inner();
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(())
}

fn text<W: Write>(w: &mut Writer<W>, tag: &str, value: &str) -> std::io::Result<()> {
    w.write_event(Event::Start(BytesStart::new(tag)))?;
    w.write_event(Event::Text(BytesText::new(value)))?;
    w.write_event(Event::End(BytesEnd::new(tag)))
}

/// `<attvalues>` with one `<attvalue>` per present value.
fn attvalues<W: Write>(w: &mut Writer<W>, values: &[(&str, Option<&str>)]) -> std::io::Result<()> {
    w.write_event(Event::Start(BytesStart::new("attvalues")))?;
    for (key, value) in values {
        if let Some(v) = value {
            w.write_event(Event::Empty(
                BytesStart::new("attvalue").with_attributes([("for", *key), ("value", *v)]),
            ))?;
        }
    }
    w.write_event(Event::End(BytesEnd::new("attvalues")))
}
