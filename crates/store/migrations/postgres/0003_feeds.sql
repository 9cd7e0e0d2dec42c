-- claimgraph store on PostgreSQL, schema version 3: what `claimgraph watch` has seen,
-- mirroring the SQLite migration 0003_feeds.sql column for column (INTEGER -> BIGINT).
-- `watch` records feeds through FeedLog, implemented for both backends with the same
-- statements.

CREATE TABLE feeds (
    url           TEXT COLLATE "C" PRIMARY KEY,
    etag          TEXT,
    last_modified TEXT,
    last_polled   TEXT,
    last_status   TEXT,
    last_error    TEXT,
    title         TEXT
);

CREATE TABLE feed_items (
    feed       TEXT   COLLATE "C" NOT NULL REFERENCES feeds (url) ON DELETE CASCADE,
    item       TEXT   COLLATE "C" NOT NULL,
    url        TEXT,
    status     TEXT   NOT NULL,
    doc_id     TEXT,
    error      TEXT,
    attempts   BIGINT NOT NULL,
    first_seen TEXT   NOT NULL,
    last_tried TEXT   NOT NULL,
    PRIMARY KEY (feed, item)
);
