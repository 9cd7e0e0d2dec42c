//! Finding a document by its full id or a unique prefix of it.

use rusqlite::{Connection, OptionalExtension};

use crate::error::{Result, StoreError};

/// True when a document with exactly this id is stored.
pub(super) fn contains(conn: &Connection, doc_id: &str) -> Result<bool> {
    let found = conn
        .prepare_cached("SELECT 1 FROM documents WHERE id = ?1")?
        .query_row([doc_id], |_| Ok(()))
        .optional()?;
    Ok(found.is_some())
}

/// The full id of the one document whose id is `id_or_prefix` or starts with it (`sha256:`
/// may be left out). `None` when nothing matches.
pub(super) fn resolve(conn: &Connection, id_or_prefix: &str) -> Result<Option<String>> {
    let given = id_or_prefix.trim();
    if given.is_empty() {
        return Ok(None);
    }
    if contains(conn, given)? {
        return Ok(Some(given.to_string()));
    }
    let prefix = if given.starts_with("sha256:") { given.to_string() } else { format!("sha256:{given}") };
    // Every id starting with `prefix` sorts in [prefix, prefix + U+10FFFF), so the unique
    // index on `id` answers this without a scan.
    let upper = format!("{prefix}\u{10FFFF}");
    let mut stmt =
        conn.prepare_cached("SELECT id FROM documents WHERE id >= ?1 AND id < ?2 ORDER BY id LIMIT 2")?;
    let ids: Vec<String> = stmt.query_map((&prefix, &upper), |r| r.get(0))?.collect::<Result<_, _>>()?;
    match ids.len() {
        0 => Ok(None),
        1 => Ok(ids.into_iter().next()),
        _ => {
            let matches: i64 = conn
                .prepare_cached("SELECT count(*) FROM documents WHERE id >= ?1 AND id < ?2")?
                .query_row((&prefix, &upper), |r| r.get(0))?;
            Err(StoreError::AmbiguousId { prefix: given.to_string(), matches: matches as usize })
        }
    }
}

/// Like [`resolve`], for filters: a document that is not there is an error.
pub(super) fn resolve_filter(conn: &Connection, doc: Option<&str>) -> Result<Option<String>> {
    match doc {
        None => Ok(None),
        Some(d) => resolve(conn, d)?.map(Some).ok_or_else(|| StoreError::NotFound(d.to_string())),
    }
}
