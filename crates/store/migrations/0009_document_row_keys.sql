-- claimgraph store, schema version 9 (SQLite): nothing to change.
--
-- PostgreSQL's version 9 checks the references between the rows of one document (a
-- mention's entity, an event's actor) once per statement with triggers instead of once per
-- row with foreign keys, which were a fifth of the server's work during an ingest (see
-- migrations/postgres/0009_document_row_keys.sql). SQLite checks its foreign keys
-- in-process, for little, and keeps them. The version is kept so that both schemas count
-- alike.
SELECT 1;
