//! Measures how fast the SQLite store takes and serves extractions of news-sized documents.
//!
//! `cargo run --release -p claimgraph-store --example put_bench -- [DOCS] [DB_PATH]`
//!
//! Each synthetic document has about 4,000 chars, 20 entities with 3 mentions each,
//! 10 events and 10 claims, all with valid spans.

use std::path::PathBuf;
use std::time::Instant;

use claimgraph_core::extraction::{
    Claim, Claimant, ClaimantKind, Count, Entity, EntityType, Event, EventStatus, EventType, Stance,
};
use claimgraph_core::{Document, Extraction, Meta, Span};
use claimgraph_store::{EntityFilter, EventFilter, Page, SqliteStore, Store};

fn find(doc: &Document, needle: &str, nth: usize) -> Span {
    let (b, _) = doc.text().match_indices(needle).nth(nth).expect("needle in text");
    doc.span_bytes(b, b + needle.len()).expect("char boundaries")
}

fn synthetic(n: usize) -> Extraction {
    let mut text = format!("Dépêche {n}.");
    for k in 0..40 {
        let g = k % 20;
        text.push_str(&format!(
            " Sur le front nº {k}, les forces du Groupe{g} ont attaqué la ville de Ville{g} \
             le lundi {n}, tuant {k} personnes, selon des responsables."
        ));
    }
    let doc = Document::new(&text, Meta { title: Some(format!("Dépêche {n}")), ..Meta::default() });
    let mut x = Extraction::empty(&doc);
    for g in 0..20 {
        let name = format!("Groupe{g} ");
        x.entities.push(Entity {
            id: format!("E{g}"),
            name: format!("Groupe{g}"),
            entity_type: EntityType::Org,
            kind: None,
            country: None,
            kb_id: (g % 2 == 0).then(|| format!("actor:G{g}")),
            aliases: vec![],
            mentions: (0..2)
                .map(|i| find(&doc, &name, i))
                .chain([find(&doc, &format!("Ville{g} "), 0)])
                .collect(),
        });
    }
    for v in 0..10 {
        let sentence = format!("les forces du Groupe{v} ont attaqué la ville de Ville{v}");
        x.events.push(Event {
            id: format!("V{v}"),
            event_type: EventType::Assault,
            mode: None,
            cameo: Some("190".into()),
            actor: Some(format!("E{v}")),
            target: Some(format!("E{}", v + 10)),
            date: None,
            location: None,
            fatalities: Some(Count { min: v as u64, max: Some(v as u64), text: None }),
            injuries: None,
            status: EventStatus::Reported,
            evidence: vec![find(&doc, &sentence, 0)],
        });
        x.claims.push(Claim {
            id: format!("C{v}"),
            claimant: Claimant {
                entity: None,
                name: "des responsables".into(),
                kind: ClaimantKind::Official,
                count: None,
            },
            stance: Stance::Asserts,
            hedged: false,
            about: vec![format!("V{v}")],
            via: None,
            evidence: vec![find(&doc, "selon des responsables", v)],
        });
    }
    x
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let docs: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(5000);
    let dir = tempfile::tempdir()?;
    let path = args.next().map(PathBuf::from).unwrap_or_else(|| dir.path().join("bench.db"));

    let t = Instant::now();
    let xs: Vec<Extraction> = (0..docs).map(synthetic).collect();
    let chars: usize = xs.iter().map(|x| x.document.text.chars().count()).sum();
    println!("generated {docs} docs ({:.1} MB text) in {:.2?}", chars as f64 / 1e6, t.elapsed());

    let t = Instant::now();
    for x in &xs {
        claimgraph_store::validate::validate(x)?;
    }
    println!("validate only: {:.2?}", t.elapsed());

    let mut store = SqliteStore::open(&path)?;
    let t = Instant::now();
    for r in store.put_extractions(&xs, "bench", false) {
        r?;
    }
    let secs = t.elapsed().as_secs_f64();
    println!("put_extractions: {docs} docs in {secs:.2} s = {:.0} docs/s", docs as f64 / secs);

    let t = Instant::now();
    for r in store.put_extractions(&xs, "bench", false) {
        r?;
    }
    println!("again (all Unchanged): {:.2?}", t.elapsed());

    let t = Instant::now();
    for x in xs.iter().take(500) {
        store.put_extraction(x, "bench", true)?;
    }
    println!("replace 500 docs: {:.2?}", t.elapsed());

    println!("counts: {:?}", store.counts()?);
    let t = Instant::now();
    for x in xs.iter().take(1000) {
        let back = store.extraction(&x.document.id)?.ok_or("missing")?;
        assert_eq!(&back, x);
    }
    println!("extraction() x1000 (checked equal): {:.2?}", t.elapsed());

    let t = Instant::now();
    let rows = store.documents(&Page::default())?;
    println!("documents(limit 100): {} rows in {:.2?}", rows.len(), t.elapsed());
    let t = Instant::now();
    let rows = store.events(&EventFilter::default())?;
    println!("events(limit 100): {} rows in {:.2?}", rows.len(), t.elapsed());
    let t = Instant::now();
    let f = EventFilter { text: Some("Ville7".into()), ..EventFilter::default() };
    let rows = store.events(&f)?;
    println!("events(text Ville7, limit 100): {} rows in {:.2?}", rows.len(), t.elapsed());
    let t = Instant::now();
    let rows = store.entities(&EntityFilter::default())?;
    println!("entities(limit 100): {} rows in {:.2?}", rows.len(), t.elapsed());
    let t = Instant::now();
    let hits = store.search("groupe7 ville7", 20)?;
    println!("search(2 terms, limit 20): {} hits in {:.2?}", hits.len(), t.elapsed());
    drop(store);
    let size: u64 = ["", "-wal"]
        .iter()
        .filter_map(|s| std::fs::metadata(format!("{}{s}", path.display())).ok())
        .map(|m| m.len())
        .sum();
    println!("database size (db + wal): {:.1} MB", size as f64 / 1e6);
    Ok(())
}
