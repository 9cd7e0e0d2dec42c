//! Turning the shared input flags into reader options.

use anyhow::Result;
use claimgraph_core::Meta;
use claimgraph_ingest::{Inputs, ReadOptions, read_inputs};

use crate::args::InputArgs;

/// Reader options from the flags; a bad `--published` is an error before anything is read.
pub fn options(a: &InputArgs) -> Result<ReadOptions> {
    let published = match &a.published {
        Some(p) => Some(
            claimgraph_core::document::parse_iso_date(p).map_err(|e| anyhow::anyhow!("--published: {e}"))?,
        ),
        None => None,
    };
    let overrides = Meta {
        title: a.title.clone(),
        url: a.url.clone(),
        publisher: a.publisher.clone(),
        published,
        language: None,
    };
    Ok(ReadOptions { max_bytes: a.max_bytes, overrides })
}

/// The stream of documents named by the flags.
pub fn open(a: &InputArgs) -> Result<Inputs> {
    Ok(read_inputs(&a.paths, &options(a)?))
}
