-- claimgraph store, migration 3: what `claimgraph watch` has seen, so a restart neither
-- re-ingests nor re-downloads.
--
-- `feeds` keeps one row per feed URL with the validators of its last response (for
-- conditional requests) and the outcome of its last poll. `feed_items` keeps one row per
-- item of a feed, keyed by the item's id (its guid/atom:id, else its link), with what
-- became of it: `ingested` (with the document id), `skipped` (a permanent failure: 404,
-- not HTML, too large, no text; not retried) or `failed` (a transient failure: timeout,
-- 5xx; retried at later polls until `attempts` reaches the watcher's limit).

CREATE TABLE feeds (
    url           TEXT PRIMARY KEY,
    etag          TEXT,
    last_modified TEXT,
    last_polled   TEXT,                 -- UTC, ISO 8601
    last_status   TEXT,                 -- ok, not-modified, failed
    last_error    TEXT,
    title         TEXT
);

CREATE TABLE feed_items (
    feed       TEXT    NOT NULL REFERENCES feeds (url) ON DELETE CASCADE,
    item       TEXT    NOT NULL,        -- guid / atom:id, else the link
    url        TEXT,                    -- the article link
    status     TEXT    NOT NULL,        -- ingested, skipped, failed
    doc_id     TEXT,                    -- the stored document, when ingested
    error      TEXT,
    attempts   INTEGER NOT NULL,
    first_seen TEXT    NOT NULL,        -- UTC, ISO 8601
    last_tried TEXT    NOT NULL,
    PRIMARY KEY (feed, item)
);
