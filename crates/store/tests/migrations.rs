//! Opening files: new, empty, reopened, foreign, damaged, newer, and databases written by
//! earlier versions of the store (`tests/fixtures/store_vNNNN.sqlite`).

mod common;

use std::path::{Path, PathBuf};

use claimgraph_core::Extraction;
use claimgraph_store::sqlite::migrate::{MIGRATIONS, latest_version};
use claimgraph_store::{SqliteStore, Store, StoreError};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

#[test]
fn empty_file_is_migrated_and_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.db");
    std::fs::write(&path, b"").unwrap();
    let x = common::sample(1);
    {
        let mut store = SqliteStore::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), latest_version());
        store.put_extraction(&x, "a", false).unwrap();
        let conn = store.connection();
        let mode: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
        let fk: bool = conn.pragma_query_value(None, "foreign_keys", |r| r.get(0)).unwrap();
        assert_eq!((mode.as_str(), fk), ("wal", true));
    }
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.extraction(&x.document.id).unwrap(), Some(x));
    let applied: i64 =
        store.connection().query_row("SELECT count(*) FROM schema_migrations", [], |r| r.get(0)).unwrap();
    assert_eq!(applied, MIGRATIONS.len() as i64, "reopening applies nothing twice");
}

#[test]
fn missing_file_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    SqliteStore::open(&path).unwrap();
    assert!(path.exists());
}

#[test]
fn damaged_and_foreign_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let garbage = dir.path().join("garbage.db");
    std::fs::write(&garbage, "this is not a database, just some text that is long enough ".repeat(100))
        .unwrap();
    match SqliteStore::open(&garbage) {
        Err(StoreError::Corrupt(_)) => {}
        other => panic!("expected Corrupt, got {other:?}"),
    }
    let foreign = dir.path().join("foreign.db");
    rusqlite::Connection::open(&foreign).unwrap().execute_batch("CREATE TABLE t (x)").unwrap();
    match SqliteStore::open(&foreign) {
        Err(StoreError::NotAStore(_)) => {}
        other => panic!("expected NotAStore, got {other:?}"),
    }
}

#[test]
fn newer_schema_is_refused_without_changes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newer.db");
    drop(SqliteStore::open(&path).unwrap());
    let future = latest_version() + 1;
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute("INSERT INTO schema_migrations VALUES (?1, 'from_the_future', 'x')", [future])
        .unwrap();
    match SqliteStore::open(&path) {
        Err(StoreError::SchemaTooNew { found, supported }) => {
            assert_eq!((found, supported), (future, latest_version()));
        }
        other => panic!("expected SchemaTooNew, got {other:?}"),
    }
}

/// Every fixture written by an earlier (or this) version opens, migrates to the newest
/// schema and still serves exactly the extractions it was written with.
#[test]
fn databases_of_earlier_versions_open_and_keep_their_data() {
    let mut seen = 0;
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "sqlite") {
            continue;
        }
        seen += 1;
        let expected: Vec<Extraction> =
            serde_json::from_str(&std::fs::read_to_string(path.with_extension("json")).unwrap()).unwrap();
        // Work on a copy: the fixture itself must never change.
        let dir = tempfile::tempdir().unwrap();
        let copy = dir.path().join("old.db");
        std::fs::copy(&path, &copy).unwrap();
        let mut store = SqliteStore::open(&copy).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(store.schema_version().unwrap(), latest_version());
        assert_eq!(store.counts().unwrap().documents, expected.len() as u64);
        for x in &expected {
            assert_eq!(store.extraction(&x.document.id).unwrap().as_ref(), Some(x), "{}", path.display());
        }
        assert!(!store.search("Kaboul", 10).unwrap().is_empty());
        // And it takes new documents.
        let fresh = common::sample(99);
        assert!(store.put_extraction(&fresh, "new", false).is_ok());
    }
    assert!(seen >= 1, "no fixtures in {}", fixtures().display());
}

/// Writes `tests/fixtures/store_vNNNN.sqlite` (and the `.json` of what it holds) with the
/// current schema. Run once per new migration, before changing anything else, and commit
/// the files: `cargo test -p claimgraph-store --test migrations -- --ignored`.
#[test]
#[ignore = "writes a fixture into the source tree; run by hand when adding a migration"]
fn write_fixture_for_this_version() {
    let version = latest_version();
    let path = fixtures().join(format!("store_v{version:04}.sqlite"));
    assert!(!path.exists(), "{} exists: fixtures are never rewritten", path.display());
    let xs = vec![common::sample(1), common::sample(2)];
    {
        let mut store = SqliteStore::open(&path).unwrap();
        for x in &xs {
            store.put_extraction(x, "fixture", false).unwrap();
        }
        // One self-contained, compact file (no -wal or -shm beside it; small pages).
        store.connection().pragma_update(None, "journal_mode", "DELETE").unwrap();
        store.connection().pragma_update(None, "page_size", 1024).unwrap();
        store.connection().execute_batch("VACUUM").unwrap();
    }
    std::fs::write(path.with_extension("json"), serde_json::to_string_pretty(&xs).unwrap() + "\n").unwrap();
}
