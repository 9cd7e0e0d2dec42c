//! Property: the SQLite store's in-memory copy of the merge blocking index always answers
//! `merge_candidates` and `signatures_of` as the database does, through merges, incident and
//! group renames, re-merges, unmerges, replaced documents, rolled-back batches and writes by
//! another connection.

use claimgraph_store::{
    CandidateQuery, IncidentStore, MergeEventRow, MergePlan, SignatureRow, SqliteStore, Store,
};
use proptest::prelude::*;

mod common;

use common::backend::TestDb;
use common::sample;

/// Documents the operations work on (each has events `V1` and `V2`).
const DOCS: usize = 24;

#[derive(Debug, Clone)]
enum Op {
    /// Merge document `doc` on connection `other` (or the cached one): its two events, each
    /// (family, first day, width, country, incident), and renames.
    Merge {
        other: bool,
        doc: usize,
        events: Vec<(bool, i64, i64, u8, u8)>,
        rename: Option<(u8, u8)>,
        regroup: bool,
    },
    /// Unmerge a document.
    Unmerge(usize),
    /// Store a document again, replacing it (its merged events go with it).
    Replace(usize),
    /// Open a merge batch, or close it (commit or roll back).
    Begin,
    End(bool),
    /// Ask for candidates.
    Query {
        family: bool,
        wide: bool,
        country: u8,
        lo: i64,
        span: i64,
        hi: i64,
    },
}

fn op() -> impl Strategy<Value = Op> {
    let event = (any::<bool>(), 0i64..40, prop_oneof![Just(0i64), Just(1), Just(9)], 0u8..3, 0u8..4);
    prop_oneof![
        4 => (any::<bool>(), 0..DOCS, prop::collection::vec(event, 2), prop::option::of((0u8..4, 0u8..4)), any::<bool>())
            .prop_map(|(other, doc, events, rename, regroup)| Op::Merge { other, doc, events, rename, regroup }),
        1 => (0..DOCS).prop_map(Op::Unmerge),
        1 => (0..DOCS).prop_map(Op::Replace),
        1 => Just(Op::Begin),
        1 => any::<bool>().prop_map(Op::End),
        4 => (any::<bool>(), any::<bool>(), 0u8..3, -5i64..45, 0i64..12, -5i64..45)
            .prop_map(|(family, wide, country, lo, span, hi)| Op::Query { family, wide, country, lo, span, hi }),
    ]
}

fn family(f: bool) -> &'static str {
    if f { "ASSAULT" } else { "PROTEST" }
}

fn country(c: u8) -> Option<String> {
    match c {
        0 => None,
        1 => Some("AFG".into()),
        _ => Some("IRQ".into()),
    }
}

fn plan(
    store: &SqliteStore,
    doc: usize,
    events: &[(bool, i64, i64, u8, u8)],
    rename: Option<(u8, u8)>,
    regroup: bool,
) -> MergePlan {
    let x = sample(doc + 1);
    let id = x.document.id.clone();
    let mut plan = MergePlan {
        doc_id: id.clone(),
        published: x.document.published.clone(),
        signature: vec![doc as u64; 4],
        shingles: 30 + doc as u64,
        dup_group: id.clone(),
        group_published: x.document.published.clone(),
        ..MergePlan::default()
    };
    if regroup {
        // Join the group of the next document into this one.
        let next = sample((doc + 1) % DOCS + 1).document.id;
        if store.is_merged(&next).unwrap() {
            plan.dup_renames.push(next);
        }
    }
    for (k, &(f, lo, width, c, incident)) in events.iter().enumerate() {
        plan.events.push(MergeEventRow {
            doc_id: id.clone(),
            event_id: format!("V{}", k + 1),
            incident: format!("inc{incident}"),
            sort_key: format!("2020-01-01|{id}|V{}", k + 1),
            family: family(f).into(),
            country: country(c),
            day_lo: Some(lo),
            day_hi: Some(lo + width),
            place_geonames: None,
            place_country: false,
            place_name: None,
            actor_root: root(lo),
            target_root: root(incident as i64),
            sketch: vec![1, 2, 3],
            mode: None,
            fatalities_min: None,
            fatalities_max: None,
        });
    }
    if let Some((a, b)) = rename {
        plan.incident_renames.push((format!("inc{a}"), format!("inc{b}")));
    }
    plan
}

/// An actor or target root, or none, from a number.
fn root(n: i64) -> Option<String> {
    match n.rem_euclid(3) {
        1 => Some("IRN".into()),
        2 => Some("AFG".into()),
        _ => None,
    }
}

/// What the database says, read past the cache on the cached connection itself (so it sees
/// the open batch's writes too).
fn truth(store: &SqliteStore, q: &CandidateQuery<'_>) -> Vec<(String, String, String)> {
    let mut stmt = store
        .connection()
        .prepare(
            "SELECT d.id, m.event_id, m.incident FROM incident_events m JOIN documents d ON d.seq = m.doc
             WHERE m.family = ?1 AND m.wide = ?2 AND m.day_lo >= ?3 AND m.day_lo <= ?4 AND m.day_hi >= ?5
               AND (?6 IS NULL OR m.country = ?6 OR m.country = '')
               AND (?7 IS NULL OR m.actor_root IS NULL OR m.actor_root = ?7)
               AND (?8 IS NULL OR m.target_root IS NULL OR m.target_root = ?8)
               AND (NOT ?9 OR m.actor_root = ?7 OR m.target_root = ?8)",
        )
        .unwrap();
    let mut rows: Vec<(String, String, String)> = stmt
        .query_map(
            rusqlite::params![
                q.family,
                q.wide,
                q.lo_from,
                q.lo_to,
                q.hi_from,
                q.country,
                q.actor_root,
                q.target_root,
                q.shared_root
            ],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    rows.sort();
    rows
}

fn signature_truth(store: &SqliteStore) -> Vec<(String, Vec<u64>, String)> {
    let mut stmt = store
        .connection()
        .prepare(
            "SELECT d.id, s.signature, s.dup_group FROM doc_signatures s JOIN documents d ON d.seq = s.doc",
        )
        .unwrap();
    let mut rows: Vec<(String, Vec<u64>, String)> = stmt
        .query_map([], |r| {
            let b: Vec<u8> = r.get(1)?;
            Ok((
                r.get(0)?,
                b.chunks_exact(8).map(|c| u64::from_le_bytes(c.try_into().unwrap())).collect(),
                r.get(2)?,
            ))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    rows.sort();
    rows
}

fn run(ops: Vec<Op>) -> Result<(), TestCaseError> {
    let db = TestDb::sqlite();
    let mut store = db.open_sqlite();
    let mut other = db.open_sqlite();
    for i in 0..DOCS {
        store.put_extraction(&sample(i + 1), "t", false).unwrap();
    }
    let ids: Vec<String> = (0..DOCS).map(|i| sample(i + 1).document.id).collect();
    let mut batch = false;
    for op in ops {
        match op {
            Op::Merge { other: on_other, doc, events, rename, regroup } => {
                if on_other && !batch {
                    let p = plan(&other, doc, &events, rename, regroup);
                    other.apply_merge(&p).unwrap();
                } else {
                    let p = plan(&store, doc, &events, rename, regroup);
                    store.apply_merge(&p).unwrap();
                }
            }
            Op::Unmerge(doc) if !batch => store.unmerge(&[ids[doc].clone()]).unwrap(),
            Op::Replace(doc) if !batch => {
                store.put_extraction(&sample(doc + 1), "t", true).unwrap();
            }
            Op::Begin if !batch => {
                store.begin_merge_batch().unwrap();
                batch = true;
            }
            Op::End(commit) if batch => {
                store.end_merge_batch(commit).unwrap();
                batch = false;
            }
            Op::Query { family: f, wide, country: c, lo, span, hi } => {
                let c = country(c);
                let got = store.merge_candidates(family(f), wide, c.as_deref(), lo, lo + span, hi).unwrap();
                let mut got: Vec<(String, String, String)> =
                    got.into_iter().map(|r| (r.doc_id, r.event_id, r.incident)).collect();
                got.sort();
                let plain = CandidateQuery {
                    family: family(f),
                    wide,
                    country: c.as_deref(),
                    lo_from: lo,
                    lo_to: lo + span,
                    hi_from: hi,
                    actor_root: None,
                    target_root: None,
                    shared_root: false,
                };
                prop_assert_eq!(got, truth(&store, &plain));
                // with actor and target roots
                let (actor, target) = (root(hi), root(span));
                let q = CandidateQuery {
                    actor_root: actor.as_deref(),
                    target_root: target.as_deref(),
                    shared_root: lo % 2 == 0,
                    ..plain
                };
                let mut got = Vec::new();
                store
                    .visit_merge_candidates(&q, &mut |r| {
                        got.push((r.doc_id.clone(), r.event_id.clone(), r.incident.clone()))
                    })
                    .unwrap();
                got.sort();
                prop_assert_eq!(got, truth(&store, &q));
                let sigs: Vec<SignatureRow> = store.signatures_of(&ids).unwrap();
                let mut sigs: Vec<(String, Vec<u64>, String)> =
                    sigs.into_iter().map(|s| (s.doc_id, s.signature, s.dup_group)).collect();
                sigs.sort();
                prop_assert_eq!(sigs, signature_truth(&store));
            }
            _ => {}
        }
    }
    if batch {
        store.end_merge_batch(true).unwrap();
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn the_cache_answers_as_the_database(ops in prop::collection::vec(op(), 1..60)) {
        run(ops)?;
    }
}

#[test]
fn another_connection_merge_is_seen_at_once() {
    let db = TestDb::sqlite();
    let mut a = db.open_sqlite();
    let mut b = db.open_sqlite();
    for i in 0..DOCS {
        a.put_extraction(&sample(i + 1), "t", false).unwrap();
    }
    // The cached connection reads the block (empty), then the other one merges into it.
    assert!(a.merge_candidates("ASSAULT", false, None, 0, 10, 0).unwrap().is_empty());
    b.apply_merge(&plan(&b, 0, &[(true, 5, 0, 1, 0), (true, 6, 0, 2, 1)], None, false)).unwrap();
    assert_eq!(a.merge_candidates("ASSAULT", false, None, 0, 10, 0).unwrap().len(), 2);
    assert_eq!(a.merge_candidates("ASSAULT", false, Some("AFG"), 0, 10, 0).unwrap().len(), 1);
    // A rolled-back batch leaves nothing behind in the cache.
    a.begin_merge_batch().unwrap();
    a.apply_merge(&plan(&a, 1, &[(true, 5, 0, 0, 2), (true, 7, 0, 0, 2)], Some((0, 2)), false)).unwrap();
    assert_eq!(a.merge_candidates("ASSAULT", false, None, 0, 10, 0).unwrap().len(), 4);
    a.end_merge_batch(false).unwrap();
    let left = a.merge_candidates("ASSAULT", false, None, 0, 10, 0).unwrap();
    assert_eq!(left.len(), 2);
    assert!(left.iter().any(|r| r.incident == "inc0"), "the rename was rolled back too");
}

#[test]
fn renamed_incidents_are_seen_under_their_new_name() {
    let db = TestDb::sqlite();
    let mut a = db.open_sqlite();
    for i in 0..DOCS {
        a.put_extraction(&sample(i + 1), "t", false).unwrap();
    }
    a.apply_merge(&plan(&a, 0, &[(true, 5, 0, 1, 0), (true, 6, 0, 2, 1)], None, false)).unwrap();
    assert_eq!(a.merge_candidates("ASSAULT", false, None, 0, 10, 0).unwrap().len(), 2);
    a.apply_merge(&plan(&a, 1, &[(false, 5, 0, 0, 2), (false, 7, 0, 0, 2)], Some((0, 3)), false)).unwrap();
    let mut incidents: Vec<String> = a
        .merge_candidates("ASSAULT", false, None, 0, 10, 0)
        .unwrap()
        .into_iter()
        .map(|r| r.incident)
        .collect();
    incidents.sort();
    assert_eq!(incidents, ["inc1", "inc3"]);
}
