//! One module per subcommand.

pub mod demo;
pub mod extract;
pub mod ingest;
pub mod input;
pub mod query;
