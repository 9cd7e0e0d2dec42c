//! Merging real extraction output of our own reports: incidents, independent sources,
//! discrepancies, contested claims, and the same incidents whatever the order — on SQLite
//! and on PostgreSQL (`CLAIMGRAPH_TEST_PG`; see the store's `tests/common/backend.rs`).

#[allow(dead_code)] // not every helper of the shared module is used here
#[path = "../../store/tests/common/backend.rs"]
mod backend;

/// Where the shared module's `both!` macro looks for it.
mod common {
    pub(crate) use super::backend;
}

use std::path::Path;

use claimgraph_core::{Document, Extraction, Meta};
use claimgraph_extract::Extractor;
use claimgraph_merge::{Incident, Merger, incident};
use claimgraph_store::IncidentFilter;
use common::backend::{FullStore, TestDb};

const FILES: &[&str] = &[
    "kabul_ministry.txt",
    "kabul_officials_denial.txt",
    "kabul_ministry_copy.txt",
    "mali_rebels.txt",
    "mali_kidal.txt",
];

fn extractions() -> Vec<(String, Extraction)> {
    FILES.iter().map(|f| f.to_string()).zip(extract_fixtures(FILES, "2026-03-05")).collect()
}

/// The extractions of fixture files, read as published on `published`.
fn extract_fixtures(files: &[&str], published: &str) -> Vec<Extraction> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let ex = Extractor::new().unwrap();
    files
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(dir.join(f)).unwrap();
            let meta = Meta { published: Some(published.into()), ..Meta::default() };
            ex.extract(&Document::new(&text, meta))
        })
        .collect()
}

crate::both!(
    reports_of_one_bombing_make_one_contested_incident,
    incidents_do_not_depend_on_ingest_order,
    analyst_grades_survive_a_rebuild,
    a_re_extraction_that_unlinks_splits_the_incident_again,
    a_claim_relayed_by_a_network_is_one_line_of_evidence_with_its_origin,
    batches_merge_as_documents_one_by_one,
    a_copy_shares_even_its_undated_events,
);

/// Stores and merges `xs` one by one into the empty database `db`.
fn ingest(db: &TestDb, xs: &[&Extraction]) -> Box<dyn FullStore> {
    let mut store = db.open_full();
    let merger = Merger::shared().unwrap();
    for x in xs {
        store.put_extraction(x, "test", false).unwrap();
        merger.merge(&mut *store, x).unwrap();
    }
    store
}

fn incidents(store: &dyn FullStore) -> Vec<Incident> {
    store
        .incident_ids(&IncidentFilter::default())
        .unwrap()
        .iter()
        .map(|id| incident(store, id).unwrap().unwrap())
        .collect()
}

fn doc<'a>(xs: &'a [(String, Extraction)], name: &str) -> &'a str {
    &xs.iter().find(|(f, _)| f == name).unwrap().1.document.id
}

fn reports_of_one_bombing_make_one_contested_incident(db: TestDb) {
    let xs = extractions();
    let store = ingest(&db, &xs.iter().map(|(_, x)| x).collect::<Vec<_>>());
    let all = incidents(&*store);
    let kabul: Vec<&Incident> =
        all.iter().filter(|i| i.documents.contains(&doc(&xs, "kabul_ministry.txt").to_string())).collect();
    assert_eq!(kabul.len(), 1, "{all:#?}");
    let k = kabul[0];
    let mut docs = k.documents.clone();
    docs.sort();
    let mut want: Vec<String> =
        ["kabul_ministry.txt", "kabul_officials_denial.txt", "kabul_ministry_copy.txt"]
            .iter()
            .map(|f| doc(&xs, f).to_string())
            .collect();
    want.sort();
    assert_eq!(docs, want);
    // The copy with a new headline is one source with the report it copies.
    assert_eq!(k.sources.len(), 2);
    // The ministry (twice, through the copy) and the unnamed officials of another report.
    assert_eq!(k.independent_sources, 2);
    assert_eq!((k.fatalities.low, k.fatalities.high), (Some(2), Some(3)));
    assert_eq!((k.injuries.low, k.injuries.high), (Some(60), Some(90)));
    assert_eq!(k.injuries.by_source.len(), 2);
    assert!(k.discrepancies.contains(&"fatalities".to_string()), "{:?}", k.discrepancies);
    assert!(k.discrepancies.contains(&"injuries".to_string()));
    // Kabul and "Afghanistan" differ only in precision.
    assert!(!k.discrepancies.contains(&"location".to_string()));
    assert_eq!(k.location.name.as_deref(), Some("Kabul"));
    assert_eq!(k.location.country.as_deref(), Some("AFG"));
    assert_eq!(k.date.start.as_deref(), Some("2026-03-03"));
    assert!(k.contested);
    assert_eq!(k.claims.denies, vec!["Taliban".to_string()]);
    assert!(k.claims.asserts.len() >= 2, "{:?}", k.claims);
    // The Mali reports are not part of it.
    assert!(!k.documents.contains(&doc(&xs, "mali_rebels.txt").to_string()));
    assert!(all.iter().all(|i| i.id == k.id || !i.contested));
}

fn incidents_do_not_depend_on_ingest_order(db: TestDb) {
    let xs = extractions();
    let forward: Vec<&Extraction> = xs.iter().map(|(_, x)| x).collect();
    let backward: Vec<&Extraction> = xs.iter().rev().map(|(_, x)| x).collect();
    let mut shuffled = forward.clone();
    shuffled.swap(0, 2);
    shuffled.swap(1, 4);
    let a = incidents(&*ingest(&db, &forward));
    assert_eq!(a, incidents(&*ingest(&db.fresh(), &backward)));
    assert_eq!(a, incidents(&*ingest(&db.fresh(), &shuffled)));
    let other = db.fresh();
    let mut store = ingest(&other, &backward);
    Merger::shared().unwrap().rebuild(&mut *store).unwrap();
    assert_eq!(a, incidents(&*store), "a rebuild gives the same incidents");
}

fn analyst_grades_survive_a_rebuild(db: TestDb) {
    let xs = extractions();
    let mut store = ingest(&db, &xs.iter().map(|(_, x)| x).collect::<Vec<_>>());
    let d = doc(&xs, "kabul_ministry.txt").to_string();
    store.set_claim_grade(&d, "C1", 5).unwrap();
    store.set_source_grade("Afghan interior ministry", 'b').unwrap();
    Merger::shared().unwrap().rebuild(&mut *store).unwrap();
    assert_eq!(store.claim_grade(&d, "C1").unwrap(), Some(5));
    assert_eq!(store.source_grades().unwrap()[0].grade, "B");
    let id = store.incident_of(&d, "V1").unwrap().unwrap();
    let detail = claimgraph_merge::incident_detail(&*store, &id).unwrap().unwrap();
    let c = detail.claim_details.iter().find(|c| c.document == d && c.claim == "C1").unwrap();
    assert_eq!((c.credibility.grade, c.credibility.by), (5, "analyst"));
    assert!(store.set_claim_grade(&d, "C1", 7).is_err());
    assert!(store.set_source_grade("x", 'G').is_err());
}

fn a_re_extraction_that_unlinks_splits_the_incident_again(db: TestDb) {
    let xs = extractions();
    let all: Vec<&Extraction> = xs.iter().map(|(_, x)| x).collect();
    let mut store = ingest(&db, &all);
    // The officials' report, re-extracted with the bombing placed in another country.
    let old = &xs.iter().find(|(f, _)| f == "kabul_officials_denial.txt").unwrap().1;
    let mut new = old.clone();
    for e in &mut new.events {
        e.location = Some(claimgraph_core::extraction::Location {
            name: Some("Pakistan".into()),
            country: Some("PAK".into()),
            lat: None,
            lon: None,
            geonames_id: None,
        });
    }
    let merger = Merger::shared().unwrap();
    let mut docs = merger.before_replace(&*store, &new.document.id).unwrap();
    assert_eq!(docs.len(), 3, "the bombing's three reports");
    store.put_extraction(&new, "test", true).unwrap();
    docs.push(new.document.id.clone());
    merger.remerge(&mut *store, &docs).unwrap();
    let after = incidents(&*store);
    let fresh: Vec<&Extraction> =
        all.iter().map(|x| if x.document.id == new.document.id { &new } else { *x }).collect();
    assert_eq!(after, incidents(&*ingest(&db.fresh(), &fresh)), "as if ingested with the new extraction");
    let kabul = after.iter().find(|i| i.location.name.as_deref() == Some("Kabul")).unwrap();
    assert_eq!(kabul.documents.len(), 2);
    assert!(!kabul.contested);
}

fn a_claim_relayed_by_a_network_is_one_line_of_evidence_with_its_origin(db: TestDb) {
    let xs = extract_fixtures(&["raqqa_pentagon_via_cnn.txt", "raqqa_pentagon_statement.txt"], "2026-03-10");
    let store = ingest(&db, &xs.iter().collect::<Vec<_>>());
    let all = incidents(&*store);
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0].documents.len(), 2);
    // The Pentagon, whether through CNN or in its own statement.
    assert_eq!(all[0].independent_sources, 1, "{:?}", all[0].claims);
    let detail = claimgraph_merge::incident_detail(&*store, &all[0].id).unwrap().unwrap();
    let relayed = detail.claim_details.iter().find(|c| c.claimant == "Pentagon document").unwrap();
    assert_eq!(relayed.via, vec!["CNN".to_string()]);
}

/// What `ingest` does: store a batch, then merge it in one merge batch (one transaction).
fn batches_merge_as_documents_one_by_one(db: TestDb) {
    let xs = extractions();
    let all: Vec<&Extraction> = xs.iter().map(|(_, x)| x).collect();
    let mut store = db.open_full();
    let items: Vec<(&Extraction, &str)> = all.iter().map(|x| (*x, "test")).collect();
    assert!(store.put_batch(&items, false).iter().all(Result::is_ok));
    let merger = Merger::shared().unwrap();
    let outcomes = merger.merge_batch(&mut *store, &all).unwrap();
    assert_eq!(outcomes.len(), all.len());
    assert!(outcomes.iter().any(|o| o.duplicate), "the ministry's copy");
    assert!(outcomes.iter().map(|o| o.attached).sum::<usize>() > 0);
    assert_eq!(incidents(&*store), incidents(&*ingest(&db.fresh(), &all)));
    assert!(store.unmerged_documents().unwrap().is_empty());
}

/// The same reports give the same incidents, in every detail, on SQLite and PostgreSQL.
#[test]
fn both_backends_give_identical_incidents() {
    let Some(pg) = TestDb::postgres() else { return };
    let xs = extractions();
    let all: Vec<&Extraction> = xs.iter().map(|(_, x)| x).collect();
    let (sqlite, pg) = (ingest(&TestDb::sqlite(), &all), ingest(&pg, &all));
    let on_sqlite = incidents(&*sqlite);
    assert_eq!(on_sqlite, incidents(&*pg));
    for i in &on_sqlite {
        let detail = |s: &dyn FullStore| claimgraph_merge::incident_detail(s, &i.id).unwrap().unwrap();
        assert_eq!(detail(&*sqlite), detail(&*pg), "incident {}", i.id);
    }
}

/// "troops killed 12 assailants" has no day and no place, so it links to no other report;
/// a copy of the report has the very same event, and the two are one incident, whichever
/// came first.
fn a_copy_shares_even_its_undated_events(db: TestDb) {
    let xs = extract_fixtures(&["gao_wire.txt", "gao_wire_copy.txt"], "2026-03-05");
    let undated = xs[0].events.iter().filter(|e| e.date.is_none()).count();
    assert!(undated >= 1, "the fixture has an undated event: {:?}", xs[0].events);
    let forward = incidents(&*ingest(&db, &[&xs[0], &xs[1]]));
    assert_eq!(forward.len(), xs[0].events.len(), "every event of the report is one incident: {forward:#?}");
    assert!(forward.iter().all(|i| i.documents.len() == 2), "each with both copies: {forward:#?}");
    assert_eq!(forward, incidents(&*ingest(&db.fresh(), &[&xs[1], &xs[0]])));
}
