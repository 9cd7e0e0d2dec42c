//! A small pool of store connections: several readers and one writer.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use claimgraph_store::SqliteStore;

use crate::error::Result;

/// Read connections plus the one write connection (SQLite allows one writer at a time;
/// WAL lets readers go on meanwhile).
#[derive(Clone)]
pub struct Pool {
    inner: Arc<Inner>,
}

struct Inner {
    readers: Vec<Mutex<SqliteStore>>,
    next: AtomicUsize,
    writer: Mutex<SqliteStore>,
}

impl Pool {
    /// Opens `readers` read connections (at least one) and the writer; the first open
    /// migrates the store.
    pub fn open(db: &Path, readers: usize) -> Result<Self> {
        let writer = SqliteStore::open(db)?;
        let readers =
            (0..readers.max(1)).map(|_| SqliteStore::open(db).map(Mutex::new)).collect::<Result<_, _>>()?;
        Ok(Pool { inner: Arc::new(Inner { readers, next: AtomicUsize::new(0), writer: Mutex::new(writer) }) })
    }

    /// A read connection: the first free one, else the next in turn (waiting for it).
    pub fn read(&self) -> MutexGuard<'_, SqliteStore> {
        let n = self.inner.readers.len();
        let start = self.inner.next.fetch_add(1, Ordering::Relaxed) % n;
        for i in 0..n {
            if let Ok(guard) = self.inner.readers[(start + i) % n].try_lock() {
                return guard;
            }
        }
        // A panic inside a store call leaves the connection usable (each call is its own
        // transaction), so a poisoned lock is taken over.
        self.inner.readers[start].lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The write connection.
    pub fn write(&self) -> MutexGuard<'_, SqliteStore> {
        self.inner.writer.lock().unwrap_or_else(|p| p.into_inner())
    }
}
