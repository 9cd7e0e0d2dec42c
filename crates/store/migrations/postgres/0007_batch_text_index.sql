-- claimgraph store, schema version 7 (PostgreSQL): nothing to change.
--
-- SQLite's version 7 moves its full-text indexing out of a trigger (see
-- migrations/0007_batch_text_index.sql); PostgreSQL's text search column is computed by the
-- server and needs no such change. The version is kept so that both schemas count alike.
SELECT 1;
