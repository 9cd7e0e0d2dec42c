//! `claimgraph serve`: the HTTP API and the web workspace over the store.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, Result};
use claimgraph_core::Meta;
use claimgraph_ingest::{Format, ReadOptions};
use claimgraph_server::{BodyFormat, Config, DocumentIngester, Ingested};

use crate::Outcome;
use crate::args::ServeArgs;
use crate::pipeline::Pipeline;

/// Reads posted bodies with the same readers and extractor as `claimgraph ingest`.
struct Ingester {
    pipeline: Pipeline,
    max_bytes: u64,
}

impl DocumentIngester for Ingester {
    fn ingest(&self, body: &[u8], format: BodyFormat, meta: &Meta, source: &str) -> Result<Ingested, String> {
        let opts = ReadOptions { max_bytes: self.max_bytes, overrides: meta.clone() };
        opts.check(source).map_err(|e| e.to_string())?;
        let format = match format {
            BodyFormat::Text => Format::Text,
            BodyFormat::Html => Format::Html,
            BodyFormat::Json => Format::Jsonl,
        };
        let loaded = match format {
            // A posted JSON object may span lines: read it whole as one record.
            Format::Jsonl => claimgraph_ingest::read_jsonl_line(body, source, &opts)
                .map_err(|e| e.to_string())?
                .ok_or_else(|| "the JSON body is empty".to_string())?,
            _ => claimgraph_ingest::read_bytes(body, format, source, &opts)
                .next()
                .ok_or_else(|| "nothing to read".to_string())?
                .map_err(|e| e.to_string())?,
        };
        if loaded.document.is_empty() {
            return Err("the document has no text".into());
        }
        Ok(Ingested { extraction: self.pipeline.extract(&loaded.document), warnings: loaded.warnings })
    }
}

/// Runs `serve` until Ctrl-C.
pub fn run(db: &Path, a: &ServeArgs) -> Result<Outcome> {
    let token = claimgraph_server::auth::ensure_token(db, a.new_token)
        .with_context(|| format!("cannot open the store {}", crate::store::describe(db)))?;
    // The token exists only now (the store keeps its hash): print it before anything else
    // can fail.
    if let Some(t) = &token {
        let mut out = std::io::stdout().lock();
        writeln!(out, "API token (shown once; writes need 'Authorization: Bearer <token>'):\n{t}")?;
        out.flush()?;
    }
    let pipeline = Pipeline::load(&a.kb_extra)?;
    let merger = claimgraph_merge::Merger::new(pipeline.kb());
    let ingester = Arc::new(Ingester { pipeline, max_bytes: a.max_body as u64 });
    let mut config = Config::new(db.to_path_buf(), a.addr);
    config.readers = a.readers;
    config.body_limit = a.max_body;
    config.writes_per_minute = a.writes_per_minute;
    config.merger = Some(merger);
    if !a.addr.ip().is_loopback() {
        eprintln!(
            "claimgraph: warning: listening on {} exposes every stored document to the network",
            a.addr
        );
    }
    claimgraph_server::run(config, ingester, |addr| {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "claimgraph: serving {} on http://{addr}/ (Ctrl-C stops)", db.display());
        let _ = out.flush();
    })
    .context("the server stopped")?;
    Ok(Outcome::Success)
}
