-- claimgraph store, schema version 9 (SQLite): nothing to change.
--
-- PostgreSQL's version 9 adds a counter of changes to the merge tables, so that a merge
-- connection can keep a copy of the blocking index (see
-- migrations/postgres/0009_merge_generation.sql). SQLite has its own signs of change
-- (`PRAGMA data_version`, the connection's change count). The version is kept so that both
-- schemas count alike.
SELECT 1;
