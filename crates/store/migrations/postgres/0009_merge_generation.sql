-- claimgraph store, schema version 9 (PostgreSQL): a counter of changes to the merge tables.
--
-- A merge asks which merged events are candidates for each new event; one query each was a
-- fifth of an ingest's time on a small machine. The merge connection now keeps a copy of
-- the blocking index it has read (as the SQLite backend does), and this counter tells it
-- when the copy may be stale: every transaction that changes `incident_events` or
-- `doc_signatures` (a merge, an unmerge, a document deleted or replaced with its merged
-- events, or anyone's hand-written SQL) adds one, once, whatever its statements. A merge
-- batch reads it when it starts and again before it commits: when it moved by other hands
-- than the batch's own, the copy is dropped.
CREATE TABLE merge_state (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    generation BIGINT  NOT NULL
);
INSERT INTO merge_state (id, generation) VALUES (1, 0);

CREATE FUNCTION claimgraph_merge_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Once per transaction: its id is remembered in a transaction-local setting (undone
    -- with the counter when a subtransaction rolls back).
    IF current_setting('claimgraph.merge_changed', true) IS DISTINCT FROM txid_current()::text THEN
        UPDATE merge_state SET generation = generation + 1 WHERE id = 1;
        PERFORM set_config('claimgraph.merge_changed', txid_current()::text, true);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER incident_events_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON incident_events
    FOR EACH STATEMENT EXECUTE FUNCTION claimgraph_merge_changed();
CREATE TRIGGER doc_signatures_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON doc_signatures
    FOR EACH STATEMENT EXECUTE FUNCTION claimgraph_merge_changed();
