//! End-to-end tests of the `claimgraph` binary, one module per area (one test binary saves
//! link time).

mod cli;
