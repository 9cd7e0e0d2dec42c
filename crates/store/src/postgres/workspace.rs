//! [`Workspace`] for PostgreSQL: the statements of the SQLite backend
//! (`sqlite/workspace.rs`), one for one, with the same orders and answers (dates sort
//! NULLS LAST, as SQLite sorts them in descending order).

use postgres::GenericClient;

use crate::codes::{from_code, to_code};
use crate::error::Result;
use crate::rows::EntityRow;
use crate::workspace::{
    ActorEntityRow, ActorEvent, Board, BoardEvidence, BoardInput, BoardRating, BoardSummary, Rating, Role,
    TimelineBucket, TimelineFilter, Workspace, aggregate_actor, bucket_width, check_board,
};

use super::read::events_where;
use super::{PgStore, sql_len};

/// The current time as the workspace stores it (UTC, ISO 8601 to the second), as SQLite's
/// `strftime('%Y-%m-%dT%H:%M:%SZ', 'now')`.
const NOW: &str = "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";

/// The `(doc, id)` of the entity rows of actor `$1`: those with that kb id, and those of
/// that name without one.
const ACTOR_ROWS: &str = "SELECT doc, id FROM entities WHERE kb_id = $1
                          UNION SELECT doc, id FROM entities WHERE name = $1 AND kb_id IS NULL";

impl Workspace for PgStore {
    fn token_hashes(&self) -> Result<Vec<String>> {
        let mut conn = self.conn()?;
        let rows = conn.query("SELECT hash FROM api_tokens ORDER BY created_at, hash", &[])?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    fn set_token_hash(&mut self, hash: &str) -> Result<()> {
        let mut conn = self.conn()?;
        let mut tx = conn.transaction()?;
        tx.execute("DELETE FROM api_tokens", &[])?;
        tx.execute(&format!("INSERT INTO api_tokens (hash, created_at) VALUES ($1, {NOW})"), &[&hash])?;
        tx.commit()?;
        Ok(())
    }

    fn boards(&self) -> Result<Vec<BoardSummary>> {
        self.read(|tx| {
            let rows = tx.query(
                "SELECT b.id, b.title, b.updated_at,
                        (SELECT count(*) FROM board_hypotheses h WHERE h.board = b.id),
                        (SELECT count(*) FROM board_evidence e WHERE e.board = b.id)
                 FROM boards b ORDER BY b.updated_at DESC, b.id DESC",
                &[],
            )?;
            Ok(rows
                .iter()
                .map(|r| BoardSummary {
                    id: r.get(0),
                    title: r.get(1),
                    updated_at: r.get(2),
                    n_hypotheses: r.get::<_, i64>(3).max(0) as u64,
                    n_evidence: r.get::<_, i64>(4).max(0) as u64,
                })
                .collect())
        })
    }

    fn board(&self, id: i64) -> Result<Option<Board>> {
        self.read(|tx| board(tx, id))
    }

    fn save_board(&mut self, id: Option<i64>, b: &BoardInput) -> Result<Option<Board>> {
        check_board(b)?;
        let mut conn = self.conn()?;
        let mut tx = conn.transaction()?;
        let id = match id {
            None => tx
                .query_one(
                    &format!(
                        "INSERT INTO boards (title, question, created_at, updated_at)
                         VALUES ($1, $2, {NOW}, {NOW}) RETURNING id"
                    ),
                    &[&b.title, &b.question],
                )?
                .get(0),
            Some(id) => {
                let n = tx.execute(
                    &format!("UPDATE boards SET title = $2, question = $3, updated_at = {NOW} WHERE id = $1"),
                    &[&id, &b.title, &b.question],
                )?;
                if n == 0 {
                    return Ok(None);
                }
                tx.execute("DELETE FROM board_ratings WHERE board = $1", &[&id])?;
                tx.execute("DELETE FROM board_evidence WHERE board = $1", &[&id])?;
                tx.execute("DELETE FROM board_hypotheses WHERE board = $1", &[&id])?;
                id
            }
        };
        // One statement per table, the rows as arrays.
        let ords = |n: usize| (0..n as i64).collect::<Vec<i64>>();
        tx.execute(
            "INSERT INTO board_hypotheses (board, ord, text)
             SELECT $1, u.* FROM unnest($2::int8[], $3::text[]) AS u",
            &[&id, &ords(b.hypotheses.len()), &b.hypotheses],
        )?;
        let docs: Vec<&str> = b.evidence.iter().map(|e| e.doc_id.as_str()).collect();
        let claims: Vec<&str> = b.evidence.iter().map(|e| e.claim_id.as_str()).collect();
        let credibility: Vec<f64> = b.evidence.iter().map(|e| e.credibility).collect();
        tx.execute(
            "INSERT INTO board_evidence (board, ord, doc_id, claim_id, credibility)
             SELECT $1, u.* FROM unnest($2::int8[], $3::text[], $4::text[], $5::float8[]) AS u",
            &[&id, &ords(b.evidence.len()), &docs, &claims, &credibility],
        )?;
        let hypotheses: Vec<i64> = b.ratings.iter().map(|r| r.hypothesis as i64).collect();
        let evidence: Vec<i64> = b.ratings.iter().map(|r| r.evidence as i64).collect();
        let ratings: Vec<String> = b.ratings.iter().map(|r| to_code(&r.rating)).collect();
        tx.execute(
            "INSERT INTO board_ratings (board, hypothesis, evidence, rating)
             SELECT $1, u.* FROM unnest($2::int8[], $3::int8[], $4::text[]) AS u",
            &[&id, &hypotheses, &evidence, &ratings],
        )?;
        let saved = board(&mut tx, id)?;
        tx.commit()?;
        Ok(saved)
    }

    fn delete_board(&mut self, id: i64) -> Result<bool> {
        let mut conn = self.conn()?;
        let mut tx = conn.transaction()?;
        tx.execute("DELETE FROM board_ratings WHERE board = $1", &[&id])?;
        tx.execute("DELETE FROM board_evidence WHERE board = $1", &[&id])?;
        tx.execute("DELETE FROM board_hypotheses WHERE board = $1", &[&id])?;
        let n = tx.execute("DELETE FROM boards WHERE id = $1", &[&id])?;
        tx.commit()?;
        Ok(n > 0)
    }

    fn actor_involvement(&self, key: &str, limit: usize, offset: usize) -> Result<Vec<ActorEvent>> {
        // The actor's entity rows come from the kb id and name indexes, its events from the
        // primary key of `events`: nothing scans every event.
        let tail = format!(
            "FROM (SELECT DISTINCT v.doc, v.id
                   FROM ({ACTOR_ROWS}) m JOIN events v ON v.doc = m.doc AND (v.actor = m.id OR v.target = m.id)) h
             JOIN events v ON v.doc = h.doc AND v.id = h.id
             JOIN documents d ON d.seq = v.doc
             LEFT JOIN entities a ON a.doc = v.doc AND a.id = v.actor
             LEFT JOIN entities t ON t.doc = v.doc AND t.id = v.target
             ORDER BY d.published DESC NULLS LAST, d.seq DESC, v.ord
             LIMIT $2 OFFSET $3"
        );
        let events = self.read(|tx| events_where(tx, &tail, &[&key, &sql_len(limit), &sql_len(offset)]))?;
        // The actor's role, as SQLite tells it: its entity is the event's actor, else the
        // target (the actor entity is the actor's when its kb id is `key`, or, without one,
        // its name is).
        Ok(events
            .into_iter()
            .map(|event| {
                let is_actor = match event.actor_kb_id.as_deref() {
                    Some(kb) => kb == key,
                    None => event.actor.as_deref() == Some(key),
                };
                ActorEvent { role: if is_actor { Role::Actor } else { Role::Target }, event }
            })
            .collect())
    }

    fn actor_entity(&self, key: &str) -> Result<Option<EntityRow>> {
        self.read(|tx| {
            if let Some(by_kb) = entity_group(tx, true, key)? {
                return Ok(Some(by_kb));
            }
            let kb: Option<String> = tx
                .query_opt(
                    "SELECT kb_id FROM entities WHERE name = $1 AND kb_id IS NOT NULL
                     GROUP BY kb_id ORDER BY count(*) DESC, kb_id LIMIT 1",
                    &[&key],
                )?
                .map(|r| r.get(0));
            match kb {
                Some(kb) => entity_group(tx, true, &kb),
                None => entity_group(tx, false, key),
            }
        })
    }

    fn actor_claim_documents(&self, key: &str, name: &str, limit: usize) -> Result<Vec<String>> {
        self.read(|tx| {
            let rows = tx.query(
                &format!(
                    "WITH m AS MATERIALIZED ({ACTOR_ROWS}),
                          docs AS (SELECT m.doc FROM m JOIN claims c ON c.doc = m.doc AND c.claimant_entity = m.id
                                   UNION SELECT c.doc FROM claims c WHERE c.claimant_name = $2)
                     SELECT d.id FROM docs JOIN documents d ON d.seq = docs.doc
                     ORDER BY d.published DESC NULLS LAST, d.seq DESC
                     LIMIT $3"
                ),
                &[&key, &name, &sql_len(limit)],
            )?;
            Ok(rows.iter().map(|r| r.get(0)).collect())
        })
    }

    fn timeline(&self, f: &TimelineFilter) -> Result<Vec<TimelineBucket>> {
        let width = bucket_width(f)? as i32;
        // With an actor, its events are found from its entity rows (indexed), not by
        // checking every event.
        let events = match f.actor {
            Some(_) => format!(
                "(SELECT DISTINCT v.doc, v.id
                  FROM ({ACTOR_ROWS}) m JOIN events v ON v.doc = m.doc AND (v.actor = m.id OR v.target = m.id)) ev
                 JOIN events v ON v.doc = ev.doc AND v.id = ev.id"
            ),
            None => "events v".to_string(),
        };
        let actor_unset = if f.actor.is_some() { "" } else { "AND $1::text IS NULL" };
        let sql = format!(
            "SELECT substr(v.date_start, 1, $2) AS period, v.type, count(*),
                    coalesce(sum(v.fatalities_min), 0)::int8
             FROM {events}
             WHERE v.date_start IS NOT NULL
               AND ($3::text IS NULL OR v.type = $3)
               AND ($4::text IS NULL OR v.date_start >= $4)
               AND ($5::text IS NULL OR substr(v.date_start, 1, length($5)) <= $5)
               {actor_unset}
             GROUP BY period, v.type
             ORDER BY period, v.type"
        );
        self.read(|tx| {
            let rows = tx.query(&sql, &[&f.actor, &width, &f.event_type, &f.since, &f.until])?;
            Ok(rows
                .iter()
                .map(|r| TimelineBucket {
                    period: r.get(0),
                    event_type: r.get(1),
                    events: r.get::<_, i64>(2).max(0) as u64,
                    fatalities_min: r.get::<_, i64>(3).max(0) as u64,
                })
                .collect())
        })
    }
}

/// Board `id` as `c` sees it.
fn board(c: &mut impl GenericClient, id: i64) -> Result<Option<Board>> {
    let Some(head) =
        c.query_opt("SELECT title, question, created_at, updated_at FROM boards WHERE id = $1", &[&id])?
    else {
        return Ok(None);
    };
    let hypotheses = c
        .query("SELECT text FROM board_hypotheses WHERE board = $1 ORDER BY ord", &[&id])?
        .iter()
        .map(|r| r.get(0))
        .collect();
    let evidence = c
        .query(
            "SELECT doc_id, claim_id, credibility FROM board_evidence WHERE board = $1 ORDER BY ord",
            &[&id],
        )?
        .iter()
        .map(|r| BoardEvidence { doc_id: r.get(0), claim_id: r.get(1), credibility: r.get(2) })
        .collect();
    let ratings = c
        .query(
            "SELECT hypothesis, evidence, rating FROM board_ratings WHERE board = $1 ORDER BY hypothesis, evidence",
            &[&id],
        )?
        .iter()
        .map(|r| {
            Ok(BoardRating {
                hypothesis: r.get::<_, i64>(0) as usize,
                evidence: r.get::<_, i64>(1) as usize,
                rating: from_code::<Rating>("board_ratings.rating", r.get::<_, &str>(2))?,
            })
        })
        .collect::<Result<_>>()?;
    Ok(Some(Board {
        id,
        created_at: head.get(2),
        updated_at: head.get(3),
        content: BoardInput { title: head.get(0), question: head.get(1), hypotheses, evidence, ratings },
    }))
}

/// The entity rows with kb id `key` (`by_kb`), or named `key` without a kb id, aggregated.
fn entity_group(c: &mut impl GenericClient, by_kb: bool, key: &str) -> Result<Option<EntityRow>> {
    let filter = if by_kb { "e.kb_id = $1" } else { "e.name = $1 AND e.kb_id IS NULL" };
    let rows: Vec<ActorEntityRow> = c
        .query(
            &format!(
                "SELECT e.name, e.type, e.country, e.kb_id, e.doc,
                        (SELECT count(*) FROM mentions m WHERE m.doc = e.doc AND m.entity_id = e.id)
                 FROM entities e WHERE {filter}"
            ),
            &[&key],
        )?
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5)))
        .collect();
    aggregate_actor(&rows)
}
