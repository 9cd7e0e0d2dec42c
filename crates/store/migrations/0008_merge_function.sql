-- claimgraph store, schema version 8 (SQLite): nothing to change.
--
-- PostgreSQL's version 8 adds a function that writes a document's merge in one round trip
-- and a counter of changes to the merge tables (see
-- migrations/postgres/0008_merge_function.sql). SQLite runs in the process, has no round
-- trips to save, and has its own signs of change (`PRAGMA data_version`, the connection's
-- change count). The version is kept so that both schemas count alike.
SELECT 1;
