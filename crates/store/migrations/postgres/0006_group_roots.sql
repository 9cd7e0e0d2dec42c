-- claimgraph store, schema version 6: near-duplicate groups indexed by their members only.
--
-- Most documents are the only member of their group (`dup_group` is their own id). Document
-- ids are hashes, so indexing every row put each new document on a random page of the
-- index: one page write per document, a tenth of ingest time with merging. Now the index
-- holds only the rows of documents that are copies of an earlier one (`own_group = 0`); a
-- group's root row is found by its id through `documents`.
ALTER TABLE doc_signatures ADD COLUMN own_group INTEGER NOT NULL DEFAULT 0;
UPDATE doc_signatures SET own_group = 1
 WHERE dup_group = (SELECT d.id FROM documents d WHERE d.seq = doc_signatures.doc);
DROP INDEX doc_signatures_group;
CREATE INDEX doc_signatures_group ON doc_signatures (dup_group) WHERE own_group = 0;
