-- claimgraph store, schema version 1: the v1 extraction contract, one row per object,
-- plus a full-text index over document titles and texts.
--
-- Child rows are keyed by `doc` (the integer `documents.seq`, not the 71-char id, which
-- keeps rows and keys small) and the document-local id of their parent, in WITHOUT ROWID
-- tables clustered on that key: a document's rows are contiguous, and deleting a
-- document cascades to everything extracted from it. `ord` keeps the order of each list
-- of the extraction so it can be rebuilt exactly. References between objects of one
-- document (event actor -> entity, claim via -> claim, ...) are composite foreign keys,
-- deferred to commit so rows can be written in any order inside the one transaction;
-- their lookups use the `(doc, ...)` primary-key prefix, so they need no extra index.

CREATE TABLE documents (
    seq         INTEGER PRIMARY KEY,        -- stable rowid, also for the FTS index
    id          TEXT    NOT NULL UNIQUE,    -- sha256:<hex> of the normalized text
    schema      TEXT    NOT NULL,           -- claimgraph/extraction/v1
    title       TEXT,
    url         TEXT,
    publisher   TEXT,
    published   TEXT,
    language    TEXT,
    text        TEXT    NOT NULL,
    chars       INTEGER NOT NULL,           -- length of text in chars (offsets are chars)
    source      TEXT    NOT NULL,           -- where the document came from (path, url, feed)
    ingested_at TEXT    NOT NULL            -- UTC, ISO 8601
);
CREATE INDEX documents_published ON documents (published);

CREATE TABLE entities (
    doc     INTEGER NOT NULL REFERENCES documents (seq) ON DELETE CASCADE,
    id      TEXT    NOT NULL,
    ord     INTEGER NOT NULL,
    name    TEXT    NOT NULL,
    type    TEXT    NOT NULL,
    kind    TEXT,
    country TEXT,
    kb_id   TEXT,
    PRIMARY KEY (doc, id)
) WITHOUT ROWID;
CREATE INDEX entities_kb_id ON entities (kb_id) WHERE kb_id IS NOT NULL;

CREATE TABLE entity_aliases (
    doc       INTEGER NOT NULL,
    entity_id TEXT    NOT NULL,
    ord       INTEGER NOT NULL,
    alias     TEXT    NOT NULL,
    PRIMARY KEY (doc, entity_id, ord),
    FOREIGN KEY (doc, entity_id) REFERENCES entities (doc, id)
        ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
) WITHOUT ROWID;

CREATE TABLE mentions (
    doc       INTEGER NOT NULL,
    entity_id TEXT    NOT NULL,
    ord       INTEGER NOT NULL,
    start     INTEGER NOT NULL,
    "end"     INTEGER NOT NULL,
    text      TEXT    NOT NULL,
    PRIMARY KEY (doc, entity_id, ord),
    FOREIGN KEY (doc, entity_id) REFERENCES entities (doc, id)
        ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
) WITHOUT ROWID;

CREATE TABLE events (
    doc                  INTEGER NOT NULL REFERENCES documents (seq) ON DELETE CASCADE,
    id                   TEXT    NOT NULL,
    ord                  INTEGER NOT NULL,
    type                 TEXT    NOT NULL,
    mode                 TEXT,
    cameo                TEXT,
    actor                TEXT,
    target               TEXT,
    date_start           TEXT,
    date_end             TEXT,
    date_precision       TEXT,               -- NULL when the event has no date
    date_text            TEXT,
    location             INTEGER NOT NULL,   -- 1 when the event has a location object
    location_name        TEXT,
    location_country     TEXT,
    location_lat         REAL,
    location_lon         REAL,
    location_geonames_id INTEGER,
    fatalities_min       INTEGER,            -- NULL when fatalities are not stated
    fatalities_max       INTEGER,
    fatalities_text      TEXT,
    injuries_min         INTEGER,            -- NULL when injuries are not stated
    injuries_max         INTEGER,
    injuries_text        TEXT,
    status               TEXT    NOT NULL,
    PRIMARY KEY (doc, id),
    FOREIGN KEY (doc, actor) REFERENCES entities (doc, id) DEFERRABLE INITIALLY DEFERRED,
    FOREIGN KEY (doc, target) REFERENCES entities (doc, id) DEFERRABLE INITIALLY DEFERRED
) WITHOUT ROWID;
CREATE INDEX events_type ON events (type);
CREATE INDEX events_date ON events (date_start) WHERE date_start IS NOT NULL;

CREATE TABLE event_evidence (
    doc      INTEGER NOT NULL,
    event_id TEXT    NOT NULL,
    ord      INTEGER NOT NULL,
    start    INTEGER NOT NULL,
    "end"    INTEGER NOT NULL,
    text     TEXT    NOT NULL,
    PRIMARY KEY (doc, event_id, ord),
    FOREIGN KEY (doc, event_id) REFERENCES events (doc, id)
        ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
) WITHOUT ROWID;

CREATE TABLE claims (
    doc              INTEGER NOT NULL REFERENCES documents (seq) ON DELETE CASCADE,
    id               TEXT    NOT NULL,
    ord              INTEGER NOT NULL,
    claimant_entity  TEXT,
    claimant_name    TEXT    NOT NULL,
    claimant_kind    TEXT    NOT NULL,
    claimant_count   INTEGER,
    stance           TEXT    NOT NULL,
    hedged           INTEGER NOT NULL,
    via              TEXT,
    PRIMARY KEY (doc, id),
    FOREIGN KEY (doc, claimant_entity) REFERENCES entities (doc, id) DEFERRABLE INITIALLY DEFERRED,
    FOREIGN KEY (doc, via) REFERENCES claims (doc, id) DEFERRABLE INITIALLY DEFERRED
) WITHOUT ROWID;

CREATE TABLE claim_about (
    doc      INTEGER NOT NULL,
    claim_id TEXT    NOT NULL,
    ord      INTEGER NOT NULL,
    event_id TEXT    NOT NULL,
    PRIMARY KEY (doc, claim_id, ord),
    FOREIGN KEY (doc, claim_id) REFERENCES claims (doc, id)
        ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    FOREIGN KEY (doc, event_id) REFERENCES events (doc, id) DEFERRABLE INITIALLY DEFERRED
) WITHOUT ROWID;

CREATE TABLE claim_evidence (
    doc      INTEGER NOT NULL,
    claim_id TEXT    NOT NULL,
    ord      INTEGER NOT NULL,
    start    INTEGER NOT NULL,
    "end"    INTEGER NOT NULL,
    text     TEXT    NOT NULL,
    PRIMARY KEY (doc, claim_id, ord),
    FOREIGN KEY (doc, claim_id) REFERENCES claims (doc, id)
        ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
) WITHOUT ROWID;

-- Full-text index over title and text, reading its content from `documents`.
CREATE VIRTUAL TABLE documents_fts USING fts5 (
    title, text,
    content = 'documents', content_rowid = 'seq',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, text)
        VALUES ('delete', old.seq, old.title, old.text);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, text)
        VALUES ('delete', old.seq, old.title, old.text);
    INSERT INTO documents_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
