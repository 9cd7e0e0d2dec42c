//! [`IncidentStore`] for PostgreSQL: the statements of the SQLite backend
//! (`sqlite/incidents.rs`), one for one, with the same orders, matches and errors.
//!
//! Every call goes through one connection the store keeps for merging ([`MergeConn`]),
//! with its statements prepared once (an unprepared query costs two round trips instead of
//! one). While a merge batch is open that connection holds the batch's transaction, so the
//! reads of merging see the batch's own writes. Merges are written by the server-side
//! function `claimgraph_apply_merges` (migration 10), many documents per call: inside a
//! batch they are queued ([`MergeQueue`]) and sent together before the batch's next read
//! that could see them and at its end; a batch in which one failed commits nothing. Inside a batch, candidates and signatures come from a copy of the blocking index
//! ([`crate::candidates`], as on SQLite), kept across batches while the merge generation
//! (migration 8) shows that no one else changed the merge tables. Outside a batch each write
//! is a transaction of its own and reads of several statements share one snapshot.
//!
//! Merge writes of different connections (two ingests into one database) run one after the
//! other, as SQLite's write lock makes them: a batch, and a write outside one, first takes
//! a transaction-scoped advisory lock ([`MERGE_LOCK`]), waiting at most as long as SQLite
//! waits for its lock ([`BUSY_TIMEOUT`]). Without it, two batches would each miss the
//! other's new events and open two incidents for one.
//!
//! Case-insensitive matches fold ASCII letters only (`translate`), as SQLite's `LIKE` and
//! `COLLATE NOCASE` do, so both backends match the same rows whatever the server's locale.

use std::collections::HashMap;
use std::sync::MutexGuard;

use postgres::types::ToSql;
use postgres::{Row, Statement};

use crate::blob;
use crate::candidates::{Block, CandidateCache};
use crate::error::{Result, StoreError};
use crate::incidents::{
    CandidateQuery, IncidentFilter, IncidentStore, MemberRow, MergeEventRow, MergePlan, SignatureRow,
    SourceGrade,
};
use crate::incidents::{MERGE_EVENT_COLUMNS, block_query, pick_incident};
use crate::rows::{ClaimRow, EventRow};
use crate::sqlite::list::like_pattern;

use crate::sqlite::BUSY_TIMEOUT;

use super::merge_queue::{APPLY_MERGES, MergeQueue};
use super::read::{claims_where, events_where};
use super::{Conn, PgStore, sql_len};

/// A text in which the ASCII letters of `expr` (an SQL expression) are lower-cased and
/// nothing else changes: SQLite's `lower()`, `LIKE` and `NOCASE`, not the locale's.
fn fold(expr: &str) -> String {
    format!("translate({expr}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')")
}

/// UTC now as SQLite's `strftime('%Y-%m-%dT%H:%M:%SZ', 'now')` writes it.
const NOW: &str = "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";

fn merge_event_row(r: &Row) -> MergeEventRow {
    let country: String = r.get(5);
    let sketch: Vec<u8> = r.get(12);
    let fmin: Option<i64> = r.get(14);
    let fmax: Option<i64> = r.get(15);
    MergeEventRow {
        doc_id: r.get(0),
        event_id: r.get(1),
        incident: r.get(2),
        sort_key: r.get(3),
        family: r.get(4),
        country: if country.is_empty() { None } else { Some(country) },
        day_lo: r.get(6),
        day_hi: r.get(7),
        place_geonames: r.get(8),
        place_country: r.get::<_, i64>(9) != 0,
        place_name: r.get(16),
        actor_root: r.get(10),
        target_root: r.get(11),
        sketch: blob::to_u32s(&sketch),
        mode: r.get(13),
        fatalities_min: fmin.map(|v| v.max(0) as u64),
        fatalities_max: fmax.map(|v| v.max(0) as u64),
    }
}

type Params<'a> = [&'a (dyn ToSql + Sync)];

/// The advisory lock key merge writes hold (per database): "cgmerge" in ASCII.
pub const MERGE_LOCK: i64 = 0x63_67_6d_65_72_67_65;

/// Opens a transaction holding [`MERGE_LOCK`]; a wait longer than [`BUSY_TIMEOUT`] fails
/// with [`StoreError::Locked`].
fn begin_locked() -> String {
    format!(
        "BEGIN; SET LOCAL lock_timeout = '{}ms'; SELECT pg_advisory_xact_lock({MERGE_LOCK});",
        BUSY_TIMEOUT.as_millis()
    )
}

/// The connection merging uses, with its prepared statements and whether a merge batch
/// (a transaction) is open on it.
pub(super) struct MergeConn {
    conn: Conn,
    statements: HashMap<String, Statement>,
    /// The blocking index as far as this connection has read it, used inside merge batches
    /// (see [`crate::candidates`]); its snapshot is the merge generation (migration 8).
    cache: CandidateCache<i64>,
    /// The open merge batch, if any.
    batch: Option<Batch>,
    /// Merges of the open batch not sent yet.
    queued: MergeQueue,
}

/// Most merges queued before they are sent (a merge batch of the ingest is 256 documents).
const QUEUE_LIMIT: usize = 256;

/// An open merge batch.
#[derive(Debug, Clone, Copy)]
struct Batch {
    /// The merge generation when it began.
    began: i64,
    /// Whether a merge of the batch was written (which moves the generation by one).
    wrote: bool,
    /// Whether a merge of the batch failed: then it commits nothing.
    failed: bool,
}

/// The merge generation (migration 8): moves once per transaction that changes the merge
/// tables.
const GENERATION: &str = "SELECT generation FROM merge_state WHERE id = 1";

impl MergeConn {
    pub(super) fn new(conn: Conn) -> Self {
        MergeConn {
            conn,
            statements: HashMap::new(),
            cache: CandidateCache::default(),
            batch: None,
            queued: MergeQueue::default(),
        }
    }

    /// True when a merge batch is open on this connection.
    pub(super) fn in_batch(&self) -> bool {
        self.batch.is_some()
    }

    /// True when the connection is broken.
    pub(super) fn is_closed(&self) -> bool {
        self.conn.is_closed()
    }

    /// `sql`, prepared on first use.
    fn statement(&mut self, sql: &str) -> Result<Statement> {
        if let Some(s) = self.statements.get(sql) {
            return Ok(s.clone());
        }
        let s = self.conn.prepare(sql)?;
        self.statements.insert(sql.to_string(), s.clone());
        Ok(s)
    }

    /// Runs a statement, after sending the queued merges (it may read what they write).
    fn query(&mut self, sql: &str, params: &Params<'_>) -> Result<Vec<Row>> {
        self.send_queued()?;
        self.query_unsent(sql, params)
    }

    /// Runs a statement without sending the queued merges first: only for reads that the
    /// queued merges cannot change.
    fn query_unsent(&mut self, sql: &str, params: &Params<'_>) -> Result<Vec<Row>> {
        let st = self.statement(sql)?;
        Ok(self.conn.query(&st, params)?)
    }

    fn query_opt(&mut self, sql: &str, params: &Params<'_>) -> Result<Option<Row>> {
        self.send_queued()?;
        let st = self.statement(sql)?;
        Ok(self.conn.query_opt(&st, params)?)
    }

    fn execute(&mut self, sql: &str, params: &Params<'_>) -> Result<u64> {
        self.send_queued()?;
        let st = self.statement(sql)?;
        Ok(self.conn.execute(&st, params)?)
    }

    /// Writes the queued merges, in one call. When one fails, the open batch is marked
    /// failed (it will commit nothing) and its error returned.
    fn send_queued(&mut self) -> Result<()> {
        if self.queued.is_empty() {
            return Ok(());
        }
        let sent = self.statement(APPLY_MERGES).and_then(|st| {
            let row = self.conn.query_one(&st, &self.queued.params())?;
            match (row.get::<_, Option<i32>>(0), row.get::<_, Option<String>>(1)) {
                (Some(failed), Some(message)) => Err(self.queued.failure(failed, &message)),
                _ => Ok(()),
            }
        });
        self.queued.clear();
        if sent.is_err()
            && let Some(batch) = self.batch.as_mut()
        {
            batch.failed = true;
        }
        sent
    }

    /// Runs `f` so that its statements see one snapshot: inside the open batch, else in a
    /// read-only REPEATABLE READ transaction.
    fn snapshot<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        if self.in_batch() {
            return f(self);
        }
        self.conn.batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")?;
        self.finish(f, "COMMIT", "ROLLBACK")
    }

    /// Runs `f` atomically: a savepoint inside the open batch, else a transaction.
    fn atomic<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        self.send_queued()?;
        if self.in_batch() {
            self.conn.batch_execute("SAVEPOINT claimgraph_write")?;
            self.finish(
                f,
                "RELEASE SAVEPOINT claimgraph_write",
                "ROLLBACK TO SAVEPOINT claimgraph_write; RELEASE SAVEPOINT claimgraph_write",
            )
        } else {
            self.begin()?;
            self.finish(f, "COMMIT", "ROLLBACK")
        }
    }

    /// Runs `f`, then `ok` when it succeeded or `undo` when it failed.
    fn finish<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T>, ok: &str, undo: &str) -> Result<T> {
        match f(self) {
            Ok(v) => {
                self.conn.batch_execute(ok)?;
                Ok(v)
            }
            Err(e) => {
                // The first error is the one to report; a failed undo leaves the connection
                // in a state `with_merge_conn` discards (it is closed) or the batch ends.
                let _ = self.conn.batch_execute(undo);
                Err(e)
            }
        }
    }

    /// Opens a transaction holding the merge lock.
    fn begin(&mut self) -> Result<()> {
        if let Err(e) = self.conn.batch_execute(&begin_locked()) {
            // The lock was not taken: leave no transaction open.
            let _ = self.conn.batch_execute("ROLLBACK");
            return Err(e.into());
        }
        Ok(())
    }

    fn begin_batch(&mut self) -> Result<()> {
        if self.in_batch() {
            return Err(StoreError::MergeBatchOpen);
        }
        self.begin()?;
        // Under the merge lock: no other merge writes until the batch ends. The copy of the
        // blocking index is kept when nothing changed the merge tables since it was made.
        let generation: i64 = match self.query_opt(GENERATION, &[]) {
            Ok(row) => row.map_or(0, |r| r.get(0)),
            Err(e) => {
                let _ = self.conn.batch_execute("ROLLBACK");
                return Err(e);
            }
        };
        self.cache.validate(generation);
        self.batch = Some(Batch { began: generation, wrote: false, failed: false });
        Ok(())
    }

    fn end_batch(&mut self, commit: bool) -> Result<()> {
        if self.batch.is_none() {
            return Ok(());
        }
        // What is still queued is written now, or, rolling back, never.
        let sent = if commit {
            self.send_queued()
        } else {
            self.queued.clear();
            Ok(())
        };
        let Some(batch) = self.batch.take() else { return Ok(()) };
        if !commit || batch.failed {
            self.cache.clear();
            let undone = self.conn.batch_execute("ROLLBACK");
            sent?;
            if commit {
                return Err(StoreError::MergeBatchFailed);
            }
            undone?;
            return Ok(());
        }
        // The generation as this batch leaves it: its own change (one, if it wrote) on top
        // of the one it began with, unless someone else's came in between.
        let now: Option<i64> = match self.query_opt(GENERATION, &[]) {
            Ok(row) => row.map(|r| r.get(0)),
            Err(e) => {
                self.cache.clear();
                let _ = self.conn.batch_execute("ROLLBACK");
                return Err(e);
            }
        };
        if let Err(e) = self.conn.batch_execute("COMMIT") {
            self.cache.clear();
            return Err(e.into());
        }
        match now {
            Some(now) if now == batch.began + i64::from(batch.wrote) => {
                let current = self.cache.is_current(batch.began);
                self.cache.after_write(now, current, true);
            }
            _ => self.cache.clear(),
        }
        Ok(())
    }

    /// Merged events of a type family and width class whose interval starts in
    /// `[first, last]`, each with its document's signature: a block of the cache.
    fn read_block(&mut self, family: &str, wide: bool, first: i64, last: i64) -> Result<Block> {
        let sql = block_query("$1", "$2", "$3", "$4");
        let rows = self.query(&sql, &[&family, &i64::from(wide), &first, &last])?;
        Ok(rows
            .iter()
            .map(|r| {
                let row = merge_event_row(r);
                let signature = r.get::<_, Option<Vec<u8>>>(18).map(|sig| SignatureRow {
                    doc_id: row.doc_id.clone(),
                    published: r.get(17),
                    signature: blob::to_u64s(&sig),
                    dup_group: r.get(19),
                    shingles: r.get::<_, i64>(20).max(0) as u64,
                    group_published: r.get(21),
                });
                (row, signature)
            })
            .collect())
    }

    /// Signatures of the merged documents among `doc_ids`, in id order.
    fn read_signatures(&mut self, doc_ids: &[String]) -> Result<Vec<SignatureRow>> {
        // One statement for the whole list (an array parameter), in id order; an id given
        // twice gives its row twice, as SQLite's `json_each` join does.
        let rows = self.query(
            "SELECT d.id, d.published, s.signature, s.dup_group, g.published, s.shingles
             FROM unnest($1::text[]) j (value)
             JOIN documents d ON d.id = j.value
             JOIN doc_signatures s ON s.doc = d.seq
             LEFT JOIN documents g ON g.id = s.dup_group
             ORDER BY d.id",
            &[&doc_ids],
        )?;
        Ok(rows
            .iter()
            .map(|r| {
                let sig: Vec<u8> = r.get(2);
                SignatureRow {
                    doc_id: r.get(0),
                    published: r.get(1),
                    signature: blob::to_u64s(&sig),
                    shingles: r.get::<_, i64>(5).max(0) as u64,
                    dup_group: r.get(3),
                    group_published: r.get(4),
                }
            })
            .collect())
    }
}

impl Drop for MergeConn {
    fn drop(&mut self) {
        // The connection goes back to the pool: it must not carry an open batch there.
        if self.in_batch() && !self.conn.is_closed() {
            let _ = self.conn.batch_execute("ROLLBACK");
        }
    }
}

impl PgStore {
    /// The merge connection's slot. After a panic while it was held, the connection (in an
    /// unknown state) is dropped, rolling back an open batch, and the next call takes a
    /// fresh one.
    fn merge_guard(&self) -> MutexGuard<'_, Option<MergeConn>> {
        match self.merge.lock() {
            Ok(g) => g,
            Err(poisoned) => {
                let mut g = poisoned.into_inner();
                *g = None;
                self.merge.clear_poison();
                g
            }
        }
    }

    /// Runs `f` on the merge connection, taking one from the pool first when there is
    /// none or the last one broke. A connection that broke inside a batch is kept until
    /// the batch ends, so every later call of the batch fails instead of writing outside
    /// it.
    fn with_merge_conn<T>(&self, f: impl FnOnce(&mut MergeConn) -> Result<T>) -> Result<T> {
        let mut guard = self.merge_guard();
        if guard.as_ref().is_some_and(|c| c.is_closed() && !c.in_batch()) {
            *guard = None;
        }
        if guard.is_none() {
            *guard = Some(MergeConn::new(self.conn()?));
        }
        match guard.as_mut() {
            Some(c) => f(c),
            None => unreachable!("merge connection filled in above"),
        }
    }
}

impl IncidentStore for PgStore {
    fn is_merged(&self, doc_id: &str) -> Result<bool> {
        self.with_merge_conn(|c| {
            Ok(c.query_opt(
                "SELECT 1 FROM doc_signatures s JOIN documents d ON d.seq = s.doc WHERE d.id = $1",
                &[&doc_id],
            )?
            .is_some())
        })
    }

    fn unmerged_documents(&self) -> Result<Vec<String>> {
        self.with_merge_conn(|c| {
            let rows = c.query(
                "SELECT d.id FROM documents d
                 WHERE NOT EXISTS (SELECT 1 FROM doc_signatures s WHERE s.doc = d.seq)
                 ORDER BY d.published NULLS LAST, d.id",
                &[],
            )?;
            Ok(rows.iter().map(|r| r.get(0)).collect())
        })
    }

    fn signatures_of(&self, doc_ids: &[String]) -> Result<Vec<SignatureRow>> {
        if doc_ids.is_empty() {
            return Ok(Vec::new());
        }
        self.with_merge_conn(|c| c.read_signatures(doc_ids))
    }

    fn visit_signatures(&self, doc_ids: &[String], f: &mut dyn FnMut(&SignatureRow)) -> Result<()> {
        if doc_ids.is_empty() {
            return Ok(());
        }
        self.with_merge_conn(|c| match c.batch {
            Some(batch) => {
                // Taken out for the call, so that reading a block can use the connection.
                let mut cache = std::mem::take(&mut c.cache);
                let out = cache.visit_signatures(batch.began, doc_ids, |ids| c.read_signatures(ids), f);
                c.cache = cache;
                out
            }
            None => {
                for row in c.read_signatures(doc_ids)? {
                    f(&row);
                }
                Ok(())
            }
        })
    }

    fn visit_merge_candidates(
        &self,
        q: &CandidateQuery<'_>,
        f: &mut dyn FnMut(&MergeEventRow),
    ) -> Result<()> {
        let in_batch = self.with_merge_conn(|c| {
            let Some(batch) = c.batch else { return Ok(false) };
            let mut cache = std::mem::take(&mut c.cache);
            let out = cache.visit(
                batch.began,
                q,
                |family, wide, first, last| c.read_block(family, wide, first, last),
                f,
            );
            c.cache = cache;
            out.map(|()| true)
        })?;
        if !in_batch {
            for row in self.merge_candidates(q.family, q.wide, q.country, q.lo_from, q.lo_to, q.hi_from)? {
                if q.admits_roots(&row) {
                    f(&row);
                }
            }
        }
        Ok(())
    }

    fn merge_candidates(
        &self,
        family: &str,
        wide: bool,
        country: Option<&str>,
        lo_from: i64,
        lo_to: i64,
        hi_from: i64,
    ) -> Result<Vec<MergeEventRow>> {
        // Two statements, as in SQLite: with the country filter or without it. Rows come in
        // the blocking index's order, so both backends hand the merger the same sequence.
        let filter = if country.is_some() { "AND (m.country = $6 OR m.country = '')" } else { "" };
        let sql = format!(
            "SELECT {MERGE_EVENT_COLUMNS}
             FROM incident_events m
             JOIN documents d ON d.seq = m.doc
             WHERE m.family = $1 AND m.wide = $2 AND m.day_lo >= $3 AND m.day_lo <= $4
               AND m.day_hi >= $5 {filter}
             ORDER BY m.day_lo, m.day_hi, m.country, m.doc, m.event_id"
        );
        let wide = i64::from(wide);
        self.with_merge_conn(|c| {
            let rows = match country {
                Some(country) => c.query(&sql, &[&family, &wide, &lo_from, &lo_to, &hi_from, &country])?,
                None => c.query(&sql, &[&family, &wide, &lo_from, &lo_to, &hi_from])?,
            };
            Ok(rows.iter().map(merge_event_row).collect())
        })
    }

    fn incident_first_key(&self, incident: &str) -> Result<Option<String>> {
        const SQL: &str = "SELECT min(sort_key) FROM incident_events WHERE incident = $1";
        self.with_merge_conn(|c| {
            // Queued merges that do not touch the incident cannot change its answer.
            let rows = if c.queued.touches(incident) {
                c.query(SQL, &[&incident])?
            } else {
                c.query_unsent(SQL, &[&incident])?
            };
            Ok(rows.first().and_then(|r| r.get(0)))
        })
    }

    fn begin_merge_batch(&mut self) -> Result<()> {
        self.with_merge_conn(|c| c.begin_batch())
    }

    fn end_merge_batch(&mut self, commit: bool) -> Result<()> {
        let mut guard = self.merge_guard();
        let Some(c) = guard.as_mut() else { return Ok(()) };
        let out = c.end_batch(commit);
        if c.is_closed() {
            // Lost with its batch: the next call takes a fresh connection.
            *guard = None;
        }
        out
    }

    fn apply_merge(&mut self, plan: &MergePlan) -> Result<()> {
        self.with_merge_conn(|c| match c.batch {
            // Inside a batch the merge is queued, and the copy of the blocking index follows
            // it at once (reads that miss the copy send the queue first).
            Some(batch) => {
                if batch.failed {
                    return Err(StoreError::MergeBatchFailed);
                }
                if c.cache.is_current(batch.began) {
                    c.cache.record(plan);
                }
                c.queued.push(plan);
                c.batch = Some(Batch { wrote: true, ..batch });
                if c.queued.len() >= QUEUE_LIMIT {
                    c.send_queued()?;
                }
                Ok(())
            }
            // Outside one, the write moves the generation: the next batch reads afresh.
            None => c.atomic(|c| {
                c.queued.push(plan);
                c.send_queued()
            }),
        })
    }

    fn clear_merge(&mut self) -> Result<()> {
        self.with_merge_conn(|c| {
            c.atomic(|c| {
                c.conn.batch_execute("DELETE FROM incident_events; DELETE FROM doc_signatures;")?;
                Ok(())
            })
        })
    }

    fn merge_neighbourhood(&self, doc_id: &str) -> Result<Vec<String>> {
        self.with_merge_conn(|c| {
            let rows = c.query(
                "WITH me AS (SELECT seq FROM documents WHERE id = $1),
                      incs AS (SELECT DISTINCT incident FROM incident_events
                               WHERE doc IN (SELECT seq FROM me)),
                      grp AS (SELECT dup_group FROM doc_signatures WHERE doc IN (SELECT seq FROM me)),
                      docs AS (
                          SELECT seq AS doc FROM me
                          UNION SELECT m.doc FROM incident_events m JOIN incs ON incs.incident = m.incident
                          UNION SELECT s.doc FROM doc_signatures s JOIN grp ON grp.dup_group = s.dup_group
                                WHERE s.own_group = 0
                          UNION SELECT r.seq FROM documents r JOIN grp ON r.id = grp.dup_group
                      )
                 SELECT d.id FROM docs JOIN documents d ON d.seq = docs.doc ORDER BY d.id",
                &[&doc_id],
            )?;
            Ok(rows.iter().map(|r| r.get(0)).collect())
        })
    }

    fn unmerge(&mut self, doc_ids: &[String]) -> Result<()> {
        self.with_merge_conn(|c| {
            c.atomic(|c| {
                c.execute(
                    "DELETE FROM incident_events
                     WHERE doc IN (SELECT seq FROM documents WHERE id = ANY($1::text[]))",
                    &[&doc_ids],
                )?;
                c.execute(
                    "DELETE FROM doc_signatures
                     WHERE doc IN (SELECT seq FROM documents WHERE id = ANY($1::text[]))",
                    &[&doc_ids],
                )?;
                Ok(())
            })
        })
    }

    fn incident_ids(&self, f: &IncidentFilter) -> Result<Vec<String>> {
        // ASCII-folded on both sides: SQLite's `LIKE` ignores the case of ASCII letters only.
        let actor = f.actor.as_deref().map(|a| like_pattern(a).to_ascii_lowercase());
        let place = f.place.as_deref().map(|p| like_pattern(p).to_ascii_lowercase());
        let limit = if f.limit == 0 { usize::MAX } else { f.limit };
        // An incident matches when one of its members matches every filter; incidents are
        // listed by the earliest date any member gives (undated last), then id.
        let sql = format!(
            "WITH hit AS (
                 SELECT DISTINCT m.incident
                 FROM incident_events m
                 JOIN events v ON v.doc = m.doc AND v.id = m.event_id
                 LEFT JOIN entities a ON a.doc = v.doc AND a.id = v.actor
                 LEFT JOIN entities t ON t.doc = v.doc AND t.id = v.target
                 WHERE ($1::text IS NULL OR {an} LIKE $1 ESCAPE '\\' OR {tn} LIKE $1 ESCAPE '\\'
                        OR {ak} LIKE $1 ESCAPE '\\' OR {tk} LIKE $1 ESCAPE '\\')
                   AND ($2::text IS NULL OR {ln} LIKE $2 ESCAPE '\\' OR {lc} LIKE $2 ESCAPE '\\')
                   AND ($3::text IS NULL OR v.type = $3)
                   AND ($4::text IS NULL OR coalesce(v.date_end, v.date_start) >= $4)
                   AND ($5::text IS NULL OR v.date_start <= $5)
             )
             SELECT m.incident, min(v.date_start) AS first_day
             FROM hit
             JOIN incident_events m ON m.incident = hit.incident
             JOIN events v ON v.doc = m.doc AND v.id = m.event_id
             GROUP BY m.incident
             ORDER BY first_day NULLS LAST, m.incident
             LIMIT $6 OFFSET $7",
            an = fold("a.name"),
            tn = fold("t.name"),
            ak = fold("a.kb_id"),
            tk = fold("t.kb_id"),
            ln = fold("v.location_name"),
            lc = fold("v.location_country"),
        );
        self.with_merge_conn(|c| {
            let rows = c.query(
                &sql,
                &[&actor, &place, &f.event_type, &f.since, &f.until, &sql_len(limit), &sql_len(f.offset)],
            )?;
            Ok(rows.iter().map(|r| r.get(0)).collect())
        })
    }

    fn resolve_incident(&self, id_or_prefix: &str) -> Result<Option<String>> {
        let given = id_or_prefix.trim();
        if given.is_empty() {
            return Ok(None);
        }
        // Incident ids are "C"-collated: every id starting with `given` sorts in
        // [given, given + U+10FFFF).
        let upper = format!("{given}\u{10FFFF}");
        let ids: Vec<String> = self.with_merge_conn(|c| {
            let rows = c.query(
                "SELECT DISTINCT incident FROM incident_events WHERE incident >= $1 AND incident < $2
                 ORDER BY incident LIMIT 3",
                &[&given, &upper],
            )?;
            Ok(rows.iter().map(|r| r.get(0)).collect())
        })?;
        pick_incident(given, ids)
    }

    fn incident_members(&self, incident: &str) -> Result<Vec<MemberRow>> {
        let (heads, events) = self.with_merge_conn(|c| {
            c.snapshot(|c| {
                let heads = c.query(
                    "SELECT d.id, m.event_id, d.title, d.publisher, d.url, coalesce(s.dup_group, d.id),
                            m.place_geonames, m.place_country
                     FROM incident_events m
                     JOIN documents d ON d.seq = m.doc
                     LEFT JOIN doc_signatures s ON s.doc = m.doc
                     WHERE m.incident = $1
                     ORDER BY m.sort_key",
                    &[&incident],
                )?;
                let events = events_where(
                    &mut *c.conn,
                    "FROM incident_events m
                     JOIN documents d ON d.seq = m.doc
                     JOIN events v ON v.doc = m.doc AND v.id = m.event_id
                     LEFT JOIN entities a ON a.doc = v.doc AND a.id = v.actor
                     LEFT JOIN entities t ON t.doc = v.doc AND t.id = v.target
                     WHERE m.incident = $1
                     ORDER BY m.sort_key",
                    &[&incident],
                )?;
                Ok((heads, events))
            })
        })?;
        let mut out = Vec::with_capacity(heads.len());
        for (h, event) in heads.iter().zip(events) {
            debug_assert!(event.doc_id == h.get::<_, &str>(0) && event.id == h.get::<_, &str>(1));
            out.push(MemberRow {
                incident: incident.to_string(),
                title: h.get(2),
                publisher: h.get(3),
                url: h.get(4),
                dup_group: h.get(5),
                place_geonames: h.get(6),
                place_country: h.get::<_, i64>(7) != 0,
                event,
            });
        }
        Ok(out)
    }

    fn incident_of(&self, doc_id: &str, event_id: &str) -> Result<Option<String>> {
        self.with_merge_conn(|c| {
            Ok(c.query_opt(
                "SELECT m.incident FROM incident_events m JOIN documents d ON d.seq = m.doc
                 WHERE d.id = $1 AND m.event_id = $2",
                &[&doc_id, &event_id],
            )?
            .map(|r| r.get(0)))
        })
    }

    fn claims_of(&self, doc_ids: &[String]) -> Result<Vec<ClaimRow>> {
        if doc_ids.is_empty() {
            return Ok(Vec::new());
        }
        // One statement for all documents, in the order given (an id given twice gives its
        // claims twice, as SQLite's one statement per id does).
        self.with_merge_conn(|c| {
            c.snapshot(|c| {
                claims_where(
                    &mut *c.conn,
                    "FROM unnest($1::text[]) WITH ORDINALITY AS k (id, n)
                     JOIN documents d ON d.id = k.id
                     JOIN claims c ON c.doc = d.seq
                     LEFT JOIN entities e ON e.doc = c.doc AND e.id = c.claimant_entity
                     ORDER BY k.n, c.ord",
                    &[&doc_ids],
                )
            })
        })
    }

    fn actor_events(&self, name: &str, as_target: bool, limit: usize) -> Result<Vec<EventRow>> {
        // The entity named `name` is the event's actor or its target; the column is one of
        // two literals, never text from the caller.
        let role = if as_target { "v.target" } else { "v.actor" };
        let tail = format!(
            "FROM entities x
             JOIN events v ON v.doc = x.doc AND {role} = x.id
             JOIN documents d ON d.seq = v.doc
             LEFT JOIN entities a ON a.doc = v.doc AND a.id = v.actor
             LEFT JOIN entities t ON t.doc = v.doc AND t.id = v.target
             WHERE ({xn} = $1 OR {xk} = $1)
             ORDER BY d.published DESC NULLS LAST, d.seq DESC, v.ord
             LIMIT $2",
            xn = fold("x.name"),
            xk = fold("x.kb_id"),
        );
        let name = name.to_ascii_lowercase();
        self.with_merge_conn(|c| c.snapshot(|c| events_where(&mut *c.conn, &tail, &[&name, &sql_len(limit)])))
    }

    fn actor_claims(&self, name: &str, limit: usize) -> Result<Vec<ClaimRow>> {
        let tail = format!(
            "FROM claims c
             JOIN documents d ON d.seq = c.doc
             LEFT JOIN entities e ON e.doc = c.doc AND e.id = c.claimant_entity
             WHERE {cn} = $1 OR {en} = $1 OR {ek} = $1 OR {cn} = 'the ' || $1
             ORDER BY d.published DESC NULLS LAST, d.seq DESC, c.ord
             LIMIT $2",
            cn = fold("c.claimant_name"),
            en = fold("e.name"),
            ek = fold("e.kb_id"),
        );
        let name = name.to_ascii_lowercase();
        self.with_merge_conn(|c| c.snapshot(|c| claims_where(&mut *c.conn, &tail, &[&name, &sql_len(limit)])))
    }

    fn set_source_grade(&mut self, source: &str, grade: char) -> Result<()> {
        let grade = grade.to_ascii_uppercase();
        if !('A'..='F').contains(&grade) {
            return Err(StoreError::InvalidGrade(format!("source grade {grade:?} is not A-F")));
        }
        let name = source.trim();
        // The key folds ASCII letters only, as SQLite's `lower()` does.
        let key = name.to_ascii_lowercase();
        let sql = format!(
            "INSERT INTO source_grades (source, name, grade, graded_at)
             VALUES ($1, $2, $3, {NOW})
             ON CONFLICT (source) DO UPDATE SET name = excluded.name, grade = excluded.grade,
                                                graded_at = excluded.graded_at"
        );
        self.with_merge_conn(|c| {
            c.execute(&sql, &[&key, &name, &grade.to_string()])?;
            Ok(())
        })
    }

    fn source_grades(&self) -> Result<Vec<SourceGrade>> {
        self.with_merge_conn(|c| {
            let rows = c.query("SELECT name, grade, graded_at FROM source_grades ORDER BY source", &[])?;
            Ok(rows
                .iter()
                .map(|r| SourceGrade { name: r.get(0), grade: r.get(1), graded_at: r.get(2) })
                .collect())
        })
    }

    fn set_claim_grade(&mut self, doc_id: &str, claim_id: &str, grade: u8) -> Result<()> {
        if !(1..=6).contains(&grade) {
            return Err(StoreError::InvalidGrade(format!("claim grade {grade} is not 1-6")));
        }
        let sql = format!(
            "INSERT INTO claim_grades (doc_id, claim_id, grade, graded_at)
             VALUES ($1, $2, $3, {NOW})
             ON CONFLICT (doc_id, claim_id) DO UPDATE SET grade = excluded.grade,
                                                         graded_at = excluded.graded_at"
        );
        self.with_merge_conn(|c| {
            c.execute(&sql, &[&doc_id, &claim_id, &i64::from(grade)])?;
            Ok(())
        })
    }

    fn claim_grade(&self, doc_id: &str, claim_id: &str) -> Result<Option<u8>> {
        let grade: Option<i64> = self.with_merge_conn(|c| {
            Ok(c.query_opt(
                "SELECT grade FROM claim_grades WHERE doc_id = $1 AND claim_id = $2",
                &[&doc_id, &claim_id],
            )?
            .map(|r| r.get(0)))
        })?;
        grade
            .map(|g| {
                u8::try_from(g)
                    .map_err(|_| StoreError::BadValue { column: "claim_grades.grade", value: g.to_string() })
            })
            .transpose()
    }
}
