mod bad_input;
mod crash;
mod extract;
mod ingest;
mod merge;
mod query;
mod util;
