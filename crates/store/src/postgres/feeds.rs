//! [`FeedLog`] for PostgreSQL: the statements of the SQLite backend (`feeds.rs`), one for
//! one. Every write is its own statement, so its own transaction.

use postgres::Row;

use crate::error::{Result, StoreError};
use crate::feeds::{FeedLog, FeedState, ItemRecord, ItemStatus};

use super::PgStore;

/// UTC now to the millisecond, as SQLite's `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')` writes it.
const NOW_MS: &str = "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";

fn item_record(r: &Row) -> Result<ItemRecord> {
    let status: String = r.get(2);
    let attempts: i64 = r.get(5);
    Ok(ItemRecord {
        item: r.get(0),
        url: r.get(1),
        status: ItemStatus::from_code(&status)
            .ok_or(StoreError::BadValue { column: "feed_items.status", value: status })?,
        doc_id: r.get(3),
        error: r.get(4),
        attempts: attempts.clamp(0, u32::MAX as i64) as u32,
    })
}

impl FeedLog for PgStore {
    fn feed_state(&self, url: &str) -> Result<Option<FeedState>> {
        let row = self.conn()?.query_opt(
            "SELECT url, etag, last_modified, last_polled, last_status, last_error, title
             FROM feeds WHERE url = $1",
            &[&url],
        )?;
        Ok(row.map(|r| FeedState {
            url: r.get(0),
            etag: r.get(1),
            last_modified: r.get(2),
            last_polled: r.get(3),
            last_status: r.get(4),
            last_error: r.get(5),
            title: r.get(6),
        }))
    }

    fn record_poll(&mut self, s: &FeedState) -> Result<()> {
        let sql = format!(
            "INSERT INTO feeds (url, etag, last_modified, last_polled, last_status, last_error, title)
             VALUES ($1, $2, $3, {NOW_MS}, $4, $5, $6)
             ON CONFLICT (url) DO UPDATE SET
                 etag = excluded.etag, last_modified = excluded.last_modified,
                 last_polled = excluded.last_polled, last_status = excluded.last_status,
                 last_error = excluded.last_error, title = coalesce(excluded.title, feeds.title)"
        );
        self.conn()?
            .execute(&sql, &[&s.url, &s.etag, &s.last_modified, &s.last_status, &s.last_error, &s.title])?;
        Ok(())
    }

    fn feed_item(&self, feed: &str, item: &str) -> Result<Option<ItemRecord>> {
        self.conn()?
            .query_opt(
                "SELECT item, url, status, doc_id, error, attempts FROM feed_items
                 WHERE feed = $1 AND item = $2",
                &[&feed, &item],
            )?
            .map(|r| item_record(&r))
            .transpose()
    }

    fn record_item(&mut self, feed: &str, r: &ItemRecord) -> Result<()> {
        let sql = format!(
            "INSERT INTO feed_items (feed, item, url, status, doc_id, error, attempts, first_seen, last_tried)
             VALUES ($1, $2, $3, $4, $5, $6, 1, {NOW_MS}, {NOW_MS})
             ON CONFLICT (feed, item) DO UPDATE SET
                 url = excluded.url, status = excluded.status, doc_id = excluded.doc_id,
                 error = excluded.error, attempts = feed_items.attempts + 1,
                 last_tried = excluded.last_tried"
        );
        self.conn()?.execute(&sql, &[&feed, &r.item, &r.url, &r.status.code(), &r.doc_id, &r.error])?;
        Ok(())
    }
}
