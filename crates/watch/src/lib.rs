//! claimgraph's feed watcher: polls RSS 2.0 and Atom feeds, fetches each new article page
//! and hands it, read by the ingest crate's HTML reader, to the caller to extract and
//! store.
//!
//! * Polite HTTP ([`http::Fetcher`]): conditional requests (`If-None-Match`,
//!   `If-Modified-Since`), a delay between requests to one host, a timeout per request,
//!   retries with exponential backoff for transient failures (timeouts, connection errors,
//!   429 and 5xx), a redirect limit, a response size limit and a content-type check.
//! * Persistent memory ([`claimgraph_store::FeedLog`]): the validators of every feed and
//!   what became of every item, so a restart neither re-ingests nor re-downloads. Items
//!   that failed transiently are retried at later polls up to [`WatchConfig::max_attempts`].
//! * Failures of one feed or one article (broken XML, 404, a redirect loop, a huge or
//!   binary response, a page without text) are reported through the log callback and
//!   counted; the poll goes on. Only store errors stop it.

pub mod error;
pub mod feed;
pub mod http;

use std::time::Duration;

use claimgraph_ingest::{Loaded, ReadOptions, read_html};
use claimgraph_store::{FeedLog, FeedState, ItemRecord, ItemStatus};

pub use error::{FetchError, Result, WatchError};
pub use http::{Fetched, Fetcher};

/// Limits and manners of the watcher.
#[derive(Debug, Clone)]
pub struct WatchConfig {
    /// Whole-request timeout (connect, send, receive).
    pub timeout: Duration,
    /// Largest feed or page accepted, in bytes.
    pub max_bytes: u64,
    /// Redirects followed before giving up (a loop ends here).
    pub max_redirects: u32,
    /// Retries of a transient failure within one request.
    pub retries: u32,
    /// First retry delay; doubled at each further retry.
    pub backoff: Duration,
    /// Least time between two requests to one host.
    pub politeness: Duration,
    /// Attempts at an item (across polls) before it is no longer retried.
    pub max_attempts: u32,
    /// `User-Agent` header.
    pub user_agent: String,
}

impl Default for WatchConfig {
    fn default() -> Self {
        WatchConfig {
            timeout: Duration::from_secs(30),
            max_bytes: 10_000_000,
            max_redirects: 5,
            retries: 2,
            backoff: Duration::from_secs(2),
            politeness: Duration::from_secs(2),
            max_attempts: 3,
            user_agent: concat!("claimgraph/", env!("CARGO_PKG_VERSION"), " (feed watcher)").to_string(),
        }
    }
}

/// How serious a log line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Progress.
    Info,
    /// Something was skipped or failed; the poll goes on.
    Warn,
}

/// What one poll did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PollReport {
    /// Feeds read (status 200).
    pub feeds_ok: u64,
    /// Feeds unchanged since the last poll (status 304).
    pub feeds_not_modified: u64,
    /// Feeds that could not be read or parsed.
    pub feeds_failed: u64,
    /// Items seen for the first time.
    pub new_items: u64,
    /// Articles stored.
    pub ingested: u64,
    /// Articles skipped for good (404, not HTML, too large, no text).
    pub skipped: u64,
    /// Articles that failed transiently (retried at the next poll).
    pub failed: u64,
    /// Items already dealt with at an earlier poll.
    pub already_seen: u64,
}

/// Polls feeds.
#[derive(Debug)]
pub struct Watcher {
    fetcher: Fetcher,
    config: WatchConfig,
}

impl Watcher {
    /// A watcher with `config`.
    pub fn new(config: WatchConfig) -> Self {
        Watcher { fetcher: Fetcher::new(&config), config }
    }

    /// Polls every feed once: fetches it (conditionally), and for each item not yet dealt
    /// with, fetches its page, reads it and calls `ingest`, which extracts and stores the
    /// document and returns its id (or why it could not). Progress and failures go to
    /// `log`. Returns an error only when the store fails.
    pub fn poll<S, I, L>(
        &mut self,
        store: &mut S,
        feeds: &[String],
        mut ingest: I,
        mut log: L,
    ) -> Result<PollReport>
    where
        S: FeedLog + ?Sized,
        I: FnMut(&mut S, Loaded) -> std::result::Result<String, String>,
        L: FnMut(Level, String),
    {
        let mut report = PollReport::default();
        for feed_url in feeds {
            self.poll_feed(store, feed_url, &mut ingest, &mut log, &mut report)?;
        }
        Ok(report)
    }

    fn poll_feed<S, I, L>(
        &mut self,
        store: &mut S,
        feed_url: &str,
        ingest: &mut I,
        log: &mut L,
        report: &mut PollReport,
    ) -> Result<()>
    where
        S: FeedLog + ?Sized,
        I: FnMut(&mut S, Loaded) -> std::result::Result<String, String>,
        L: FnMut(Level, String),
    {
        let previous = store.feed_state(feed_url)?;
        let mut state = previous
            .clone()
            .unwrap_or_else(|| FeedState { url: feed_url.to_string(), ..FeedState::default() });
        let validators = previous.as_ref().map(|p| (p.etag.clone(), p.last_modified.clone()));
        let fetched = self.fetcher.get(
            feed_url,
            validators.as_ref().map(|(e, m)| (e.as_deref(), m.as_deref())),
            http::Expect::Feed,
        );
        let fetched = match fetched {
            Ok(f) => f,
            Err(e) => {
                log(Level::Warn, format!("feed {feed_url}: {e}"));
                report.feeds_failed += 1;
                state.last_status = Some("failed".into());
                state.last_error = Some(e.to_string());
                store.record_poll(&state)?;
                return Ok(());
            }
        };
        if fetched.status == 304 {
            report.feeds_not_modified += 1;
            state.last_status = Some("not-modified".into());
            state.last_error = None;
            store.record_poll(&state)?;
            return Ok(());
        }
        let parsed = match feed::parse(&fetched.body, &fetched.url) {
            Ok(p) => p,
            Err(e) => {
                log(Level::Warn, format!("feed {feed_url}: {e}"));
                report.feeds_failed += 1;
                state.last_status = Some("failed".into());
                state.last_error = Some(e.to_string());
                // Validators of a broken response are not kept: the next poll reads it again.
                store.record_poll(&state)?;
                return Ok(());
            }
        };
        report.feeds_ok += 1;
        state.etag = fetched.etag.clone();
        state.last_modified = fetched.last_modified.clone();
        state.last_status = Some("ok".into());
        state.last_error = None;
        state.title = parsed.title.clone();
        // The feed row exists before its items are recorded.
        store.record_poll(&state)?;
        log(Level::Info, format!("feed {feed_url}: {} items", parsed.items.len()));
        for item in &parsed.items {
            let seen = store.feed_item(feed_url, &item.key)?;
            match &seen {
                Some(r) if r.status != ItemStatus::Failed || r.attempts >= self.config.max_attempts => {
                    report.already_seen += 1;
                    continue;
                }
                Some(_) => {}
                None => report.new_items += 1,
            }
            let mut record = ItemRecord {
                item: item.key.clone(),
                url: item.link.clone(),
                status: ItemStatus::Skipped,
                doc_id: None,
                error: None,
                attempts: 0,
            };
            match self.article(item) {
                Ok(loaded) => match ingest(store, loaded) {
                    Ok(doc_id) => {
                        record.status = ItemStatus::Ingested;
                        record.doc_id = Some(doc_id);
                        report.ingested += 1;
                    }
                    Err(e) => {
                        log(Level::Warn, format!("item {}: cannot store: {e}", item.display()));
                        record.status = ItemStatus::Failed;
                        record.error = Some(e);
                        report.failed += 1;
                    }
                },
                Err((transient, e)) => {
                    log(Level::Warn, format!("item {}: {e}", item.display()));
                    record.status = if transient { ItemStatus::Failed } else { ItemStatus::Skipped };
                    record.error = Some(e);
                    if transient {
                        report.failed += 1;
                    } else {
                        report.skipped += 1;
                    }
                }
            }
            store.record_item(feed_url, &record)?;
        }
        Ok(())
    }

    /// Fetches and reads one item's page: `Err((transient, why))` when it cannot.
    fn article(&mut self, item: &feed::Item) -> std::result::Result<Loaded, (bool, String)> {
        let Some(link) = &item.link else { return Err((false, "the item has no link".into())) };
        let fetched = self
            .fetcher
            .get(link, None, http::Expect::Html)
            .map_err(|e| (e.is_transient(), e.to_string()))?;
        if fetched.status != 200 {
            return Err((false, format!("HTTP status {}", fetched.status)));
        }
        let opts = ReadOptions { max_bytes: self.config.max_bytes, ..ReadOptions::default() };
        let mut loaded = read_html(&fetched.body, &fetched.url, &opts).map_err(|e| (false, e.to_string()))?;
        // What the page itself does not say, the feed does.
        let meta = &mut loaded.document.meta;
        if meta.url.is_none() {
            meta.url = Some(fetched.url.clone());
        }
        if meta.title.is_none() {
            meta.title.clone_from(&item.title);
        }
        if meta.published.is_none() {
            meta.published.clone_from(&item.published);
        }
        Ok(loaded)
    }
}
