//! `claimgraph kb build`: compiles the shared data sources and the curated lists into the
//! shipped KB file.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::builder::KbBuilder;
use crate::error::{KbError, Result};
use crate::format::encode;
use crate::model::Source;
use crate::sources::phoenix::{Flavor, MapContext};
use crate::sources::{agents, common, curated, geonames, phoenix};

/// File name of the compiled KB inside the output folder.
pub const KB_FILE: &str = "claimgraph.kb";

/// What a build produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildReport {
    /// The written file.
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: usize,
    /// Number of entries.
    pub entries: usize,
    /// Number of distinct alias keys.
    pub aliases: usize,
    /// Number of agent nouns.
    pub agents: usize,
    /// GeoNames places (cities, US states, continents).
    pub places: usize,
    /// Curated dictionary files read.
    pub curated_files: Vec<PathBuf>,
}

/// Compiles `data_dir` (the shared `data/` folder: `geonames/`, `petrarch2-dictionaries/`)
/// and the curated lists in `out_dir/curated/*.toml` into `out_dir/claimgraph.kb`.
pub fn build(data_dir: &Path, out_dir: &Path) -> Result<BuildReport> {
    let (bytes, mut report) = compile(data_dir, &out_dir.join("curated"))?;
    std::fs::create_dir_all(out_dir).map_err(|e| KbError::io(out_dir, e))?;
    let path = out_dir.join(KB_FILE);
    std::fs::write(&path, &bytes).map_err(|e| KbError::io(&path, e))?;
    report.path = path;
    Ok(report)
}

/// Compiles the sources into the bytes of a KB file without writing it.
pub fn compile(data_dir: &Path, curated_dir: &Path) -> Result<(Vec<u8>, BuildReport)> {
    let mut b = KbBuilder::new();
    let ewt = data_dir.join("ud-english-ewt/en_ewt-ud-train.conllu");
    if ewt.is_file() {
        b.common = common::from_conllu(&ewt)?;
    }
    let gx = geonames::add(&mut b, &data_dir.join("geonames"))?;

    let mut curated_files = Vec::new();
    let mut dicts = Vec::new();
    if curated_dir.is_dir() {
        let rd = std::fs::read_dir(curated_dir).map_err(|e| KbError::io(curated_dir, e))?;
        for f in rd {
            let f = f.map_err(|e| KbError::io(curated_dir, e))?.path();
            if f.extension().is_some_and(|e| e == "toml" || e == "json") {
                curated_files.push(f);
            }
        }
    }
    curated_files.sort();
    for f in &curated_files {
        let d = curated::read(f)?;
        // Entries first (so Phoenix records merge into them); agents after Phoenix's.
        let entries_only = curated::Dictionary { agent: Vec::new(), ..d };
        b.curating = true;
        curated::apply(&mut b, &entries_only, Source::Curated, f)?;
        b.curating = false;
        dicts.push(f.clone());
    }

    let pdir = data_dir.join("petrarch2-dictionaries");
    let cx = MapContext { iso3: &gx.iso3, place_keys: &gx.place_keys, source: Source::Phoenix };
    for (file, flavor) in [
        ("Phoenix.Countries.actors.txt", Flavor::Countries),
        ("Phoenix.International.actors.txt", Flavor::International),
        ("Phoenix.MilNonState.actors.txt", Flavor::MilNonState),
    ] {
        let p = pdir.join(file);
        let text = read_lossy(&p)?;
        phoenix::add_records(&mut b, &phoenix::parse(&text), flavor, &cx);
    }
    let p = pdir.join("Phoenix.agents.txt");
    for a in agents::parse(&read_lossy(&p)?) {
        b.agent(a);
    }
    for f in &dicts {
        let d = curated::read(f)?;
        let agents_only = curated::Dictionary { agent: d.agent, ..Default::default() };
        curated::apply(&mut b, &agents_only, Source::Curated, f)?;
    }

    let aliases = b.alias_count();
    let data = b.finish();
    let bytes = encode(&data)?;
    let report = BuildReport {
        path: PathBuf::new(),
        bytes: bytes.len(),
        entries: data.entries.len(),
        aliases,
        agents: data.agents.len(),
        places: gx.places,
        curated_files,
    };
    Ok((bytes, report))
}

/// Reads a text file that may hold stray Latin-1 bytes (the Phoenix files do).
pub(crate) fn read_lossy(p: &Path) -> Result<String> {
    let bytes = std::fs::read(p).map_err(|e| KbError::io(p, e))?;
    Ok(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => e.into_bytes().iter().map(|&b| b as char).collect(),
    })
}

/// ISO alpha-3 codes known to a set of entries (used by user Phoenix files at run time).
pub(crate) fn iso3_set<'a>(ids: impl Iterator<Item = &'a str>) -> HashSet<String> {
    ids.filter_map(|id| id.strip_prefix("actor:")).filter(|c| c.len() == 3).map(str::to_string).collect()
}
