//! `claimgraph bench merge`: the cost of merging while storing.
use anyhow::Result;

use crate::Outcome;
use crate::args::BenchArgs;

/// Runs `bench merge`.
pub fn run(_a: &BenchArgs) -> Result<Outcome> {
    anyhow::bail!("bench merge: in progress")
}
