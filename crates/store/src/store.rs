//! The [`Store`] trait: what every backend (SQLite, PostgreSQL) offers.

use claimgraph_core::Extraction;

use crate::error::Result;
use crate::rows::{
    ClaimFilter, ClaimRow, Counts, DocumentKey, DocumentRow, EntityFilter, EntityRow, EventFilter, EventRow,
    Page, PutOutcome, SearchHit,
};

/// A store of v1 extractions.
///
/// Writes are atomic per document: after any error, or a crash, the store holds either the
/// whole extraction of a document or nothing of it.
pub trait Store {
    /// Stores one extraction in one transaction. A document already stored is left as it is
    /// ([`PutOutcome::Unchanged`]) unless `replace` is true, in which case its old extraction
    /// is deleted and the new one written ([`PutOutcome::Replaced`]). `source` records where
    /// the document came from (a path, a URL).
    ///
    /// The extraction is validated first (schema tag, id = hash of the text, every span
    /// equal to its slice, unique local ids, references to ids that exist); an invalid one
    /// is rejected and nothing is written.
    fn put_extraction(&mut self, x: &Extraction, source: &str, replace: bool) -> Result<PutOutcome>;

    /// Stores many extractions, each in its own transaction, and returns one outcome per
    /// extraction in order. A failure affects only its own document.
    fn put_extractions(&mut self, xs: &[Extraction], source: &str, replace: bool) -> Vec<Result<PutOutcome>> {
        let items: Vec<(&Extraction, &str)> = xs.iter().map(|x| (x, source)).collect();
        self.put_batch(&items, replace)
    }

    /// Stores a batch of (extraction, source) pairs and returns one outcome per pair, in
    /// order, with the semantics of calling [`put_extraction`](Store::put_extraction) on each
    /// in turn: every document is stored whole or not at all, and a failure affects only
    /// its own document. Backends may write the batch in fewer transactions (the ingest's
    /// writer uses this to keep the store from being the bottleneck).
    fn put_batch(&mut self, items: &[(&Extraction, &str)], replace: bool) -> Vec<Result<PutOutcome>> {
        items.iter().map(|(x, source)| self.put_extraction(x, source, replace)).collect()
    }

    /// True when a document with exactly this id is stored.
    fn contains(&self, doc_id: &str) -> Result<bool>;

    /// Which of these ids are stored, in one question: a server answers it in one round
    /// trip, where [`contains`](Self::contains) would take one per id.
    fn stored_among(&self, doc_ids: &[&str]) -> Result<std::collections::HashSet<String>> {
        let mut out = std::collections::HashSet::new();
        for id in doc_ids {
            if self.contains(id)? {
                out.insert((*id).to_string());
            }
        }
        Ok(out)
    }

    /// Number of documents, entities, mentions, events and claims, read in one snapshot.
    fn counts(&self) -> Result<Counts>;

    /// Stored documents, newest publication date first (undated last), then most recently
    /// stored first.
    fn documents(&self, page: &Page) -> Result<Vec<DocumentRow>>;

    /// At most `limit` stored documents whose id sorts after `after` (from the first when
    /// `None`), in ascending order of id: keyset pagination, for walking the whole store in
    /// bounded memory (exports). Pass the last id of a page to get the next one; documents
    /// stored or deleted meanwhile never make a page repeat or skip another document.
    /// Portable SQL: `WHERE id > ? ORDER BY id LIMIT ?` over the unique index on `id`.
    fn documents_after(&self, after: Option<&str>, limit: usize) -> Result<Vec<DocumentKey>>;

    /// Events matching `filter`, newest document first, in document order within one.
    fn events(&self, filter: &EventFilter) -> Result<Vec<EventRow>>;

    /// Claims matching `filter`, newest document first, in document order within one.
    fn claims(&self, filter: &ClaimFilter) -> Result<Vec<ClaimRow>>;

    /// Entities matching `filter`, aggregated across documents by knowledge-base id (or by
    /// name and type when unresolved), most documents first.
    fn entities(&self, filter: &EntityFilter) -> Result<Vec<EntityRow>>;

    /// The stored extraction of a document, given its full id or a unique prefix of it
    /// (with or without `sha256:`). `None` when nothing matches; an error when the prefix
    /// matches several documents.
    fn extraction(&self, id_or_prefix: &str) -> Result<Option<Extraction>>;

    /// Full-text search over document titles and texts. Any string is a valid query: it is
    /// split on whitespace into terms that must all occur (a trailing `*` makes a term a
    /// prefix); no character of it is read as query syntax.
    fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>>;

    /// Publication months of the stored documents (`YYYY-MM`; `None` for documents without
    /// a date that starts with one) with their document counts, earliest first, `None`
    /// last. With [`document_ids_in_month`](Store::document_ids_in_month) this walks the
    /// whole store month by month, as partitioned exports do.
    fn months(&self) -> Result<Vec<(Option<String>, u64)>>;

    /// Ids of the documents published in `month` (`YYYY-MM`; `None`: the undated ones, as
    /// [`months`](Store::months) groups them), in id order.
    fn document_ids_in_month(&self, month: Option<&str>) -> Result<Vec<String>>;
}
