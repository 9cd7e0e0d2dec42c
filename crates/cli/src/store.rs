//! Opening the store `--db` names: a SQLite file path, or a `postgres://` /
//! `postgresql://` URL for a PostgreSQL database.

use std::path::Path;

use anyhow::{Context, Result, bail};
use claimgraph_store::{FeedLog, IncidentStore, PgStore, SqliteStore, Store, is_postgres_url};

/// What the commands need of a store, on either backend: documents ([`Store`]), the
/// incidents merged across them ([`IncidentStore`]) and what `watch` has seen
/// ([`FeedLog`]).
pub trait CliStore: Store + IncidentStore + FeedLog + Send {}

impl<T: Store + IncidentStore + FeedLog + Send> CliStore for T {}

/// A store of either backend.
pub type AnyStore = Box<dyn CliStore>;

/// The PostgreSQL URL `db` holds, if it is one.
pub fn postgres_url(db: &Path) -> Option<&str> {
    db.to_str().filter(|s| is_postgres_url(s))
}

/// `db` for messages, with any password in a URL hidden.
pub fn describe(db: &Path) -> String {
    match postgres_url(db) {
        Some(url) => redact(url),
        None => db.display().to_string(),
    }
}

/// A URL with the password of its user info replaced by `***`.
fn redact(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else { return url.to_string() };
    let rest = &url[scheme_end..];
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => match rest[..at].find(':') {
            Some(colon) => format!("{}{}:***{}", &url[..scheme_end], &rest[..colon], &rest[at..]),
            None => url.to_string(),
        },
        None => url.to_string(),
    }
}

/// Opens the store, creating it (file or schema) when needed, and migrates it.
pub fn open(db: &Path) -> Result<AnyStore> {
    let store: AnyStore = match postgres_url(db) {
        Some(url) => {
            Box::new(PgStore::open(url).with_context(|| format!("cannot open the store {}", redact(url)))?)
        }
        None => Box::new(
            SqliteStore::open(db).with_context(|| format!("cannot open the store {}", db.display()))?,
        ),
    };
    Ok(store)
}

/// Opens a store that must exist already: a missing SQLite file is an error, not an empty
/// answer. (A PostgreSQL database must exist on its server; a new one gets the schema.)
pub fn open_existing(db: &Path) -> Result<AnyStore> {
    if postgres_url(db).is_none() && !db.exists() {
        bail!(
            "no store at {} (run `claimgraph ingest PATH...` or `claimgraph demo` first, or pass --db)",
            db.display()
        );
    }
    open(db)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_hidden() {
        assert_eq!(redact("postgres://u:secret@h:5432/db?x=1"), "postgres://u:***@h:5432/db?x=1");
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(redact("postgresql://h/db"), "postgresql://h/db");
        assert_eq!(describe(Path::new("claimgraph.db")), "claimgraph.db");
        assert!(postgres_url(Path::new("POSTGRES://h/db")).is_some());
        assert!(postgres_url(Path::new("postgres.db")).is_none());
    }
}
