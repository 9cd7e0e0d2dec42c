mod bad_input;
mod crash;
mod export;
mod extract;
mod ingest;
mod merge;
mod query;
mod util;
