mod bad_input;
mod crash;
mod export;
mod extract;
mod ingest;
mod query;
mod util;
mod watch;
