//! Exports of small stores built from extractions written for these tests.

use claimgraph_core::extraction::{
    Claim, Claimant, ClaimantKind, Count, DatePrecision, DateValue, Entity, EntityKind, EntityType, Event,
    EventStatus, EventType, Location, Stance,
};
use claimgraph_core::{Document, Extraction, Meta, Span};
use claimgraph_export::csv::{CLAIM_COLUMNS, EVENT_COLUMNS, export_csv};
use claimgraph_export::graph::gexf::export_gexf;
use claimgraph_export::graph::graphml::export_graphml;
use claimgraph_export::jsonl::export_jsonl;
use claimgraph_export::stix::export_stix;
use claimgraph_export::{Filter, PAGE};
use claimgraph_store::{SqliteStore, Store};
use serde_json::Value;

fn span(doc: &Document, needle: &str) -> Span {
    let b = doc.text().find(needle).unwrap_or_else(|| panic!("{needle:?} not in text"));
    doc.span_bytes(b, b + needle.len()).unwrap()
}

fn entity(
    doc: &Document,
    id: &str,
    name: &str,
    ty: EntityType,
    kind: EntityKind,
    kb: Option<&str>,
) -> Entity {
    Entity {
        id: id.into(),
        name: name.into(),
        entity_type: ty,
        kind: Some(kind),
        country: kb.and_then(|k| k.strip_prefix("actor:")).map(str::to_string).or(Some("MLI".into())),
        kb_id: kb.map(str::to_string),
        aliases: vec![],
        mentions: vec![span(doc, name)],
    }
}

/// A report written for these tests: an assault with a fatality range, aid between two
/// states, a denial and a hedged claim.
fn report(n: usize, published: &str) -> Extraction {
    let text = format!(
        "Bulletin {n}. Fighters of the Northern Front attacked an army post in Kidal on 5 March, killing \
         between 4 and 6 soldiers, the army said. The Northern Front denied the attack. Algeria sent food \
         to Mali in March, officials said, and it may have sent fuel. A \"quoted\" <tag> & sign."
    );
    let doc = Document::new(
        &text,
        Meta {
            title: Some(format!("Attack in Kidal ({n})")),
            url: Some(format!("https://news.example.org/kidal/{n}")),
            publisher: Some("Sahel Desk".into()),
            published: Some(published.into()),
            language: Some("en".into()),
        },
    );
    let mut x = Extraction::empty(&doc);
    x.entities = vec![
        entity(&doc, "E1", "Northern Front", EntityType::Org, EntityKind::ArmedGroup, None),
        entity(&doc, "E2", "army", EntityType::Org, EntityKind::Military, Some("actor:MLI-MIL")),
        entity(&doc, "E3", "Algeria", EntityType::Gpe, EntityKind::State, Some("actor:DZA")),
        entity(&doc, "E4", "Mali", EntityType::Gpe, EntityKind::State, Some("actor:MLI")),
    ];
    x.entities[1].country = Some("MLI".into());
    x.events = vec![
        Event {
            id: "V1".into(),
            event_type: EventType::Assault,
            mode: Some("firearms".into()),
            cameo: Some("190".into()),
            actor: Some("E1".into()),
            target: Some("E2".into()),
            date: Some(DateValue {
                start: "2024-03-05".into(),
                end: "2024-03-05".into(),
                precision: DatePrecision::Day,
                text: Some("5 March".into()),
            }),
            location: Some(Location {
                name: Some("Kidal".into()),
                country: Some("MLI".into()),
                lat: Some(18.44),
                lon: Some(1.41),
                geonames_id: Some(2455290),
            }),
            fatalities: Some(Count { min: 4, max: Some(6), text: Some("between 4 and 6".into()) }),
            injuries: None,
            status: EventStatus::Reported,
            evidence: vec![span(&doc, "Fighters of the Northern Front attacked an army post in Kidal")],
        },
        Event {
            id: "V2".into(),
            event_type: EventType::Aid,
            mode: None,
            cameo: Some("070".into()),
            actor: Some("E3".into()),
            target: Some("E4".into()),
            date: Some(DateValue {
                start: "2024-03".into(),
                end: "2024-03".into(),
                precision: DatePrecision::Month,
                text: Some("in March".into()),
            }),
            location: None,
            fatalities: None,
            injuries: None,
            status: EventStatus::Claimed,
            evidence: vec![span(&doc, "Algeria sent food to Mali in March")],
        },
        Event {
            id: "V3".into(),
            event_type: EventType::Protest,
            mode: None,
            cameo: None,
            actor: None,
            target: None,
            date: None,
            location: Some(Location {
                name: Some("Nowhere".into()),
                country: None,
                lat: None,
                lon: None,
                geonames_id: None,
            }),
            fatalities: None,
            injuries: None,
            status: EventStatus::Reported,
            evidence: vec![span(&doc, "A \"quoted\" <tag> & sign.")],
        },
    ];
    x.claims = vec![
        Claim {
            id: "C1".into(),
            claimant: Claimant {
                entity: Some("E2".into()),
                name: "the army".into(),
                kind: ClaimantKind::Official,
                count: None,
            },
            stance: Stance::Asserts,
            hedged: false,
            about: vec!["V1".into()],
            via: None,
            evidence: vec![span(&doc, "the army said")],
        },
        Claim {
            id: "C2".into(),
            claimant: Claimant {
                entity: Some("E1".into()),
                name: "The Northern Front".into(),
                kind: ClaimantKind::Organization,
                count: None,
            },
            stance: Stance::Denies,
            hedged: false,
            about: vec!["V1".into()],
            via: None,
            evidence: vec![span(&doc, "The Northern Front denied the attack")],
        },
        Claim {
            id: "C3".into(),
            claimant: Claimant {
                entity: None,
                name: "officials".into(),
                kind: ClaimantKind::Official,
                count: None,
            },
            stance: Stance::Asserts,
            hedged: true,
            about: vec![],
            via: None,
            evidence: vec![span(&doc, "it may have sent fuel")],
        },
    ];
    x
}

/// A store with reports 1..=n, with fixed storage times so outputs are reproducible.
fn store(n: usize) -> SqliteStore {
    let mut s = SqliteStore::open_in_memory().unwrap();
    for i in 1..=n {
        let published = if i % 2 == 0 { "2024-04-02" } else { "2024-03-07" };
        s.put_extraction(&report(i, published), "test", false).unwrap();
    }
    s.connection().execute("UPDATE documents SET ingested_at = '2024-05-01T10:00:00.000Z'", []).unwrap();
    s
}

fn run<F>(f: F) -> String
where
    F: FnOnce(&mut Vec<u8>) -> claimgraph_export::Result<claimgraph_export::Stats>,
{
    let mut out = Vec::new();
    f(&mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn jsonl_is_the_stored_contract() {
    let s = store(2);
    let out = run(|w| export_jsonl(&s, &Filter::default(), w));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2);
    let mut expected = vec![report(1, "2024-03-07"), report(2, "2024-04-02")];
    expected.sort_by(|a, b| a.document.id.cmp(&b.document.id));
    for (line, x) in lines.iter().zip(&expected) {
        assert_eq!(*line, serde_json::to_string(x).unwrap());
    }
}

#[test]
fn csv_tables() {
    let s = store(1);
    let (mut ev, mut cl) = (Vec::new(), Vec::new());
    let stats = export_csv(&s, &Filter::default(), &mut ev, &mut cl).unwrap();
    assert_eq!((stats.events, stats.claims, stats.documents), (3, 3, 1));
    let (ev, cl) = (String::from_utf8(ev).unwrap(), String::from_utf8(cl).unwrap());
    let mut r = csv::Reader::from_reader(ev.as_bytes());
    assert_eq!(r.headers().unwrap().iter().collect::<Vec<_>>(), EVENT_COLUMNS);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    let col = |row: &csv::StringRecord, name: &str| {
        row.get(EVENT_COLUMNS.iter().position(|c| *c == name).unwrap()).unwrap().to_string()
    };
    assert_eq!(col(&rows[0], "actor1"), "Northern Front");
    assert_eq!(col(&rows[0], "actor2_kb_id"), "actor:MLI-MIL");
    assert_eq!(
        (col(&rows[0], "fatalities_low"), col(&rows[0], "fatalities_best"), col(&rows[0], "fatalities_high")),
        ("4".into(), "4".into(), "6".into())
    );
    assert_eq!(col(&rows[0], "geo_precision"), "1");
    assert_eq!(col(&rows[0], "n_sources"), "1");
    assert_eq!(col(&rows[0], "source"), "Sahel Desk");
    assert_eq!(col(&rows[2], "notes"), "A \"quoted\" <tag> & sign.");
    let mut r = csv::Reader::from_reader(cl.as_bytes());
    assert_eq!(r.headers().unwrap().iter().collect::<Vec<_>>(), CLAIM_COLUMNS);
    assert_eq!(r.records().count(), 3);
    insta::assert_snapshot!("events_csv", ev);
    insta::assert_snapshot!("claims_csv", cl);

    // Headers even when nothing passes the filter.
    let (mut ev, mut cl) = (Vec::new(), Vec::new());
    let none = Filter::new(None, None, Some("nobody at all"), None).unwrap();
    export_csv(&s, &none, &mut ev, &mut cl).unwrap();
    assert_eq!(String::from_utf8(ev).unwrap().lines().count(), 1);
    assert_eq!(String::from_utf8(cl).unwrap().lines().count(), 1);
}

#[test]
fn stix_bundle_is_consistent_and_deterministic() {
    let s = store(2);
    let out = run(|w| export_stix(&s, &Filter::default(), w));
    assert_eq!(out, run(|w| export_stix(&s, &Filter::default(), w)), "re-exports are identical");
    let bundle: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(bundle["type"], "bundle");
    let objects = bundle["objects"].as_array().unwrap();
    let ids: std::collections::HashSet<&str> = objects.iter().map(|o| o["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), objects.len(), "no duplicate ids");
    let count = |t: &str| objects.iter().filter(|o| o["type"] == t).count();
    assert_eq!(count("report"), 2);
    assert_eq!(count("relationship"), 4, "V1 and V2 of each report");
    assert_eq!(count("note"), 2, "V3 has no ends");
    assert_eq!(count("opinion"), 6);
    assert_eq!(count("threat-actor"), 2, "the armed group and the army, once each");
    assert_eq!(count("location"), 1, "Kidal once; Nowhere cannot be a STIX location");
    for o in objects {
        assert!(!o.to_string().contains("null"), "no nulls: {o}");
        for key in ["source_ref", "target_ref", "created_by_ref"] {
            if let Some(r) = o.get(key) {
                assert!(ids.contains(r.as_str().unwrap()), "{key} {r} dangles");
            }
        }
        for r in o.get("object_refs").and_then(Value::as_array).into_iter().flatten() {
            assert!(ids.contains(r.as_str().unwrap()), "object_ref {r} dangles");
        }
    }
    let assault = objects.iter().find(|o| o["relationship_type"] == "assault").unwrap();
    assert_eq!(assault["start_time"], "2024-03-05T00:00:00.000Z");
    assert_eq!(assault["stop_time"], "2024-03-05T23:59:59.999Z");
    let aid = objects.iter().find(|o| o["relationship_type"] == "aid").unwrap();
    assert_eq!(aid["stop_time"], "2024-03-31T23:59:59.999Z");
    let denial = objects.iter().find(|o| o["opinion"] == "strongly-disagree").unwrap();
    assert_eq!(denial["authors"][0], "The Northern Front");
    let kidal = objects.iter().find(|o| o["type"] == "location").unwrap();
    assert_eq!(kidal["country"], "ML");
    let pretty: Value =
        serde_json::from_str(&run(|w| export_stix(&store(1), &Filter::default(), w))).unwrap();
    insta::assert_json_snapshot!("stix_bundle", pretty);
}

#[test]
fn graphs_aggregate_edges() {
    let s = store(3);
    let graphml = run(|w| export_graphml(&s, &Filter::default(), w));
    assert!(graphml.contains(r#"<edge id="e0" source="actor:DZA" target="actor:MLI">"#), "{graphml}");
    assert!(graphml.contains(r#"<data key="edge_weight">3</data>"#));
    assert!(graphml.contains(r#"<data key="edge_fatalities">12</data>"#));
    insta::assert_snapshot!("graphml", graphml);
    let gexf = run(|w| export_gexf(&s, &Filter::default(), w));
    assert!(gexf.contains(r#"label="ASSAULT" weight="3""#), "{gexf}");
    insta::assert_snapshot!("gexf", gexf);
}

#[test]
fn filters_select_events_and_claims() {
    let s = store(2); // report 1 published 2024-03-07, report 2 2024-04-02
    let csv_for = |f: Filter| {
        let (mut ev, mut cl) = (Vec::new(), Vec::new());
        let stats = export_csv(&s, &f, &mut ev, &mut cl).unwrap();
        (stats.events, stats.claims)
    };
    assert_eq!(csv_for(Filter::default()), (6, 6));
    // By type: the assault and the two claims about it, per report.
    assert_eq!(csv_for(Filter::new(None, None, None, Some(EventType::Assault)).unwrap()), (2, 4));
    // By actor (kb id or name, any case): Algeria's aid only; C3 is about no event and its
    // claimant is not Algeria.
    assert_eq!(csv_for(Filter::new(None, None, Some("actor:dza"), None).unwrap()), (2, 0));
    assert_eq!(csv_for(Filter::new(None, None, Some("northern"), None).unwrap()), (2, 4));
    // By date: V3 has no date and takes its report's publication day; C3 is about no event
    // and is dated by its report too.
    assert_eq!(csv_for(Filter::new(Some("2024-04"), None, None, None).unwrap()), (1, 1));
    assert_eq!(csv_for(Filter::new(Some("2024-03-06"), Some("2024-03-31"), None, None).unwrap()), (3, 1));
    assert_eq!(csv_for(Filter::new(Some("2025"), None, None, None).unwrap()), (0, 0));
    // JSONL keeps whole documents with a matching event.
    let out = run(|w| export_jsonl(&s, &Filter::new(Some("2024-04-01"), None, None, None).unwrap(), w));
    assert_eq!(out.lines().count(), 1, "only report 2 has an event from April on (V3, by its date)");
    let out =
        run(|w| export_jsonl(&s, &Filter::new(Some("2024-04-02"), None, Some("nobody"), None).unwrap(), w));
    assert_eq!(out, "");
}

#[test]
fn exports_walk_more_than_one_page() {
    let n = PAGE + 7;
    let s = store(n);
    let stats = export_jsonl(&s, &Filter::default(), std::io::sink()).unwrap();
    assert_eq!((stats.documents_read, stats.documents), (n as u64, n as u64));
    let stats = export_graphml(&s, &Filter::default(), std::io::sink()).unwrap();
    assert_eq!(stats.edges, 2, "edges are aggregated, not one per document");
    assert_eq!(stats.events, 3 * n as u64);
}
