mod bad_input;
mod crash;
mod extract;
mod ingest;
mod query;
mod serve;
mod util;
