-- claimgraph store, schema version 10 (PostgreSQL): the merges of a batch in one call.
--
-- A merge batch wrote each document's merge with its own call of `claimgraph_apply_merge`
-- (migration 8): one round trip each, 20,000 for 20,000 reports. On one machine a round
-- trip costs both processes a system call, a wake-up and the loopback network stack; the
-- ingest writer spent a third of its time sending them. The merge connection now queues a
-- batch's merges and sends them together, before its next read that could see them and
-- at the batch's end, with this function: the documents' values in parallel arrays, the
-- events, incident renames and group renames of all of them flattened, with a count per
-- document saying how many of each are its own. It merges the documents in order, each
-- with `claimgraph_apply_merge`, and stops at the first that fails: `failed` is then its
-- 1-based position and `message` what `claimgraph_apply_merge` returned. Both are NULL
-- when all were written. A batch with a failed merge is rolled back whole.
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
BEGIN
    FOR i IN 1 .. coalesce(array_length(p_doc, 1), 0) LOOP
        ng := p_dup_rename_count[i];
        nr := p_rename_count[i];
        ne := p_event_count[i];
        -- An empty slice is '{}', as the one-document call expects.
        message := claimgraph_apply_merge(
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
END
$$;
