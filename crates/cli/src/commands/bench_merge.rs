//! `claimgraph bench merge`: the cost of merging while storing.
//!
//! Builds a store holding `--base-events` events (synthetic reports from our own templates:
//! varied actors, places, dates, tolls and claimants, each document stored and merged), copies
//! it, then adds the same `--docs` new reports to one copy without merging and to another with
//! merging, twice: storing their extractions only (the store's own work, the strictest
//! comparison), and as `ingest` does, extracting each from its text first (one thread).

use std::io::Write;
use std::time::Instant;

use anyhow::{Context, Result};
use claimgraph_core::extraction::{
    Claim, Claimant, ClaimantKind, Count, DatePrecision, DateValue, Entity, EntityKind, EntityType, Event,
    EventStatus, EventType, Location, Stance,
};
use claimgraph_core::{Document, Extraction, Meta};
use claimgraph_merge::Merger;
use claimgraph_store::{SqliteStore, Store};

use crate::Outcome;
use crate::args::BenchArgs;

const ACTORS: &[(&str, &str, &str)] = &[
    ("Taliban fighters", "actor:TALIBAN", "AFG"),
    ("Islamic State militants", "actor:ISIS", "IRQ"),
    ("al-Shabaab fighters", "actor:ALSHABAAB", "SOM"),
    ("Boko Haram gunmen", "actor:BOKOHARAM", "NGA"),
    ("government troops", "actor:GOV", ""),
    ("unidentified gunmen", "", ""),
    ("rebel forces", "", ""),
    ("police officers", "", ""),
];
const PLACES: &[(&str, &str, i64)] = &[
    ("Kabul", "AFG", 1138958),
    ("Kandahar", "AFG", 1138336),
    ("Herat", "AFG", 1140026),
    ("Baghdad", "IRQ", 98182),
    ("Mosul", "IRQ", 99072),
    ("Basra", "IRQ", 99532),
    ("Mogadishu", "SOM", 53654),
    ("Kismayo", "SOM", 55671),
    ("Maiduguri", "NGA", 2331447),
    ("Kano", "NGA", 2335204),
    ("Gao", "MLI", 2457163),
    ("Timbuktu", "MLI", 2449067),
    ("Aleppo", "SYR", 170063),
    ("Idlib", "SYR", 169389),
    ("Sanaa", "YEM", 71137),
    ("Aden", "YEM", 415189),
    ("Goma", "COD", 216281),
    ("Bunia", "COD", 217834),
    ("Peshawar", "PAK", 1168197),
    ("Quetta", "PAK", 1167528),
];
/// Generated towns per listed place.
const TOWNS_PER_PLACE: u64 = 100;

/// The `k`-th generated town near a listed place (`k` 0 is the place itself), leaked once
/// per name so it can be used like the static list.
fn town_variant(
    town: &'static (&'static str, &'static str, i64),
    k: u64,
) -> &'static (&'static str, &'static str, i64) {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    type Town = (&'static str, &'static str, i64);
    static TOWNS: OnceLock<Mutex<HashMap<(i64, u64), &'static Town>>> = OnceLock::new();
    if k == 0 {
        return town;
    }
    let mut map = TOWNS.get_or_init(|| Mutex::new(HashMap::new())).lock().unwrap_or_else(|e| e.into_inner());
    map.entry((town.2, k)).or_insert_with(|| {
        let name: &'static str = Box::leak(format!("{} {k}", town.0).into_boxed_str());
        Box::leak(Box::new((name, town.1, 10_000_000 + town.2 * 1000 + k as i64)))
    })
}

const VERBS: &[(&str, EventType, Option<&str>)] = &[
    ("attacked", EventType::Assault, None),
    ("bombed", EventType::Assault, Some("explosives")),
    ("shelled", EventType::Assault, Some("artillery")),
    ("raided", EventType::Coerce, None),
    ("protested against", EventType::Protest, None),
    ("threatened", EventType::Threaten, None),
];
const CLAIMANTS: &[(&str, ClaimantKind)] = &[
    ("officials", ClaimantKind::Official),
    ("a local official", ClaimantKind::Official),
    ("witnesses", ClaimantKind::Anonymous),
    ("the interior ministry", ClaimantKind::Government),
    ("a hospital spokesman", ClaimantKind::Person),
];
const TARGETS: &[&str] = &["a market", "a checkpoint", "a convoy", "a village", "a school", "a mosque"];

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn pick<T>(&mut self, xs: &'static [T]) -> &'static T {
        &xs[(self.next() % xs.len() as u64) as usize]
    }
}

/// Builds text and spans piece by piece, tracking char offsets.
struct Writer {
    text: String,
    chars: usize,
}

impl Writer {
    fn push(&mut self, s: &str) -> (usize, usize) {
        let start = self.chars;
        self.text.push_str(s);
        self.chars += s.chars().count();
        (start, self.chars)
    }
}

/// Days the base store's reports span, from 2023-01-01.
const BASE_DAYS: u64 = 730;

/// Which days new reports are published on: `first` (days after 2023-01-01) and `span`.
#[derive(Debug, Clone, Copy)]
struct Period {
    first: u64,
    span: u64,
}

/// One synthetic report of `events` events, published on a day of `period`.
fn report(rng: &mut Rng, n: u64, events: usize, period: Period) -> Result<Extraction> {
    let day0 = claimgraph_merge::features::first_day("2023-01-01").unwrap_or(0);
    let mut w = Writer { text: String::new(), chars: 0 };
    struct Plan {
        sentence: (usize, usize),
        actor: (usize, usize),
        place: (usize, usize),
        claimant: (usize, usize),
        actor_info: &'static (&'static str, &'static str, &'static str),
        place_info: &'static (&'static str, &'static str, i64),
        verb: &'static (&'static str, EventType, Option<&'static str>),
        claimant_info: &'static (&'static str, ClaimantKind),
        date: String,
        killed: u64,
    }
    let mut plans = Vec::new();
    let published = day0 + (period.first + rng.next() % period.span.max(1)) as i64;
    for _ in 0..events {
        let actor_info = rng.pick(ACTORS);
        // Real reports name thousands of places: the listed towns, and as many generated
        // ones per country ("Kabul 17"), so that a town rarely sees two attacks a day.
        let town = rng.pick(PLACES);
        let k = rng.next() % TOWNS_PER_PLACE;
        let place_info: &'static (&'static str, &'static str, i64) = town_variant(town, k);
        let verb = rng.pick(VERBS);
        let claimant_info = rng.pick(CLAIMANTS);
        let target = rng.pick(TARGETS);
        let date = claimgraph_merge::features::day_string(published - (rng.next() % 3) as i64);
        let killed = rng.next() % 40;
        let s0 = w.chars;
        let actor = w.push(&title(actor_info.0));
        w.push(&format!(" {} {target} in ", verb.0));
        let place = w.push(place_info.0);
        w.push(&format!(" on {date}, killing {killed} people and wounding {} others, ", rng.next() % 90));
        let claimant = w.push(claimant_info.0);
        let sentence = (s0, w.chars);
        w.push(&format!(" said (report {n}). "));
        plans.push(Plan {
            sentence,
            actor,
            place,
            claimant,
            actor_info,
            place_info,
            verb,
            claimant_info,
            date,
            killed,
        });
    }
    let meta = Meta {
        title: Some(format!("Report {n}")),
        publisher: Some(format!("Outlet {}", n % 50)),
        published: Some(claimgraph_merge::features::day_string(published)),
        ..Meta::default()
    };
    let doc = Document::new(&w.text, meta);
    let mut x = Extraction::empty(&doc);
    for (i, p) in plans.iter().enumerate() {
        let (aid, pid, vid, cid) = (
            format!("E{}", 3 * i + 1),
            format!("E{}", 3 * i + 2),
            format!("V{}", i + 1),
            format!("C{}", i + 1),
        );
        x.entities.push(Entity {
            id: aid.clone(),
            name: title(p.actor_info.0),
            entity_type: EntityType::Org,
            kind: Some(EntityKind::ArmedGroup),
            country: (!p.actor_info.2.is_empty()).then(|| p.actor_info.2.to_string()),
            kb_id: (!p.actor_info.1.is_empty()).then(|| p.actor_info.1.to_string()),
            aliases: vec![],
            mentions: vec![doc.span(p.actor.0, p.actor.1)?],
        });
        x.entities.push(Entity {
            id: pid,
            name: p.place_info.0.to_string(),
            entity_type: EntityType::Gpe,
            kind: Some(EntityKind::Place),
            country: Some(p.place_info.1.to_string()),
            kb_id: Some(format!("place:geonames:{}", p.place_info.2)),
            aliases: vec![],
            mentions: vec![doc.span(p.place.0, p.place.1)?],
        });
        let claimant_entity = format!("E{}", 3 * i + 3);
        x.entities.push(Entity {
            id: claimant_entity.clone(),
            name: p.claimant_info.0.to_string(),
            entity_type: EntityType::Org,
            kind: Some(EntityKind::Organization),
            country: None,
            kb_id: None,
            aliases: vec![],
            mentions: vec![doc.span(p.claimant.0, p.claimant.1)?],
        });
        x.events.push(Event {
            id: vid.clone(),
            event_type: p.verb.1,
            mode: p.verb.2.map(str::to_string),
            cameo: None,
            actor: Some(aid),
            target: None,
            date: Some(DateValue {
                start: p.date.clone(),
                end: p.date.clone(),
                precision: DatePrecision::Day,
                text: None,
            }),
            location: Some(Location {
                name: Some(p.place_info.0.to_string()),
                country: Some(p.place_info.1.to_string()),
                lat: Some(0.0),
                lon: Some(0.0),
                geonames_id: Some(p.place_info.2),
            }),
            fatalities: Some(Count { min: p.killed, max: Some(p.killed), text: None }),
            injuries: None,
            status: EventStatus::Reported,
            evidence: vec![doc.span(p.sentence.0, p.sentence.1)?],
        });
        x.claims.push(Claim {
            id: cid,
            claimant: Claimant {
                entity: Some(claimant_entity),
                name: p.claimant_info.0.to_string(),
                kind: p.claimant_info.1,
                count: None,
            },
            stance: Stance::Asserts,
            hedged: false,
            about: vec![vid],
            via: None,
            evidence: vec![doc.span(p.sentence.0, p.sentence.1)?],
        });
    }
    Ok(x)
}

fn title(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

const EVENTS_PER_DOC: usize = 5;

/// Documents merged per commit, as in `ingest`.
const MERGE_BATCH: usize = crate::commands::ingest::MERGE_BATCH;

/// Runs `bench merge`.
pub fn run(a: &BenchArgs) -> Result<Outcome> {
    let dir = tempfile_dir()?;
    let base = dir.join("base.db");
    let merger = Merger::shared()?;
    let mut rng = Rng(7);
    let started = Instant::now();
    {
        let mut store = SqliteStore::open(&base)?;
        let docs = a.base_events.div_ceil(EVENTS_PER_DOC);
        let mut n = 0;
        while n < docs {
            let chunk: Vec<Extraction> = (n..docs.min(n + MERGE_BATCH))
                .map(|i| report(&mut rng, i as u64, EVENTS_PER_DOC, Period { first: 0, span: BASE_DAYS }))
                .collect::<Result<_>>()?;
            store_batch(&mut store, &chunk)?;
            merger.merge_batch(&mut store, &chunk.iter().collect::<Vec<_>>())?;
            n += chunk.len();
        }
        store.connection().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
    }
    let base_seconds = started.elapsed().as_secs_f64();
    // New reports continue the timeline (the next two months, from a week before the
    // base ends: late reports of its last days), as a daily or feed ingest brings them; with
    // `--backfill` they are scattered over the base's two years, the worst case for merging.
    let new_period = if a.backfill {
        Period { first: 0, span: BASE_DAYS }
    } else {
        Period { first: BASE_DAYS - 7, span: 60 }
    };
    let new: Vec<Extraction> = (0..a.docs)
        .map(|n| report(&mut rng, 1_000_000 + n as u64, 1 + n % 3, new_period))
        .collect::<Result<_>>()?;
    // Each pair of runs `--repeat` times, alternating, and the fastest of each kept: a
    // busy machine slows single runs, not the best of several.
    let repeat = a.repeat.max(1);
    let mut times = [f64::INFINITY; 2];
    for (k, merging) in (0..repeat).flat_map(|_| [(0, false), (1, true)]) {
        let path = fresh_copy(&base, &dir.join(format!("run{k}.db")))?;
        let mut store = SqliteStore::open(&path)?;
        let t = Instant::now();
        // As `ingest` does: a batch stored (one transaction), then merged (another).
        for chunk in new.chunks(MERGE_BATCH) {
            store_batch(&mut store, chunk)?;
            if merging {
                merger.merge_batch(&mut store, &chunk.iter().collect::<Vec<_>>())?;
            }
        }
        // closing checkpoints the write-ahead log into the database, as the end of `ingest`
        // does: a run that wrote less than a checkpoint's worth would otherwise leave that
        // work out of its time
        drop(store);
        times[k] = times[k].min(t.elapsed().as_secs_f64());
    }
    // The same documents as `ingest` handles them: extracted from their text (one thread),
    // stored, and merged or not.
    let pipeline = crate::pipeline::Pipeline::load(&[])?;
    let mut ingest_times = [f64::INFINITY; 2];
    let ingest_repeat = if a.store_only { 0 } else { repeat };
    for (k, merging) in (0..ingest_repeat).flat_map(|_| [(0, false), (1, true)]) {
        let path = fresh_copy(&base, &dir.join(format!("ingest{k}.db")))?;
        let mut store = SqliteStore::open(&path)?;
        let t = Instant::now();
        for chunk in new.chunks(MERGE_BATCH) {
            let mut extracted = Vec::with_capacity(chunk.len());
            for x in chunk {
                let d = &x.document;
                let meta = Meta {
                    title: d.title.clone(),
                    publisher: d.publisher.clone(),
                    published: d.published.clone(),
                    ..Meta::default()
                };
                extracted.push(pipeline.extract(&Document::new(&d.text, meta)));
            }
            store_batch(&mut store, &extracted)?;
            if merging {
                merger.merge_batch(&mut store, &extracted.iter().collect::<Vec<_>>())?;
            }
        }
        drop(store);
        ingest_times[k] = ingest_times[k].min(t.elapsed().as_secs_f64());
    }
    let ingest_ratio = ingest_times[1] / ingest_times[0];
    let (incidents, events): (i64, i64) = {
        let store = SqliteStore::open(&dir.join("run1.db"))?;
        store.connection().query_row(
            "SELECT count(DISTINCT incident), count(*) FROM incident_events",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?
    };
    let _ = std::fs::remove_dir_all(&dir);
    let ratio = times[1] / times[0];
    let mut out = std::io::stdout().lock();
    if a.json {
        writeln!(
            out,
            "{}",
            serde_json::json!({"what": "merge", "base_events": a.base_events, "docs": a.docs, "backfill": a.backfill,
                "base_build_seconds": base_seconds, "store_seconds": times[0], "store_and_merge_seconds": times[1],
                "ratio": ratio, "ingest_seconds": ingest_times[0], "ingest_and_merge_seconds": ingest_times[1],
                "ingest_ratio": ingest_ratio, "incidents": incidents, "merged_events": events})
        )?;
    } else {
        writeln!(
            out,
            "base: {} events stored and merged in {base_seconds:.1}s; new reports {}\n\
             {} documents, store only: {:.2}s without merging, {:.2}s with merging: ratio {ratio:.2}",
            a.base_events,
            if a.backfill { "scattered over its two years (--backfill)" } else { "continue its timeline" },
            a.docs,
            times[0],
            times[1]
        )?;
        if !a.store_only {
            writeln!(
                out,
                "{} documents, ingest (extract on one thread + store): {:.2}s without merging, \
                 {:.2}s with merging: ratio {ingest_ratio:.2} (target ≤ 1.5)",
                a.docs, ingest_times[0], ingest_times[1]
            )?;
        }
        writeln!(out, "the store holds {events} merged events in {incidents} incidents")?;
    }
    Ok(Outcome::Success)
}

/// Copies the base store to `path` (replacing an earlier copy and its WAL files).
fn fresh_copy(base: &std::path::Path, path: &std::path::Path) -> Result<std::path::PathBuf> {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }
    std::fs::copy(base, path).context("copying the base store")?;
    Ok(path.to_path_buf())
}

/// Stores a batch as `ingest` does (one transaction); any failure fails the benchmark.
fn store_batch(store: &mut SqliteStore, xs: &[Extraction]) -> Result<()> {
    let items: Vec<(&Extraction, &str)> = xs.iter().map(|x| (x, "bench")).collect();
    for outcome in store.put_batch(&items, false) {
        outcome?;
    }
    Ok(())
}

/// A fresh private directory under the system temp dir.
fn tempfile_dir() -> Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("claimgraph-bench-merge-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}
