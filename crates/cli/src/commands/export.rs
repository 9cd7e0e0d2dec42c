//! `claimgraph export`: the store as JSONL, ACLED-style CSV, STIX 2.1, GraphML, GEXF or
//! Parquet (`export_parquet`).
//!
//! The export streams from the store (see `claimgraph_export`). A file is written next to
//! its destination under a temporary name and renamed over it only when the whole export
//! succeeded, so a failed export never leaves half a file in place of a good one.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use claimgraph_export::{Filter, Stats};
use claimgraph_store::IncidentStore;
use tempfile::NamedTempFile;

use crate::Outcome;
use crate::args::{ExportArgs, ExportFormat};
use crate::commands::query::open_existing;
use crate::store::CliStore;

/// Runs `export`.
pub fn run(db: &Path, a: &ExportArgs) -> Result<Outcome> {
    let filter = Filter::new(a.since.as_deref(), a.until.as_deref(), a.actor.as_deref(), a.event_type)?;
    if a.format == ExportFormat::Parquet {
        return super::export_parquet::run(db, a);
    }
    let store = open_existing(db)?;
    let (store, incidents): (&dyn CliStore, Option<&dyn IncidentStore>) = (&*store, Some(&*store));
    let stats = match a.format {
        ExportFormat::Jsonl => {
            to_file(&a.out, |w| claimgraph_export::jsonl::export_jsonl(store, &filter, w))?
        }
        ExportFormat::Stix => {
            to_file(&a.out, |w| claimgraph_export::stix::export_stix(store, incidents, &filter, w))?
        }
        ExportFormat::Graphml => {
            to_file(&a.out, |w| claimgraph_export::graph::graphml::export_graphml(store, &filter, w))?
        }
        ExportFormat::Gexf => {
            to_file(&a.out, |w| claimgraph_export::graph::gexf::export_gexf(store, &filter, w))?
        }
        ExportFormat::Csv => csv(store, incidents, &filter, &a.out)?,
        ExportFormat::Parquet => unreachable!("handled above"),
    };
    let what = match a.format {
        ExportFormat::Graphml | ExportFormat::Gexf => {
            format!("{} events, {} actors, {} edges", stats.events, stats.objects, stats.edges)
        }
        ExportFormat::Stix => {
            format!("{} events, {} claims, {} STIX objects", stats.events, stats.claims, stats.objects)
        }
        _ => format!("{} events, {} claims", stats.events, stats.claims),
    };
    eprintln!(
        "export: {} of {} documents, {what} -> {}",
        stats.documents,
        stats.documents_read,
        a.out.display()
    );
    Ok(Outcome::Success)
}

/// Runs `export` into `out` (`-` = stdout), replacing the file only on success.
fn to_file<F>(out: &Path, export: F) -> Result<Stats>
where
    F: FnOnce(&mut dyn Write) -> claimgraph_export::Result<Stats>,
{
    if out == Path::new("-") {
        let mut w = BufWriter::new(std::io::stdout().lock());
        let stats = export(&mut w)?;
        w.flush()?;
        return Ok(stats);
    }
    let mut tmp = temp_beside(out)?;
    let stats = {
        let mut w = BufWriter::new(tmp.as_file_mut());
        let stats = export(&mut w).with_context(|| format!("cannot export to {}", out.display()))?;
        w.flush()?;
        stats
    };
    tmp.persist(out).with_context(|| format!("cannot write {}", out.display()))?;
    Ok(stats)
}

/// `events.csv` and `claims.csv` in the directory `dir` (created if needed).
fn csv(
    store: &dyn CliStore,
    incidents: Option<&dyn IncidentStore>,
    filter: &Filter,
    dir: &Path,
) -> Result<Stats> {
    if dir == Path::new("-") {
        bail!("--format csv writes two files (events.csv, claims.csv): give a directory with --out");
    }
    if dir.is_file() {
        bail!(
            "--out {} is a file; --format csv writes events.csv and claims.csv into a directory",
            dir.display()
        );
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create the directory {}", dir.display()))?;
    let (events, claims) = (dir.join("events.csv"), dir.join("claims.csv"));
    let (mut ev, mut cl) = (temp_beside(&events)?, temp_beside(&claims)?);
    let stats = claimgraph_export::csv::export_csv(
        store,
        incidents,
        filter,
        BufWriter::new(ev.as_file_mut()),
        BufWriter::new(cl.as_file_mut()),
    )
    .with_context(|| format!("cannot export to {}", dir.display()))?;
    ev.persist(&events).with_context(|| format!("cannot write {}", events.display()))?;
    cl.persist(&claims).with_context(|| format!("cannot write {}", claims.display()))?;
    Ok(stats)
}

/// A temporary file in the directory of `path`, so that renaming it over `path` is atomic.
fn temp_beside(path: &Path) -> Result<NamedTempFile<File>> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !parent.is_dir() {
        bail!("cannot write {}: the directory {} does not exist", path.display(), parent.display());
    }
    if path.is_dir() {
        bail!("--out {} is a directory; this format writes one file", path.display());
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(".claimgraph-export-");
    // An export is an ordinary file for others to read, not a private temporary one.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    builder.tempfile_in(&parent).with_context(|| format!("cannot create a file in {}", parent.display()))
}
