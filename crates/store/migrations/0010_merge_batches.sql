-- claimgraph store, schema version 10 (SQLite): nothing to change.
--
-- PostgreSQL's version 10 adds a function that writes the merges of many documents in one
-- call, so that a merge batch sends them in one round trip (see
-- migrations/postgres/0010_merge_batches.sql). SQLite runs in the process and has no round
-- trips to save. The version is kept so that both schemas count alike.
SELECT 1;
