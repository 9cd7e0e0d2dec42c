//! `claimgraph export`: the store for other tools. This module implements
//! `--format parquet` (a month-partitioned Parquet data lake, crate `claimgraph-parquet`).

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};
use claimgraph_core::extraction::EventType;
use claimgraph_parquet::{ExportFilter, Options};

use crate::Outcome;
use crate::args::{ExportArgs, ExportFormat};

/// Checks a `--since`/`--until` value: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
fn check_date(flag: &str, v: &Option<String>) -> Result<()> {
    if let Some(d) = v {
        let ok = match d.len() {
            4 => d.bytes().all(|b| b.is_ascii_digit()),
            7 | 10 => {
                claimgraph_core::document::parse_iso_date(&format!("{d}{}", &"-01-01"[d.len() - 4..])).is_ok()
            }
            _ => false,
        };
        if !ok {
            bail!("--{flag} {d:?} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)");
        }
    }
    Ok(())
}

/// Runs `export`.
pub fn run(db: &Path, a: &ExportArgs) -> Result<Outcome> {
    if a.format != ExportFormat::Parquet {
        bail!(
            "export --format {}: not available in this build (parquet is)",
            format!("{:?}", a.format).to_lowercase()
        );
    }
    check_date("since", &a.since)?;
    check_date("until", &a.until)?;
    let event_type = match &a.event_type {
        None => None,
        Some(t) => {
            Some(serde_json::from_value::<EventType>(serde_json::Value::String(t.to_uppercase())).map_err(
                |_| anyhow::anyhow!("unknown event type {t:?} (PLOVER types: ASSAULT, PROTEST, COERCE, ...)"),
            )?)
        }
    };
    if a.out.as_os_str() == "-" {
        bail!("--format parquet writes a directory: give --out DIR, not -");
    }
    if a.out.is_file() {
        bail!("--out {}: is a file; parquet needs a directory", a.out.display());
    }
    let filter =
        ExportFilter { since: a.since.clone(), until: a.until.clone(), actor: a.actor.clone(), event_type };
    let store = crate::store::open_existing(db)?;
    let started = std::time::Instant::now();
    let reader: &dyn claimgraph_store::Store = &*store;
    // Incidents only where the backend keeps them.
    let summary =
        claimgraph_parquet::export(reader, store.incident_reader(), &a.out, &filter, Options::default())
            .with_context(|| format!("cannot export to {}", a.out.display()))?;
    let mut err = std::io::stderr().lock();
    let rows = |t: &str| summary.rows.get(t).copied().unwrap_or(0);
    writeln!(
        err,
        "export: {} documents, {} entities, {} mentions, {} events, {} claims, {} claim links, {} incident rows \
         in {} month partitions, {} files, to {} in {:.1}s",
        rows("documents"),
        rows("entities"),
        rows("mentions"),
        rows("events"),
        rows("claims"),
        rows("claim_links"),
        rows("incidents"),
        summary.months,
        summary.files,
        a.out.display(),
        started.elapsed().as_secs_f64()
    )?;
    Ok(Outcome::Success)
}
