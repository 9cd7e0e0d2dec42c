//! Readers see whole documents only while another connection writes (SQLite's WAL,
//! PostgreSQL's snapshots); two writers take turns instead of failing.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier};
use std::thread;

use claimgraph_store::{Counts, EventFilter, PutOutcome};
use common::backend::TestDb;
use common::{SAMPLE_MENTIONS, sample};

crate::both!(readers_see_whole_documents_while_a_writer_writes, two_writers_take_turns);

const DOCS: usize = 150;

fn readers_see_whole_documents_while_a_writer_writes(db: TestDb) {
    let db = Arc::new(db);
    let mut writer = db.open();
    let first = sample(0);
    writer.put_extraction(&first, "w", false).unwrap();

    let done = Arc::new(AtomicBool::new(false));
    let start = Arc::new(Barrier::new(2));
    let reader = {
        let (db, done, start, first) = (db.clone(), done.clone(), start.clone(), first.clone());
        thread::spawn(move || {
            let reader = db.open();
            start.wait();
            let mut snapshots = 0u64;
            let mut last = 0;
            loop {
                let finished = done.load(Ordering::SeqCst);
                let c = reader.counts().unwrap();
                let n = c.documents;
                // Every snapshot holds whole documents only.
                let whole = Counts {
                    documents: n,
                    entities: 3 * n,
                    mentions: SAMPLE_MENTIONS * n,
                    events: 2 * n,
                    claims: 3 * n,
                };
                assert_eq!(c, whole);
                assert!(n >= last, "documents never disappear");
                last = n;
                assert_eq!(reader.extraction(&first.document.id).unwrap().as_ref(), Some(&first));
                let events = reader.events(&EventFilter { limit: 10_000, ..Default::default() }).unwrap();
                assert_eq!(events.len() % 2, 0, "events of half a document");
                snapshots += 1;
                if finished {
                    return (snapshots, last);
                }
            }
        })
    };
    start.wait();
    for i in 1..=DOCS {
        assert_eq!(writer.put_extraction(&sample(i), "w", false).unwrap(), PutOutcome::Inserted);
    }
    done.store(true, Ordering::SeqCst);
    let (snapshots, last) = reader.join().unwrap();
    assert_eq!(last, DOCS as u64 + 1, "the last read sees every commit");
    assert!(snapshots >= 2, "the reader ran during the writes ({snapshots} reads)");
}

fn two_writers_take_turns(db: TestDb) {
    let db = Arc::new(db);
    drop(db.open());
    let handles: Vec<_> = (0..2)
        .map(|w| {
            let db = db.clone();
            thread::spawn(move || {
                let mut store = db.open();
                let xs: Vec<_> = (0..40).map(|i| sample(1000 * (w + 1) + i)).collect();
                // Each writer also re-puts one shared document: one of them wins.
                let mut out = store.put_extractions(&xs, "w", false);
                out.push(store.put_extraction(&sample(7), "w", false));
                out.into_iter().map(|r| r.unwrap()).collect::<Vec<_>>()
            })
        })
        .collect();
    let outcomes: Vec<PutOutcome> = handles.into_iter().flat_map(|h| h.join().unwrap()).collect();
    let inserted = outcomes.iter().filter(|o| **o == PutOutcome::Inserted).count();
    assert_eq!(inserted, 81);
    assert_eq!(outcomes.iter().filter(|o| **o == PutOutcome::Unchanged).count(), 1);
    assert_eq!(db.open().counts().unwrap().documents, 81);
}
