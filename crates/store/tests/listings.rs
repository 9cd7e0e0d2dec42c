//! Listings: documents, events, claims and aggregated entities.

mod common;

use claimgraph_core::extraction::{EntityType, EventStatus, EventType, Stance};
use claimgraph_store::{ClaimFilter, EntityFilter, EventFilter, Page, Store, StoreError};
use common::backend::TestDb;
use common::sample;

crate::both!(
    months_partition_every_document,
    documents_newest_first_with_counts,
    events_resolve_names_and_filter,
    claims_resolve_claimants_and_filter,
    entities_aggregate_across_documents,
    rows_serialize_with_contract_names,
    documents_after_walks_every_document_once_in_id_order
);

fn store_with(db: &TestDb, n: usize) -> Box<dyn Store + Send> {
    let mut store = db.open();
    for i in 1..=n {
        store.put_extraction(&sample(i), &format!("file{i}.txt"), false).unwrap();
    }
    store
}

fn documents_newest_first_with_counts(db: TestDb) {
    let store = store_with(&db, 3);
    let docs = store.documents(&Page::default()).unwrap();
    let published: Vec<_> = docs.iter().map(|d| d.published.clone().unwrap()).collect();
    assert_eq!(published, ["2020-03-07", "2020-03-06", "2020-03-05"]);
    let d = &docs[2];
    let x = sample(1);
    assert_eq!(d.id, x.document.id);
    assert_eq!(d.title.as_deref(), Some("Attaque près de Kaboul (1)"));
    assert_eq!(d.chars, x.document.text.chars().count() as u64);
    assert!(d.chars < x.document.text.len() as u64, "chars, not bytes");
    assert_eq!((d.n_entities, d.n_events, d.n_claims), (3, 2, 3));
    assert_eq!(d.source, "file1.txt");
    assert!(d.ingested_at.starts_with("20") && d.ingested_at.ends_with('Z'), "{}", d.ingested_at);
    // what made each extraction, as put (samples 3, 2, 1: none, no parser, a parser)
    let made: Vec<_> = docs.iter().map(|d| d.producer.clone()).collect();
    assert_eq!(made, [sample(3).producer, sample(2).producer, x.producer.clone()]);
    assert_eq!(made[2].as_ref().and_then(|p| p.parser.as_deref()), Some("accurate"));
    let page = store.documents(&Page { limit: 1, offset: 1 }).unwrap();
    assert_eq!(page.len(), 1);
    assert_eq!(page[0].published.as_deref(), Some("2020-03-06"));
    assert!(store.documents(&Page { limit: 10, offset: 3 }).unwrap().is_empty());
}

fn events_resolve_names_and_filter(db: TestDb) {
    let store = store_with(&db, 2);
    let all = store.events(&EventFilter::default()).unwrap();
    assert_eq!(all.len(), 4);
    let x = sample(1);
    let rows =
        store.events(&EventFilter { doc: Some(x.document.id[..15].into()), ..Default::default() }).unwrap();
    assert_eq!(rows.len(), 2);
    let v1 = &rows[0];
    assert_eq!((v1.id.as_str(), v1.event_type), ("V1", EventType::Assault));
    assert_eq!(v1.actor.as_deref(), Some("combattants"));
    assert_eq!(v1.target, None);
    assert_eq!(v1.date_start.as_deref(), Some("2020-03-03"));
    assert_eq!(v1.location.as_deref(), Some("Kaboul"));
    assert_eq!(v1.country.as_deref(), Some("AFG"));
    assert_eq!((v1.fatalities_min, v1.fatalities_max), (Some(2), Some(2)));
    assert_eq!((v1.injuries_min, v1.injuries_max), (Some(71), None));
    assert_eq!(v1.status, EventStatus::Reported);
    assert_eq!(v1.evidence, x.events[0].evidence);
    let v2 = &rows[1];
    assert_eq!((v2.actor.as_deref(), v2.actor_kb_id.as_deref()), (Some("Iran"), Some("actor:IRN")));
    assert_eq!(v2.target.as_deref(), Some("combattants"));
    assert_eq!(v2.evidence.len(), 2);

    let aid = store.events(&EventFilter { event_type: Some(EventType::Aid), ..Default::default() }).unwrap();
    assert_eq!(aid.len(), 2);
    assert!(aid.iter().all(|r| r.event_type == EventType::Aid));
    let by_text =
        |t: &str| store.events(&EventFilter { text: Some(t.into()), ..Default::default() }).unwrap();
    assert_eq!(by_text("financé").len(), 2, "evidence");
    assert_eq!(by_text("IRAN").len(), 2, "actor name, case-insensitive");
    assert_eq!(by_text("kaboul").len(), 2, "V1 of each document: location and evidence");
    assert!(by_text("kaboul").iter().all(|r| r.id == "V1"));
    assert!(by_text("%").is_empty(), "LIKE wildcards are literal");
    assert!(by_text("_").is_empty());
    let paged = store.events(&EventFilter { limit: 1, offset: 3, ..Default::default() }).unwrap();
    assert_eq!(paged.len(), 1);
    assert_eq!(paged[0].id, "V2");

    match store.events(&EventFilter { doc: Some("sha256:ffff0000".into()), ..Default::default() }) {
        Err(StoreError::NotFound(_)) => {}
        other => panic!("{other:?}"),
    }
}

fn claims_resolve_claimants_and_filter(db: TestDb) {
    let store = store_with(&db, 2);
    let x = sample(2);
    let rows = store.claims(&ClaimFilter { doc: Some(x.document.id.clone()), ..Default::default() }).unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].claimant, "deux sources");
    assert_eq!(rows[0].claimant_count, Some(2));
    assert!(rows[0].hedged);
    assert_eq!(rows[0].about, ["V2"]);
    assert_eq!(rows[0].via.as_deref(), Some("C3"));
    assert_eq!(rows[1].claimant_entity.as_deref(), Some("Iran"));
    assert_eq!(rows[1].stance, Stance::Denies);
    assert_eq!(rows[1].about, ["V2", "V1"]);
    assert_eq!(rows[2].evidence, x.claims[2].evidence);

    let denies = store.claims(&ClaimFilter { stance: Some(Stance::Denies), ..Default::default() }).unwrap();
    assert_eq!(denies.len(), 2);
    let by = |c: &str| store.claims(&ClaimFilter { claimant: Some(c.into()), ..Default::default() }).unwrap();
    assert_eq!(by("iran").len(), 2, "entity name");
    assert_eq!(by("ministry").len(), 2);
    let said = store.claims(&ClaimFilter { text: Some("the attack".into()), ..Default::default() }).unwrap();
    assert_eq!(said.len(), 2);
    assert!(said.iter().all(|c| c.id == "C3"));
}

fn entities_aggregate_across_documents(db: TestDb) {
    let store = store_with(&db, 3);
    let rows = store.entities(&EntityFilter::default()).unwrap();
    assert_eq!(rows.len(), 3);
    let iran = rows.iter().find(|r| r.kb_id.as_deref() == Some("actor:IRN")).unwrap();
    assert_eq!((iran.name.as_str(), iran.entity_type), ("Iran", EntityType::Gpe));
    assert_eq!((iran.documents, iran.mentions), (3, 6));
    assert_eq!(iran.country.as_deref(), Some("IRN"));
    assert_eq!(rows[0].name, "Iran", "most mentions first among equal document counts");
    let gpe =
        store.entities(&EntityFilter { entity_type: Some(EntityType::Gpe), ..Default::default() }).unwrap();
    assert_eq!(gpe.len(), 2);
    let named = store.entities(&EntityFilter { name: Some("kabo".into()), ..Default::default() }).unwrap();
    assert_eq!(named.len(), 1);
    assert_eq!((named[0].name.as_str(), named[0].kb_id.as_deref(), named[0].documents), ("Kaboul", None, 3));
    let one_doc = store
        .entities(&EntityFilter { doc: Some(sample(1).document.id), limit: 2, ..Default::default() })
        .unwrap();
    assert_eq!(one_doc.len(), 2);
    assert!(one_doc.iter().all(|r| r.documents == 1));
}

/// The JSON the command line prints with `--json` uses the contract's names.
fn rows_serialize_with_contract_names(db: TestDb) {
    let store = store_with(&db, 1);
    let ev = serde_json::to_value(&store.events(&EventFilter::default()).unwrap()[0]).unwrap();
    assert_eq!(ev["type"], "ASSAULT");
    assert_eq!(ev["status"], "reported");
    assert_eq!(ev["date_precision"], "day");
    assert_eq!(ev["evidence"][0]["text"], "des combattants ont attaqué un convoi près de Kaboul");
    let cl = serde_json::to_value(&store.claims(&ClaimFilter::default()).unwrap()[0]).unwrap();
    assert_eq!((cl["stance"].as_str(), cl["claimant_kind"].as_str()), (Some("asserts"), Some("anonymous")));
    let en = serde_json::to_value(&store.entities(&EntityFilter::default()).unwrap()[0]).unwrap();
    assert_eq!(en["type"], "GPE");
    let outcome = serde_json::to_value(claimgraph_store::PutOutcome::Unchanged).unwrap();
    assert_eq!(outcome, "unchanged");
}

fn documents_after_walks_every_document_once_in_id_order(db: TestDb) {
    let store = store_with(&db, 5);
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let page = store.documents_after(cursor.as_deref(), 2).unwrap();
        assert!(page.len() <= 2);
        let Some(last) = page.last() else { break };
        cursor = Some(last.id.clone());
        seen.extend(page);
    }
    let mut ids: Vec<String> = (1..=5).map(|i| sample(i).document.id).collect();
    ids.sort();
    assert_eq!(seen.iter().map(|k| k.id.clone()).collect::<Vec<_>>(), ids);
    assert!(seen.iter().all(|k| k.source.starts_with("file") && k.ingested_at.ends_with('Z')));
    // each with the producer it was stored with
    for k in &seen {
        let i = (1..=5).find(|&i| sample(i).document.id == k.id).unwrap();
        assert_eq!(k.producer, sample(i).producer, "{}", k.id);
    }
    assert!(seen.iter().any(|k| k.producer.is_some()) && seen.iter().any(|k| k.producer.is_none()));
    // Past the last id: nothing.
    assert!(store.documents_after(Some("sha256:g"), 10).unwrap().is_empty());
}

fn months_partition_every_document(db: TestDb) {
    let mut store = store_with(&db, 3);
    let undated = claimgraph_core::Document::new("Sans date.", claimgraph_core::Meta::default());
    let earlier = claimgraph_core::Document::new(
        "Autre mois.",
        claimgraph_core::Meta { published: Some("2019-12-31".into()), ..Default::default() },
    );
    for d in [&undated, &earlier] {
        store.put_extraction(&claimgraph_core::Extraction::empty(d), "m", false).unwrap();
    }
    assert_eq!(
        store.months().unwrap(),
        [(Some("2019-12".to_string()), 1), (Some("2020-03".to_string()), 3), (None, 1)]
    );
    let march = store.document_ids_in_month(Some("2020-03")).unwrap();
    let mut expected: Vec<String> = (1..=3).map(|i| sample(i).document.id).collect();
    expected.sort();
    assert_eq!(march, expected);
    assert_eq!(store.document_ids_in_month(None).unwrap(), [undated.id().to_string()]);
    assert_eq!(store.document_ids_in_month(Some("2019-12")).unwrap(), [earlier.id().to_string()]);
    assert!(store.document_ids_in_month(Some("2021-01")).unwrap().is_empty());
}
