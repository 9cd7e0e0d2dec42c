//! Running each store test against both backends.
//!
//! `both!(name, ...)` turns each `fn name(db: TestDb)` into a module with a `sqlite` and a
//! `postgres` test. The PostgreSQL variant uses the server named by `CLAIMGRAPH_TEST_PG`
//! (an admin URL, e.g. the one `scripts/ci-postgres start` prints) and gets a database of
//! its own, created for the test and dropped after it, so tests run in parallel. Without
//! `CLAIMGRAPH_TEST_PG`, it fails when `CI` is set (CI must not skip silently) and is
//! skipped with a notice on a developer machine.

use std::sync::atomic::{AtomicUsize, Ordering};

use claimgraph_store::{FeedLog, IncidentStore, PgStore, SqliteStore, Store};

/// The environment variable naming the PostgreSQL server for tests.
pub const PG_ENV: &str = "CLAIMGRAPH_TEST_PG";

/// A store with everything a backend implements beside [`Store`]: merge persistence and
/// the feed log.
pub trait FullStore: Store + IncidentStore + FeedLog + Send {}

impl<T: Store + IncidentStore + FeedLog + Send + ?Sized> FullStore for T {}

/// Which backend a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A SQLite file in a temporary directory.
    Sqlite,
    /// A fresh PostgreSQL database.
    Postgres,
}

/// One test's database: open it as often as the test needs (several connections,
/// reopening), run raw SQL on it, and have it deleted at the end.
pub struct TestDb {
    /// The backend.
    pub kind: Kind,
    /// The file path (SQLite) or URL (PostgreSQL), as `--db` takes it.
    pub locator: String,
    _dir: Option<tempfile::TempDir>,
    /// (admin URL, database name) of a PostgreSQL database to drop at the end.
    pg: Option<(String, String)>,
}

impl TestDb {
    /// A SQLite database in a fresh temporary directory.
    pub fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().unwrap();
        let locator = dir.path().join("store.db").to_str().unwrap().to_string();
        TestDb { kind: Kind::Sqlite, locator, _dir: Some(dir), pg: None }
    }

    /// A fresh PostgreSQL database, or `None` (skip) on a developer machine without a
    /// server configured. Panics under CI without a server.
    pub fn postgres() -> Option<TestDb> {
        let Ok(admin) = std::env::var(PG_ENV) else {
            if std::env::var_os("CI").is_some() {
                panic!("{PG_ENV} is not set but CI is: start a server (scripts/ci-postgres start)");
            }
            eprintln!("note: {PG_ENV} is not set; skipping the PostgreSQL variant of this test");
            return None;
        };
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let nanos =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
        let name = format!("cg_test_{}_{}_{nanos}", std::process::id(), NEXT.fetch_add(1, Ordering::SeqCst));
        let mut client = postgres::Client::connect(&admin, postgres::NoTls)
            .unwrap_or_else(|e| panic!("cannot connect to {PG_ENV}={admin}: {e}"));
        client.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
        let locator = with_dbname(&admin, &name);
        Some(TestDb { kind: Kind::Postgres, locator, _dir: None, pg: Some((admin, name)) })
    }

    /// Another fresh, empty database of the same backend.
    pub fn fresh(&self) -> TestDb {
        match self.kind {
            Kind::Sqlite => TestDb::sqlite(),
            // Only reached when a server is configured (this one is PostgreSQL).
            Kind::Postgres => TestDb::postgres().expect("a PostgreSQL server"),
        }
    }

    /// Opens (creating and migrating on first use) the store.
    pub fn open(&self) -> Box<dyn Store + Send> {
        match self.kind {
            Kind::Sqlite => Box::new(self.open_sqlite()),
            Kind::Postgres => Box::new(PgStore::open(&self.locator).unwrap()),
        }
    }

    /// Opens the store with its merge persistence and feed log.
    pub fn open_full(&self) -> Box<dyn FullStore> {
        match self.kind {
            Kind::Sqlite => Box::new(self.open_sqlite()),
            Kind::Postgres => Box::new(PgStore::open(&self.locator).unwrap()),
        }
    }

    /// Opens the SQLite store (panics on PostgreSQL).
    pub fn open_sqlite(&self) -> SqliteStore {
        assert_eq!(self.kind, Kind::Sqlite);
        SqliteStore::open(std::path::Path::new(&self.locator)).unwrap()
    }

    /// Runs raw SQL statements on a connection of its own, bypassing the store.
    pub fn exec(&self, sql: &str) -> Result<(), String> {
        match self.kind {
            Kind::Sqlite => {
                let conn = rusqlite::Connection::open(&self.locator).map_err(|e| e.to_string())?;
                conn.execute_batch(sql).map_err(|e| e.to_string())
            }
            Kind::Postgres => {
                let mut c =
                    postgres::Client::connect(&self.locator, postgres::NoTls).map_err(|e| e.to_string())?;
                c.batch_execute(sql).map_err(|e| match e.as_db_error() {
                    Some(db) => db.message().to_string(),
                    None => e.to_string(),
                })
            }
        }
    }

    /// The one integer a query returns.
    pub fn query_i64(&self, sql: &str) -> i64 {
        match self.kind {
            Kind::Sqlite => {
                let conn = rusqlite::Connection::open(&self.locator).unwrap();
                conn.query_row(sql, [], |r| r.get(0)).unwrap()
            }
            Kind::Postgres => {
                let mut c = postgres::Client::connect(&self.locator, postgres::NoTls).unwrap();
                c.query_one(sql, &[]).unwrap().get(0)
            }
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((admin, name)) = &self.pg
            && let Ok(mut c) = postgres::Client::connect(admin, postgres::NoTls)
        {
            let _ = c.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
        }
    }
}

/// `url` with its database name replaced by `name` (query parameters kept).
pub fn with_dbname(url: &str, name: &str) -> String {
    let scheme_end = url.find("://").map_or(0, |i| i + 3);
    let (head, rest) = url.split_at(scheme_end);
    let query = rest.find('?').map_or("", |i| &rest[i..]);
    let authority = rest.split(['/', '?']).next().unwrap_or("");
    format!("{head}{authority}/{name}{query}")
}

/// Generates a `sqlite` and a `postgres` test for each `fn name(db: TestDb)`.
#[macro_export]
macro_rules! both {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[test]
                fn sqlite() {
                    super::$name($crate::common::backend::TestDb::sqlite())
                }
                #[test]
                fn postgres() {
                    if let Some(db) = $crate::common::backend::TestDb::postgres() {
                        super::$name(db)
                    }
                }
            }
        )*
    };
}
