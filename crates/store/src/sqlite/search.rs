//! Full-text search with FTS5, with user text always quoted.

use rusqlite::Connection;

use crate::error::Result;
use crate::rows::SearchHit;

/// Turns any user string into a safe FTS5 query: each whitespace-separated term becomes a
/// quoted string (inner `"` doubled), so operators (`AND`, `NEAR(`, `-`, `^`, `:`) and
/// punctuation are only text. A term ending in `*` becomes a prefix query. Terms with no
/// letter or digit are dropped, as the tokenizer would drop them; `None` when none is
/// left.
pub fn fts_query(query: &str) -> Option<String> {
    let mut out = String::new();
    for term in query.split_whitespace() {
        let body = term.trim_end_matches('*');
        if !body.chars().any(char::is_alphanumeric) {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push('"');
        out.push_str(&body.replace('"', "\"\""));
        out.push('"');
        if body.len() < term.len() {
            out.push('*');
        }
    }
    (!out.is_empty()).then_some(out)
}

/// Documents matching `query`, best first (titles weigh twice as much as text).
pub(super) fn search(conn: &Connection, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
    let Some(q) = fts_query(query) else {
        return Ok(Vec::new());
    };
    // `ORDER BY rank` with the weights given through `rank MATCH` lets FTS5 deliver rows
    // already sorted, so SQLite builds snippets for the returned rows only, not for every
    // match.
    let mut stmt = conn.prepare_cached(
        "SELECT d.id, d.title, snippet(documents_fts, -1, '[', ']', '…', 16), documents_fts.rank
         FROM documents_fts JOIN documents d ON d.seq = documents_fts.rowid
         WHERE documents_fts MATCH ?1 AND documents_fts.rank MATCH 'bm25(2.0, 1.0)'
         ORDER BY documents_fts.rank
         LIMIT ?2",
    )?;
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let rows = stmt.query_map((&q, limit), |r| {
        Ok(SearchHit { doc_id: r.get(0)?, title: r.get(1)?, snippet: r.get(2)?, rank: r.get(3)? })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::fts_query;

    #[test]
    fn quotes_everything() {
        assert_eq!(fts_query("Iran paid").as_deref(), Some("\"Iran\" \"paid\""));
        assert_eq!(fts_query("bount*").as_deref(), Some("\"bount\"*"));
        assert_eq!(fts_query("NEAR(a b").as_deref(), Some("\"NEAR(a\" \"b\""));
        assert_eq!(fts_query("say \"hi\"").as_deref(), Some("\"say\" \"\"\"hi\"\"\""));
        assert_eq!(fts_query("Kaboul’s école").as_deref(), Some("\"Kaboul’s\" \"école\""));
        for empty in ["", "   ", "\"", "*", "- ^ : ( )", "\"\"*"] {
            assert_eq!(fts_query(empty), None, "{empty:?}");
        }
    }
}
