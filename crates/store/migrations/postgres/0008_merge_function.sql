-- claimgraph store, schema version 8 (PostgreSQL): a document's merge in one call, and a
-- counter of changes to the merge tables.
--
-- Writing one document's merge took five statements, each a round trip between the ingest
-- writer and the server (look up the document, drop its old incident rows, write its
-- signature, rename groups and incidents, insert its events). On a small machine busy with
-- extraction each round trip waits for both processes to be scheduled, so an ingest that
-- merges spent a fifth of its time waiting. `claimgraph_apply_merge` does the same
-- statements, in the same order, in one call. It runs them in a subtransaction (the
-- EXCEPTION block) and returns the error instead of raising it: a failed merge is undone
-- alone, and the caller's transaction (a merge batch) stays usable, as a savepoint would
-- keep it. Returns NULL on success, 'not found' when the document is not stored, else
-- 'SQLSTATE message'.
--
-- A merge also asks which merged events are candidates for each new event; one query each
-- was a fifth of an ingest's time. The merge connection keeps a copy of the blocking index
-- it has read (as the SQLite backend does), and the counter in `merge_state` tells it when
-- the copy may be stale: every transaction that changes `incident_events` or
-- `doc_signatures` adds one, once, whatever its statements. A merge batch reads it when it
-- starts and again before it commits: when it moved by other hands than the batch's own,
-- the copy is dropped.
--
-- Who moves it: `claimgraph_apply_merge` (merges write only through it) when it writes, and
-- triggers on every update, delete and truncate of the two tables (unmerges, incident and
-- group renames, documents deleted or replaced with their merged rows, hand-written SQL).
-- Inserts have no trigger: a statement trigger there doubled the cost of a merge, and only
-- the merge function inserts. Rows inserted by hand should be followed by
-- `UPDATE merge_state SET generation = generation + 1`.
CREATE TABLE merge_state (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    generation BIGINT  NOT NULL
);
INSERT INTO merge_state (id, generation) VALUES (1, 0);

-- Moves the generation, once per transaction: its id is remembered in a transaction-local
-- setting (undone with the counter when a subtransaction rolls back).
CREATE FUNCTION claimgraph_bump_merge_generation() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('claimgraph.merge_changed', true) IS DISTINCT FROM txid_current()::text THEN
        UPDATE merge_state SET generation = generation + 1 WHERE id = 1;
        PERFORM set_config('claimgraph.merge_changed', txid_current()::text, true);
    END IF;
END
$$;

CREATE FUNCTION claimgraph_merge_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM claimgraph_bump_merge_generation();
    RETURN NULL;
END
$$;

-- The WHEN clause skips the function call after the transaction's first change.
CREATE TRIGGER incident_events_changed
    AFTER UPDATE OR DELETE ON incident_events
    FOR EACH STATEMENT
    WHEN (current_setting('claimgraph.merge_changed', true) IS DISTINCT FROM txid_current()::text)
    EXECUTE FUNCTION claimgraph_merge_changed();
CREATE TRIGGER doc_signatures_changed
    AFTER UPDATE OR DELETE ON doc_signatures
    FOR EACH STATEMENT
    WHEN (current_setting('claimgraph.merge_changed', true) IS DISTINCT FROM txid_current()::text)
    EXECUTE FUNCTION claimgraph_merge_changed();
CREATE TRIGGER incident_events_truncated
    AFTER TRUNCATE ON incident_events FOR EACH STATEMENT EXECUTE FUNCTION claimgraph_merge_changed();
CREATE TRIGGER doc_signatures_truncated
    AFTER TRUNCATE ON doc_signatures FOR EACH STATEMENT EXECUTE FUNCTION claimgraph_merge_changed();

-- A document's merge. It moves the generation, and touches what the document had merged
-- before (delete, update: statements the triggers watch) only when there is something: a
-- first merge, most of them, only inserts.
CREATE FUNCTION claimgraph_apply_merge(
    p_doc TEXT, p_signature BYTEA, p_shingles BIGINT, p_dup_group TEXT,
    p_dup_renames TEXT[], p_renamed_from TEXT[], p_renamed_to TEXT[],
    e_event_id TEXT[], e_incident TEXT[], e_sort_key TEXT[], e_family TEXT[], e_country TEXT[],
    e_day_lo BIGINT[], e_day_hi BIGINT[], e_place_geonames BIGINT[], e_place_country BIGINT[],
    e_actor_root TEXT[], e_target_root TEXT[], e_sketch BYTEA[], e_place_name TEXT[],
    e_wide BIGINT[], e_mode TEXT[], e_fatalities_min BIGINT[], e_fatalities_max BIGINT[]
) RETURNS TEXT LANGUAGE plpgsql AS $$
DECLARE
    d BIGINT;
    old TEXT;
    own INTEGER;
BEGIN
    SELECT seq INTO d FROM documents WHERE id = p_doc;
    IF d IS NULL THEN
        RETURN 'not found';
    END IF;
    PERFORM claimgraph_bump_merge_generation();
    own := CASE WHEN p_dup_group = p_doc THEN 1 ELSE 0 END;
    IF EXISTS (SELECT 1 FROM doc_signatures WHERE doc = d) THEN
        -- Merging a document again replaces its earlier merge.
        DELETE FROM incident_events WHERE doc = d;
        UPDATE doc_signatures SET signature = p_signature, shingles = p_shingles,
                                  dup_group = p_dup_group, own_group = own
         WHERE doc = d;
    ELSE
        INSERT INTO doc_signatures (doc, signature, shingles, dup_group, own_group)
        VALUES (d, p_signature, p_shingles, p_dup_group, own);
    END IF;
    -- Renames one by one, in order: a group's members through the (partial) index, its root
    -- through `documents`.
    FOREACH old IN ARRAY p_dup_renames LOOP
        UPDATE doc_signatures SET dup_group = p_dup_group WHERE dup_group = old AND own_group = 0;
        UPDATE doc_signatures SET dup_group = p_dup_group, own_group = 0
         WHERE doc = (SELECT seq FROM documents WHERE id = old) AND own_group = 1;
    END LOOP;
    FOR i IN 1 .. coalesce(array_length(p_renamed_from, 1), 0) LOOP
        UPDATE incident_events SET incident = p_renamed_to[i] WHERE incident = p_renamed_from[i];
    END LOOP;
    INSERT INTO incident_events (doc, event_id, incident, sort_key, family, country, day_lo, day_hi,
                                 place_geonames, place_country, actor_root, target_root, sketch,
                                 place_name, wide, mode, fatalities_min, fatalities_max)
    SELECT d, u.* FROM unnest(e_event_id, e_incident, e_sort_key, e_family, e_country, e_day_lo,
                              e_day_hi, e_place_geonames, e_place_country, e_actor_root,
                              e_target_root, e_sketch, e_place_name, e_wide, e_mode,
                              e_fatalities_min, e_fatalities_max) AS u;
    RETURN NULL;
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE || ' ' || SQLERRM;
END
$$;
