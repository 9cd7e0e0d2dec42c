//! Versioned schema migrations.
//!
//! Each migration is a SQL file `migrations/NNNN_name.sql`, embedded in the binary and
//! applied in version order, each in its own transaction together with the row that
//! records it in `schema_migrations`. A database stamped with a version newer than the
//! newest known here is refused rather than misread.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

use crate::error::{Result, StoreError};

/// `PRAGMA application_id` of claimgraph stores ("CGS1"), so other SQLite files are refused.
pub const APPLICATION_ID: i32 = 0x4347_5331;

/// One schema migration.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    /// Version reached after it (1, 2, ...).
    pub version: i64,
    /// Name, as in the file name.
    pub name: &'static str,
    /// The SQL.
    pub sql: &'static str,
}

/// Every migration, in order. Add new ones at the end; never edit a released one.
pub const MIGRATIONS: &[Migration] = &[
    Migration { version: 1, name: "init", sql: include_str!("../../migrations/0001_init.sql") },
    Migration { version: 2, name: "merge", sql: include_str!("../../migrations/0002_merge.sql") },
    Migration { version: 3, name: "feeds", sql: include_str!("../../migrations/0003_feeds.sql") },
    Migration { version: 4, name: "server", sql: include_str!("../../migrations/0004_server.sql") },
    Migration {
        version: 5,
        name: "incident_keys",
        sql: include_str!("../../migrations/0005_incident_keys.sql"),
    },
    Migration { version: 6, name: "group_roots", sql: include_str!("../../migrations/0006_group_roots.sql") },
    Migration {
        version: 7,
        name: "batch_text_index",
        sql: include_str!("../../migrations/0007_batch_text_index.sql"),
    },
    Migration {
        version: 8,
        name: "merge_function",
        sql: include_str!("../../migrations/0008_merge_function.sql"),
    },
    Migration {
        version: 9,
        name: "document_row_keys",
        sql: include_str!("../../migrations/0009_document_row_keys.sql"),
    },
    Migration {
        version: 10,
        name: "merge_batches",
        sql: include_str!("../../migrations/0010_merge_batches.sql"),
    },
    Migration {
        version: 11,
        name: "document_producer",
        sql: include_str!("../../migrations/0011_document_producer.sql"),
    },
];

/// The schema version this binary writes.
pub fn latest_version() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

/// The schema version of the database (0 for a new one).
pub fn schema_version(conn: &Connection) -> Result<i64> {
    let has_table: Option<i64> = conn
        .query_row(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    if has_table.is_none() {
        return Ok(0);
    }
    Ok(conn.query_row("SELECT coalesce(max(version), 0) FROM schema_migrations", [], |r| r.get(0))?)
}

/// Brings the database to [`latest_version`]. Safe to run from several processes at once:
/// the check and the migrations run under one write lock.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    // Fast path without the write lock, so readers open a current store even while an
    // ingest is writing (or from read-only media).
    let stamped: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    if stamped == APPLICATION_ID
        && schema_version(conn)? == latest_version()
        && applied_count(conn)? == MIGRATIONS.len() as i64
    {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    check_ownership(&tx)?;
    tx.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
             version    INTEGER PRIMARY KEY,
             name       TEXT NOT NULL,
             applied_at TEXT NOT NULL
         )",
    )?;
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    let current = schema_version(&tx)?;
    if current > latest_version() {
        return Err(StoreError::SchemaTooNew { found: current, supported: latest_version() });
    }
    // Apply every migration not recorded yet (not only those above the current version), so
    // a store migrated before a lower-numbered migration was added still gets it.
    let applied: Vec<i64> = tx
        .prepare("SELECT version FROM schema_migrations")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for m in MIGRATIONS.iter().filter(|m| !applied.contains(&m.version)) {
        let fail = |source| StoreError::Migration { version: m.version, name: m.name, source };
        tx.execute_batch(m.sql).map_err(fail)?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name, applied_at)
             VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
            (m.version, m.name),
        )
        .map_err(fail)?;
    }
    tx.commit()?;
    Ok(())
}

/// How many of the known migrations the database records (0 for a new one).
fn applied_count(conn: &Connection) -> Result<i64> {
    if schema_version(conn)? == 0 {
        return Ok(0);
    }
    let mut n = 0;
    let mut stmt = conn.prepare_cached("SELECT 1 FROM schema_migrations WHERE version = ?1")?;
    for m in MIGRATIONS {
        if stmt.exists([m.version])? {
            n += 1;
        }
    }
    Ok(n)
}

/// Refuses SQLite files that belong to another application.
fn check_ownership(conn: &Connection) -> Result<()> {
    let app_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    if app_id == APPLICATION_ID {
        return Ok(());
    }
    if app_id != 0 {
        return Err(StoreError::NotAStore(format!("application_id is {app_id:#x}")));
    }
    // A fresh file has no tables; one with tables but no stamp is someone else's database.
    let tables: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name <> 'schema_migrations'",
        [],
        |r| r.get(0),
    )?;
    if tables > 0 {
        return Err(StoreError::NotAStore(format!("it has {tables} tables but no claimgraph stamp")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file in `migrations/` is embedded, in order, with contiguous versions.
    #[test]
    fn migration_files_match_the_embedded_list() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.ends_with(".sql"))
            .collect();
        files.sort();
        let expected: Vec<String> =
            MIGRATIONS.iter().map(|m| format!("{:04}_{}.sql", m.version, m.name)).collect();
        assert_eq!(files, expected);
        for (i, m) in MIGRATIONS.iter().enumerate() {
            // Versions rise; numbers reserved for other branches may be missing until they land.
            assert!(i == 0 || m.version > MIGRATIONS[i - 1].version);
            assert_eq!(m.sql, std::fs::read_to_string(dir.join(&expected[i])).unwrap());
        }
    }

    #[test]
    fn migrates_once_and_refuses_newer() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(schema_version(&conn).unwrap(), 0);
        migrate(&mut conn).unwrap();
        assert_eq!(schema_version(&conn).unwrap(), latest_version());
        migrate(&mut conn).unwrap();
        let rows: i64 = conn.query_row("SELECT count(*) FROM schema_migrations", [], |r| r.get(0)).unwrap();
        assert_eq!(rows, MIGRATIONS.len() as i64);
        conn.execute("INSERT INTO schema_migrations VALUES (999, 'future', 'x')", []).unwrap();
        let err = migrate(&mut conn).unwrap_err();
        assert!(matches!(err, StoreError::SchemaTooNew { found: 999, .. }), "{err}");
    }

    #[test]
    fn refuses_foreign_databases() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE users (id INTEGER)").unwrap();
        assert!(matches!(migrate(&mut conn), Err(StoreError::NotAStore(_))));
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "application_id", 7).unwrap();
        assert!(matches!(migrate(&mut conn), Err(StoreError::NotAStore(_))));
    }
}
