//! The PostgreSQL backend: the same tables, migrations and semantics as [`SqliteStore`]
//! (`crate::SqliteStore`), for a team sharing one server.
//!
//! Connections come from a small pool (r2d2), so a store can be shared by threads (a
//! server, the ingest's reader) while one writer holds its own connection with prepared
//! statements. Writes batch many documents into one transaction with multi-row inserts
//! (`unnest` of arrays: one statement per table per batch, not per row) and fall back to
//! one transaction per document when a batch fails, so a document is always stored whole
//! or not at all. Reads run in a read-only REPEATABLE READ transaction: one snapshot each.

mod feeds;
mod incidents;
mod merge_queue;
pub mod migrate;
mod read;
mod search;
mod workspace;
mod write;

use std::sync::Mutex;
use std::time::Duration;

use claimgraph_core::Extraction;
use postgres::{IsolationLevel, NoTls, Transaction};
use r2d2::{Pool, PooledConnection};
use r2d2_postgres::PostgresConnectionManager;

use crate::error::{Result, StoreError, pg_message};
use crate::rows::{
    ClaimFilter, ClaimRow, Counts, DocumentKey, DocumentRow, EntityFilter, EntityRow, EventFilter, EventRow,
    Page, PutOutcome, SearchHit,
};
use crate::store::Store;

pub use search::tsquery_text;

/// How long to wait for a connection (to connect, or for a free one in the pool).
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Most connections one store keeps open.
const POOL_SIZE: u32 = 4;

type Manager = PostgresConnectionManager<NoTls>;
type Conn = PooledConnection<Manager>;

/// True when `s` names a PostgreSQL database (`postgres://` or `postgresql://` URL).
pub fn is_postgres_url(s: &str) -> bool {
    let lower = s.get(..13).unwrap_or(s).to_ascii_lowercase();
    lower.starts_with("postgres://") || lower.starts_with("postgresql://")
}

/// A claimgraph store in a PostgreSQL database.
pub struct PgStore {
    pool: Pool<Manager>,
    /// The writer's own connection, with its prepared statements (taken on first write).
    writer: Option<write::Writer>,
    /// The connection merging uses (taken on first use); it holds the transaction of an
    /// open merge batch. A mutex because reads of `IncidentStore` take `&self`.
    merge: Mutex<Option<incidents::MergeConn>>,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore").field("pool", &self.pool.state()).finish_non_exhaustive()
    }
}

impl PgStore {
    /// Connects to the database at `url` (`postgres://user:password@host:port/dbname`, any
    /// libpq-style parameter such as `?sslmode=disable&options=-csearch_path%3Dteam`) and
    /// migrates it to the newest schema. The tables live in the first schema of the
    /// connection's `search_path`. Needs the `unaccent` extension (in PostgreSQL's contrib,
    /// a trusted extension any database owner may create) for accent-insensitive search.
    ///
    /// TLS is not offered: run it on a private network or through a local socket/tunnel.
    pub fn open(url: &str) -> Result<Self> {
        let mut config: postgres::Config = url.parse().map_err(|e| StoreError::BadUrl(format!("{e}")))?;
        config.connect_timeout(CONNECT_TIMEOUT);
        if config.get_application_name().is_none() {
            config.application_name("claimgraph");
        }
        // One direct connection first: it reports why a server cannot be reached at once
        // (the pool would retry until its timeout), and it runs the migrations.
        let mut first = config.connect(NoTls).map_err(|e| StoreError::Connect(pg_message(&e)))?;
        migrate::migrate(&mut first)?;
        drop(first);
        let pool = Pool::builder()
            .max_size(POOL_SIZE)
            .min_idle(Some(0))
            .connection_timeout(CONNECT_TIMEOUT)
            .build_unchecked(PostgresConnectionManager::new(config, NoTls));
        Ok(PgStore { pool, writer: None, merge: Mutex::new(None) })
    }

    /// The schema version of the database.
    pub fn schema_version(&self) -> Result<i64> {
        migrate::schema_version(&mut *self.conn()?)
    }

    /// A connection from the pool, for backends built on this one (merging, exports) that
    /// need queries the trait does not offer. Writes through it bypass validation.
    pub fn conn(&self) -> Result<Conn> {
        Ok(self.pool.get()?)
    }

    /// Runs `f` in a read-only transaction that sees one snapshot.
    fn read<T>(&self, f: impl FnOnce(&mut Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut conn = self.conn()?;
        let mut tx = conn
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()?;
        let out = f(&mut tx)?;
        tx.commit()?;
        Ok(out)
    }

    fn writer(&mut self) -> Result<&mut write::Writer> {
        if self.writer.is_none() {
            self.writer = Some(write::Writer::new(self.conn()?)?);
        }
        // Just filled in above.
        Ok(self.writer.as_mut().expect("writer connection"))
    }

    fn write(&mut self, items: &[(&Extraction, &str)], replace: bool) -> Vec<Result<PutOutcome>> {
        // The writer's connection would wait for the batch's row locks (replacing a document
        // deletes its incident rows), and the batch for the writer: refuse instead of hanging.
        if self.merge.get_mut().is_ok_and(|m| m.as_ref().is_some_and(|m| m.in_batch())) {
            return items.iter().map(|_| Err(StoreError::MergeBatchOpen)).collect();
        }
        let writer = match self.writer() {
            Ok(w) => w,
            Err(e) => {
                let msg = e.to_string();
                return items.iter().map(|_| Err(StoreError::Connect(msg.clone()))).collect();
            }
        };
        let out = writer.put_many(items, replace);
        // A broken connection is not reused: the next write takes a fresh one.
        if writer.is_closed() {
            self.writer = None;
        }
        out
    }
}

impl Store for PgStore {
    fn put_extraction(&mut self, x: &Extraction, source: &str, replace: bool) -> Result<PutOutcome> {
        self.write(&[(x, source)], replace).pop().unwrap_or(Ok(PutOutcome::Unchanged))
    }

    /// Stores the batch in one transaction (one multi-row insert per table); when that
    /// fails, each document is retried in its own transaction so only the bad ones fail.
    fn put_batch(&mut self, items: &[(&Extraction, &str)], replace: bool) -> Vec<Result<PutOutcome>> {
        self.write(items, replace)
    }

    fn contains(&self, doc_id: &str) -> Result<bool> {
        let mut conn = self.conn()?;
        Ok(read::seq_of(&mut *conn, doc_id)?.is_some())
    }

    fn stored_among(&self, doc_ids: &[&str]) -> Result<std::collections::HashSet<String>> {
        let mut conn = self.conn()?;
        read::stored_among(&mut *conn, doc_ids)
    }

    fn counts(&self) -> Result<Counts> {
        self.read(|tx| read::counts(tx))
    }

    fn documents(&self, page: &Page) -> Result<Vec<DocumentRow>> {
        self.read(|tx| read::documents(tx, page))
    }

    fn documents_after(&self, after: Option<&str>, limit: usize) -> Result<Vec<DocumentKey>> {
        self.read(|tx| read::documents_after(tx, after, limit))
    }

    fn events(&self, filter: &EventFilter) -> Result<Vec<EventRow>> {
        self.read(|tx| read::events(tx, filter))
    }

    fn claims(&self, filter: &ClaimFilter) -> Result<Vec<ClaimRow>> {
        self.read(|tx| read::claims(tx, filter))
    }

    fn entities(&self, filter: &EntityFilter) -> Result<Vec<EntityRow>> {
        self.read(|tx| read::entities(tx, filter))
    }

    fn extraction(&self, id_or_prefix: &str) -> Result<Option<Extraction>> {
        self.read(|tx| read::extraction(tx, id_or_prefix))
    }

    fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        self.read(|tx| search::search(tx, query, limit))
    }

    fn months(&self) -> Result<Vec<(Option<String>, u64)>> {
        self.read(|tx| read::months(tx))
    }

    fn document_ids_in_month(&self, month: Option<&str>) -> Result<Vec<String>> {
        self.read(|tx| read::document_ids_in_month(tx, month))
    }
}

/// A limit or offset as PostgreSQL takes it (a huge one means "all").
fn sql_len(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// A stored count read back as unsigned.
fn unsigned(column: &'static str, v: i64) -> Result<u64> {
    u64::try_from(v).map_err(|_| StoreError::BadValue { column, value: v.to_string() })
}
