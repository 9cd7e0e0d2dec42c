//! End-to-end tests of the `claimgraph` binary, one module per area (one test binary saves
//! link time).

mod cli;
/// The store tests' databases: a fresh PostgreSQL database per test ([`TestDb::postgres`]).
#[path = "../../store/tests/common/mod.rs"]
mod common;
