//! What the feed watcher has seen ([`FeedLog`]): per feed, the validators for conditional
//! requests and the last poll; per feed item, what became of it. Schema: migration
//! `0003_feeds.sql`.

use serde::{Deserialize, Serialize};

use crate::error::Result;

/// The state of one feed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedState {
    /// The feed URL as given by the user.
    pub url: String,
    /// `ETag` of the last full response, sent back as `If-None-Match`.
    pub etag: Option<String>,
    /// `Last-Modified` of the last full response, sent back as `If-Modified-Since`.
    pub last_modified: Option<String>,
    /// When it was last polled (UTC, ISO 8601; set by the store).
    pub last_polled: Option<String>,
    /// Outcome of the last poll: `ok`, `not-modified` or `failed`.
    pub last_status: Option<String>,
    /// Why the last poll failed.
    pub last_error: Option<String>,
    /// The feed's title.
    pub title: Option<String>,
}

/// What became of a feed item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemStatus {
    /// Its page was read and stored.
    Ingested,
    /// A permanent failure (404, not HTML, too large, no text): not retried.
    Skipped,
    /// A transient failure (timeout, server error): retried at later polls.
    Failed,
}

impl ItemStatus {
    pub(crate) fn code(self) -> &'static str {
        match self {
            ItemStatus::Ingested => "ingested",
            ItemStatus::Skipped => "skipped",
            ItemStatus::Failed => "failed",
        }
    }

    pub(crate) fn from_code(s: &str) -> Option<Self> {
        Some(match s {
            "ingested" => ItemStatus::Ingested,
            "skipped" => ItemStatus::Skipped,
            "failed" => ItemStatus::Failed,
            _ => return None,
        })
    }
}

/// The record of one feed item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemRecord {
    /// The item's key (guid / atom:id, else its link).
    pub item: String,
    /// The article link.
    pub url: Option<String>,
    /// What became of it.
    pub status: ItemStatus,
    /// The stored document, when ingested.
    pub doc_id: Option<String>,
    /// Why it failed or was skipped.
    pub error: Option<String>,
    /// How many times it was tried.
    pub attempts: u32,
}

/// The watcher's persistent memory. Every write is its own transaction.
pub trait FeedLog {
    /// The state of `url`, if it was ever polled.
    fn feed_state(&self, url: &str) -> Result<Option<FeedState>>;

    /// Records a poll of `state.url` (creating the feed on first use); `last_polled` is set
    /// to now.
    fn record_poll(&mut self, state: &FeedState) -> Result<()>;

    /// The record of item `item` of `feed`.
    fn feed_item(&self, feed: &str, item: &str) -> Result<Option<ItemRecord>>;

    /// Records an attempt at item `record.item` of `feed` (the feed must have been recorded
    /// by [`record_poll`](Self::record_poll)); `attempts` is counted by the store.
    fn record_item(&mut self, feed: &str, record: &ItemRecord) -> Result<()>;
}

impl FeedLog for crate::SqliteStore {
    fn feed_state(&self, url: &str) -> Result<Option<FeedState>> {
        use rusqlite::OptionalExtension;
        let mut stmt = self.connection().prepare_cached(
            "SELECT url, etag, last_modified, last_polled, last_status, last_error, title
             FROM feeds WHERE url = ?1",
        )?;
        Ok(stmt
            .query_row([url], |r| {
                Ok(FeedState {
                    url: r.get(0)?,
                    etag: r.get(1)?,
                    last_modified: r.get(2)?,
                    last_polled: r.get(3)?,
                    last_status: r.get(4)?,
                    last_error: r.get(5)?,
                    title: r.get(6)?,
                })
            })
            .optional()?)
    }

    fn record_poll(&mut self, s: &FeedState) -> Result<()> {
        self.connection().execute(
            "INSERT INTO feeds (url, etag, last_modified, last_polled, last_status, last_error, title)
             VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?4, ?5, ?6)
             ON CONFLICT (url) DO UPDATE SET
                 etag = excluded.etag, last_modified = excluded.last_modified,
                 last_polled = excluded.last_polled, last_status = excluded.last_status,
                 last_error = excluded.last_error, title = coalesce(excluded.title, feeds.title)",
            (&s.url, &s.etag, &s.last_modified, &s.last_status, &s.last_error, &s.title),
        )?;
        Ok(())
    }

    fn feed_item(&self, feed: &str, item: &str) -> Result<Option<ItemRecord>> {
        use rusqlite::OptionalExtension;
        let mut stmt = self.connection().prepare_cached(
            "SELECT item, url, status, doc_id, error, attempts FROM feed_items WHERE feed = ?1 AND item = ?2",
        )?;
        let row = stmt
            .query_row([feed, item], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, i64>(5)?,
                ))
            })
            .optional()?;
        let Some((item, url, status, doc_id, error, attempts)) = row else { return Ok(None) };
        let status = ItemStatus::from_code(&status)
            .ok_or(crate::StoreError::BadValue { column: "feed_items.status", value: status })?;
        Ok(Some(ItemRecord {
            item,
            url,
            status,
            doc_id,
            error,
            attempts: attempts.clamp(0, u32::MAX as i64) as u32,
        }))
    }

    fn record_item(&mut self, feed: &str, r: &ItemRecord) -> Result<()> {
        self.connection().execute(
            "INSERT INTO feed_items (feed, item, url, status, doc_id, error, attempts, first_seen, last_tried)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
                     strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
             ON CONFLICT (feed, item) DO UPDATE SET
                 url = excluded.url, status = excluded.status, doc_id = excluded.doc_id,
                 error = excluded.error, attempts = feed_items.attempts + 1,
                 last_tried = excluded.last_tried",
            (feed, &r.item, &r.url, r.status.code(), &r.doc_id, &r.error),
        )?;
        Ok(())
    }
}
