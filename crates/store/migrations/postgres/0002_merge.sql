-- claimgraph store on PostgreSQL, schema version 2: the tables of merging across reports
-- (claimgraph-merge), mirroring the SQLite migration 0002_merge.sql column for column
-- (BLOB -> BYTEA, INTEGER -> BIGINT, "C" collation on ordered text keys).
--
-- PgStore's IncidentStore (src/postgres/incidents.rs) reads and writes them with the same
-- statements and semantics as the SQLite backend.

CREATE TABLE doc_signatures (
    doc       BIGINT PRIMARY KEY REFERENCES documents (seq) ON DELETE CASCADE,
    signature BYTEA  NOT NULL,
    shingles  BIGINT NOT NULL,
    dup_group TEXT   COLLATE "C" NOT NULL
);
CREATE INDEX doc_signatures_group ON doc_signatures (dup_group);

CREATE TABLE incident_events (
    doc            BIGINT NOT NULL,
    event_id       TEXT   COLLATE "C" NOT NULL,
    incident       TEXT   COLLATE "C" NOT NULL,
    sort_key       TEXT   COLLATE "C" NOT NULL,
    family         TEXT   COLLATE "C" NOT NULL,
    country        TEXT   COLLATE "C" NOT NULL,
    day_lo         BIGINT,
    day_hi         BIGINT,
    wide           BIGINT NOT NULL,
    place_geonames BIGINT,
    place_country  BIGINT NOT NULL,
    place_name     TEXT,
    actor_root     TEXT,
    target_root    TEXT,
    sketch         BYTEA  NOT NULL,
    mode           TEXT,
    fatalities_min BIGINT,
    fatalities_max BIGINT,
    PRIMARY KEY (doc, event_id),
    FOREIGN KEY (doc, event_id) REFERENCES events (doc, id) ON DELETE CASCADE
);
CREATE INDEX incident_events_incident ON incident_events (incident);
CREATE INDEX incident_events_block ON incident_events (family, wide, day_lo, day_hi, country);

CREATE TABLE source_grades (
    source    TEXT COLLATE "C" PRIMARY KEY,
    name      TEXT NOT NULL,
    grade     TEXT NOT NULL CHECK (grade IN ('A', 'B', 'C', 'D', 'E', 'F')),
    graded_at TEXT NOT NULL
);

CREATE TABLE claim_grades (
    doc_id    TEXT   COLLATE "C" NOT NULL,
    claim_id  TEXT   COLLATE "C" NOT NULL,
    grade     BIGINT NOT NULL CHECK (grade BETWEEN 1 AND 6),
    graded_at TEXT   NOT NULL,
    PRIMARY KEY (doc_id, claim_id)
);
