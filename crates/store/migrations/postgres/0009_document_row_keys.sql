-- claimgraph store, schema version 9 (PostgreSQL): references between the rows of one
-- document are checked once per statement instead of once per row.
--
-- Ten foreign keys tied a document's rows together (a mention to its entity, an event to
-- its actor and target, a claim to its claimant, `via` and the events it is about, each
-- piece of evidence to its event or claim). PostgreSQL checks a foreign key with one
-- lookup per row: about 20 per document, a fifth of the server's work during an ingest
-- (1.45 of 7.1 CPU-seconds on 20,000 reports). Here the same checks are made by statement
-- triggers: after each INSERT or UPDATE of one of these tables, one query looks for any new
-- row whose reference is missing (an anti-join over the statement's rows), and raises the
-- error a foreign key raises (SQLSTATE 23503, the same constraint name). The writer inserts
-- a batch of documents with one statement per table, parents first, so a batch costs one
-- query per reference instead of one per row.
--
-- The cascades those keys made are kept: deleting (or replacing) a document deletes its
-- mentions, aliases, evidence and claim links by the statement trigger below, one DELETE
-- per table, and TRUNCATE of documents empties them. Entities, events, claims and
-- signatures keep their real foreign key to `documents` with its cascade, and merged
-- events theirs to `events` (the merge function relies on it to refuse an unknown event).
--
-- What is no longer checked: a reference left dangling by deleting or renaming an entity,
-- event or claim by hand (claimgraph deletes whole documents only), and the order of
-- hand-written inserts (the old keys were deferred: a transaction could insert a mention
-- before its entity; now the parent row must come first). The SQLite schema keeps its
-- foreign keys: in-process they cost little.
ALTER TABLE entity_aliases DROP CONSTRAINT entity_aliases_doc_entity_id_fkey;
ALTER TABLE mentions DROP CONSTRAINT mentions_doc_entity_id_fkey;
ALTER TABLE events DROP CONSTRAINT events_doc_actor_fkey;
ALTER TABLE events DROP CONSTRAINT events_doc_target_fkey;
ALTER TABLE event_evidence DROP CONSTRAINT event_evidence_doc_event_id_fkey;
ALTER TABLE claims DROP CONSTRAINT claims_doc_claimant_entity_fkey;
ALTER TABLE claims DROP CONSTRAINT claims_doc_via_fkey;
ALTER TABLE claim_about DROP CONSTRAINT claim_about_doc_claim_id_fkey;
ALTER TABLE claim_about DROP CONSTRAINT claim_about_doc_event_id_fkey;
ALTER TABLE claim_evidence DROP CONSTRAINT claim_evidence_doc_claim_id_fkey;

-- The reference check, for the table the trigger is on: every reference in the statement's
-- new rows must name a row of the same document. The queries are static, so PL/pgSQL plans
-- each once per session and table (it compiles a trigger function per table). The lookup
-- is a scalar subquery, not NOT EXISTS: the planner cannot turn it into a join, so it stays
-- one primary-key probe per new row. A cached plan with an anti-join chose a hash join
-- over the whole parent table, whose cost grew with the store.
CREATE FUNCTION claimgraph_check_document_refs() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    bad record;
BEGIN
    CASE TG_TABLE_NAME
        WHEN 'mentions', 'entity_aliases' THEN
            SELECT n.doc, 'entity_id' AS col, n.entity_id AS ref, 'entities' AS parent INTO bad FROM new_rows n
             WHERE n.entity_id IS NOT NULL
               AND (SELECT true FROM entities p WHERE p.doc = n.doc AND p.id = n.entity_id) IS NULL
             LIMIT 1;
        WHEN 'events' THEN
            SELECT n.doc, 'actor' AS col, n.actor AS ref, 'entities' AS parent INTO bad FROM new_rows n
             WHERE n.actor IS NOT NULL
               AND (SELECT true FROM entities p WHERE p.doc = n.doc AND p.id = n.actor) IS NULL
             LIMIT 1;
            IF NOT FOUND THEN
                SELECT n.doc, 'target' AS col, n.target AS ref, 'entities' AS parent INTO bad FROM new_rows n
                 WHERE n.target IS NOT NULL
                   AND (SELECT true FROM entities p WHERE p.doc = n.doc AND p.id = n.target) IS NULL
                 LIMIT 1;
            END IF;
        WHEN 'event_evidence' THEN
            SELECT n.doc, 'event_id' AS col, n.event_id AS ref, 'events' AS parent INTO bad FROM new_rows n
             WHERE n.event_id IS NOT NULL
               AND (SELECT true FROM events p WHERE p.doc = n.doc AND p.id = n.event_id) IS NULL
             LIMIT 1;
        WHEN 'claims' THEN
            SELECT n.doc, 'claimant_entity' AS col, n.claimant_entity AS ref, 'entities' AS parent INTO bad FROM new_rows n
             WHERE n.claimant_entity IS NOT NULL
               AND (SELECT true FROM entities p WHERE p.doc = n.doc AND p.id = n.claimant_entity) IS NULL
             LIMIT 1;
            IF NOT FOUND THEN
                SELECT n.doc, 'via' AS col, n.via AS ref, 'claims' AS parent INTO bad FROM new_rows n
                 WHERE n.via IS NOT NULL
                   AND (SELECT true FROM claims p WHERE p.doc = n.doc AND p.id = n.via) IS NULL
                 LIMIT 1;
            END IF;
        WHEN 'claim_about' THEN
            SELECT n.doc, 'claim_id' AS col, n.claim_id AS ref, 'claims' AS parent INTO bad FROM new_rows n
             WHERE n.claim_id IS NOT NULL
               AND (SELECT true FROM claims p WHERE p.doc = n.doc AND p.id = n.claim_id) IS NULL
             LIMIT 1;
            IF NOT FOUND THEN
                SELECT n.doc, 'event_id' AS col, n.event_id AS ref, 'events' AS parent INTO bad FROM new_rows n
                 WHERE n.event_id IS NOT NULL
                   AND (SELECT true FROM events p WHERE p.doc = n.doc AND p.id = n.event_id) IS NULL
                 LIMIT 1;
            END IF;
        WHEN 'claim_evidence' THEN
            SELECT n.doc, 'claim_id' AS col, n.claim_id AS ref, 'claims' AS parent INTO bad FROM new_rows n
             WHERE n.claim_id IS NOT NULL
               AND (SELECT true FROM claims p WHERE p.doc = n.doc AND p.id = n.claim_id) IS NULL
             LIMIT 1;
    END CASE;
    IF FOUND THEN
        RAISE EXCEPTION 'insert or update on table "%" violates foreign key constraint "%"',
                TG_TABLE_NAME, format('%s_doc_%s_fkey', TG_TABLE_NAME, bad.col)
            USING ERRCODE = 'foreign_key_violation',
                  DETAIL = format('Key (doc, %s)=(%s, %s) is not present in table "%s".',
                                  bad.col, bad.doc, bad.ref, bad.parent),
                  TABLE = TG_TABLE_NAME;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER entity_aliases_refs_insert AFTER INSERT ON entity_aliases REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claimgraph_check_document_refs();
CREATE TRIGGER entity_aliases_refs_update AFTER UPDATE ON entity_aliases REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claimgraph_check_document_refs();
CREATE TRIGGER mentions_refs_insert AFTER INSERT ON mentions REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claimgraph_check_document_refs();
CREATE TRIGGER mentions_refs_update AFTER UPDATE ON mentions REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claimgraph_check_document_refs();
CREATE TRIGGER events_refs_insert AFTER INSERT ON events REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claimgraph_check_document_refs();
CREATE TRIGGER events_refs_update AFTER UPDATE ON events REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claimgraph_check_document_refs();
CREATE TRIGGER event_evidence_refs_insert AFTER INSERT ON event_evidence REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claimgraph_check_document_refs();
CREATE TRIGGER event_evidence_refs_update AFTER UPDATE ON event_evidence REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claimgraph_check_document_refs();
CREATE TRIGGER claims_refs_insert AFTER INSERT ON claims REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claimgraph_check_document_refs();
CREATE TRIGGER claims_refs_update AFTER UPDATE ON claims REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claimgraph_check_document_refs();
CREATE TRIGGER claim_about_refs_insert AFTER INSERT ON claim_about REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claimgraph_check_document_refs();
CREATE TRIGGER claim_about_refs_update AFTER UPDATE ON claim_about REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claimgraph_check_document_refs();
CREATE TRIGGER claim_evidence_refs_insert AFTER INSERT ON claim_evidence REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claimgraph_check_document_refs();
CREATE TRIGGER claim_evidence_refs_update AFTER UPDATE ON claim_evidence REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claimgraph_check_document_refs();

-- The cascade from documents to the rows that hung from entities, events and claims.
CREATE FUNCTION claimgraph_delete_document_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM mentions t USING gone g WHERE t.doc = g.seq;
    DELETE FROM entity_aliases t USING gone g WHERE t.doc = g.seq;
    DELETE FROM event_evidence t USING gone g WHERE t.doc = g.seq;
    DELETE FROM claim_about t USING gone g WHERE t.doc = g.seq;
    DELETE FROM claim_evidence t USING gone g WHERE t.doc = g.seq;
    RETURN NULL;
END
$$;

CREATE TRIGGER documents_delete_rows AFTER DELETE ON documents
    REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION claimgraph_delete_document_rows();

CREATE FUNCTION claimgraph_truncate_document_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE mentions, entity_aliases, event_evidence, claim_about, claim_evidence;
    RETURN NULL;
END
$$;

CREATE TRIGGER documents_truncate_rows AFTER TRUNCATE ON documents
    FOR EACH STATEMENT EXECUTE FUNCTION claimgraph_truncate_document_rows();
