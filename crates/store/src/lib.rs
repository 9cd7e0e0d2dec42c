//! claimgraph store: the embedded SQLite store with versioned migrations and full-text search
