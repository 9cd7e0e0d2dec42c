-- claimgraph store on PostgreSQL, schema version 1: the same tables, keys and semantics as
-- the SQLite migration 0001_init.sql, with PostgreSQL types and its own full-text search.
--
-- Differences from SQLite, and why:
-- * `documents.seq` is an identity column; child rows reference it as in SQLite.
-- * Text that is ordered or compared by prefix (ids, names, codes, dates) uses the "C"
--   collation, so listings sort by code point exactly as SQLite's BINARY collation does,
--   whatever the server's locale.
-- * Full-text search: a stored, generated `tsvector` (title weight A, text weight B) under
--   the `claimgraph` text search configuration, which is `simple` (no stemming, no stop
--   words, like FTS5's unicode61) with accents folded by the `unaccent` extension (like
--   FTS5's remove_diacritics), and a GIN index over it.

CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE TEXT SEARCH CONFIGURATION claimgraph (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION claimgraph
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;

CREATE TABLE documents (
    seq         BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id          TEXT    COLLATE "C" NOT NULL UNIQUE,   -- sha256:<hex> of the normalized text
    schema      TEXT    NOT NULL,
    title       TEXT,
    url         TEXT,
    publisher   TEXT,
    published   TEXT    COLLATE "C",
    language    TEXT,
    text        TEXT    NOT NULL,
    chars       BIGINT  NOT NULL,
    source      TEXT    NOT NULL,
    ingested_at TEXT    NOT NULL,
    fts         tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('claimgraph', coalesce(title, '')), 'A')
                    || setweight(to_tsvector('claimgraph', text), 'B')) STORED
);
CREATE INDEX documents_published ON documents (published DESC NULLS LAST, seq DESC);
CREATE INDEX documents_fts ON documents USING gin (fts);

CREATE TABLE entities (
    doc     BIGINT NOT NULL REFERENCES documents (seq) ON DELETE CASCADE,
    id      TEXT   COLLATE "C" NOT NULL,
    ord     BIGINT NOT NULL,
    name    TEXT   COLLATE "C" NOT NULL,
    type    TEXT   COLLATE "C" NOT NULL,
    kind    TEXT,
    country TEXT,
    kb_id   TEXT   COLLATE "C",
    PRIMARY KEY (doc, id)
);
CREATE INDEX entities_kb_id ON entities (kb_id) WHERE kb_id IS NOT NULL;

CREATE TABLE entity_aliases (
    doc       BIGINT NOT NULL,
    entity_id TEXT   COLLATE "C" NOT NULL,
    ord       BIGINT NOT NULL,
    alias     TEXT   NOT NULL,
    PRIMARY KEY (doc, entity_id, ord),
    FOREIGN KEY (doc, entity_id) REFERENCES entities (doc, id)
        ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE mentions (
    doc       BIGINT NOT NULL,
    entity_id TEXT   COLLATE "C" NOT NULL,
    ord       BIGINT NOT NULL,
    start     BIGINT NOT NULL,
    "end"     BIGINT NOT NULL,
    text      TEXT   NOT NULL,
    PRIMARY KEY (doc, entity_id, ord),
    FOREIGN KEY (doc, entity_id) REFERENCES entities (doc, id)
        ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE events (
    doc                  BIGINT  NOT NULL REFERENCES documents (seq) ON DELETE CASCADE,
    id                   TEXT    COLLATE "C" NOT NULL,
    ord                  BIGINT  NOT NULL,
    type                 TEXT    COLLATE "C" NOT NULL,
    mode                 TEXT,
    cameo                TEXT,
    actor                TEXT    COLLATE "C",
    target               TEXT    COLLATE "C",
    date_start           TEXT    COLLATE "C",
    date_end             TEXT    COLLATE "C",
    date_precision       TEXT,               -- NULL when the event has no date
    date_text            TEXT,
    location             BOOLEAN NOT NULL,   -- true when the event has a location object
    location_name        TEXT,
    location_country     TEXT,
    location_lat         DOUBLE PRECISION,
    location_lon         DOUBLE PRECISION,
    location_geonames_id BIGINT,
    fatalities_min       BIGINT,             -- NULL when fatalities are not stated
    fatalities_max       BIGINT,
    fatalities_text      TEXT,
    injuries_min         BIGINT,             -- NULL when injuries are not stated
    injuries_max         BIGINT,
    injuries_text        TEXT,
    status               TEXT    NOT NULL,
    PRIMARY KEY (doc, id),
    FOREIGN KEY (doc, actor) REFERENCES entities (doc, id) DEFERRABLE INITIALLY DEFERRED,
    FOREIGN KEY (doc, target) REFERENCES entities (doc, id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX events_type ON events (type);
CREATE INDEX events_date ON events (date_start) WHERE date_start IS NOT NULL;

CREATE TABLE event_evidence (
    doc      BIGINT NOT NULL,
    event_id TEXT   COLLATE "C" NOT NULL,
    ord      BIGINT NOT NULL,
    start    BIGINT NOT NULL,
    "end"    BIGINT NOT NULL,
    text     TEXT   NOT NULL,
    PRIMARY KEY (doc, event_id, ord),
    FOREIGN KEY (doc, event_id) REFERENCES events (doc, id)
        ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE claims (
    doc              BIGINT  NOT NULL REFERENCES documents (seq) ON DELETE CASCADE,
    id               TEXT    COLLATE "C" NOT NULL,
    ord              BIGINT  NOT NULL,
    claimant_entity  TEXT    COLLATE "C",
    claimant_name    TEXT    NOT NULL,
    claimant_kind    TEXT    NOT NULL,
    claimant_count   BIGINT,
    stance           TEXT    NOT NULL,
    hedged           BOOLEAN NOT NULL,
    via              TEXT    COLLATE "C",
    PRIMARY KEY (doc, id),
    FOREIGN KEY (doc, claimant_entity) REFERENCES entities (doc, id) DEFERRABLE INITIALLY DEFERRED,
    FOREIGN KEY (doc, via) REFERENCES claims (doc, id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE claim_about (
    doc      BIGINT NOT NULL,
    claim_id TEXT   COLLATE "C" NOT NULL,
    ord      BIGINT NOT NULL,
    event_id TEXT   COLLATE "C" NOT NULL,
    PRIMARY KEY (doc, claim_id, ord),
    FOREIGN KEY (doc, claim_id) REFERENCES claims (doc, id)
        ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    FOREIGN KEY (doc, event_id) REFERENCES events (doc, id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE claim_evidence (
    doc      BIGINT NOT NULL,
    claim_id TEXT   COLLATE "C" NOT NULL,
    ord      BIGINT NOT NULL,
    start    BIGINT NOT NULL,
    "end"    BIGINT NOT NULL,
    text     TEXT   NOT NULL,
    PRIMARY KEY (doc, claim_id, ord),
    FOREIGN KEY (doc, claim_id) REFERENCES claims (doc, id)
        ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
);
