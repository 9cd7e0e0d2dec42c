-- claimgraph store, schema version 8 (PostgreSQL): a document's merge in one call.
--
-- Writing one document's merge took five statements, each a round trip between the ingest
-- writer and the server (look up the document, drop its old incident rows, write its
-- signature, rename groups and incidents, insert its events). On a small machine busy with
-- extraction each round trip waits for both processes to be scheduled, so an ingest that
-- merges spent a fifth of its time waiting. The function does the same statements, in the
-- same order, in one call.
--
-- It runs them in a subtransaction (the EXCEPTION block) and returns the error instead of
-- raising it: a failed merge is undone alone, and the caller's transaction (a merge batch)
-- stays usable, as a savepoint would keep it. Returns NULL on success, 'not found' when the
-- document is not stored, else 'SQLSTATE message'.
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
BEGIN
    SELECT seq INTO d FROM documents WHERE id = p_doc;
    IF d IS NULL THEN
        RETURN 'not found';
    END IF;
    -- Merging a document again replaces its earlier merge.
    DELETE FROM incident_events WHERE doc = d;
    INSERT INTO doc_signatures (doc, signature, shingles, dup_group, own_group)
    VALUES (d, p_signature, p_shingles, p_dup_group, CASE WHEN p_dup_group = p_doc THEN 1 ELSE 0 END)
    ON CONFLICT (doc) DO UPDATE SET signature = excluded.signature, shingles = excluded.shingles,
                                    dup_group = excluded.dup_group, own_group = excluded.own_group;
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
