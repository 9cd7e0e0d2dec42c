//! Integration tests of the readers, on the fixtures in `tests/fixtures/` (short invented
//! news texts written for these tests). One test binary, one module per area.

mod bad_input;
mod inputs;
mod props;
mod readers;

use std::path::PathBuf;

use claimgraph_ingest::{IngestError, Loaded, ReadOptions, read_inputs};

/// Path of a fixture.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// Reads one fixture through [`read_inputs`] and returns its single item.
pub fn read_one(name: &str, opts: &ReadOptions) -> Result<Loaded, IngestError> {
    let mut items: Vec<_> = read_inputs(&[fixture(name)], opts).collect();
    assert_eq!(items.len(), 1, "{name} gave {} items", items.len());
    items.remove(0)
}
