//! Versioned schema migrations for PostgreSQL, mirroring the SQLite ones.
//!
//! `migrations/postgres/NNNN_name.sql` carries the same version numbers as
//! `migrations/NNNN_name.sql`: version N means the same tables and semantics on both
//! backends. Each migration runs in one transaction with the row recording it in
//! `schema_migrations`, under an advisory lock, so several processes may open a new
//! database at once.

use postgres::GenericClient;

use crate::error::{Result, StoreError};

pub use crate::sqlite::migrate::Migration;

/// Key of the advisory lock held while migrating ("CGS1", as SQLite's application id).
const MIGRATION_LOCK: i64 = 0x4347_5331;

/// Every migration, in order. Add new ones at the end; never edit a released one.
pub const MIGRATIONS: &[Migration] = &[
    Migration { version: 1, name: "init", sql: include_str!("../../migrations/postgres/0001_init.sql") },
    Migration { version: 2, name: "merge", sql: include_str!("../../migrations/postgres/0002_merge.sql") },
    Migration { version: 3, name: "feeds", sql: include_str!("../../migrations/postgres/0003_feeds.sql") },
    Migration { version: 4, name: "server", sql: include_str!("../../migrations/postgres/0004_server.sql") },
    Migration {
        version: 5,
        name: "incident_keys",
        sql: include_str!("../../migrations/postgres/0005_incident_keys.sql"),
    },
    Migration {
        version: 6,
        name: "group_roots",
        sql: include_str!("../../migrations/postgres/0006_group_roots.sql"),
    },
    Migration {
        version: 7,
        name: "batch_text_index",
        sql: include_str!("../../migrations/postgres/0007_batch_text_index.sql"),
    },
    Migration {
        version: 8,
        name: "merge_function",
        sql: include_str!("../../migrations/postgres/0008_merge_function.sql"),
    },
    Migration {
        version: 9,
        name: "document_row_keys",
        sql: include_str!("../../migrations/postgres/0009_document_row_keys.sql"),
    },
    Migration {
        version: 10,
        name: "merge_batches",
        sql: include_str!("../../migrations/postgres/0010_merge_batches.sql"),
    },
    Migration {
        version: 11,
        name: "document_producer",
        sql: include_str!("../../migrations/postgres/0011_document_producer.sql"),
    },
];

/// The schema version this binary writes.
pub fn latest_version() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

/// The schema version of the database (0 for a new one).
pub fn schema_version(conn: &mut impl GenericClient) -> Result<i64> {
    let has_table: bool = conn.query_one("SELECT to_regclass('schema_migrations') IS NOT NULL", &[])?.get(0);
    if !has_table {
        return Ok(0);
    }
    Ok(conn.query_one("SELECT coalesce(max(version), 0)::bigint FROM schema_migrations", &[])?.get(0))
}

/// Brings the database to [`latest_version`].
pub fn migrate(conn: &mut postgres::Client) -> Result<()> {
    // Fast path without the lock, so readers open a current store while others write.
    if schema_version(conn)? == latest_version() {
        return Ok(());
    }
    let mut tx = conn.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
    // A schema with claimgraph's table names but no migration record is someone else's.
    let foreign: bool = tx
        .query_one(
            "SELECT to_regclass('schema_migrations') IS NULL AND to_regclass('documents') IS NOT NULL",
            &[],
        )?
        .get(0);
    if foreign {
        return Err(StoreError::NotAStore(
            "it has a `documents` table but no claimgraph schema_migrations".to_string(),
        ));
    }
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
             version    BIGINT PRIMARY KEY,
             name       TEXT NOT NULL,
             applied_at TEXT NOT NULL
         )",
    )?;
    let current = schema_version(&mut tx)?;
    if current > latest_version() {
        return Err(StoreError::SchemaTooNew { found: current, supported: latest_version() });
    }
    for m in MIGRATIONS.iter().filter(|m| m.version > current) {
        let fail = |source| StoreError::PostgresMigration { version: m.version, name: m.name, source };
        tx.batch_execute(m.sql).map_err(fail)?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name, applied_at)
             VALUES ($1, $2, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))",
            &[&m.version, &m.name],
        )
        .map_err(fail)?;
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file in `migrations/postgres/` is embedded, in order, and mirrors the SQLite
    /// migration of the same version and name.
    #[test]
    fn migration_files_mirror_sqlite() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations/postgres");
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
            assert_eq!(m.sql, std::fs::read_to_string(dir.join(&expected[i])).unwrap());
        }
        let sqlite: Vec<(i64, &str)> =
            crate::sqlite::migrate::MIGRATIONS.iter().map(|m| (m.version, m.name)).collect();
        let pg: Vec<(i64, &str)> = MIGRATIONS.iter().map(|m| (m.version, m.name)).collect();
        assert_eq!(pg, sqlite, "every SQLite migration needs its PostgreSQL twin");
    }
}
