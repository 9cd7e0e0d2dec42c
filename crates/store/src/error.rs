//! The error type of `claimgraph-store`.

use claimgraph_core::CoreError;
use rusqlite::ErrorCode;

/// Errors raised by the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Another connection holds a lock longer than the busy timeout.
    #[error("the database is locked by another process (busy for longer than the timeout)")]
    Locked,
    /// The file is not a SQLite database, or is damaged.
    #[error("the database file is corrupt or not a database: {0}")]
    Corrupt(String),
    /// The file is a SQLite database, but not a claimgraph store.
    #[error("the database is not a claimgraph store: {0}")]
    NotAStore(String),
    /// The database was migrated by a newer claimgraph than this one.
    #[error(
        "the database schema is version {found}, newer than the {supported} this binary knows; upgrade claimgraph"
    )]
    SchemaTooNew {
        /// Version found in the database.
        found: i64,
        /// Newest version this binary can migrate to.
        supported: i64,
    },
    /// Applying a migration failed; the database stays at the version before it.
    #[error("migration {version} ({name}) failed: {source}")]
    Migration {
        /// Version of the failing migration.
        version: i64,
        /// Name of the failing migration.
        name: &'static str,
        /// The underlying SQLite error.
        #[source]
        source: rusqlite::Error,
    },
    /// A document id prefix matches more than one document.
    #[error("document id prefix {prefix:?} is ambiguous: it matches {matches} documents")]
    AmbiguousId {
        /// The prefix given.
        prefix: String,
        /// How many documents it matches (at least 2).
        matches: usize,
    },
    /// No document has this id (or id prefix).
    #[error("no document with id {0:?}")]
    NotFound(String),
    /// An extraction breaks the v1 contract (bad schema tag, id not the hash of the text,
    /// duplicate or dangling local ids, numbers out of range); nothing was written.
    #[error("invalid extraction {doc_id}: {reason}")]
    InvalidExtraction {
        /// The document id of the extraction.
        doc_id: String,
        /// What is wrong.
        reason: String,
    },
    /// A span's text does not match the document text; nothing was written.
    #[error("invalid extraction {doc_id}: {source}")]
    Span {
        /// The document id of the extraction.
        doc_id: String,
        /// The mismatch.
        #[source]
        source: CoreError,
    },
    /// A stored value cannot be read back as the contract type (a newer or damaged row).
    #[error("column {column} holds {value:?}, which this binary cannot read")]
    BadValue {
        /// Table and column.
        column: &'static str,
        /// The stored value.
        value: String,
    },
    /// An analyst grade out of its scale (sources `A`-`F`, claims 1-6).
    #[error("invalid grade: {0}")]
    InvalidGrade(String),
    /// A hypothesis board breaks its limits (empty title, rating of a hypothesis that is not
    /// there, ...); nothing was written.
    #[error("invalid board: {0}")]
    InvalidBoard(String),
    /// Extractions were stored, or a second merge batch opened, while a merge batch was
    /// open on a PostgreSQL store (the batch holds its own connection and transaction).
    #[error("a merge batch is open: end it before storing extractions or opening another")]
    MergeBatchOpen,
    /// A merge of the open merge batch failed (its error was returned then): the batch
    /// commits nothing, and ending it rolls it back.
    #[error("a merge of this batch failed: the batch was rolled back and nothing of it was kept")]
    MergeBatchFailed,
    /// Any other SQLite error.
    #[error("sqlite: {0}")]
    Sqlite(rusqlite::Error),
    /// Applying a PostgreSQL migration failed; the database stays at the version before it.
    #[error("migration {version} ({name}) failed on PostgreSQL: {}", pg_message(source))]
    PostgresMigration {
        /// Version of the failing migration.
        version: i64,
        /// Name of the failing migration.
        name: &'static str,
        /// The underlying PostgreSQL error.
        #[source]
        source: postgres::Error,
    },
    /// The PostgreSQL URL cannot be parsed.
    #[error("invalid PostgreSQL URL: {0}")]
    BadUrl(String),
    /// No connection to the PostgreSQL server could be made (or taken from the pool) in time.
    #[error("cannot connect to PostgreSQL: {0}")]
    Connect(String),
    /// PostgreSQL refused a document's merge (a constraint, a missing event); nothing of it
    /// was written. Holds the document id, the SQLSTATE and the server's message.
    #[error("postgres: the merge was not written: {0}")]
    MergeRejected(String),
    /// Any other PostgreSQL error.
    #[error("postgres: {}", pg_message(.0))]
    Postgres(postgres::Error),
}

/// The server's own message (with its detail and SQLSTATE) when there is one: the driver's
/// `Display` says only "db error".
pub(crate) fn pg_message(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => {
            let mut m = format!("{} (SQLSTATE {})", db.message(), db.code().code());
            if let Some(d) = db.detail() {
                m.push_str(": ");
                m.push_str(d);
            }
            m
        }
        None => match std::error::Error::source(e) {
            Some(cause) => format!("{e}: {cause}"),
            None => e.to_string(),
        },
    }
}

impl From<postgres::Error> for StoreError {
    fn from(e: postgres::Error) -> Self {
        use postgres::error::SqlState;
        match e.code() {
            Some(c) if *c == SqlState::LOCK_NOT_AVAILABLE => StoreError::Locked,
            Some(c) if *c == SqlState::DATA_CORRUPTED || *c == SqlState::INDEX_CORRUPTED => {
                StoreError::Corrupt(e.to_string())
            }
            _ if e.is_closed() => StoreError::Connect(pg_message(&e)),
            _ => StoreError::Postgres(e),
        }
    }
}

impl From<r2d2::Error> for StoreError {
    fn from(e: r2d2::Error) -> Self {
        StoreError::Connect(e.to_string())
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Locked,
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => StoreError::Corrupt(e.to_string()),
            _ => StoreError::Sqlite(e),
        }
    }
}

/// Result alias for `claimgraph-store`.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
