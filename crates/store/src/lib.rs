//! The claimgraph store: keeps v1 extractions (`claimgraph/extraction/v1`) and serves them
//! back — listings of documents, events, claims and entities, the exact extraction of a
//! document, and full-text search over the texts.
//!
//! * [`Store`]: the backend-independent interface.
//! * [`SqliteStore`]: the embedded default, one SQLite file in WAL mode, with versioned
//!   migrations (`migrations/NNNN_name.sql`) and an FTS5 index.
//! * [`IncidentStore`]: merge persistence (near-duplicate groups, incidents, analyst grades)
//!   for `claimgraph-merge`.
//! * [`PgStore`]: PostgreSQL for a team, with the same migrations
//!   (`migrations/postgres/NNNN_name.sql`), a connection pool, batched multi-row writes and
//!   PostgreSQL's own full-text search.
//! * [`rows`]: what listings return and the filters that select it, all `Serialize`.
//!
//! Writes are one transaction per document and validated first, so after an error or a
//! killed process a document is stored whole or not at all.
//!
//! ```
//! use claimgraph_core::{Document, Extraction, Meta};
//! use claimgraph_store::{PutOutcome, SqliteStore, Store};
//!
//! let mut store = SqliteStore::open_in_memory()?;
//! let doc = Document::new("Officials said the convoy was attacked.", Meta::default());
//! let x = Extraction::empty(&doc);
//! assert_eq!(store.put_extraction(&x, "stdin", false)?, PutOutcome::Inserted);
//! assert_eq!(store.put_extraction(&x, "stdin", false)?, PutOutcome::Unchanged);
//! assert_eq!(store.extraction(&doc.id()[..14])?, Some(x));
//! assert_eq!(store.search("convoy", 10)?.len(), 1);
//! # Ok::<(), claimgraph_store::StoreError>(())
//! ```

mod blob;
mod candidates;
mod codes;
pub mod error;
pub mod feeds;
pub mod incidents;
pub mod postgres;
mod producer;
pub mod rows;
pub mod sqlite;
mod store;
pub mod validate;
pub mod workspace;

pub use error::{Result, StoreError};
pub use feeds::{FeedLog, FeedState, ItemRecord, ItemStatus};
pub use incidents::{
    CandidateQuery, IncidentFilter, IncidentStore, MemberRow, MergeEventRow, MergePlan, SignatureRow,
    SourceGrade, WIDE_DAYS,
};
pub use postgres::{PgStore, is_postgres_url};
pub use rows::{
    ClaimFilter, ClaimRow, Counts, DocumentKey, DocumentRow, EntityFilter, EntityRow, EventFilter, EventRow,
    Page, PutOutcome, SearchHit,
};
pub use sqlite::SqliteStore;
pub use store::Store;
pub use workspace::Workspace;
