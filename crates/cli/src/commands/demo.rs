//! `claimgraph demo`: the whole job in one command, on reports that ship with claimgraph.

use std::io::Write;
use std::io::{BufReader, Cursor};
use std::path::Path;

use anyhow::Result;
use claimgraph_ingest::{ReadOptions, read_inputs};

use crate::Outcome;
use crate::args::{ClaimsArgs, DemoArgs, EventsArgs, ListArgs};
use crate::commands::{ingest, query};
use crate::pipeline::Pipeline;

/// The demo reports (written by the claimgraph team; see `examples/demo/README.md`).
const REPORTS: &str = include_str!("../../../../examples/demo/reports.jsonl");

/// Runs `demo`: ingests the shipped reports into the store and prints what was found.
pub fn run(db: &Path, a: &DemoArgs) -> Result<Outcome> {
    let mut out = std::io::stdout().lock();
    let pipeline = Pipeline::load(&[])?;
    let mut store = crate::store::open(db)?;
    let inputs = read_inputs(&["-".into()], &ReadOptions::default())
        .with_stdin(Box::new(BufReader::new(Cursor::new(REPORTS.as_bytes()))));
    let merger = claimgraph_merge::Merger::new(pipeline.kb());
    let (summary, _) = ingest::ingest_stream(&mut *store, db, inputs, &pipeline, false, None, Some(&merger))?;
    drop(store);
    if a.json {
        writeln!(out, "{}", serde_json::to_string(&summary)?)?;
        return Ok(Outcome::Success);
    }
    writeln!(out, "{}\n", summary.line().replacen("ingest:", "demo: ingested", 1))?;
    let list = ListArgs { limit: 20, offset: 0, json: false };
    writeln!(out, "Documents")?;
    query::docs(db, &list)?;
    writeln!(out, "\nEvents")?;
    query::events(db, &EventsArgs { list: list.clone(), doc: None, event_type: None })?;
    writeln!(out, "\nClaims")?;
    query::claims(db, &ClaimsArgs { list: list.clone(), doc: None })?;
    writeln!(out, "\nEntities")?;
    query::entities(db, &list)?;
    writeln!(out, "\nIncidents (events merged across reports)")?;
    crate::commands::merge::incidents(db, &crate::args::IncidentsArgs { limit: 20, ..Default::default() })?;
    writeln!(
        out,
        "\nThe store is {}. Try `claimgraph show ID`, `claimgraph incident ID`, `claimgraph search \"border post\"`, or `claimgraph ingest YOUR_FILES`.",
        crate::store::describe(db)
    )?;
    let ok = summary.failed == 0 && crate::store::open(db)?.counts()?.documents > 0;
    Ok(if ok { Outcome::Success } else { Outcome::PartialFailure })
}
