-- claimgraph store, schema version 11 (SQLite): which program and which analysis made each
-- stored extraction.
--
-- The same text gives other events and claims with another parser or beam width
-- (`claimgraph --parser fast`, `--beam N`), or another release's models. `producer` keeps the
-- extraction's `producer` object (`{"name", "version", "parser", "beam"}`) as JSON text, so
-- that an analyst can tell which documents to re-extract (`json_extract(producer,
-- '$.parser')`). NULL for documents stored before this version and for extractions made by
-- tools that do not say.
ALTER TABLE documents ADD COLUMN producer TEXT;
