-- claimgraph store, schema version 7: the full-text index is written once per batch.
--
-- FTS5 flushes the terms it holds in memory at every savepoint, and a batch writes each
-- document in a savepoint of its own: indexed by a trigger, every document became a segment
-- of its own, merged again and again (a tenth of ingest time). The writer now indexes a
-- batch's documents after them, in one statement per document outside their savepoints
-- (and a single document within its own transaction). Deletes still go through the trigger.
DROP TRIGGER documents_fts_insert;
