//! Full-text search with PostgreSQL's text search, with user text always quoted.

use postgres::GenericClient;

use crate::error::Result;
use crate::rows::SearchHit;

/// Turns any user string into the text of a safe `tsquery`: each whitespace-separated term
/// becomes one quoted lexeme (`\` and `'` escaped), so no operator (`&`, `|`, `!`, `<->`,
/// `:`, `(`) of it is read as syntax; PostgreSQL's parser then splits the quoted text into
/// words as it split the documents (`l’opération` is the phrase `l <-> operation`). Terms
/// are joined with `&`, so all must occur; a term ending in `*` is a prefix (`:*`). Terms
/// with no letter or digit are dropped; `None` when none is left. NUL, which PostgreSQL
/// text cannot hold, is dropped.
///
/// The result is passed as a bound parameter to `to_tsquery`, never spliced into SQL.
pub fn tsquery_text(query: &str) -> Option<String> {
    let mut out = String::new();
    for term in query.split_whitespace() {
        let body = term.trim_end_matches('*');
        if !body.chars().any(char::is_alphanumeric) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(" & ");
        }
        out.push('\'');
        for c in body.chars() {
            match c {
                '\0' => {}
                '\\' | '\'' => {
                    out.push('\\');
                    out.push(c);
                }
                c => out.push(c),
            }
        }
        out.push('\'');
        if body.len() < term.len() {
            out.push_str(":*");
        }
    }
    (!out.is_empty()).then_some(out)
}

/// Documents matching `query`, best first (titles weigh twice as much as text).
pub(super) fn search(c: &mut impl GenericClient, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
    let Some(q) = tsquery_text(query) else {
        return Ok(Vec::new());
    };
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    // Ranks are computed for every match, headlines (costly) only for the returned rows.
    // ts_rank is "higher is better"; the store's contract is "lower is better", as BM25 in
    // SQLite, so it is negated. Weights {D, C, B, A}: title (A) twice the text (B).
    let rows = c.query(
        "WITH q AS (SELECT to_tsquery('claimgraph', $1) AS q),
         hits AS (
             SELECT d.seq, ts_rank('{0.1, 0.2, 0.5, 1.0}', d.fts, q.q) AS rank
             FROM documents d, q WHERE d.fts @@ q.q
             ORDER BY rank DESC, d.seq DESC
             LIMIT $2
         )
         SELECT d.id, d.title,
                ts_headline('claimgraph', d.text, q.q,
                            'StartSel=[, StopSel=], MaxWords=16, MinWords=6, ShortWord=1, MaxFragments=1, FragmentDelimiter=…'),
                -(hits.rank::float8)
         FROM hits JOIN documents d ON d.seq = hits.seq, q
         ORDER BY hits.rank DESC, hits.seq DESC",
        &[&q, &limit],
    )?;
    Ok(rows
        .iter()
        .map(|r| SearchHit { doc_id: r.get(0), title: r.get(1), snippet: r.get(2), rank: r.get(3) })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::tsquery_text;

    #[test]
    fn quotes_everything() {
        assert_eq!(tsquery_text("Iran paid").as_deref(), Some("'Iran' & 'paid'"));
        assert_eq!(tsquery_text("bount*").as_deref(), Some("'bount':*"));
        assert_eq!(tsquery_text("a|b !c").as_deref(), Some("'a|b' & '!c'"));
        assert_eq!(tsquery_text("it's a\\b").as_deref(), Some("'it\\'s' & 'a\\\\b'"));
        assert_eq!(tsquery_text("x\0y").as_deref(), Some("'xy'"));
        for empty in ["", "   ", "'", "*", "& | ! ( ) <->", "''*"] {
            assert_eq!(tsquery_text(empty), None, "{empty:?}");
        }
    }
}
