//! One module per subcommand.

pub mod analyze;
pub mod bench;
pub mod bench_merge;
pub mod demo;
pub mod eval;
pub mod export;
pub mod export_parquet;
pub mod extract;
pub mod ingest;
pub mod input;
pub mod kb;
pub mod merge;
pub mod query;
pub mod reextract;
pub mod serve;
pub mod train;
pub mod watch;
