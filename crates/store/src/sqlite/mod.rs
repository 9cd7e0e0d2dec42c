//! The SQLite backend: one database file in WAL mode, foreign keys on, one transaction per
//! document.
//!
//! WAL lets readers (a second process listing events, the server) work while an ingest
//! writes, and with `synchronous = NORMAL` a commit is atomic and durable against a killed
//! process; a power loss can lose the last commits but never leaves half a document.

mod incidents;
pub(crate) mod list;
pub mod migrate;
mod rebuild;
mod resolve;
mod scope;
mod search;
mod workspace;
mod write;

use std::path::Path;
use std::time::Duration;

use claimgraph_core::Extraction;
use rusqlite::Connection;

use crate::error::Result;
use crate::rows::{
    ClaimFilter, ClaimRow, Counts, DocumentKey, DocumentRow, EntityFilter, EntityRow, EventFilter, EventRow,
    Page, PutOutcome, SearchHit,
};
use crate::store::Store;

pub use search::fts_query;

/// How long a connection waits for another one's write lock before failing with
/// [`StoreError::Locked`](crate::StoreError::Locked).
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Prepared statements kept per connection: all of the store's statements fit.
const STATEMENT_CACHE: usize = 64;

/// A claimgraph store in one SQLite file.
#[derive(Debug)]
pub struct SqliteStore {
    conn: Connection,
    /// The merge blocking index, as far as it was read (see [`crate::candidates`]).
    candidates: std::cell::RefCell<crate::candidates::CandidateCache<Snapshot>>,
    /// Whether a merge of the open merge batch failed: then the batch commits nothing.
    merge_failed: bool,
}

impl SqliteStore {
    /// Opens the store at `path`, creating the file if needed, and migrates it to the
    /// newest schema. Fails with [`StoreError::SchemaTooNew`](crate::StoreError::SchemaTooNew)
    /// when a newer claimgraph has migrated it, and with
    /// [`StoreError::NotAStore`](crate::StoreError::NotAStore) or
    /// [`StoreError::Corrupt`](crate::StoreError::Corrupt) for other files.
    pub fn open(path: &Path) -> Result<Self> {
        Self::setup(Connection::open(path)?)
    }

    /// Opens a private in-memory store (for tests and one-shot runs).
    pub fn open_in_memory() -> Result<Self> {
        Self::setup(Connection::open_in_memory()?)
    }

    fn setup(mut conn: Connection) -> Result<Self> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Reading the journal mode is also the first read of the file: a file that is not
        // a database fails here, as `Corrupt`.
        let _mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
        // 64 MiB of page cache, and a checkpoint every 10,000 pages (about 40 MiB of WAL)
        // instead of 1,000: ingest dirties the same index pages batch after batch, and a
        // checkpoint writes each of them (and syncs) once however many commits touched it.
        conn.pragma_update(None, "cache_size", -65536)?;
        conn.pragma_update(None, "wal_autocheckpoint", 10_000)?;
        // Savepoint journals (one savepoint per document in a batch) and sort scratch in
        // memory: a batch's sub-journal holds each page it changes once, and writing it to a
        // temporary file was a fifth of ingest time.
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        migrate::migrate(&mut conn)?;
        Ok(SqliteStore { conn, candidates: Default::default(), merge_failed: false })
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        migrate::schema_version(&self.conn)
    }

    /// The underlying connection, for backends built on this one (merging, exports) that
    /// need queries the trait does not offer. Writes through it bypass validation.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

/// What the merge candidate cache knows of the database it copies: another connection
/// committed when `data_version` moves, this one wrote when `total_changes` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Snapshot {
    data_version: i64,
    total_changes: u64,
}

/// The connection's [`Snapshot`] now.
pub(crate) fn snapshot(conn: &Connection) -> Result<Snapshot> {
    // Asked several times per merged document: prepared once.
    let data_version: i64 = conn.prepare_cached("PRAGMA data_version")?.query_row([], |r| r.get(0))?;
    Ok(Snapshot { data_version, total_changes: conn.total_changes() })
}

impl Store for SqliteStore {
    fn put_extraction(&mut self, x: &Extraction, source: &str, replace: bool) -> Result<PutOutcome> {
        let current = self.candidates.get_mut().is_current(snapshot(&self.conn)?);
        let out = write::put(&mut self.conn, x, source, replace);
        // A replaced document takes its merged events with it (a cascade).
        let kept = matches!(out, Ok(PutOutcome::Inserted | PutOutcome::Unchanged));
        let now = snapshot(&self.conn)?;
        self.candidates.get_mut().after_write(now, current, kept);
        out
    }

    /// One transaction for the whole batch, one savepoint per document: a document that
    /// fails is undone alone, and the batch pays for one commit instead of one each.
    fn put_batch(&mut self, items: &[(&Extraction, &str)], replace: bool) -> Vec<Result<PutOutcome>> {
        let current = snapshot(&self.conn).is_ok_and(|now| self.candidates.get_mut().is_current(now));
        let out = write::put_batch(&mut self.conn, items, replace);
        let kept = out.iter().all(|o| matches!(o, Ok(PutOutcome::Inserted | PutOutcome::Unchanged)));
        match snapshot(&self.conn) {
            Ok(now) => self.candidates.get_mut().after_write(now, current, kept),
            Err(_) => self.candidates.get_mut().clear(),
        }
        out
    }

    fn contains(&self, doc_id: &str) -> Result<bool> {
        resolve::contains(&self.conn, doc_id)
    }

    fn counts(&self) -> Result<Counts> {
        list::counts(&self.conn)
    }

    fn documents(&self, page: &Page) -> Result<Vec<DocumentRow>> {
        list::documents(&self.conn, page)
    }

    fn documents_after(&self, after: Option<&str>, limit: usize) -> Result<Vec<DocumentKey>> {
        list::documents_after(&self.conn, after, limit)
    }

    fn events(&self, filter: &EventFilter) -> Result<Vec<EventRow>> {
        list::events(&self.conn, filter)
    }

    fn claims(&self, filter: &ClaimFilter) -> Result<Vec<ClaimRow>> {
        list::claims(&self.conn, filter)
    }

    fn entities(&self, filter: &EntityFilter) -> Result<Vec<EntityRow>> {
        list::entities(&self.conn, filter)
    }

    fn extraction(&self, id_or_prefix: &str) -> Result<Option<Extraction>> {
        rebuild::extraction(&self.conn, id_or_prefix)
    }

    fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        search::search(&self.conn, query, limit)
    }

    fn months(&self) -> Result<Vec<(Option<String>, u64)>> {
        list::months(&self.conn)
    }

    fn document_ids_in_month(&self, month: Option<&str>) -> Result<Vec<String>> {
        list::document_ids_in_month(&self.conn, month)
    }
}
