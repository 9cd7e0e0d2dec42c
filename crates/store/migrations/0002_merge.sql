-- claimgraph store, schema version 2: merging across reports (claimgraph-merge).
--
-- Near-duplicate documents: a MinHash signature per document, its LSH band buckets (the
-- candidate index) and the near-duplicate group it belongs to, named by the id of the
-- group's earliest document (publication date, then id), so it does not depend on the
-- order documents were stored in.
--
-- Incidents: every merged event's blocking features (type family, country, day interval)
-- and the incident it belongs to. Incident ids are derived from the earliest member's sort
-- key, so a re-run over the same reports in any order gives the same ids. Everything here
-- is derived data: `claimgraph merge --rebuild` deletes and recomputes it. Analyst grades
-- are not derived and are never written by the machine.

CREATE TABLE doc_signatures (
    doc       INTEGER PRIMARY KEY REFERENCES documents (seq) ON DELETE CASCADE,
    signature BLOB    NOT NULL,   -- MinHash, little-endian u64 per permutation
    shingles  INTEGER NOT NULL,   -- number of distinct shingles (to estimate containment)
    dup_group TEXT    NOT NULL    -- id of the earliest document of its near-duplicate group
);
CREATE INDEX doc_signatures_group ON doc_signatures (dup_group);

CREATE TABLE doc_lsh (
    band   INTEGER NOT NULL,
    bucket INTEGER NOT NULL,      -- hash of the band's rows of the signature
    doc    INTEGER NOT NULL REFERENCES documents (seq) ON DELETE CASCADE,
    PRIMARY KEY (band, bucket, doc)
) WITHOUT ROWID;
CREATE INDEX doc_lsh_doc ON doc_lsh (doc);

CREATE TABLE incident_events (
    doc            INTEGER NOT NULL,
    event_id       TEXT    NOT NULL,
    incident       TEXT    NOT NULL,
    sort_key       TEXT    NOT NULL,  -- published|doc id|event id: the earliest names the incident
    family         TEXT    NOT NULL,  -- event type family (blocking key)
    country        TEXT    NOT NULL,  -- ISO alpha-3, '' when unknown (blocking key)
    day_lo         INTEGER,           -- first day (days since 1970-01-01); NULL: no linkable date
    day_hi         INTEGER,           -- last day
    place_geonames INTEGER,           -- GeoNames id of the place, when known
    place_country  INTEGER NOT NULL,  -- 1 when the place is a whole country
    place_name     TEXT,              -- lower-cased place name, when the place is not resolved
    actor_root     TEXT,              -- knowledge-base root of the actor (IRGC -> IRN)
    target_root    TEXT,              -- knowledge-base root of the target
    sketch         BLOB    NOT NULL,  -- sorted u32 hashes of the evidence's content words
    PRIMARY KEY (doc, event_id),
    FOREIGN KEY (doc, event_id) REFERENCES events (doc, id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX incident_events_incident ON incident_events (incident);
-- Candidates: a range of day_lo, filtered on day_hi inside the index.
CREATE INDEX incident_events_block ON incident_events (family, country, day_lo, day_hi) WHERE day_lo IS NOT NULL;
CREATE INDEX incident_events_day ON incident_events (family, day_lo, day_hi) WHERE day_lo IS NOT NULL;

-- Analyst grades: Admiralty source reliability (A-F) and claim credibility (1-6).
CREATE TABLE source_grades (
    source    TEXT PRIMARY KEY,       -- lower-cased publisher or claimant name
    name      TEXT NOT NULL,          -- as the analyst wrote it
    grade     TEXT NOT NULL CHECK (grade IN ('A', 'B', 'C', 'D', 'E', 'F')),
    graded_at TEXT NOT NULL
);

CREATE TABLE claim_grades (
    doc_id    TEXT    NOT NULL,       -- full document id (kept across re-extraction)
    claim_id  TEXT    NOT NULL,
    grade     INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 6),
    graded_at TEXT    NOT NULL,
    PRIMARY KEY (doc_id, claim_id)
);
