//! Merge persistence ([`IncidentStore`]) on both backends: the same plans written give the
//! same candidates, incidents, members, listings, grades and errors.

mod common;

use claimgraph_core::Extraction;
use claimgraph_core::extraction::EventType;
use claimgraph_store::{
    CandidateQuery, ClaimFilter, EventFilter, IncidentFilter, MergeEventRow, MergePlan, StoreError, WIDE_DAYS,
};
use common::backend::{FullStore, TestDb};
use common::sample;

crate::both!(
    applied_merges_read_back_as_written,
    candidates_follow_the_blocking_keys,
    renames_and_remerges_replace_earlier_results,
    failed_merges_write_nothing,
    neighbourhood_unmerge_and_clear,
    incident_ids_filter_and_order,
    incident_prefixes_resolve_or_are_ambiguous,
    members_come_with_their_documents_in_sort_key_order,
    claims_of_keep_the_order_given,
    actors_match_names_and_kb_ids_ascii_case_insensitively,
    grades_are_validated_and_replaced,
    batches_commit_together_or_leave_nothing,
    a_batch_of_first_merges_gives_each_document_its_own_rows,
    concurrent_batches_run_one_after_the_other,
    cached_candidates_follow_other_connections,
);

/// A merged event of `doc` with every feature set.
fn event(x: &Extraction, event_id: &str, incident: &str, day: Option<i64>) -> MergeEventRow {
    let published = x.document.published.as_deref().unwrap_or("");
    MergeEventRow {
        doc_id: x.document.id.clone(),
        event_id: event_id.into(),
        incident: incident.into(),
        sort_key: format!("{published}|{}|{event_id}", x.document.id),
        family: "violence".into(),
        country: Some("AFG".into()),
        day_lo: day,
        day_hi: day,
        place_geonames: Some(1_138_958),
        place_country: false,
        place_name: None,
        actor_root: Some("actor:IRN".into()),
        target_root: None,
        sketch: vec![3, 17, 4_000_000_000],
        mode: Some("ambush".into()),
        fatalities_min: Some(2),
        fatalities_max: None,
    }
}

/// A plan merging `x` alone: its own near-duplicate group, the given events.
fn plan(x: &Extraction, events: Vec<MergeEventRow>) -> MergePlan {
    MergePlan {
        doc_id: x.document.id.clone(),
        published: x.document.published.clone(),
        signature: vec![1, u64::MAX, 42],
        shingles: 57,
        dup_group: x.document.id.clone(),
        group_published: x.document.published.clone(),
        dup_renames: Vec::new(),
        events,
        incident_renames: Vec::new(),
    }
}

/// A store holding `sample(1..=n)`, and the samples.
fn stored(db: &TestDb, n: usize) -> (Box<dyn FullStore>, Vec<Extraction>) {
    let mut store = db.open_full();
    let xs: Vec<Extraction> = (1..=n).map(sample).collect();
    for x in &xs {
        store.put_extraction(x, "tests/incidents.rs", false).unwrap();
    }
    (store, xs)
}

fn ids(xs: &[&Extraction]) -> Vec<String> {
    let mut v: Vec<String> = xs.iter().map(|x| x.document.id.clone()).collect();
    v.sort();
    v
}

fn applied_merges_read_back_as_written(db: TestDb) {
    let (mut store, xs) = stored(&db, 3);
    let (a, b) = (&xs[0], &xs[1]);
    assert!(!store.is_merged(&a.document.id).unwrap());
    // Canonical order: publication date (sample(n) is published 2020-03-(4 + n)).
    assert_eq!(store.unmerged_documents().unwrap(), [&xs[0], &xs[1], &xs[2]].map(|x| x.document.id.clone()));

    let v1 = event(a, "V1", "I1", Some(18_324));
    let mut v2 = event(a, "V2", "I2", None);
    (v2.country, v2.place_geonames, v2.place_country, v2.place_name) =
        (None, None, true, Some("hérat".into()));
    (v2.actor_root, v2.target_root, v2.mode, v2.fatalities_min, v2.sketch) =
        (None, Some("actor:AFG".into()), None, None, Vec::new());
    store.apply_merge(&plan(a, vec![v1.clone(), v2.clone()])).unwrap();

    assert!(store.is_merged(&a.document.id).unwrap());
    assert!(!store.is_merged(&b.document.id).unwrap());
    assert!(!store.is_merged("sha256:nope").unwrap());
    assert_eq!(store.unmerged_documents().unwrap(), [&xs[1], &xs[2]].map(|x| x.document.id.clone()));

    // Every feature comes back as written (bytes, big numbers, NULLs, booleans).
    let found = store.merge_candidates("violence", false, Some("AFG"), 18_300, 18_330, 18_300).unwrap();
    assert_eq!(found, vec![v1.clone()]);

    let sigs = store.signatures_of(&[b.document.id.clone(), a.document.id.clone(), "x".into()]).unwrap();
    assert_eq!(sigs.len(), 1);
    let s = &sigs[0];
    assert_eq!(
        (s.doc_id.as_str(), s.signature.as_slice(), s.shingles),
        (a.document.id.as_str(), &[1, u64::MAX, 42][..], 57)
    );
    assert_eq!(s.published.as_deref(), Some("2020-03-05"));
    assert_eq!(
        (s.dup_group.as_str(), s.group_published.as_deref()),
        (a.document.id.as_str(), Some("2020-03-05"))
    );
    assert!(store.signatures_of(&[]).unwrap().is_empty());

    assert_eq!(store.incident_first_key("I1").unwrap(), Some(v1.sort_key.clone()));
    assert_eq!(store.incident_first_key("I9").unwrap(), None);
    assert_eq!(store.incident_of(&a.document.id, "V1").unwrap().as_deref(), Some("I1"));
    assert_eq!(store.incident_of(&a.document.id, "V2").unwrap().as_deref(), Some("I2"));
    assert_eq!(store.incident_of(&b.document.id, "V1").unwrap(), None);

    // The undated event is no candidate, but it is a member, with its place flags.
    let members = store.incident_members("I2").unwrap();
    assert_eq!(members.len(), 1);
    assert!(members[0].place_country);
    assert_eq!(members[0].place_geonames, None);
}

fn candidates_follow_the_blocking_keys(db: TestDb) {
    let (mut store, xs) = stored(&db, 3);
    let day = 18_324;
    store.apply_merge(&plan(&xs[0], vec![event(&xs[0], "V1", "I1", Some(day))])).unwrap();
    let mut nowhere = event(&xs[1], "V1", "I2", Some(day + 1));
    nowhere.country = None;
    store.apply_merge(&plan(&xs[1], vec![nowhere])).unwrap();
    let mut wide = event(&xs[2], "V1", "I3", Some(day));
    wide.day_hi = Some(day + WIDE_DAYS + 1);
    store.apply_merge(&plan(&xs[2], vec![wide])).unwrap();

    let found = |family: &str, wide: bool, country: Option<&str>, lo: (i64, i64), hi: i64| -> Vec<String> {
        let mut found: Vec<String> = store
            .merge_candidates(family, wide, country, lo.0, lo.1, hi)
            .unwrap()
            .into_iter()
            .map(|c| c.incident)
            .collect();
        found.sort();
        found
    };
    // (in no promised order). Unknown country matches any country; a country filter keeps its own and unknown.
    assert_eq!(found("violence", false, Some("AFG"), (day - 5, day + 5), day - 5), ["I1", "I2"]);
    assert_eq!(found("violence", false, Some("IRN"), (day - 5, day + 5), day - 5), ["I2"]);
    assert_eq!(found("violence", false, None, (day - 5, day + 5), day - 5), ["I1", "I2"]);
    // The interval start bounds, inclusive; the end bound.
    assert_eq!(found("violence", false, None, (day, day), day), ["I1"]);
    assert_eq!(found("violence", false, None, (day + 1, day + 9), day), ["I2"]);
    assert_eq!(found("violence", false, None, (day - 5, day + 5), day + 1), ["I2"]);
    assert!(found("violence", false, None, (day - 5, day - 1), 0).is_empty());
    // Width class and family are keys of their own.
    assert_eq!(found("violence", true, None, (day - 40, day + 5), day - 5), ["I3"]);
    assert!(found("protest", false, None, (day - 5, day + 5), day - 5).is_empty());
}

fn renames_and_remerges_replace_earlier_results(db: TestDb) {
    let (mut store, xs) = stored(&db, 3);
    let (a, b, c) = (&xs[0], &xs[1], &xs[2]);
    store.apply_merge(&plan(a, vec![event(a, "V1", "I-a", Some(1))])).unwrap();
    store.apply_merge(&plan(b, vec![event(b, "V1", "I-b", Some(1))])).unwrap();
    // `c` is a copy of `a` and of `b` (whose groups join a's), and links both incidents.
    let mut p = plan(c, vec![event(c, "V1", "I-a", Some(1))]);
    p.dup_group = a.document.id.clone();
    p.dup_renames = vec![b.document.id.clone()];
    p.incident_renames = vec![("I-b".into(), "I-a".into())];
    store.apply_merge(&p).unwrap();
    let groups: Vec<String> =
        store.signatures_of(&ids(&[a, b, c])).unwrap().into_iter().map(|s| s.dup_group).collect();
    assert_eq!(groups, vec![a.document.id.clone(); 3]);
    for x in [a, b, c] {
        assert_eq!(store.incident_of(&x.document.id, "V1").unwrap().as_deref(), Some("I-a"));
    }
    assert_eq!(store.incident_ids(&IncidentFilter::default()).unwrap(), ["I-a"]);
    assert_eq!(store.incident_members("I-a").unwrap().len(), 3);
    assert_eq!(store.incident_first_key("I-b").unwrap(), None);

    // Merging a document again replaces its earlier merge: its old events are gone.
    let mut again = plan(a, vec![event(a, "V2", "I-z", None)]);
    again.shingles = 99;
    store.apply_merge(&again).unwrap();
    assert_eq!(store.incident_of(&a.document.id, "V1").unwrap(), None);
    assert_eq!(store.incident_of(&a.document.id, "V2").unwrap().as_deref(), Some("I-z"));
    assert_eq!(store.incident_members("I-a").unwrap().len(), 2);
    assert_eq!(store.signatures_of(&ids(&[a])).unwrap()[0].shingles, 99);
    assert_eq!(db.query_i64("SELECT count(*) FROM doc_signatures"), 3);
}

fn failed_merges_write_nothing(db: TestDb) {
    let (mut store, xs) = stored(&db, 1);
    let a = &xs[0];
    // A document that is not stored.
    let mut missing = plan(a, Vec::new());
    missing.doc_id = "sha256:0000".into();
    match store.apply_merge(&missing) {
        Err(StoreError::NotFound(id)) => assert_eq!(id, "sha256:0000"),
        other => panic!("expected NotFound, got {other:?}"),
    }
    // An event the document does not have: the whole plan is undone, signature included.
    let bad = plan(a, vec![event(a, "V1", "I1", Some(1)), event(a, "V9", "I1", Some(1))]);
    assert!(store.apply_merge(&bad).is_err());
    assert!(!store.is_merged(&a.document.id).unwrap());
    assert_eq!(db.query_i64("SELECT count(*) FROM incident_events"), 0);
    // The store still works.
    store.apply_merge(&plan(a, vec![event(a, "V1", "I1", Some(1))])).unwrap();
    assert!(store.is_merged(&a.document.id).unwrap());
}

fn neighbourhood_unmerge_and_clear(db: TestDb) {
    let (mut store, xs) = stored(&db, 4);
    let (a, b, c, d) = (&xs[0], &xs[1], &xs[2], &xs[3]);
    store.apply_merge(&plan(a, vec![event(a, "V1", "I1", Some(1))])).unwrap();
    store.apply_merge(&plan(b, vec![event(b, "V1", "I1", Some(1))])).unwrap();
    let mut copy = plan(c, vec![event(c, "V1", "I3", Some(9))]);
    copy.dup_group = a.document.id.clone();
    store.apply_merge(&copy).unwrap();
    store.apply_merge(&plan(d, vec![event(d, "V1", "I4", Some(20))])).unwrap();
    store.set_source_grade("Agence Exemple", 'B').unwrap();
    store.set_claim_grade(&a.document.id, "C1", 2).unwrap();

    // Shares an incident with b, a near-duplicate group with c.
    assert_eq!(store.merge_neighbourhood(&a.document.id).unwrap(), ids(&[a, b, c]));
    assert_eq!(store.merge_neighbourhood(&b.document.id).unwrap(), ids(&[a, b]));
    assert_eq!(store.merge_neighbourhood(&c.document.id).unwrap(), ids(&[a, c]));
    assert_eq!(store.merge_neighbourhood(&d.document.id).unwrap(), ids(&[d]));
    assert!(store.merge_neighbourhood("sha256:nope").unwrap().is_empty());

    store.unmerge(&[a.document.id.clone(), "sha256:nope".into()]).unwrap();
    assert!(!store.is_merged(&a.document.id).unwrap());
    assert_eq!(store.incident_of(&a.document.id, "V1").unwrap(), None);
    assert!(store.is_merged(&b.document.id).unwrap());
    assert_eq!(store.incident_members("I1").unwrap().len(), 1);
    assert_eq!(store.unmerged_documents().unwrap(), ids(&[a]));

    store.clear_merge().unwrap();
    assert_eq!(store.unmerged_documents().unwrap().len(), 4);
    assert!(store.incident_ids(&IncidentFilter::default()).unwrap().is_empty());
    // Analyst grades are not derived: kept.
    assert_eq!(store.source_grades().unwrap().len(), 1);
    assert_eq!(store.claim_grade(&a.document.id, "C1").unwrap(), Some(2));
}

/// `sample(n)` with its assault dated `day` (YYYY-MM-DD) in `place` (or undated).
fn assault_at(n: usize, day: Option<&str>, place: &str) -> Extraction {
    let mut x = sample(n);
    let e = &mut x.events[0];
    match day {
        Some(d) => {
            let date = e.date.as_mut().unwrap();
            (date.start, date.end) = (d.into(), d.into());
        }
        None => e.date = None,
    }
    e.location.as_mut().unwrap().name = Some(place.into());
    x
}

fn incident_ids_filter_and_order(db: TestDb) {
    let mut store = db.open_full();
    let a = assault_at(1, Some("2020-03-03"), "Kaboul");
    let b = assault_at(2, Some("2020-05-10"), "Hérat");
    let c = assault_at(3, None, "Kandahar");
    for x in [&a, &b, &c] {
        store.put_extraction(x, "t", false).unwrap();
    }
    // a's assault (I-a) and aid (I-aid, actor Iran, target combattants); b's assault (I-b);
    // c's undated assault (I-c).
    store
        .apply_merge(&plan(&a, vec![event(&a, "V1", "I-a", Some(1)), event(&a, "V2", "I-aid", None)]))
        .unwrap();
    store.apply_merge(&plan(&b, vec![event(&b, "V1", "I-b", Some(2))])).unwrap();
    store.apply_merge(&plan(&c, vec![event(&c, "V1", "I-c", None)])).unwrap();

    let list = |f: IncidentFilter| store.incident_ids(&f).unwrap();
    let all = IncidentFilter::default();
    // Earliest member date first, undated last, then id.
    assert_eq!(list(all.clone()), ["I-a", "I-b", "I-aid", "I-c"]);
    assert_eq!(list(IncidentFilter { limit: 2, offset: 1, ..all.clone() }), ["I-b", "I-aid"]);
    // Actor: name or kb id of actor or target, ASCII case-insensitive, substring, literal.
    assert_eq!(
        list(IncidentFilter { actor: Some("COMBAT".into()), ..all.clone() }),
        ["I-a", "I-b", "I-aid", "I-c"]
    );
    assert_eq!(list(IncidentFilter { actor: Some("iran".into()), ..all.clone() }), ["I-aid"]);
    assert_eq!(list(IncidentFilter { actor: Some("ACTOR:IRN".into()), ..all.clone() }), ["I-aid"]);
    assert!(list(IncidentFilter { actor: Some("%".into()), ..all.clone() }).is_empty());
    // Place: name or country; ASCII letters only fold (É is not é, on both backends).
    assert_eq!(list(IncidentFilter { place: Some("KABOUL".into()), ..all.clone() }), ["I-a"]);
    assert_eq!(list(IncidentFilter { place: Some("hÉrat".into()), ..all.clone() }), Vec::<String>::new());
    assert_eq!(list(IncidentFilter { place: Some("HéRAT".into()), ..all.clone() }), ["I-b"]);
    assert_eq!(list(IncidentFilter { place: Some("afg".into()), ..all.clone() }), ["I-a", "I-b", "I-c"]);
    // Type and days.
    let assault = Some(serde_json::to_value(EventType::Assault).unwrap().as_str().unwrap().to_string());
    assert_eq!(list(IncidentFilter { event_type: assault, ..all.clone() }), ["I-a", "I-b", "I-c"]);
    assert_eq!(list(IncidentFilter { since: Some("2020-04-01".into()), ..all.clone() }), ["I-b"]);
    assert_eq!(list(IncidentFilter { until: Some("2020-03-31".into()), ..all.clone() }), ["I-a"]);
    // One member must match every filter: Kaboul and May are different members' traits.
    let none = IncidentFilter { place: Some("Kaboul".into()), since: Some("2020-04-01".into()), ..all };
    assert!(list(none).is_empty());
}

fn incident_prefixes_resolve_or_are_ambiguous(db: TestDb) {
    let (mut store, xs) = stored(&db, 3);
    let names = [["abc123", "abd"], ["abc456", "abdx"], ["zz1", "zz2"]];
    for (x, [i1, i2]) in xs.iter().zip(names) {
        store.apply_merge(&plan(x, vec![event(x, "V1", i1, Some(1)), event(x, "V2", i2, None)])).unwrap();
    }
    let r = |s: &str| store.resolve_incident(s);
    assert_eq!(r("abc123").unwrap().as_deref(), Some("abc123"));
    assert_eq!(r("  abc1 ").unwrap().as_deref(), Some("abc123"));
    assert_eq!(r("abc4").unwrap().as_deref(), Some("abc456"));
    // An exact id wins over the longer ids it prefixes.
    assert_eq!(r("abd").unwrap().as_deref(), Some("abd"));
    assert_eq!(r("q").unwrap(), None);
    assert_eq!(r("").unwrap(), None);
    assert_eq!(r("'; DROP TABLE incident_events; --").unwrap(), None);
    match r("abc") {
        Err(StoreError::AmbiguousId { prefix, matches: 2 }) => assert_eq!(prefix, "abc"),
        other => panic!("expected ambiguity, got {other:?}"),
    }
    // At most three are counted.
    assert!(matches!(r("ab"), Err(StoreError::AmbiguousId { matches: 3, .. })));
}

fn members_come_with_their_documents_in_sort_key_order(db: TestDb) {
    let (mut store, xs) = stored(&db, 2);
    let (a, b) = (&xs[0], &xs[1]);
    let mut late = event(a, "V1", "I1", Some(1));
    late.sort_key = format!("9|{}", late.sort_key);
    store.apply_merge(&plan(a, vec![late])).unwrap();
    let mut copy = plan(b, vec![event(b, "V1", "I1", Some(1))]);
    copy.dup_group = a.document.id.clone();
    store.apply_merge(&copy).unwrap();

    let members = store.incident_members("I1").unwrap();
    let docs: Vec<&str> = members.iter().map(|m| m.event.doc_id.as_str()).collect();
    assert_eq!(docs, [b.document.id.as_str(), a.document.id.as_str()]);
    let m = &members[0];
    assert_eq!(m.incident, "I1");
    assert_eq!(m.title.as_deref(), Some("Attaque près de Kaboul (2)"));
    assert_eq!(m.publisher.as_deref(), Some("Agence Exemple"));
    assert_eq!(m.url.as_deref(), Some("https://example.invalid/2"));
    assert_eq!(m.dup_group, a.document.id);
    assert_eq!((m.place_geonames, m.place_country), (Some(1_138_958), false));
    // The event as the listings give it, evidence included.
    let listed = store
        .events(&EventFilter { doc: Some(b.document.id.clone()), ..Default::default() })
        .unwrap()
        .into_iter()
        .find(|e| e.id == "V1")
        .unwrap();
    assert_eq!(m.event, listed);
    assert!(!m.event.evidence.is_empty());
    assert!(store.incident_members("I9").unwrap().is_empty());
}

fn claims_of_keep_the_order_given(db: TestDb) {
    let (store, xs) = stored(&db, 2);
    let (a, b) = (&xs[0], &xs[1]);
    let claims =
        store.claims_of(&[b.document.id.clone(), a.document.id.clone(), "sha256:none".into()]).unwrap();
    let per = |x: &Extraction| {
        store.claims(&ClaimFilter { doc: Some(x.document.id.clone()), ..Default::default() }).unwrap()
    };
    let mut expected = per(b);
    expected.extend(per(a));
    assert_eq!(claims, expected);
    assert_eq!(
        claims.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        ["C1", "C2", "C3", "C1", "C2", "C3"]
    );
    assert_eq!(claims[0].about, ["V2"]);
    assert!(store.claims_of(&[]).unwrap().is_empty());
}

fn actors_match_names_and_kb_ids_ascii_case_insensitively(db: TestDb) {
    let (store, xs) = stored(&db, 3);
    let events = |name: &str, as_target: bool, limit: usize| -> Vec<(String, String)> {
        store.actor_events(name, as_target, limit).unwrap().into_iter().map(|e| (e.doc_id, e.id)).collect()
    };
    let newest_first = |id: &str| -> Vec<(String, String)> {
        xs.iter().rev().map(|x| (x.document.id.clone(), id.to_string())).collect()
    };
    // `combattants` acts in V1 and is the target of V2, newest document first.
    assert_eq!(events("COMBATTANTS", false, 10), newest_first("V1"));
    assert_eq!(events("combattants", true, 10), newest_first("V2"));
    assert_eq!(events("Combattants", false, 2), newest_first("V1")[..2].to_vec());
    // Knowledge-base ids match too; substrings do not.
    assert_eq!(events("ACTOR:irn", false, 10), newest_first("V2"));
    assert!(events("combat", false, 10).is_empty());
    assert!(events("nobody", true, 10).is_empty());

    let claims = |name: &str| -> Vec<String> {
        store.actor_claims(name, 10).unwrap().into_iter().map(|c| c.id).collect()
    };
    // Claimant names, with or without a leading "the".
    assert_eq!(claims("THE MINISTRY"), ["C3", "C3", "C3"]);
    assert_eq!(claims("ministry"), ["C3", "C3", "C3"]);
    // The claimant entity's name and kb id; ASCII letters fold, others do not.
    assert_eq!(claims("iran"), ["C2", "C2", "C2"]);
    assert_eq!(claims("actor:IRN"), ["C2", "C2", "C2"]);
    assert_eq!(claims("TéHéRAN"), ["C2", "C2", "C2"]);
    assert!(claims("TÉHÉRAN").is_empty());
    assert_eq!(store.actor_claims("deux sources", 1).unwrap().len(), 1);
}

fn grades_are_validated_and_replaced(db: TestDb) {
    let (mut store, xs) = stored(&db, 1);
    let doc = &xs[0].document.id;
    store.set_source_grade("  Agence Exemple ", 'b').unwrap();
    store.set_source_grade("Zeta", 'F').unwrap();
    store.set_source_grade("AGENCE EXEMPLE", 'C').unwrap();
    let grades = store.source_grades().unwrap();
    let got: Vec<(&str, &str)> = grades.iter().map(|g| (g.name.as_str(), g.grade.as_str())).collect();
    assert_eq!(got, [("AGENCE EXEMPLE", "C"), ("Zeta", "F")]);
    // UTC, to the second, as `YYYY-MM-DDTHH:MM:SSZ`.
    for g in &grades {
        let t = g.graded_at.as_bytes();
        assert_eq!(t.len(), 20, "{}", g.graded_at);
        assert!(t[..4].iter().all(u8::is_ascii_digit) && t[4] == b'-' && t[10] == b'T' && t[19] == b'Z');
        assert!(g.graded_at.as_str() > "2024");
    }
    // Non-ASCII letters are part of the key as written: a second source.
    store.set_source_grade("ÉDITIONS", 'A').unwrap();
    store.set_source_grade("éditions", 'B').unwrap();
    assert_eq!(store.source_grades().unwrap().len(), 4);
    for bad in ['G', '1', ' '] {
        assert!(matches!(store.set_source_grade("X", bad), Err(StoreError::InvalidGrade(_))), "{bad:?}");
    }

    assert_eq!(store.claim_grade(doc, "C1").unwrap(), None);
    store.set_claim_grade(doc, "C1", 3).unwrap();
    store.set_claim_grade(doc, "C1", 5).unwrap();
    store.set_claim_grade(doc, "C2", 1).unwrap();
    assert_eq!(store.claim_grade(doc, "C1").unwrap(), Some(5));
    assert_eq!(store.claim_grade(doc, "C2").unwrap(), Some(1));
    for bad in [0, 7] {
        assert!(matches!(store.set_claim_grade(doc, "C1", bad), Err(StoreError::InvalidGrade(_))));
    }
    assert_eq!(store.claim_grade(doc, "C1").unwrap(), Some(5));
    assert_eq!(db.query_i64("SELECT count(*) FROM claim_grades"), 2);
}

fn batches_commit_together_or_leave_nothing(db: TestDb) {
    let (mut store, xs) = stored(&db, 3);
    let (a, b, c) = (&xs[0], &xs[1], &xs[2]);

    // Rolled back: nothing is left, although the batch read its own writes.
    store.begin_merge_batch().unwrap();
    store.apply_merge(&plan(a, vec![event(a, "V1", "I1", Some(1))])).unwrap();
    assert!(store.is_merged(&a.document.id).unwrap());
    assert_eq!(store.merge_candidates("violence", false, None, 0, 5, 0).unwrap().len(), 1);
    assert_eq!(store.signatures_of(&ids(&[a])).unwrap().len(), 1);
    assert_eq!(store.incident_first_key("I1").unwrap(), Some(event(a, "V1", "I1", None).sort_key));
    store.end_merge_batch(false).unwrap();
    assert!(!store.is_merged(&a.document.id).unwrap());
    assert_eq!(db.query_i64("SELECT count(*) FROM incident_events"), 0);
    assert_eq!(db.query_i64("SELECT count(*) FROM doc_signatures"), 0);

    // Committed: every merge of the batch, and other connections see it only then.
    let other = db.open_full();
    store.begin_merge_batch().unwrap();
    store.apply_merge(&plan(a, vec![event(a, "V1", "I1", Some(1))])).unwrap();
    let mut bb = plan(b, vec![event(b, "V1", "I1", Some(1))]);
    bb.incident_renames = vec![("I0".into(), "I1".into())];
    store.apply_merge(&bb).unwrap();
    assert_eq!(store.incident_members("I1").unwrap().len(), 2);
    assert!(!other.is_merged(&a.document.id).unwrap(), "uncommitted batch visible");
    store.end_merge_batch(true).unwrap();
    assert!(other.is_merged(&a.document.id).unwrap());
    assert!(other.is_merged(&b.document.id).unwrap());
    assert_eq!(other.incident_members("I1").unwrap().len(), 2);

    // A failed merge (an event its document does not have) fails its batch: the error
    // comes back at once (SQLite) or by the batch's next read (PostgreSQL sends a batch's
    // merges together), later merges are refused, and nothing of the batch is kept.
    store.begin_merge_batch().unwrap();
    store.apply_merge(&plan(c, vec![event(c, "V1", "I3", Some(1))])).unwrap();
    let bad = plan(a, vec![event(a, "V9", "I4", Some(1))]);
    let failed = store.apply_merge(&bad).and_then(|()| store.incident_members("I3").map(drop));
    assert!(failed.is_err(), "{failed:?}");
    assert!(matches!(
        store.apply_merge(&plan(c, vec![event(c, "V1", "I3", Some(1))])),
        Err(StoreError::MergeBatchFailed)
    ));
    assert!(matches!(store.end_merge_batch(true), Err(StoreError::MergeBatchFailed)));
    assert!(!other.is_merged(&c.document.id).unwrap(), "a failed batch was kept");
    assert_eq!(other.incident_members("I1").unwrap().len(), 2, "the earlier batch was undone");
    // A failure found only at the end (queued, no read after it) fails the commit itself.
    store.begin_merge_batch().unwrap();
    store.apply_merge(&plan(c, vec![event(c, "V1", "I3", Some(1))])).unwrap();
    match store.apply_merge(&bad) {
        Ok(()) => assert!(store.end_merge_batch(true).is_err()),
        Err(_) => assert!(matches!(store.end_merge_batch(true), Err(StoreError::MergeBatchFailed))),
    }
    assert!(!other.is_merged(&c.document.id).unwrap());
    // The next batch starts clean.
    store.begin_merge_batch().unwrap();
    store.apply_merge(&plan(c, vec![event(c, "V1", "I3", Some(1))])).unwrap();
    store.end_merge_batch(true).unwrap();
    assert!(other.is_merged(&c.document.id).unwrap());
    // Ending without a batch open is harmless; writes outside a batch commit at once, and a
    // failed one is refused alone.
    store.end_merge_batch(true).unwrap();
    assert!(store.apply_merge(&bad).is_err());
    store.apply_merge(&plan(b, vec![event(b, "V1", "I1", Some(1))])).unwrap();
    assert!(other.is_merged(&b.document.id).unwrap());
}

/// A batch of documents merged for the first time, without renames (an ingest's usual
/// batch; PostgreSQL sends it in one call): each document gets its own signature, group and
/// events, whatever number of events the others have; a batch naming a document that is not
/// stored fails whole and says which.
fn a_batch_of_first_merges_gives_each_document_its_own_rows(db: TestDb) {
    let (mut store, xs) = stored(&db, 4);
    let (a, b, c, d) = (&xs[0], &xs[1], &xs[2], &xs[3]);
    store.begin_merge_batch().unwrap();
    store.apply_merge(&plan(a, vec![event(a, "V1", "I1", Some(1)), event(a, "V2", "I2", None)])).unwrap();
    let mut none = plan(b, Vec::new());
    none.shingles = 7;
    store.apply_merge(&none).unwrap();
    let mut copy = plan(c, vec![event(c, "V1", "I1", Some(2))]);
    copy.dup_group = a.document.id.clone();
    store.apply_merge(&copy).unwrap();
    store.end_merge_batch(true).unwrap();

    let other = db.open_full();
    assert_eq!(other.incident_of(&a.document.id, "V1").unwrap().as_deref(), Some("I1"));
    assert_eq!(other.incident_of(&a.document.id, "V2").unwrap().as_deref(), Some("I2"));
    assert_eq!(other.incident_of(&c.document.id, "V1").unwrap().as_deref(), Some("I1"));
    assert_eq!(other.incident_of(&b.document.id, "V1").unwrap(), None);
    assert!(other.is_merged(&b.document.id).unwrap());
    let sigs = other.signatures_of(&ids(&[a, b, c])).unwrap();
    let of = |x: &Extraction| sigs.iter().find(|s| s.doc_id == x.document.id).unwrap();
    assert_eq!(of(b).shingles, 7);
    assert_eq!(of(c).dup_group, a.document.id);
    assert_eq!(of(a).dup_group, a.document.id);
    assert_eq!(other.merge_neighbourhood(&a.document.id).unwrap(), ids(&[a, c]));
    assert_eq!(other.incident_members("I1").unwrap().len(), 2);
    assert_eq!(db.query_i64("SELECT count(*) FROM incident_events"), 3);

    // d and a document that is not stored: the batch fails, naming the missing one, and d is
    // not merged.
    store.begin_merge_batch().unwrap();
    store.apply_merge(&plan(d, vec![event(d, "V1", "I4", Some(3))])).unwrap();
    let mut missing = plan(d, Vec::new());
    missing.doc_id = "sha256:0000".into();
    let failed = store.apply_merge(&missing).and_then(|()| store.incident_members("I4").map(drop));
    match failed {
        Err(StoreError::NotFound(id)) => assert_eq!(id, "sha256:0000"),
        other => panic!("expected NotFound, got {other:?}"),
    }
    assert!(store.end_merge_batch(true).is_err());
    assert!(!other.is_merged(&d.document.id).unwrap());
    assert_eq!(db.query_i64("SELECT count(*) FROM incident_events"), 3);
}

/// Two stores merging into one database (two ingests) take turns, as SQLite's write lock
/// makes them: the second batch starts after the first commits, and sees its events.
fn concurrent_batches_run_one_after_the_other(db: TestDb) {
    let (mut first, xs) = stored(&db, 2);
    let mut second = db.open_full();
    first.begin_merge_batch().unwrap();
    first.apply_merge(&plan(&xs[0], vec![event(&xs[0], "V1", "I1", Some(1))])).unwrap();
    let b = xs[1].clone();
    let waiter = std::thread::spawn(move || {
        second.begin_merge_batch().unwrap();
        let seen = second.merge_candidates("violence", false, None, 0, 5, 0).unwrap();
        let incident = seen.first().map(|c| c.incident.clone()).unwrap_or_else(|| "I2".into());
        second.apply_merge(&plan(&b, vec![event(&b, "V1", &incident, Some(1))])).unwrap();
        second.end_merge_batch(true).unwrap();
        seen.len()
    });
    std::thread::sleep(std::time::Duration::from_millis(300));
    first.end_merge_batch(true).unwrap();
    assert_eq!(waiter.join().unwrap(), 1, "the second batch saw the first one's event");
    assert_eq!(first.incident_members("I1").unwrap().len(), 2);
}

/// A merge connection keeps a copy of the blocking index it read (SQLite's and PostgreSQL's
/// alike): changes made through another connection (a merge, an unmerge, a replaced
/// document) are in its next batch's candidates.
fn cached_candidates_follow_other_connections(db: TestDb) {
    let (mut mine, xs) = stored(&db, 2);
    let mut other = db.open_full();
    let (a, b) = (&xs[0], &xs[1]);
    // What merging asks (`visit_merge_candidates`, which the copy answers).
    let batch_candidates = |s: &mut Box<dyn FullStore>| -> Vec<String> {
        let q = CandidateQuery {
            family: "violence",
            wide: false,
            country: None,
            lo_from: 0,
            lo_to: 5,
            hi_from: 0,
            actor_root: None,
            target_root: None,
            shared_root: false,
        };
        s.begin_merge_batch().unwrap();
        let mut seen = Vec::new();
        s.visit_merge_candidates(&q, &mut |r| seen.push(r.doc_id.clone())).unwrap();
        s.end_merge_batch(true).unwrap();
        seen.sort();
        seen
    };
    mine.begin_merge_batch().unwrap();
    mine.apply_merge(&plan(a, vec![event(a, "V1", "I1", Some(1))])).unwrap();
    assert_eq!(mine.merge_candidates("violence", false, None, 0, 5, 0).unwrap().len(), 1);
    mine.end_merge_batch(true).unwrap();
    assert_eq!(batch_candidates(&mut mine), ids(&[a]));

    other.apply_merge(&plan(b, vec![event(b, "V1", "I2", Some(2))])).unwrap();
    assert_eq!(batch_candidates(&mut mine), ids(&[a, b]), "another connection's merge");
    other.unmerge(&ids(&[a])).unwrap();
    assert_eq!(batch_candidates(&mut mine), ids(&[b]), "another connection's unmerge");
    other.put_extraction(b, "tests/incidents.rs", true).unwrap();
    assert!(batch_candidates(&mut mine).is_empty(), "a replaced document's merged events are gone");
}
