//! [`IncidentStore`] for SQLite: signatures, near-duplicate groups, incident membership
//! and analyst grades (tables of migration 0002). Plain SQL only, so the statements port to
//! PostgreSQL as they are (blobs become `bytea`).

use rusqlite::OptionalExtension;

use crate::blob;
use crate::error::{Result, StoreError};
use crate::incidents::WIDE_DAYS;
use crate::incidents::{
    CandidateQuery, IncidentFilter, IncidentStore, MemberRow, MergeEventRow, MergePlan, SignatureRow,
    SourceGrade,
};
use crate::incidents::{block_query, pick_incident};
use crate::rows::{ClaimRow, EventRow};

use super::SqliteStore;
use super::list::{claims_where, events_where, like_pattern, sql_len};
use super::resolve::seq_of;
use super::scope::write_scope;

fn merge_event_row(r: &rusqlite::Row) -> rusqlite::Result<MergeEventRow> {
    let country: String = r.get(5)?;
    let sketch: Vec<u8> = r.get(12)?;
    let fmin: Option<i64> = r.get(14)?;
    let fmax: Option<i64> = r.get(15)?;
    Ok(MergeEventRow {
        doc_id: r.get(0)?,
        event_id: r.get(1)?,
        incident: r.get(2)?,
        sort_key: r.get(3)?,
        family: r.get(4)?,
        country: if country.is_empty() { None } else { Some(country) },
        day_lo: r.get(6)?,
        day_hi: r.get(7)?,
        place_geonames: r.get(8)?,
        place_country: r.get(9)?,
        place_name: r.get(16)?,
        actor_root: r.get(10)?,
        target_root: r.get(11)?,
        sketch: blob::to_u32s(&sketch),
        mode: r.get(13)?,
        fatalities_min: fmin.map(|v| v.max(0) as u64),
        fatalities_max: fmax.map(|v| v.max(0) as u64),
    })
}

impl IncidentStore for SqliteStore {
    fn is_merged(&self, doc_id: &str) -> Result<bool> {
        let found: Option<i64> = self
            .conn
            .prepare_cached(
                "SELECT 1 FROM doc_signatures s JOIN documents d ON d.seq = s.doc WHERE d.id = ?1",
            )?
            .query_row([doc_id], |r| r.get(0))
            .optional()?;
        Ok(found.is_some())
    }

    fn unmerged_documents(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.id FROM documents d
             WHERE NOT EXISTS (SELECT 1 FROM doc_signatures s WHERE s.doc = d.seq)
             ORDER BY d.published IS NULL, d.published, d.id",
        )?;
        let ids = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
        Ok(ids)
    }

    fn signatures_of(&self, doc_ids: &[String]) -> Result<Vec<SignatureRow>> {
        let mut out = Vec::new();
        self.visit_signatures(doc_ids, &mut |row| out.push(row.clone()))?;
        Ok(out)
    }

    fn visit_signatures(&self, doc_ids: &[String], f: &mut dyn FnMut(&SignatureRow)) -> Result<()> {
        if doc_ids.is_empty() {
            return Ok(());
        }
        self.candidates.borrow_mut().visit_signatures(
            super::snapshot(&self.conn)?,
            doc_ids,
            |ids| read_signatures(&self.conn, ids),
            f,
        )
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
        let q = CandidateQuery {
            family,
            wide,
            country,
            lo_from,
            lo_to,
            hi_from,
            actor_root: None,
            target_root: None,
            shared_root: false,
        };
        let mut out = Vec::new();
        self.visit_merge_candidates(&q, &mut |row| out.push(row.clone()))?;
        Ok(out)
    }

    fn visit_merge_candidates(
        &self,
        q: &CandidateQuery<'_>,
        f: &mut dyn FnMut(&MergeEventRow),
    ) -> Result<()> {
        self.candidates.borrow_mut().visit(
            super::snapshot(&self.conn)?,
            q,
            |family, wide, first, last| read_block(&self.conn, family, wide, first, last),
            f,
        )
    }

    fn incident_first_key(&self, incident: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT min(sort_key) FROM incident_events WHERE incident = ?1")?
            .query_row([incident], |r| r.get(0))?)
    }

    fn begin_merge_batch(&mut self) -> Result<()> {
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        self.merge_failed = false;
        Ok(())
    }

    fn end_merge_batch(&mut self, commit: bool) -> Result<()> {
        if !self.conn.is_autocommit() {
            // A batch with a failed merge commits nothing.
            let failed = commit && std::mem::take(&mut self.merge_failed);
            let commit = commit && !failed;
            let done = self.conn.execute_batch(if commit { "COMMIT" } else { "ROLLBACK" });
            if !commit || done.is_err() {
                // The cache followed writes that are gone now.
                self.candidates.get_mut().clear();
            }
            done?;
            if failed {
                return Err(StoreError::MergeBatchFailed);
            }
        }
        Ok(())
    }

    fn apply_merge(&mut self, plan: &MergePlan) -> Result<()> {
        let in_batch = !self.conn.is_autocommit();
        if in_batch && self.merge_failed {
            return Err(StoreError::MergeBatchFailed);
        }
        let current = self.candidates.get_mut().is_current(super::snapshot(&self.conn)?);
        let remerged = self.write_merge(plan).inspect_err(|_| self.merge_failed |= in_batch)?;
        let now = super::snapshot(&self.conn)?;
        let cache = self.candidates.get_mut();
        if current && !remerged {
            cache.record(plan);
        }
        cache.after_write(now, current, !remerged);
        Ok(())
    }

    fn clear_merge(&mut self) -> Result<()> {
        self.candidates.get_mut().clear();
        let tx = write_scope(&mut self.conn)?;
        tx.execute_batch("DELETE FROM incident_events; DELETE FROM doc_signatures;")?;
        tx.commit()?;
        Ok(())
    }

    fn merge_neighbourhood(&self, doc_id: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "WITH me AS (SELECT seq FROM documents WHERE id = ?1),
                  incs AS (SELECT DISTINCT incident FROM incident_events WHERE doc IN (SELECT seq FROM me)),
                  grp AS (SELECT dup_group FROM doc_signatures WHERE doc IN (SELECT seq FROM me)),
                  docs AS (
                      SELECT seq AS doc FROM me
                      UNION SELECT m.doc FROM incident_events m JOIN incs ON incs.incident = m.incident
                      UNION SELECT s.doc FROM doc_signatures s JOIN grp ON grp.dup_group = s.dup_group
                            WHERE s.own_group = 0
                      UNION SELECT r.seq FROM documents r JOIN grp ON r.id = grp.dup_group
                  )
             SELECT d.id FROM docs JOIN documents d ON d.seq = docs.doc ORDER BY d.id",
        )?;
        let ids = stmt.query_map([doc_id], |r| r.get(0))?.collect::<Result<_, _>>()?;
        Ok(ids)
    }

    fn unmerge(&mut self, doc_ids: &[String]) -> Result<()> {
        self.candidates.get_mut().clear();
        let tx = write_scope(&mut self.conn)?;
        for id in doc_ids {
            if let Some(doc) = seq_of(&tx, id)? {
                tx.prepare_cached("DELETE FROM incident_events WHERE doc = ?1")?.execute([doc])?;
                tx.prepare_cached("DELETE FROM doc_signatures WHERE doc = ?1")?.execute([doc])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    fn incident_ids(&self, f: &IncidentFilter) -> Result<Vec<String>> {
        let actor = f.actor.as_deref().map(like_pattern);
        let place = f.place.as_deref().map(like_pattern);
        let limit = if f.limit == 0 { usize::MAX } else { f.limit };
        // An incident matches when one of its members matches every filter; incidents are
        // listed by the earliest date any member gives (undated last), then id.
        let mut stmt = self.conn.prepare_cached(
            "WITH hit AS (
                 SELECT DISTINCT m.incident
                 FROM incident_events m
                 JOIN events v ON v.doc = m.doc AND v.id = m.event_id
                 LEFT JOIN entities a ON a.doc = v.doc AND a.id = v.actor
                 LEFT JOIN entities t ON t.doc = v.doc AND t.id = v.target
                 WHERE (?1 IS NULL OR a.name LIKE ?1 ESCAPE '\\' OR t.name LIKE ?1 ESCAPE '\\'
                        OR a.kb_id LIKE ?1 ESCAPE '\\' OR t.kb_id LIKE ?1 ESCAPE '\\')
                   AND (?2 IS NULL OR v.location_name LIKE ?2 ESCAPE '\\'
                        OR v.location_country LIKE ?2 ESCAPE '\\')
                   AND (?3 IS NULL OR v.type = ?3)
                   AND (?4 IS NULL OR coalesce(v.date_end, v.date_start) >= ?4)
                   AND (?5 IS NULL OR v.date_start <= ?5)
             )
             SELECT m.incident, min(v.date_start) AS first_day
             FROM hit
             JOIN incident_events m ON m.incident = hit.incident
             JOIN events v ON v.doc = m.doc AND v.id = m.event_id
             GROUP BY m.incident
             ORDER BY first_day IS NULL, first_day, m.incident
             LIMIT ?6 OFFSET ?7",
        )?;
        let ids = stmt
            .query_map(
                (&actor, &place, &f.event_type, &f.since, &f.until, sql_len(limit), sql_len(f.offset)),
                |r| r.get(0),
            )?
            .collect::<Result<_, _>>()?;
        Ok(ids)
    }

    fn resolve_incident(&self, id_or_prefix: &str) -> Result<Option<String>> {
        let given = id_or_prefix.trim();
        if given.is_empty() {
            return Ok(None);
        }
        let upper = format!("{given}\u{10FFFF}");
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT incident FROM incident_events WHERE incident >= ?1 AND incident < ?2
             ORDER BY incident LIMIT 3",
        )?;
        let ids: Vec<String> = stmt.query_map((given, &upper), |r| r.get(0))?.collect::<Result<_, _>>()?;
        pick_incident(given, ids)
    }

    fn incident_members(&self, incident: &str) -> Result<Vec<MemberRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.id, m.event_id, d.title, d.publisher, d.url, coalesce(s.dup_group, d.id),
                    m.place_geonames, m.place_country
             FROM incident_events m
             JOIN documents d ON d.seq = m.doc
             LEFT JOIN doc_signatures s ON s.doc = m.doc
             WHERE m.incident = ?1
             ORDER BY m.sort_key",
        )?;
        type Head =
            (String, String, Option<String>, Option<String>, Option<String>, String, Option<i64>, bool);
        let heads: Vec<Head> = stmt
            .query_map([incident], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?))
            })?
            .collect::<Result<_, _>>()?;
        drop(stmt);
        let events: Vec<EventRow> = events_where(
            &self.conn,
            "FROM incident_events m
             JOIN documents d ON d.seq = m.doc
             JOIN events v ON v.doc = m.doc AND v.id = m.event_id
             LEFT JOIN entities a ON a.doc = v.doc AND a.id = v.actor
             LEFT JOIN entities t ON t.doc = v.doc AND t.id = v.target
             WHERE m.incident = ?1
             ORDER BY m.sort_key",
            [incident],
        )?;
        let mut out = Vec::with_capacity(heads.len());
        for ((doc_id, event_id, title, publisher, url, dup_group, place_geonames, place_country), event) in
            heads.into_iter().zip(events)
        {
            debug_assert!(event.doc_id == doc_id && event.id == event_id);
            out.push(MemberRow {
                incident: incident.to_string(),
                title,
                publisher,
                url,
                dup_group,
                place_geonames,
                place_country,
                event,
            });
        }
        Ok(out)
    }

    fn incident_of(&self, doc_id: &str, event_id: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT m.incident FROM incident_events m JOIN documents d ON d.seq = m.doc
                 WHERE d.id = ?1 AND m.event_id = ?2",
            )?
            .query_row((doc_id, event_id), |r| r.get(0))
            .optional()?)
    }

    fn claims_of(&self, doc_ids: &[String]) -> Result<Vec<ClaimRow>> {
        let mut out = Vec::new();
        for id in doc_ids {
            out.extend(claims_where(
                &self.conn,
                "FROM documents d
                 CROSS JOIN claims c ON c.doc = d.seq
                 LEFT JOIN entities e ON e.doc = c.doc AND e.id = c.claimant_entity
                 WHERE d.id = ?1
                 ORDER BY c.ord",
                [id],
            )?);
        }
        Ok(out)
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
             WHERE (x.name = ?1 COLLATE NOCASE OR x.kb_id = ?1 COLLATE NOCASE)
             ORDER BY d.published DESC, d.seq DESC, v.ord
             LIMIT ?2"
        );
        events_where(&self.conn, &tail, (name, sql_len(limit)))
    }

    fn actor_claims(&self, name: &str, limit: usize) -> Result<Vec<ClaimRow>> {
        claims_where(
            &self.conn,
            "FROM claims c
             JOIN documents d ON d.seq = c.doc
             LEFT JOIN entities e ON e.doc = c.doc AND e.id = c.claimant_entity
             WHERE c.claimant_name = ?1 COLLATE NOCASE OR e.name = ?1 COLLATE NOCASE
                OR e.kb_id = ?1 COLLATE NOCASE
                OR c.claimant_name = 'the ' || ?1 COLLATE NOCASE
             ORDER BY d.published DESC, d.seq DESC, c.ord
             LIMIT ?2",
            (name, sql_len(limit)),
        )
    }

    fn set_source_grade(&mut self, source: &str, grade: char) -> Result<()> {
        let grade = grade.to_ascii_uppercase();
        if !('A'..='F').contains(&grade) {
            return Err(StoreError::InvalidGrade(format!("source grade {grade:?} is not A-F")));
        }
        self.conn
            .prepare_cached(
                "INSERT INTO source_grades (source, name, grade, graded_at)
                 VALUES (lower(?1), ?1, ?2, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
                 ON CONFLICT (source) DO UPDATE SET name = excluded.name, grade = excluded.grade,
                                                    graded_at = excluded.graded_at",
            )?
            .execute((source.trim(), grade.to_string()))?;
        Ok(())
    }

    fn source_grades(&self) -> Result<Vec<SourceGrade>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT name, grade, graded_at FROM source_grades ORDER BY source")?;
        let rows = stmt
            .query_map([], |r| Ok(SourceGrade { name: r.get(0)?, grade: r.get(1)?, graded_at: r.get(2)? }))?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    fn set_claim_grade(&mut self, doc_id: &str, claim_id: &str, grade: u8) -> Result<()> {
        if !(1..=6).contains(&grade) {
            return Err(StoreError::InvalidGrade(format!("claim grade {grade} is not 1-6")));
        }
        self.conn
            .prepare_cached(
                "INSERT INTO claim_grades (doc_id, claim_id, grade, graded_at)
                 VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
                 ON CONFLICT (doc_id, claim_id) DO UPDATE SET grade = excluded.grade,
                                                             graded_at = excluded.graded_at",
            )?
            .execute((doc_id, claim_id, grade))?;
        Ok(())
    }

    fn claim_grade(&self, doc_id: &str, claim_id: &str) -> Result<Option<u8>> {
        Ok(self
            .conn
            .prepare_cached("SELECT grade FROM claim_grades WHERE doc_id = ?1 AND claim_id = ?2")?
            .query_row((doc_id, claim_id), |r| r.get(0))
            .optional()?)
    }
}

impl SqliteStore {
    /// Writes a document's merge (one transaction, or a savepoint of the open batch); true
    /// when the document had been merged before (its earlier rows were replaced).
    fn write_merge(&mut self, plan: &MergePlan) -> Result<bool> {
        let tx = write_scope(&mut self.conn)?;
        let doc = seq_of(&tx, &plan.doc_id)?.ok_or_else(|| StoreError::NotFound(plan.doc_id.clone()))?;
        // Merging a document again replaces its earlier merge.
        let removed = tx.prepare_cached("DELETE FROM incident_events WHERE doc = ?1")?.execute([doc])?;
        tx.prepare_cached(
            "INSERT INTO doc_signatures (doc, signature, shingles, dup_group, own_group)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (doc) DO UPDATE SET signature = excluded.signature, shingles = excluded.shingles,
                                             dup_group = excluded.dup_group, own_group = excluded.own_group",
        )?
        .execute((
            doc,
            blob::from_u64s(&plan.signature),
            plan.shingles as i64,
            &plan.dup_group,
            plan.dup_group == plan.doc_id,
        ))?;
        {
            // a group's members through the (partial) index, its root through `documents`
            let mut members = tx.prepare_cached(
                "UPDATE doc_signatures SET dup_group = ?1 WHERE dup_group = ?2 AND own_group = 0",
            )?;
            let mut root = tx.prepare_cached(
                "UPDATE doc_signatures SET dup_group = ?1, own_group = 0
                 WHERE doc = (SELECT seq FROM documents WHERE id = ?2) AND own_group = 1",
            )?;
            for old in &plan.dup_renames {
                members.execute((&plan.dup_group, old))?;
                root.execute((&plan.dup_group, old))?;
            }
            let mut rename =
                tx.prepare_cached("UPDATE incident_events SET incident = ?1 WHERE incident = ?2")?;
            for (old, new) in &plan.incident_renames {
                rename.execute((new, old))?;
            }
            let mut ins = tx.prepare_cached(
                "INSERT INTO incident_events (doc, event_id, incident, sort_key, family, country, day_lo,
                                              day_hi, place_geonames, place_country, actor_root,
                                              target_root, sketch, place_name, wide, mode,
                                              fatalities_min, fatalities_max)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
            )?;
            for e in &plan.events {
                ins.execute(rusqlite::params![
                    doc,
                    &e.event_id,
                    &e.incident,
                    &e.sort_key,
                    &e.family,
                    e.country.as_deref().unwrap_or(""),
                    e.day_lo,
                    e.day_hi,
                    e.place_geonames,
                    e.place_country,
                    &e.actor_root,
                    &e.target_root,
                    blob::from_u32s(&e.sketch),
                    &e.place_name,
                    e.day_lo.zip(e.day_hi).is_some_and(|(lo, hi)| hi - lo > WIDE_DAYS),
                    &e.mode,
                    e.fatalities_min.map(|v| v as i64),
                    e.fatalities_max.map(|v| v as i64),
                ])?;
            }
        }
        tx.commit()?;
        Ok(removed > 0)
    }
}

/// Reads the signatures of these documents (those merged), in id order.
fn read_signatures(conn: &rusqlite::Connection, ids: &[String]) -> Result<Vec<SignatureRow>> {
    // One statement for the whole list (a JSON array parameter).
    let ids = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
    let mut stmt = conn.prepare_cached(
        "SELECT d.id, d.published, s.signature, s.dup_group, g.published, s.shingles
         FROM json_each(?1) j
         JOIN documents d ON d.id = j.value
         JOIN doc_signatures s ON s.doc = d.seq
         LEFT JOIN documents g ON g.id = s.dup_group
         ORDER BY d.id",
    )?;
    let rows = stmt
        .query_map([ids], |r| {
            let sig: Vec<u8> = r.get(2)?;
            Ok(SignatureRow {
                doc_id: r.get(0)?,
                published: r.get(1)?,
                signature: blob::to_u64s(&sig),
                shingles: r.get::<_, i64>(5)?.max(0) as u64,
                dup_group: r.get(3)?,
                group_published: r.get(4)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Reads the merged events of a type family and width class whose interval starts in
/// `[first, last]`, each with its document's signature.
fn read_block(
    conn: &rusqlite::Connection,
    family: &str,
    wide: bool,
    first: i64,
    last: i64,
) -> Result<crate::candidates::Block> {
    // `wide` as a literal: a 0/1 parameter would give the planner a binding to depend on.
    let sql = block_query("?1", if wide { "1" } else { "0" }, "?2", "?3");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map((family, first, last), |r| {
            let row = merge_event_row(r)?;
            let signature = match r.get::<_, Option<Vec<u8>>>(18)? {
                Some(sig) => Some(SignatureRow {
                    doc_id: row.doc_id.clone(),
                    published: r.get(17)?,
                    signature: blob::to_u64s(&sig),
                    dup_group: r.get(19)?,
                    shingles: r.get::<_, i64>(20)?.max(0) as u64,
                    group_published: r.get(21)?,
                }),
                None => None,
            };
            Ok((row, signature))
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}
