-- claimgraph store, schema version 10 (PostgreSQL): the merges of a batch in one call.
--
-- A merge batch wrote each document's merge with its own call of `claimgraph_apply_merge`
-- (migration 8): one round trip each, 20,000 for 20,000 reports. On one machine a round
-- trip costs both processes a system call, a wake-up and the loopback network stack; the
-- ingest writer spent a third of its time sending them. The merge connection now queues a
-- batch's merges and sends them together, before its next read that could see them and
-- at the batch's end, with this function: the documents' values in parallel arrays, the
-- events, incident renames and group renames of all of them flattened, with a count per
-- document saying how many of each are its own. It merges the documents in order and stops
-- at the first that fails: `failed` is then its 1-based position and `message` 'not found'
-- (its document is not stored) or 'SQLSTATE message'; both are NULL when all were written.
--
-- A batch with a failed merge is rolled back whole, so one subtransaction for the call
-- (which keeps the caller's transaction usable after an error) replaces the one per
-- document of migration 8's `claimgraph_apply_merge`. The statements of a document's merge
-- are now `claimgraph_write_merge`, which raises instead of returning the error;
-- `claimgraph_apply_merge` is dropped.
CREATE FUNCTION claimgraph_write_merge(
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
END
$$;


-- Nothing calls the one-document function any more.
DROP FUNCTION claimgraph_apply_merge(TEXT, BYTEA, BIGINT, TEXT, TEXT[], TEXT[], TEXT[], TEXT[], TEXT[],
                                     TEXT[], TEXT[], TEXT[], BIGINT[], BIGINT[], BIGINT[], BIGINT[],
                                     TEXT[], TEXT[], BYTEA[], TEXT[], BIGINT[], TEXT[], BIGINT[],
                                     BIGINT[]);

CREATE FUNCTION claimgraph_apply_merges(
    p_doc TEXT[], p_signature BYTEA[], p_shingles BIGINT[], p_dup_group TEXT[],
    p_dup_rename_count INTEGER[], p_dup_renames TEXT[],
    p_rename_count INTEGER[], p_renamed_from TEXT[], p_renamed_to TEXT[],
    p_event_count INTEGER[],
    e_event_id TEXT[], e_incident TEXT[], e_sort_key TEXT[], e_family TEXT[], e_country TEXT[],
    e_day_lo BIGINT[], e_day_hi BIGINT[], e_place_geonames BIGINT[], e_place_country BIGINT[],
    e_actor_root TEXT[], e_target_root TEXT[], e_sketch BYTEA[], e_place_name TEXT[],
    e_wide BIGINT[], e_mode TEXT[], e_fatalities_min BIGINT[], e_fatalities_max BIGINT[],
    OUT failed INTEGER, OUT message TEXT
) LANGUAGE plpgsql AS $$
DECLARE
    g INTEGER := 0;  -- group renames before document i
    r INTEGER := 0;  -- incident renames before document i
    e INTEGER := 0;  -- events before document i
    ng INTEGER;
    nr INTEGER;
    ne INTEGER;
    at_doc INTEGER := 0;  -- the document being merged (variables survive the rollback)
BEGIN
    FOR i IN 1 .. coalesce(array_length(p_doc, 1), 0) LOOP
        at_doc := i;
        ng := p_dup_rename_count[i];
        nr := p_rename_count[i];
        ne := p_event_count[i];
        -- An empty slice is '{}', as the one-document call expects.
        message := claimgraph_write_merge(
            p_doc[i], p_signature[i], p_shingles[i], p_dup_group[i],
            coalesce(p_dup_renames[g + 1 : g + ng], '{}'),
            coalesce(p_renamed_from[r + 1 : r + nr], '{}'), coalesce(p_renamed_to[r + 1 : r + nr], '{}'),
            coalesce(e_event_id[e + 1 : e + ne], '{}'), coalesce(e_incident[e + 1 : e + ne], '{}'),
            coalesce(e_sort_key[e + 1 : e + ne], '{}'), coalesce(e_family[e + 1 : e + ne], '{}'),
            coalesce(e_country[e + 1 : e + ne], '{}'), coalesce(e_day_lo[e + 1 : e + ne], '{}'),
            coalesce(e_day_hi[e + 1 : e + ne], '{}'), coalesce(e_place_geonames[e + 1 : e + ne], '{}'),
            coalesce(e_place_country[e + 1 : e + ne], '{}'), coalesce(e_actor_root[e + 1 : e + ne], '{}'),
            coalesce(e_target_root[e + 1 : e + ne], '{}'), coalesce(e_sketch[e + 1 : e + ne], '{}'),
            coalesce(e_place_name[e + 1 : e + ne], '{}'), coalesce(e_wide[e + 1 : e + ne], '{}'),
            coalesce(e_mode[e + 1 : e + ne], '{}'), coalesce(e_fatalities_min[e + 1 : e + ne], '{}'),
            coalesce(e_fatalities_max[e + 1 : e + ne], '{}'));
        IF message IS NOT NULL THEN
            failed := i;
            RETURN;
        END IF;
        g := g + ng;
        r := r + nr;
        e := e + ne;
    END LOOP;
EXCEPTION WHEN OTHERS THEN
    failed := at_doc;
    message := SQLSTATE || ' ' || SQLERRM;
END
$$;
