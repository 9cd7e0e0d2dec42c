//! Builds a store of synthetic reports for the server's load benchmark (`scripts/bench-serve`).
//!
//! `cargo run --release -p claimgraph-server --example load_store -- DOCS DB_PATH`
//!
//! Each document is a short wire report written from templates (own text): 4 to 7 events
//! among 60 actors (half resolved to knowledge-base ids), 8 event types, 40 places, dates
//! over two years, and one claim per event (asserts, confirms or denies, some hedged), all
//! with valid spans. Extractions are stored directly: the extractor is not what is measured.

use std::path::PathBuf;
use std::time::Instant;

use claimgraph_core::extraction::{
    Claim, Claimant, ClaimantKind, Count, DatePrecision, DateValue, Entity, EntityType, Event, EventStatus,
    EventType, Location, Stance,
};
use claimgraph_core::{Document, Extraction, Meta, Span};
use claimgraph_store::{SqliteStore, Store};

const TYPES: [(EventType, &str); 8] = [
    (EventType::Assault, "attacked"),
    (EventType::Protest, "protested against"),
    (EventType::Coerce, "detained members of"),
    (EventType::Aid, "sent aid to"),
    (EventType::Threaten, "threatened"),
    (EventType::Consult, "met"),
    (EventType::Agree, "signed a deal with"),
    (EventType::Reject, "rejected a proposal from"),
];
const STANCES: [(Stance, &str); 3] =
    [(Stance::Asserts, "said"), (Stance::Confirms, "confirmed"), (Stance::Denies, "denied")];

/// A small deterministic generator (xorshift), so every run builds the same store.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn actor_name(i: usize) -> String {
    const A: [&str; 12] = [
        "Northern", "Eastern", "United", "Popular", "National", "Free", "Coastal", "Highland", "Red",
        "River", "Desert", "Lake",
    ];
    const B: [&str; 5] = ["Front", "Army", "Movement", "Brigade", "Council"];
    format!("{} {} {}", A[i % 12], B[i % 5], i / 12 + 1)
}

fn place_name(i: usize) -> String {
    const P: [&str; 10] =
        ["Kalem", "Barossa", "Tindra", "Mourad", "Sefa", "Ostrov", "Lunda", "Qarim", "Veda", "Nakuru"];
    format!("{}{}", P[i % 10], if i >= 10 { format!(" {}", i / 10 + 1) } else { String::new() })
}

fn span(doc: &Document, byte_start: usize, text: &str) -> Span {
    doc.span_bytes(byte_start, byte_start + text.len()).expect("char boundaries")
}

fn report(n: usize, rng: &mut Rng) -> Extraction {
    let day = n % 730;
    let (year, rest) = (2023 + day / 365, day % 365);
    let (month, dom) = (rest / 31 + 1, rest % 28 + 1);
    let published = format!("{year}-{month:02}-{dom:02}");
    let k = 4 + rng.below(4);
    // (actor, verb index, target, place, killed, stance, hedged)
    let mut plan = Vec::new();
    for _ in 0..k {
        let a = rng.below(60);
        let mut t = rng.below(60);
        if t == a {
            t = (t + 1) % 60;
        }
        plan.push((a, rng.below(8), t, rng.below(40), rng.below(30), rng.below(3), rng.below(4) == 0));
    }
    let mut text = format!("Report {n}. ");
    let mut marks = Vec::new();
    for &(a, v, t, p, killed, s, hedged) in &plan {
        let start = text.len();
        let (an, tn, pn) = (actor_name(a), actor_name(t), place_name(p));
        let hedge = if hedged { " reportedly" } else { "" };
        let sentence = format!(
            "The {an}{hedge} {} the {tn} near {pn} on {published}, killing {killed} people, officials {}.",
            TYPES[v].1, STANCES[s].1
        );
        text.push_str(&sentence);
        text.push(' ');
        marks.push((start, sentence));
    }
    let doc = Document::new(
        &text,
        Meta {
            title: Some(format!("Clashes near {} ({n})", place_name(plan[0].3))),
            publisher: Some(["Wire One", "Daily Ledger", "Field Notes"][n % 3].into()),
            published: Some(published.clone()),
            language: Some("en".into()),
            url: Some(format!("https://example.invalid/report/{n}")),
        },
    );
    let mut x = Extraction::empty(&doc);
    let t = doc.text();
    let mut entity_of = std::collections::BTreeMap::new();
    for (i, (&(a, v, tg, p, killed, s, hedged), (start, sentence))) in plan.iter().zip(&marks).enumerate() {
        let mut ids = Vec::new();
        for who in [a, tg] {
            let name = actor_name(who);
            let at = start + sentence.find(&name).expect("name in sentence");
            let next = x.entities.len() + 1;
            let id = entity_of.entry(who).or_insert_with(|| format!("E{next}")).clone();
            match x.entities.iter_mut().find(|e| e.id == id) {
                Some(e) => e.mentions.push(span(&doc, at, &name)),
                None => x.entities.push(Entity {
                    id: id.clone(),
                    name: name.clone(),
                    entity_type: EntityType::Org,
                    kind: None,
                    country: None,
                    kb_id: (who % 2 == 0).then(|| format!("actor:SYN{who}")),
                    aliases: vec![],
                    mentions: vec![span(&doc, at, &name)],
                }),
            }
            ids.push(id);
        }
        let evid = format!("V{}", i + 1);
        let sent_span = span(&doc, *start, sentence);
        debug_assert_eq!(&t[*start..*start + sentence.len()], sentence);
        x.events.push(Event {
            id: evid.clone(),
            event_type: TYPES[v].0,
            mode: None,
            cameo: None,
            actor: Some(ids[0].clone()),
            target: Some(ids[1].clone()),
            date: Some(DateValue {
                start: published.clone(),
                end: published.clone(),
                precision: DatePrecision::Day,
                text: Some(published.clone()),
            }),
            location: Some(Location {
                name: Some(place_name(p)),
                country: None,
                lat: None,
                lon: None,
                geonames_id: None,
            }),
            fatalities: Some(Count { min: killed as u64, max: Some(killed as u64), text: None }),
            injuries: None,
            status: if s == 2 { EventStatus::Denied } else { EventStatus::Reported },
            evidence: vec![sent_span.clone()],
        });
        x.claims.push(Claim {
            id: format!("C{}", i + 1),
            claimant: Claimant {
                entity: None,
                name: "officials".into(),
                kind: ClaimantKind::Official,
                count: None,
            },
            stance: STANCES[s].0,
            hedged,
            about: vec![evid],
            via: None,
            evidence: vec![sent_span],
        });
    }
    x
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let docs: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(10_000);
    let path = PathBuf::from(args.next().ok_or("usage: load_store DOCS DB_PATH")?);
    let mut store = SqliteStore::open(&path)?;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let t = Instant::now();
    for chunk in (0..docs).collect::<Vec<_>>().chunks(1000) {
        let xs: Vec<Extraction> = chunk.iter().map(|&n| report(n, &mut rng)).collect();
        for r in store.put_extractions(&xs, "synthetic", false) {
            r?;
        }
    }
    let c = store.counts()?;
    println!(
        "stored {} documents, {} entities, {} events, {} claims in {:.1}s",
        c.documents,
        c.entities,
        c.events,
        c.claims,
        t.elapsed().as_secs_f64()
    );
    Ok(())
}
