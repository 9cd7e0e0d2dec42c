//! Writing extractions: round trip, idempotence, replace, and failures that leave the
//! database as it was.

mod common;

use claimgraph_core::{Document, Extraction, Meta};
use claimgraph_store::{Counts, PutOutcome, StoreError};
use common::backend::{Kind, TestDb};
use common::{SAMPLE_MENTIONS, sample};
use std::collections::HashSet;

crate::both!(
    round_trip_gives_an_equal_extraction,
    empty_extraction_and_missing_metadata_round_trip,
    prefixes_resolve_when_unique,
    putting_twice_changes_nothing,
    replace_swaps_the_whole_extraction,
    invalid_extractions_are_rejected_before_writing,
    failure_mid_transaction_leaves_the_database_as_it_was,
    batches_report_each_document,
    batches_of_new_documents_are_written_whole,
    schema_enforces_references,
    the_producer_is_kept_as_it_was_put,
);

/// Rows that hang from an entity, event or claim their document does not have.
const ORPHANS: &str = "SELECT
    (SELECT count(*) FROM mentions t WHERE NOT EXISTS
        (SELECT 1 FROM entities p WHERE p.doc = t.doc AND p.id = t.entity_id))
  + (SELECT count(*) FROM entity_aliases t WHERE NOT EXISTS
        (SELECT 1 FROM entities p WHERE p.doc = t.doc AND p.id = t.entity_id))
  + (SELECT count(*) FROM event_evidence t WHERE NOT EXISTS
        (SELECT 1 FROM events p WHERE p.doc = t.doc AND p.id = t.event_id))
  + (SELECT count(*) FROM claim_about t WHERE NOT EXISTS
        (SELECT 1 FROM claims p WHERE p.doc = t.doc AND p.id = t.claim_id))
  + (SELECT count(*) FROM claim_evidence t WHERE NOT EXISTS
        (SELECT 1 FROM claims p WHERE p.doc = t.doc AND p.id = t.claim_id))";

fn sample_counts(docs: u64) -> Counts {
    Counts {
        documents: docs,
        entities: 3 * docs,
        mentions: SAMPLE_MENTIONS * docs,
        events: 2 * docs,
        claims: 3 * docs,
    }
}

fn round_trip_gives_an_equal_extraction(db: TestDb) {
    let mut store = db.open();
    let x = sample(1);
    assert_eq!(store.put_extraction(&x, "tests/put.rs", false).unwrap(), PutOutcome::Inserted);
    let back = store.extraction(&x.document.id).unwrap().expect("stored");
    assert_eq!(back, x);
    // The JSON form, which is what users see, is identical too.
    assert_eq!(serde_json::to_string(&back).unwrap(), serde_json::to_string(&x).unwrap());
    assert!(store.contains(&x.document.id).unwrap());
    assert!(!store.contains(&x.document.id[..20]).unwrap(), "contains takes full ids only");
    // Many ids in one question: the stored ones come back, prefixes and strangers do not.
    let other = sample(2);
    let asked = [x.document.id.as_str(), &x.document.id[..20], other.document.id.as_str()];
    assert_eq!(store.stored_among(&asked).unwrap(), HashSet::from([x.document.id.clone()]));
    assert!(store.stored_among(&[]).unwrap().is_empty());
}

fn empty_extraction_and_missing_metadata_round_trip(db: TestDb) {
    let mut store = db.open();
    let doc = Document::new("Rien à signaler à Hérat.", Meta::default());
    let x = Extraction::empty(&doc);
    store.put_extraction(&x, "", false).unwrap();
    assert_eq!(store.extraction(doc.id()).unwrap(), Some(x));
}

fn prefixes_resolve_when_unique(db: TestDb) {
    let mut store = db.open();
    let (a, b) = (sample(1), sample(2));
    store.put_extraction(&a, "a", false).unwrap();
    store.put_extraction(&b, "b", false).unwrap();
    let id = &a.document.id;
    // With and without `sha256:`, as long as it is unique.
    let hex = id.strip_prefix("sha256:").unwrap();
    let unique =
        (1..=hex.len()).find(|&n| !b.document.id.starts_with(&format!("sha256:{}", &hex[..n]))).unwrap();
    assert_eq!(store.extraction(&hex[..unique + 2]).unwrap().as_ref(), Some(&a));
    assert_eq!(store.extraction(&id[..7 + unique + 2]).unwrap().as_ref(), Some(&a));
    match store.extraction("sha256:") {
        Err(StoreError::AmbiguousId { matches: 2, .. }) => {}
        other => panic!("expected ambiguity, got {other:?}"),
    }
    assert_eq!(store.extraction("").unwrap(), None);
    assert_eq!(store.extraction("sha256:zz").unwrap(), None);
    assert_eq!(store.extraction("'; DROP TABLE documents; --").unwrap(), None);
    assert_eq!(store.counts().unwrap().documents, 2);
}

fn putting_twice_changes_nothing(db: TestDb) {
    let mut store = db.open();
    let x = sample(1);
    store.put_extraction(&x, "first", false).unwrap();
    let before = store.counts().unwrap();
    let listed = store.documents(&Default::default()).unwrap();
    // Same id with a different extraction: still unchanged without `replace`.
    let mut other = x.clone();
    other.document.title = Some("autre titre".into());
    other.claims.remove(1);
    assert_eq!(store.put_extraction(&x, "second", false).unwrap(), PutOutcome::Unchanged);
    assert_eq!(store.put_extraction(&other, "second", false).unwrap(), PutOutcome::Unchanged);
    assert_eq!(store.counts().unwrap(), before);
    assert_eq!(before, sample_counts(1));
    assert_eq!(store.documents(&Default::default()).unwrap(), listed);
    assert_eq!(listed[0].source, "first");
    assert_eq!(store.extraction(&x.document.id).unwrap(), Some(x));
}

fn replace_swaps_the_whole_extraction(db: TestDb) {
    let mut store = db.open();
    let x = sample(1);
    let keep = sample(2);
    store.put_extraction(&x, "a", false).unwrap();
    store.put_extraction(&keep, "b", false).unwrap();
    let mut newer = x.clone();
    newer.events.truncate(1);
    newer.claims.retain(|c| c.id == "C3");
    newer.entities[0].aliases.push("la République islamique".into());
    newer.document.title = Some("Titre corrigé".into());
    assert_eq!(store.put_extraction(&newer, "re", true).unwrap(), PutOutcome::Replaced);
    assert_eq!(store.extraction(&x.document.id).unwrap().as_ref(), Some(&newer));
    assert_eq!(store.extraction(&keep.document.id).unwrap().as_ref(), Some(&keep));
    let c = store.counts().unwrap();
    assert_eq!((c.documents, c.events, c.claims), (2, 3, 4));
    // Nothing of the old extraction is left behind: no row hangs from an entity, event or
    // claim that is gone (PostgreSQL deletes them with a trigger, SQLite by its cascades).
    assert_eq!(db.query_i64(ORPHANS), 0);
    if db.kind == Kind::Sqlite {
        assert_eq!(db.query_i64("SELECT count(*) FROM pragma_foreign_key_check"), 0);
    }
    let rows = |t: &str| -> i64 { db.query_i64(&format!("SELECT count(*) FROM {t}")) };
    assert_eq!(rows("mentions") as u64, sample_counts(2).mentions);
    assert_eq!(rows("entity_aliases"), 3);
    assert_eq!(rows("event_evidence"), 1 + 3);
    assert_eq!(rows("claim_about"), 3);
    assert_eq!(rows("claim_evidence"), 1 + 3);
    // The FTS index follows the replacement: the old title is gone, the new one found.
    assert!(store.search("corrigé", 10).unwrap().iter().any(|h| h.doc_id == x.document.id));
    // Replacing a document that is not there inserts it.
    let fresh = sample(3);
    assert_eq!(store.put_extraction(&fresh, "c", true).unwrap(), PutOutcome::Inserted);
}

fn invalid_extractions_are_rejected_before_writing(db: TestDb) {
    let mut store = db.open();
    let good = sample(1);
    store.put_extraction(&good, "good", false).unwrap();
    let before = store.counts().unwrap();

    let mut bad_span = sample(2);
    bad_span.events[0].evidence[0].text = "des combattants ont attaqué un convoi près de Kabul".into();
    assert!(matches!(store.put_extraction(&bad_span, "x", false), Err(StoreError::Span { .. })));

    let mut dangling = sample(3);
    dangling.events[1].actor = Some("E9".into());
    assert!(matches!(store.put_extraction(&dangling, "x", false), Err(StoreError::InvalidExtraction { .. })));

    let mut dup = sample(4);
    dup.claims[1].id = "C1".into();
    assert!(matches!(store.put_extraction(&dup, "x", false), Err(StoreError::InvalidExtraction { .. })));

    let mut bad_about = sample(5);
    bad_about.claims[0].about.push("V7".into());
    assert!(matches!(
        store.put_extraction(&bad_about, "x", false),
        Err(StoreError::InvalidExtraction { .. })
    ));

    let mut wrong_id = sample(6);
    wrong_id.document.id = good.document.id.clone();
    assert!(matches!(store.put_extraction(&wrong_id, "x", true), Err(StoreError::InvalidExtraction { .. })));

    let mut huge = sample(7);
    huge.events[0].fatalities.as_mut().unwrap().min = u64::MAX;
    assert!(matches!(store.put_extraction(&huge, "x", false), Err(StoreError::InvalidExtraction { .. })));

    let mut unnormalized = Extraction::empty(&Document::new("x", Meta::default()));
    unnormalized.document.text = "Deux  espaces".into();
    unnormalized.document.id = claimgraph_core::document::document_id("Deux  espaces");
    assert!(matches!(
        store.put_extraction(&unnormalized, "x", false),
        Err(StoreError::InvalidExtraction { .. })
    ));

    let mut long_version = sample(10);
    long_version.producer.as_mut().unwrap().version = "9".repeat(201);
    assert!(matches!(
        store.put_extraction(&long_version, "x", false),
        Err(StoreError::InvalidExtraction { reason, .. }) if reason.contains("producer version")
    ));
    let mut long_models = sample(10);
    long_models.producer.as_mut().unwrap().models = Some("f".repeat(201));
    assert!(matches!(
        store.put_extraction(&long_models, "x", false),
        Err(StoreError::InvalidExtraction { reason, .. }) if reason.contains("producer models")
    ));
    let mut long_rules = sample(10);
    long_rules.producer.as_mut().unwrap().rules = Some("f".repeat(201));
    assert!(matches!(
        store.put_extraction(&long_rules, "x", false),
        Err(StoreError::InvalidExtraction { reason, .. }) if reason.contains("producer rules")
    ));

    let mut schema = sample(8);
    schema.schema = "claimgraph/extraction/v9".into();
    assert!(matches!(store.put_extraction(&schema, "x", false), Err(StoreError::InvalidExtraction { .. })));

    assert_eq!(store.counts().unwrap(), before);
    assert_eq!(store.extraction(&good.document.id).unwrap(), Some(good));
}

/// A failure half-way through the transaction (after the document, entities and events
/// are written) rolls all of it back, and a failed replace keeps the old extraction.
fn failure_mid_transaction_leaves_the_database_as_it_was(db: TestDb) {
    let mut store = db.open();
    let first = sample(1);
    store.put_extraction(&first, "a", false).unwrap();
    // Sabotage: any claim by "The ministry" now aborts its INSERT.
    db.exec(match db.kind {
        Kind::Sqlite => {
            "CREATE TRIGGER sabotage BEFORE INSERT ON claims WHEN new.claimant_name = 'The ministry'
             BEGIN SELECT RAISE(ABORT, 'sabotaged'); END;"
        }
        Kind::Postgres => {
            "CREATE FUNCTION sabotage() RETURNS trigger LANGUAGE plpgsql AS $$
             BEGIN RAISE EXCEPTION 'sabotaged'; END $$;
             CREATE TRIGGER sabotage BEFORE INSERT ON claims FOR EACH ROW
             WHEN (new.claimant_name = 'The ministry') EXECUTE FUNCTION sabotage();"
        }
    })
    .unwrap();
    // A fresh connection, so SQLite's statement cache sees the new schema.
    drop(store);
    let mut store = db.open();

    let second = sample(2);
    let err = store.put_extraction(&second, "b", false).unwrap_err();
    let msg = format!("{err} {:?}", std::error::Error::source(&err));
    assert!(msg.contains("sabotaged"), "{msg}");
    assert!(!store.contains(&second.document.id).unwrap());
    let mut replaced = first.clone();
    replaced.document.title = Some("ne doit pas rester".into());
    assert!(store.put_extraction(&replaced, "c", true).is_err());

    assert_eq!(store.counts().unwrap(), sample_counts(1));
    assert_eq!(store.extraction(&first.document.id).unwrap(), Some(first.clone()));
    assert!(store.search("Dépêche", 10).unwrap().len() == 1);
    assert!(store.search("rester", 10).unwrap().is_empty());
    // The store is still usable after the failures.
    db.exec(match db.kind {
        Kind::Sqlite => "DROP TRIGGER sabotage",
        Kind::Postgres => "DROP TRIGGER sabotage ON claims",
    })
    .unwrap();
    assert_eq!(store.put_extraction(&second, "b", false).unwrap(), PutOutcome::Inserted);
}

fn batches_report_each_document(db: TestDb) {
    let mut store = db.open();
    let mut bad = sample(3);
    bad.entities[0].mentions[0].start += 1;
    let xs = vec![sample(1), sample(2), bad, sample(1), sample(4)];
    let out = store.put_extractions(&xs, "batch", false);
    assert_eq!(out.len(), 5);
    assert_eq!(out[0].as_ref().unwrap(), &PutOutcome::Inserted);
    assert_eq!(out[1].as_ref().unwrap(), &PutOutcome::Inserted);
    assert!(out[2].is_err());
    assert_eq!(out[3].as_ref().unwrap(), &PutOutcome::Unchanged);
    assert_eq!(out[4].as_ref().unwrap(), &PutOutcome::Inserted);
    assert_eq!(store.counts().unwrap(), sample_counts(3));
}

/// A batch of distinct new documents (the ingest's case, written in one transaction by
/// PostgreSQL) stores each whole, and a batch that fails in the database is retried per
/// document so only the bad one fails.
fn batches_of_new_documents_are_written_whole(db: TestDb) {
    let mut store = db.open();
    let xs: Vec<_> = (1..=30).map(sample).collect();
    let sources: Vec<String> = (1..=30).map(|i| format!("f{i}")).collect();
    let items: Vec<_> = xs.iter().zip(&sources).map(|(x, s)| (x, s.as_str())).collect();
    let out = store.put_batch(&items, false);
    assert!(out.iter().all(|o| matches!(o, Ok(PutOutcome::Inserted))), "{out:?}");
    assert_eq!(store.counts().unwrap(), sample_counts(30));
    for (x, s) in xs.iter().zip(&sources).step_by(7) {
        assert_eq!(store.extraction(&x.document.id).unwrap().as_ref(), Some(x));
        let row = store.documents(&claimgraph_store::Page { limit: 100, offset: 0 }).unwrap();
        assert!(row.iter().any(|d| d.id == x.document.id && &d.source == s));
    }
    // Again, with replace: all replaced, nothing duplicated.
    let out = store.put_batch(&items, true);
    assert!(out.iter().all(|o| matches!(o, Ok(PutOutcome::Replaced))), "{out:?}");
    assert_eq!(store.counts().unwrap(), sample_counts(30));

    // One document the database refuses (validation cannot see a trigger) in a batch.
    let trigger = match db.kind {
        Kind::Sqlite => {
            "CREATE TRIGGER sabotage BEFORE INSERT ON documents WHEN new.source = 'bad'
             BEGIN SELECT RAISE(ABORT, 'sabotaged'); END;"
        }
        Kind::Postgres => {
            "CREATE FUNCTION sabotage() RETURNS trigger LANGUAGE plpgsql AS $$
             BEGIN RAISE EXCEPTION 'sabotaged'; END $$;
             CREATE TRIGGER sabotage BEFORE INSERT ON documents FOR EACH ROW
             WHEN (new.source = 'bad') EXECUTE FUNCTION sabotage();"
        }
    };
    db.exec(trigger).unwrap();
    drop(store);
    let mut store = db.open();
    let more: Vec<_> = (31..=35).map(sample).collect();
    let items: Vec<_> =
        more.iter().enumerate().map(|(i, x)| (x, if i == 2 { "bad" } else { "good" })).collect();
    let out = store.put_batch(&items, false);
    for (i, o) in out.iter().enumerate() {
        if i == 2 {
            assert!(o.is_err(), "{o:?}");
        } else {
            assert_eq!(o.as_ref().unwrap(), &PutOutcome::Inserted);
        }
    }
    assert_eq!(store.counts().unwrap(), sample_counts(34));
    assert!(!store.contains(&more[2].document.id).unwrap());
}

/// The schema itself refuses dangling references, should anything bypass validation: every
/// reference between a document's rows, on insert and on update (SQLite with foreign keys,
/// PostgreSQL with statement triggers that raise the same error, migration 9).
fn schema_enforces_references(db: TestDb) {
    let mut store = db.open();
    let x = sample(1);
    store.put_extraction(&x, "a", false).unwrap();
    let no = if db.kind == Kind::Sqlite { "0" } else { "false" };
    let span = "0, 1, 'x'";
    let dangling = [
        format!(
            "INSERT INTO events (doc, id, ord, type, actor, location, status)
             SELECT seq, 'V9', 9, 'AID', 'E99', {no}, 'reported' FROM documents"
        ),
        "UPDATE events SET target = 'E99' WHERE id = 'V2'".to_string(),
        format!("INSERT INTO mentions SELECT seq, 'E99', 0, {span} FROM documents"),
        "INSERT INTO entity_aliases SELECT seq, 'E99', 0, 'x' FROM documents".to_string(),
        format!("INSERT INTO event_evidence SELECT seq, 'V9', 0, {span} FROM documents"),
        format!(
            "INSERT INTO claims (doc, id, ord, claimant_entity, claimant_name, claimant_kind, stance, hedged)
             SELECT seq, 'C9', 9, 'E99', 'x', 'person', 'asserts', {no} FROM documents"
        ),
        "UPDATE claims SET via = 'C99' WHERE id = 'C1'".to_string(),
        "INSERT INTO claim_about SELECT seq, 'C99', 0, 'V1' FROM documents".to_string(),
        "INSERT INTO claim_about SELECT seq, 'C1', 9, 'V9' FROM documents".to_string(),
        format!("INSERT INTO claim_evidence SELECT seq, 'C99', 0, {span} FROM documents"),
    ];
    for sql in &dangling {
        let err = db.exec(&format!("BEGIN; {sql}; COMMIT;")).unwrap_err();
        assert!(err.to_lowercase().contains("foreign key"), "{sql}: {err}");
    }
    // References that hold pass.
    db.exec(&format!(
        "BEGIN;
         INSERT INTO mentions SELECT seq, 'E1', 99, {span} FROM documents;
         INSERT INTO claim_about SELECT seq, 'C1', 99, 'V1' FROM documents;
         DELETE FROM mentions WHERE ord = 99;
         DELETE FROM claim_about WHERE ord = 99;
         COMMIT;"
    ))
    .unwrap();
    assert_eq!(db.query_i64(ORPHANS), 0);
    assert_eq!(store.extraction(&x.document.id).unwrap(), Some(x));
}

/// Which program and analysis made an extraction comes back as it was put (none, a parser
/// and its beam, no parser), and a replace keeps the new one's.
fn the_producer_is_kept_as_it_was_put(db: TestDb) {
    let mut store = db.open();
    let xs: Vec<Extraction> = (3..6).map(sample).collect();
    let shapes: Vec<_> = xs.iter().map(|x| x.producer.as_ref().map(|p| p.parser.is_some())).collect();
    assert_eq!(shapes, [None, Some(true), Some(false)], "the samples cover each shape");
    for outcome in store.put_extractions(&xs, "tests/put.rs", false) {
        assert_eq!(outcome.unwrap(), PutOutcome::Inserted);
    }
    for x in &xs {
        assert_eq!(store.extraction(&x.document.id).unwrap().unwrap().producer, x.producer);
    }
    let mut fast = xs[1].clone();
    let p = fast.producer.as_mut().unwrap();
    (p.parser, p.beam, p.models) = (Some("fast".into()), Some(1), Some("sha256:other".into()));
    assert_eq!(store.put_extraction(&fast, "again", true).unwrap(), PutOutcome::Replaced);
    let back = store.extraction(&fast.document.id).unwrap().unwrap();
    assert_eq!(back.producer, fast.producer);
}
