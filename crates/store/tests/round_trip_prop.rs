//! Property: any valid extraction (random text, every optional field set or not) comes
//! back from the store exactly as it was put, and the same holds after a replace.

use claimgraph_core::extraction::{
    Claim, Claimant, ClaimantKind, Count, DatePrecision, DateValue, Entity, EntityKind, EntityType, Event,
    EventStatus, EventType, Location, Producer, Stance,
};
use claimgraph_core::{Document, Extraction, Meta, Span};
use claimgraph_store::{PutOutcome, SqliteStore, Store};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

mod common;

/// splitmix64: a tiny deterministic generator, so one `u64` from proptest decides the
/// whole shape of an extraction.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn coin(&mut self) -> bool {
        self.next() & 1 == 1
    }
    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }
    fn maybe<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> Option<T> {
        if self.coin() { Some(f(self)) } else { None }
    }
}

fn spans(doc: &Document, rng: &mut Rng, at_least: usize) -> Vec<Span> {
    let len = doc.char_len();
    (0..at_least + rng.below(3))
        .map(|_| {
            let a = rng.below(len + 1);
            let b = a + rng.below(len - a + 1);
            doc.span(a, b).unwrap()
        })
        .collect()
}

fn build(text: &str, words: &[String], seed: u64) -> Extraction {
    let mut rng = Rng(seed);
    let word = |rng: &mut Rng| words[rng.below(words.len())].clone();
    let meta = Meta {
        title: rng.maybe(word),
        url: rng.maybe(word),
        publisher: rng.maybe(word),
        published: rng.maybe(|_| "2021-07-09".to_string()),
        language: rng.maybe(|_| "fr".to_string()),
    };
    let doc = Document::new(text, meta);
    let mut x = Extraction::empty(&doc);
    // any text in the producer's strings, arbitrary widths
    x.producer = rng.maybe(|rng| Producer {
        name: word(rng),
        version: word(rng),
        parser: rng.maybe(word),
        beam: rng.maybe(|rng| rng.below(65_536) as u16),
        models: rng.maybe(word),
        rules: rng.maybe(word),
    });
    let kinds = [EntityKind::State, EntityKind::ArmedGroup, EntityKind::Person, EntityKind::Place];
    let types = [EntityType::Per, EntityType::Org, EntityType::Gpe, EntityType::Misc];
    for i in 0..rng.below(5) {
        x.entities.push(Entity {
            id: format!("E{i}"),
            name: word(&mut rng),
            entity_type: rng.pick(&types),
            kind: rng.maybe(|r| r.pick(&kinds)),
            country: rng.maybe(word),
            kb_id: rng.maybe(word),
            aliases: (0..rng.below(3)).map(|_| word(&mut rng)).collect(),
            mentions: spans(&doc, &mut rng, 0),
        });
    }
    let n_entities = x.entities.len();
    let entity = |rng: &mut Rng| {
        if n_entities > 0 && rng.coin() { Some(format!("E{}", rng.below(n_entities))) } else { None }
    };
    let count = |rng: &mut Rng| Count {
        min: rng.next() >> 1 >> rng.below(63),
        max: rng.maybe(|r| r.next() >> 2),
        text: rng.maybe(|r| r.below(100).to_string()),
    };
    for i in 0..rng.below(4) {
        let precision =
            rng.pick(&[DatePrecision::Day, DatePrecision::Month, DatePrecision::Year, DatePrecision::Range]);
        x.events.push(Event {
            id: format!("V{i}"),
            event_type: rng.pick(&[EventType::Assault, EventType::Aid, EventType::Protest, EventType::Agree]),
            mode: rng.maybe(word),
            cameo: rng.maybe(|r| format!("{:03}", r.below(204))),
            actor: entity(&mut rng),
            target: entity(&mut rng),
            date: rng.maybe(|r| DateValue {
                start: "2021-07".into(),
                end: "2021-08-01".into(),
                precision,
                text: r.maybe(|_| "en juillet".into()),
            }),
            location: rng.maybe(|r| Location {
                name: r.maybe(|_| "Hérat".into()),
                country: r.maybe(|_| "AFG".into()),
                // Arbitrary finite doubles, including ones with long expansions.
                lat: r.maybe(|r| (r.next() as f64 / u64::MAX as f64) * 180.0 - 90.0),
                lon: r.maybe(|r| -((r.next() >> 11) as f64) / 3.0),
                geonames_id: r.maybe(|r| (r.next() >> 2) as i64 - (1 << 61)),
            }),
            fatalities: rng.maybe(count),
            injuries: rng.maybe(count),
            status: rng.pick(&[EventStatus::Reported, EventStatus::Negated, EventStatus::Hypothetical]),
            evidence: spans(&doc, &mut rng, 1),
        });
    }
    let n_events = x.events.len();
    let n_claims = rng.below(4);
    for i in 0..n_claims {
        x.claims.push(Claim {
            id: format!("C{i}"),
            claimant: Claimant {
                entity: entity(&mut rng),
                name: word(&mut rng),
                kind: rng.pick(&[ClaimantKind::Anonymous, ClaimantKind::Media, ClaimantKind::Document]),
                count: rng.maybe(|r| r.next() as u32),
            },
            stance: rng.pick(&[Stance::Asserts, Stance::Confirms, Stance::Denies]),
            hedged: rng.coin(),
            about: (0..rng.below(n_events + 1)).map(|_| format!("V{}", rng.below(n_events))).collect(),
            via: if rng.coin() { Some(format!("C{}", rng.below(n_claims))) } else { None },
            evidence: spans(&doc, &mut rng, 1),
        });
    }
    x
}

/// Put, get, replace, get: each must give back exactly what was put.
fn check(
    store: &mut dyn Store,
    text: &str,
    words: &[String],
    seed: u64,
    seed2: u64,
) -> Result<(), TestCaseError> {
    let x = build(text, words, seed);
    prop_assert_eq!(store.put_extraction(&x, "prop", false).unwrap(), PutOutcome::Inserted);
    prop_assert_eq!(store.extraction(&x.document.id).unwrap(), Some(x.clone()));
    let y = build(text, words, seed2);
    prop_assert_eq!(store.put_extraction(&y, "prop", true).unwrap(), PutOutcome::Replaced);
    prop_assert_eq!(store.extraction(&x.document.id).unwrap(), Some(y));
    prop_assert_eq!(store.counts().unwrap().documents, 1);
    Ok(())
}

fn inputs() -> impl Strategy<Value = (String, Vec<String>, u64, u64)> {
    ("\\PC{0,120}", proptest::collection::vec("\\PC{0,10}", 1..6), any::<u64>(), any::<u64>())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn put_then_get_is_identity((text, words, seed, seed2) in inputs()) {
        let mut store = SqliteStore::open_in_memory().unwrap();
        check(&mut store, &text, &words, seed, seed2)?;
    }
}

/// The same property on PostgreSQL, in one database emptied before each case.
#[test]
fn put_then_get_is_identity_postgres() {
    let Some(db) = common::backend::TestDb::postgres() else { return };
    let store = std::cell::RefCell::new(db.open());
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(48));
    runner
        .run(&inputs(), |(text, words, seed, seed2)| {
            db.exec("DELETE FROM documents").unwrap();
            check(&mut **store.borrow_mut(), &text, &words, seed, seed2)
        })
        .unwrap();
}
