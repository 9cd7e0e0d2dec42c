//! A small pool of store handles: several readers and one writer, on either backend.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use claimgraph_store::{IncidentStore, PgStore, SqliteStore, Store, Workspace, is_postgres_url};

use crate::error::Result;

/// What the server needs of a store: documents, incidents and the workspace (tokens,
/// boards, actor pages), on SQLite or PostgreSQL.
pub trait ServerStore: Store + IncidentStore + Workspace + Send {}

impl<T: Store + IncidentStore + Workspace + Send> ServerStore for T {}

/// Opens the store `db` names, a SQLite file or a `postgres://` URL, migrating it.
pub fn open_store(db: &Path) -> Result<Box<dyn ServerStore>> {
    Ok(match db.to_str().filter(|s| is_postgres_url(s)) {
        Some(url) => Box::new(PgStore::open(url)?),
        None => Box::new(SqliteStore::open(db)?),
    })
}

/// Read handles plus the one write handle. SQLite allows one writer at a time and WAL lets
/// readers go on meanwhile; on PostgreSQL each handle takes connections from its own small
/// pool.
#[derive(Clone)]
pub struct Pool {
    inner: Arc<Inner>,
}

struct Inner {
    /// The writer first, then the readers.
    stores: Vec<Mutex<Box<dyn ServerStore>>>,
    next: AtomicUsize,
}

impl Drop for Inner {
    fn drop(&mut self) {
        // A PostgreSQL connection closes with a blocking call, which panics on a thread that
        // drives a tokio runtime; the server's last handle goes at shutdown, inside one.
        let stores = std::mem::take(&mut self.stores);
        if tokio::runtime::Handle::try_current().is_ok() {
            let _ = std::thread::spawn(move || drop(stores)).join();
        }
    }
}

impl Pool {
    /// Opens `readers` read handles (at least one) and the writer; the first open migrates
    /// the store.
    pub fn open(db: &Path, readers: usize) -> Result<Self> {
        let stores =
            (0..=readers.max(1)).map(|_| open_store(db).map(Mutex::new)).collect::<Result<_, _>>()?;
        Ok(Pool { inner: Arc::new(Inner { stores, next: AtomicUsize::new(0) }) })
    }

    /// A read handle: the first free one, else the next in turn (waiting for it).
    pub fn read(&self) -> MutexGuard<'_, Box<dyn ServerStore>> {
        let readers = &self.inner.stores[1..];
        let n = readers.len();
        let start = self.inner.next.fetch_add(1, Ordering::Relaxed) % n;
        for i in 0..n {
            if let Ok(guard) = readers[(start + i) % n].try_lock() {
                return guard;
            }
        }
        // A panic inside a store call leaves the connection usable (each call is its own
        // transaction), so a poisoned lock is taken over.
        readers[start].lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The write handle.
    pub fn write(&self) -> MutexGuard<'_, Box<dyn ServerStore>> {
        self.inner.stores[0].lock().unwrap_or_else(|p| p.into_inner())
    }
}
