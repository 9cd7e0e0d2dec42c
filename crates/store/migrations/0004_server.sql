-- claimgraph store, schema version 4: what `claimgraph serve` keeps besides extractions —
-- the hashed API tokens and the analysts' boards of competing hypotheses (ACH).
--
-- Boards refer to claims by (document id, local claim id), not by `documents.seq`, so a
-- board survives a document being re-extracted; a claim that no longer exists is shown as
-- missing rather than silently dropped.

CREATE TABLE api_tokens (
    hash       TEXT PRIMARY KEY,   -- sha256 hex of the token; the token itself is never stored
    created_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE boards (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL,
    question   TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE board_hypotheses (
    board INTEGER NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
    ord   INTEGER NOT NULL,
    text  TEXT    NOT NULL,
    PRIMARY KEY (board, ord)
) WITHOUT ROWID;

CREATE TABLE board_evidence (
    board       INTEGER NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
    ord         INTEGER NOT NULL,
    doc_id      TEXT    NOT NULL,
    claim_id    TEXT    NOT NULL,
    credibility REAL    NOT NULL DEFAULT 1.0,   -- the analyst's weight, 0..1
    PRIMARY KEY (board, ord),
    UNIQUE (board, doc_id, claim_id)
) WITHOUT ROWID;

CREATE TABLE board_ratings (
    board      INTEGER NOT NULL,
    hypothesis INTEGER NOT NULL,   -- board_hypotheses.ord
    evidence   INTEGER NOT NULL,   -- board_evidence.ord
    rating     TEXT    NOT NULL CHECK (rating IN ('consistent', 'inconsistent', 'neutral')),
    PRIMARY KEY (board, hypothesis, evidence),
    FOREIGN KEY (board, hypothesis) REFERENCES board_hypotheses (board, ord) ON DELETE CASCADE,
    FOREIGN KEY (board, evidence) REFERENCES board_evidence (board, ord) ON DELETE CASCADE
) WITHOUT ROWID;

-- The actor page finds an actor's entity rows by knowledge-base id (indexed) or by name.
CREATE INDEX entities_name ON entities (name);
