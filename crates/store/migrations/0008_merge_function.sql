-- claimgraph store, schema version 8 (SQLite): nothing to change.
--
-- PostgreSQL's version 8 adds a function that writes a document's merge in one round trip
-- (see migrations/postgres/0008_merge_function.sql); SQLite runs in the process and has no
-- round trips to save. The version is kept so that both schemas count alike.
SELECT 1;
