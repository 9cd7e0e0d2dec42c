//! [`Workspace`] for SQLite (migration 0004): token hashes, hypothesis boards, an actor's
//! events and event timelines. Every statement is fixed text with bound parameters.

use rusqlite::{OptionalExtension, TransactionBehavior};

use crate::codes::from_code;
use crate::error::Result;
use crate::rows::EntityRow;
use crate::workspace::{
    ActorEntityRow, ActorEvent, Board, BoardEvidence, BoardInput, BoardRating, BoardSummary, Rating, Role,
    TimelineBucket, TimelineFilter, Workspace, aggregate_actor, bucket_width, check_board,
};

use super::SqliteStore;
use super::list;

impl Workspace for SqliteStore {
    fn token_hashes(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached("SELECT hash FROM api_tokens ORDER BY created_at, hash")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn set_token_hash(&mut self, hash: &str) -> Result<()> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute("DELETE FROM api_tokens", [])?;
        tx.execute(
            "INSERT INTO api_tokens (hash, created_at) VALUES (?1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
            [hash],
        )?;
        tx.commit()?;
        Ok(())
    }

    fn boards(&self) -> Result<Vec<BoardSummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT b.id, b.title, b.updated_at,
                    (SELECT count(*) FROM board_hypotheses h WHERE h.board = b.id),
                    (SELECT count(*) FROM board_evidence e WHERE e.board = b.id)
             FROM boards b ORDER BY b.updated_at DESC, b.id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(BoardSummary {
                id: r.get(0)?,
                title: r.get(1)?,
                updated_at: r.get(2)?,
                n_hypotheses: r.get::<_, i64>(3)?.max(0) as u64,
                n_evidence: r.get::<_, i64>(4)?.max(0) as u64,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn board(&self, id: i64) -> Result<Option<Board>> {
        let tx = self.conn.unchecked_transaction()?;
        let head = tx
            .prepare_cached("SELECT title, question, created_at, updated_at FROM boards WHERE id = ?1")?
            .query_row([id], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get(3)?))
            })
            .optional()?;
        let Some((title, question, created_at, updated_at)) = head else {
            return Ok(None);
        };
        let hypotheses = tx
            .prepare_cached("SELECT text FROM board_hypotheses WHERE board = ?1 ORDER BY ord")?
            .query_map([id], |r| r.get(0))?
            .collect::<Result<Vec<String>, _>>()?;
        let evidence = tx
            .prepare_cached(
                "SELECT doc_id, claim_id, credibility FROM board_evidence WHERE board = ?1 ORDER BY ord",
            )?
            .query_map([id], |r| {
                Ok(BoardEvidence { doc_id: r.get(0)?, claim_id: r.get(1)?, credibility: r.get(2)? })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let raw = tx
            .prepare_cached(
                "SELECT hypothesis, evidence, rating FROM board_ratings WHERE board = ?1 ORDER BY hypothesis, evidence",
            )?
            .query_map([id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        let ratings = raw
            .into_iter()
            .map(|(h, e, rating)| {
                Ok(BoardRating {
                    hypothesis: h as usize,
                    evidence: e as usize,
                    rating: from_code::<Rating>("board_ratings.rating", &rating)?,
                })
            })
            .collect::<Result<_>>()?;
        Ok(Some(Board {
            id,
            created_at,
            updated_at,
            content: BoardInput { title, question, hypotheses, evidence, ratings },
        }))
    }

    fn save_board(&mut self, id: Option<i64>, b: &BoardInput) -> Result<Option<Board>> {
        check_board(b)?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id = match id {
            None => {
                tx.execute(
                    "INSERT INTO boards (title, question, created_at, updated_at)
                     VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                    (&b.title, &b.question),
                )?;
                tx.last_insert_rowid()
            }
            Some(id) => {
                let n = tx.execute(
                    "UPDATE boards SET title = ?2, question = ?3, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                     WHERE id = ?1",
                    (id, &b.title, &b.question),
                )?;
                if n == 0 {
                    return Ok(None);
                }
                tx.execute("DELETE FROM board_ratings WHERE board = ?1", [id])?;
                tx.execute("DELETE FROM board_evidence WHERE board = ?1", [id])?;
                tx.execute("DELETE FROM board_hypotheses WHERE board = ?1", [id])?;
                id
            }
        };
        {
            let mut h =
                tx.prepare_cached("INSERT INTO board_hypotheses (board, ord, text) VALUES (?1, ?2, ?3)")?;
            for (i, text) in b.hypotheses.iter().enumerate() {
                h.execute((id, i as i64, text))?;
            }
            let mut e = tx.prepare_cached(
                "INSERT INTO board_evidence (board, ord, doc_id, claim_id, credibility) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for (i, ev) in b.evidence.iter().enumerate() {
                e.execute((id, i as i64, &ev.doc_id, &ev.claim_id, ev.credibility))?;
            }
            let mut r = tx.prepare_cached(
                "INSERT INTO board_ratings (board, hypothesis, evidence, rating) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for rt in &b.ratings {
                r.execute((id, rt.hypothesis as i64, rt.evidence as i64, crate::codes::to_code(&rt.rating)))?;
            }
        }
        tx.commit()?;
        self.board(id)
    }

    fn delete_board(&mut self, id: i64) -> Result<bool> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute("DELETE FROM board_ratings WHERE board = ?1", [id])?;
        tx.execute("DELETE FROM board_evidence WHERE board = ?1", [id])?;
        tx.execute("DELETE FROM board_hypotheses WHERE board = ?1", [id])?;
        let n = tx.execute("DELETE FROM boards WHERE id = ?1", [id])?;
        tx.commit()?;
        Ok(n > 0)
    }

    fn actor_involvement(&self, key: &str, limit: usize, offset: usize) -> Result<Vec<ActorEvent>> {
        let tx = self.conn.unchecked_transaction()?;
        // The actor's entity rows come from the kb id and name indexes; its events from the
        // primary key of `events` (clustered by document), so nothing scans every event.
        let mut stmt = tx.prepare_cached(
            "WITH m AS MATERIALIZED (SELECT doc, id FROM entities WHERE kb_id = ?1
                                     UNION SELECT doc, id FROM entities WHERE name = ?1 AND kb_id IS NULL),
                  hits AS (SELECT v.doc, v.id, max(v.actor IS m.id) AS as_actor
                           FROM m JOIN events v ON v.doc = m.doc AND (v.actor = m.id OR v.target = m.id)
                           GROUP BY v.doc, v.id)
             SELECT d.id, d.published, v.id, v.type, v.mode, v.cameo, a.name, a.kb_id, t.name, t.kb_id,
                    v.date_start, v.date_end, v.date_precision, v.location_name, v.location_country,
                    v.location_lat, v.location_lon, v.fatalities_min, v.fatalities_max,
                    v.injuries_min, v.injuries_max, v.status, v.doc, h.as_actor
             FROM hits h
             JOIN events v ON v.doc = h.doc AND v.id = h.id
             JOIN documents d ON d.seq = v.doc
             LEFT JOIN entities a ON a.doc = v.doc AND a.id = v.actor
             LEFT JOIN entities t ON t.doc = v.doc AND t.id = v.target
             ORDER BY d.published DESC, d.seq DESC, v.ord
             LIMIT ?2 OFFSET ?3",
        )?;
        let raw = stmt
            .query_map((key, sql_len(limit), sql_len(offset)), |r| {
                let role = if r.get::<_, bool>(23)? { Role::Actor } else { Role::Target };
                Ok((role, list::raw_event_row(r)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        drop(stmt);
        raw.into_iter()
            .map(|(role, raw)| Ok(ActorEvent { role, event: list::finish_event_row(&tx, raw)? }))
            .collect()
    }

    fn actor_entity(&self, key: &str) -> Result<Option<EntityRow>> {
        let by_kb = self.entity_group("WHERE e.kb_id = ?1", key)?;
        if by_kb.is_some() {
            return Ok(by_kb);
        }
        let kb: Option<String> = self
            .conn
            .prepare_cached(
                "SELECT kb_id FROM entities WHERE name = ?1 AND kb_id IS NOT NULL
                 GROUP BY kb_id ORDER BY count(*) DESC, kb_id LIMIT 1",
            )?
            .query_row([key], |r| r.get(0))
            .optional()?;
        match kb {
            Some(kb) => self.entity_group("WHERE e.kb_id = ?1", &kb),
            None => self.entity_group("WHERE e.name = ?1 AND e.kb_id IS NULL", key),
        }
    }

    fn actor_claim_documents(&self, key: &str, name: &str, limit: usize) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "WITH m AS MATERIALIZED (SELECT doc, id FROM entities WHERE kb_id = ?1
                                     UNION SELECT doc, id FROM entities WHERE name = ?1 AND kb_id IS NULL),
                  docs AS (SELECT m.doc FROM m JOIN claims c ON c.doc = m.doc AND c.claimant_entity = m.id
                           UNION SELECT c.doc FROM claims c WHERE c.claimant_name = ?2)
             SELECT d.id FROM docs JOIN documents d ON d.seq = docs.doc
             ORDER BY d.published DESC, d.seq DESC
             LIMIT ?3",
        )?;
        let rows = stmt.query_map((key, name, sql_len(limit)), |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn timeline(&self, f: &TimelineFilter) -> Result<Vec<TimelineBucket>> {
        let width = bucket_width(f)?;
        // With an actor, its events are found from its entity rows (indexed), not by
        // checking every event.
        let sql = if f.actor.is_some() {
            "WITH m AS MATERIALIZED (SELECT doc, id FROM entities WHERE kb_id = ?5
                                     UNION SELECT doc, id FROM entities WHERE name = ?5 AND kb_id IS NULL),
                  ev AS (SELECT DISTINCT v.doc, v.id
                         FROM m JOIN events v ON v.doc = m.doc AND (v.actor = m.id OR v.target = m.id))
             SELECT substr(v.date_start, 1, ?1) AS period, v.type, count(*), coalesce(sum(v.fatalities_min), 0)
             FROM ev JOIN events v ON v.doc = ev.doc AND v.id = ev.id
             WHERE v.date_start IS NOT NULL
               AND (?2 IS NULL OR v.type = ?2)
               AND (?3 IS NULL OR v.date_start >= ?3)
               AND (?4 IS NULL OR substr(v.date_start, 1, length(?4)) <= ?4)
             GROUP BY period, v.type
             ORDER BY period, v.type"
        } else {
            "SELECT substr(v.date_start, 1, ?1) AS period, v.type, count(*), coalesce(sum(v.fatalities_min), 0)
             FROM events v
             WHERE v.date_start IS NOT NULL
               AND (?2 IS NULL OR v.type = ?2)
               AND (?3 IS NULL OR v.date_start >= ?3)
               AND (?4 IS NULL OR substr(v.date_start, 1, length(?4)) <= ?4)
               AND ?5 IS NULL
             GROUP BY period, v.type
             ORDER BY period, v.type"
        };
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map((width, &f.event_type, &f.since, &f.until, &f.actor), |r| {
            Ok(TimelineBucket {
                period: r.get(0)?,
                event_type: r.get(1)?,
                events: r.get::<_, i64>(2)?.max(0) as u64,
                fatalities_min: r.get::<_, i64>(3)?.max(0) as u64,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

impl SqliteStore {
    /// The entity rows selected by `filter` (one of two fixed clauses), aggregated.
    fn entity_group(&self, filter: &'static str, key: &str) -> Result<Option<EntityRow>> {
        let sql = match filter {
            "WHERE e.kb_id = ?1" => {
                "SELECT e.name, e.type, e.country, e.kb_id, e.doc,
                        (SELECT count(*) FROM mentions m WHERE m.doc = e.doc AND m.entity_id = e.id)
                 FROM entities e WHERE e.kb_id = ?1"
            }
            _ => {
                "SELECT e.name, e.type, e.country, e.kb_id, e.doc,
                        (SELECT count(*) FROM mentions m WHERE m.doc = e.doc AND m.entity_id = e.id)
                 FROM entities e WHERE e.name = ?1 AND e.kb_id IS NULL"
            }
        };
        let rows = self
            .conn
            .prepare_cached(sql)?
            .query_map([key], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, i64>(5)?,
                ))
            })?
            .collect::<Result<Vec<ActorEntityRow>, _>>()?;
        aggregate_actor(&rows)
    }
}

fn sql_len(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}
