//! Finding a document by its full id or a unique prefix of it.

use rusqlite::{Connection, OptionalExtension};

use crate::error::{Result, StoreError};

/// A stored document's keys: `seq` keys its rows in the child tables, `id` is public.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct DocKey {
    /// `documents.seq`.
    pub seq: i64,
    /// `sha256:` id.
    pub id: String,
}

/// The `seq` of the document with exactly this id.
pub(super) fn seq_of(conn: &Connection, doc_id: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT seq FROM documents WHERE id = ?1")?
        .query_row([doc_id], |r| r.get(0))
        .optional()?)
}

/// True when a document with exactly this id is stored.
pub(super) fn contains(conn: &Connection, doc_id: &str) -> Result<bool> {
    Ok(seq_of(conn, doc_id)?.is_some())
}

/// The one document whose id is `id_or_prefix` or starts with it (`sha256:` may be left
/// out). `None` when nothing matches.
pub(super) fn resolve(conn: &Connection, id_or_prefix: &str) -> Result<Option<DocKey>> {
    let given = id_or_prefix.trim();
    if given.is_empty() {
        return Ok(None);
    }
    if let Some(seq) = seq_of(conn, given)? {
        return Ok(Some(DocKey { seq, id: given.to_string() }));
    }
    let prefix = if given.starts_with("sha256:") { given.to_string() } else { format!("sha256:{given}") };
    // Every id starting with `prefix` sorts in [prefix, prefix + U+10FFFF), so the unique
    // index on `id` answers this without a scan.
    let upper = format!("{prefix}\u{10FFFF}");
    let mut stmt =
        conn.prepare_cached("SELECT seq, id FROM documents WHERE id >= ?1 AND id < ?2 ORDER BY id LIMIT 2")?;
    let keys: Vec<DocKey> = stmt
        .query_map((&prefix, &upper), |r| Ok(DocKey { seq: r.get(0)?, id: r.get(1)? }))?
        .collect::<Result<_, _>>()?;
    match keys.len() {
        0 => Ok(None),
        1 => Ok(keys.into_iter().next()),
        _ => {
            let matches: i64 = conn
                .prepare_cached("SELECT count(*) FROM documents WHERE id >= ?1 AND id < ?2")?
                .query_row((&prefix, &upper), |r| r.get(0))?;
            Err(StoreError::AmbiguousId { prefix: given.to_string(), matches: matches as usize })
        }
    }
}

/// Like [`resolve`], for filters: the `seq` of the document, and a document that is not
/// there is an error.
pub(super) fn resolve_filter(conn: &Connection, doc: Option<&str>) -> Result<Option<i64>> {
    match doc {
        None => Ok(None),
        Some(d) => match resolve(conn, d)? {
            Some(key) => Ok(Some(key.seq)),
            None => Err(StoreError::NotFound(d.to_string())),
        },
    }
}
