//! The loaded knowledge base: alias lookup, entries by id, statistics, gazetteer export.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use claimgraph_core::extraction::{EntityKind, EntityType};
use rustc_hash::FxHashMap;

use crate::builder::KbBuilder;
use crate::error::{KbError, Result};
use crate::format::{KbData, decode};
use crate::model::{Agent, AliasKind, Entry, Posting, Source};
use crate::normalize::{is_acronym, key_into};
use crate::sources::{curated, phoenix};

/// The compiled KB shipped in the repository (`kb/claimgraph.kb`), copied in by `build.rs`.
static EMBEDDED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/claimgraph.kb"));

/// FST bytes: borrowed from the embedded file or owned.
#[derive(Debug)]
enum Bytes {
    Static(&'static [u8]),
    Owned(Vec<u8>),
}

impl AsRef<[u8]> for Bytes {
    fn as_ref(&self) -> &[u8] {
        match self {
            Bytes::Static(b) => b,
            Bytes::Owned(b) => b,
        }
    }
}

/// The actor and place knowledge base.
pub struct Kb {
    fst: fst::Map<Bytes>,
    postings: Vec<Posting>,
    pub(crate) entries: Vec<Entry>,
    pub(crate) agents: FxHashMap<String, Agent>,
    extra: FxHashMap<String, Vec<Posting>>,
    ids: FxHashMap<String, u32>,
    /// sha256 (hex) of each user dictionary added, in order.
    extra_sha256: Vec<String>,
}

impl std::fmt::Debug for Kb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Kb").field("entries", &self.entries.len()).field("aliases", &self.fst.len()).finish()
    }
}

/// One entry an alias points to, with its match weight.
#[derive(Debug, Clone, Copy)]
pub struct Candidate<'a> {
    /// The entry.
    pub entry: &'a Entry,
    /// Index of the entry in the KB.
    pub index: u32,
    /// How the mention names it.
    pub alias: AliasKind,
    /// Alias weight plus the entry's prior (before context).
    pub score: f32,
    /// The alias is one common English word.
    pub common: bool,
}

impl Candidate<'_> {
    /// Why this candidate: alias kind and prior, in words.
    pub fn why(&self) -> String {
        let e = self.entry;
        let mut s = format!(
            "{} of {} (weight {:.2}, prior {:.2}, match {:.2})",
            self.alias.label(),
            e.name,
            self.alias.weight(),
            prior(e),
            self.score
        );
        if e.population > 0 && e.kb_id.starts_with("place:") {
            s.push_str(&format!(", population {}", e.population));
        }
        s
    }
}

/// Prior of an entry before context: states first, places by population.
pub(crate) fn prior(e: &Entry) -> f32 {
    match e.kind {
        EntityKind::State => 0.3,
        EntityKind::Place | EntityKind::Facility => {
            if e.population > 0 {
                (0.05 * (e.population as f32).log10()).min(0.35)
            } else {
                0.15
            }
        }
        EntityKind::Person => 0.2,
        _ => 0.25,
    }
}

/// Counts describing a KB.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Number of entries.
    pub entries: usize,
    /// Distinct alias keys (compiled + user).
    pub aliases: usize,
    /// Alias → entry links.
    pub postings: usize,
    /// Agent nouns.
    pub agents: usize,
    /// Entries by kind (`state`, `person`, ...).
    pub by_kind: BTreeMap<String, usize>,
    /// Entries by source (`Phoenix`, `GeoNames`, ...).
    pub by_source: BTreeMap<String, usize>,
}

/// One gazetteer name for NER features.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GazetteerEntry {
    /// Normalized name ([`crate::normalize::key`]).
    pub key: String,
    /// Entity type of its most likely entry.
    pub entity_type: EntityType,
    /// Kind of its most likely entry.
    pub kind: EntityKind,
}

fn serde_label<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

impl Kb {
    /// Decodes a compiled KB from bytes (copied).
    pub fn from_bytes(bytes: &[u8]) -> Result<Kb> {
        let (range, data) = decode(bytes)?;
        Self::assemble(Bytes::Owned(bytes[range].to_vec()), data)
    }

    fn assemble(fst_bytes: Bytes, data: KbData) -> Result<Kb> {
        let fst = fst::Map::new(fst_bytes).map_err(|e| KbError::BadFormat(format!("alias index: {e}")))?;
        let ids = data.entries.iter().enumerate().map(|(i, e)| (e.kb_id.clone(), i as u32)).collect();
        let agents = data.agents.into_iter().map(|a| (a.key.clone(), a)).collect();
        Ok(Kb {
            fst,
            postings: data.postings,
            entries: data.entries,
            agents,
            extra: FxHashMap::default(),
            ids,
            extra_sha256: Vec::new(),
        })
    }

    /// Loads a compiled KB file.
    pub fn load(path: &Path) -> Result<Kb> {
        let bytes = std::fs::read(path).map_err(|e| KbError::io(path, e))?;
        Self::from_bytes(&bytes)
    }

    /// Decodes the KB compiled into this binary.
    pub fn embedded() -> Result<Kb> {
        if EMBEDDED.is_empty() {
            return Err(KbError::NotEmbedded);
        }
        let (range, data) = decode(EMBEDDED)?;
        Self::assemble(Bytes::Static(&EMBEDDED[range]), data)
    }

    /// The embedded KB, decoded once per process and shared.
    pub fn shared() -> Result<&'static Kb> {
        static KB: OnceLock<std::result::Result<Kb, String>> = OnceLock::new();
        KB.get_or_init(|| Kb::embedded().map_err(|e| e.to_string())).as_ref().map_err(|e| {
            if e.contains("no knowledge base") { KbError::NotEmbedded } else { KbError::BadFormat(e.clone()) }
        })
    }

    /// This KB plus a user dictionary (see [`Kb::add_extra`]).
    pub fn with_extra(mut self, path: &Path) -> Result<Kb> {
        self.add_extra(path)?;
        Ok(self)
    }

    /// Adds a user dictionary: TOML or JSON in the curated format (`.toml`, `.json`), or a
    /// PETRARCH/Phoenix actor dictionary (any other extension, e.g. `.txt`). Its entries
    /// replace entries with the same id; its actor names win over dictionary names.
    pub fn add_extra(&mut self, path: &Path) -> Result<usize> {
        let mut b = KbBuilder::over(std::mem::take(&mut self.entries));
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let n = if ext == "toml" || ext == "json" {
            let d = curated::read(path);
            match d {
                Ok(d) => curated::apply(&mut b, &d, Source::User, path),
                Err(e) => Err(e),
            }
        } else {
            crate::compile::read_lossy(path).map(|text| {
                let iso3 = crate::compile::iso3_set(b.entries.iter().map(|e| e.kb_id.as_str()));
                let place_keys = Default::default();
                let cx = phoenix::MapContext { iso3: &iso3, place_keys: &place_keys, source: Source::User };
                phoenix::add_records(&mut b, &phoenix::parse(&text), phoenix::Flavor::MilNonState, &cx)
            })
        };
        let (entries, aliases, agents) = b.into_parts();
        self.entries = entries;
        let n = n?;
        self.ids = self.entries.iter().enumerate().map(|(i, e)| (e.kb_id.clone(), i as u32)).collect();
        for (k, list) in aliases {
            let slot = self.extra.entry(k).or_default();
            for p in list {
                if !slot.iter().any(|q| q.entry == p.entry) {
                    slot.push(p);
                }
            }
        }
        for a in agents {
            self.agents.insert(a.key.clone(), a);
        }
        let bytes = std::fs::read(path).map_err(|e| KbError::io(path, e))?;
        self.extra_sha256.push(claimgraph_core::digest::sha256_hex(&bytes));
        Ok(n)
    }

    /// The sha256 (hex) of each user dictionary added with [`Kb::add_extra`], in the order
    /// they were added: what an extraction's `producer.models` digest covers besides the
    /// embedded files.
    pub fn extra_sha256(&self) -> &[String] {
        &self.extra_sha256
    }

    /// All entries.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry with this id.
    pub fn get(&self, kb_id: &str) -> Option<&Entry> {
        self.ids.get(kb_id).map(|&i| &self.entries[i as usize])
    }

    /// The top of an entry's parent chain (`actor:IRGC` → `actor:IRNMIL` → `actor:IRN`):
    /// the actor analysts count under. The id itself when it has no parent.
    pub fn root_of<'a>(&'a self, kb_id: &'a str) -> &'a str {
        let mut cur = kb_id;
        // Bounded walk: user dictionaries could make a cycle.
        for _ in 0..8 {
            match self.get(cur).and_then(|e| e.parent.as_deref()) {
                Some(p) if self.get(p).is_some() => cur = p,
                _ => break,
            }
        }
        cur
    }

    /// The agent noun with this normalized phrase.
    pub fn agent(&self, key: &str) -> Option<&Agent> {
        self.agents.get(key)
    }

    fn compiled(&self, k: &str) -> &[Posting] {
        match self.fst.get(k) {
            Some(v) => {
                let start = (v >> 16) as usize;
                let len = (v & 0xffff) as usize;
                self.postings.get(start..start + len).unwrap_or(&[])
            }
            None => &[],
        }
    }

    /// Entries whose alias key is exactly `k` (already normalized); `acronym_ok` says the
    /// mention was written in capitals, so that codes and acronyms may match.
    pub fn lookup_key<'a>(&'a self, k: &str, acronym_ok: bool, out: &mut Vec<Candidate<'a>>) {
        let extra = if self.extra.is_empty() { None } else { self.extra.get(k) };
        let user_shadow = extra.is_some_and(|l| {
            l.iter().any(|p| {
                let e = &self.entries[p.entry as usize];
                e.source == Source::User
                    && matches!(p.kind, AliasKind::Name | AliasKind::Alias)
                    && !e.kb_id.starts_with("place:")
            })
        });
        for p in self.compiled(k).iter().chain(extra.into_iter().flatten()) {
            if (p.acronym || p.kind == AliasKind::Code) && !acronym_ok {
                continue;
            }
            let e = &self.entries[p.entry as usize];
            if user_shadow && e.source != Source::User && !e.kb_id.starts_with("place:") {
                continue;
            }
            // A mention in capitals ("U.N.") is better evidence for an acronym alias than
            // for a name that happens to share its letters (the town of Un).
            let case = match (acronym_ok, p.acronym) {
                (true, true) => 0.15,
                (true, false) if p.kind != AliasKind::Code => -0.15,
                _ => 0.0,
            };
            let score = p.kind.weight() + prior(e) + case;
            if let Some(c) = out.iter_mut().find(|c| c.index == p.entry) {
                if score > c.score {
                    c.alias = p.kind;
                    c.score = score;
                }
                continue;
            }
            out.push(Candidate { entry: e, index: p.entry, alias: p.kind, score, common: p.common });
        }
    }

    /// Every entry the mention's exact alias (after normalization) points to, best first.
    pub fn lookup(&self, mention: &str) -> Vec<Candidate<'_>> {
        thread_local! {
            static KEY: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
        }
        let mut out = Vec::new();
        KEY.with_borrow_mut(|k| {
            key_into(mention, k);
            self.lookup_key(k, is_acronym(mention), &mut out);
        });
        if out.len() > 1 {
            out.sort_by(|a, b| b.score.total_cmp(&a.score));
        }
        out
    }

    /// True when some alias has exactly this normalized key.
    pub fn has_key(&self, k: &str) -> bool {
        self.fst.contains_key(k) || self.extra.contains_key(k)
    }

    /// Counts of entries, aliases and agents.
    pub fn stats(&self) -> Stats {
        let mut s = Stats {
            entries: self.entries.len(),
            aliases: self.fst.len() + self.extra.keys().filter(|k| !self.fst.contains_key(k)).count(),
            postings: self.postings.len() + self.extra.values().map(Vec::len).sum::<usize>(),
            agents: self.agents.len(),
            ..Stats::default()
        };
        for e in &self.entries {
            *s.by_kind.entry(serde_label(&e.kind)).or_default() += 1;
            *s.by_source.entry(format!("{:?}", e.source)).or_default() += 1;
        }
        s
    }

    /// Every alias key with the type and kind of its strongest entry: a gazetteer for NER
    /// features. Codes, metonyms and GeoNames alternate names are left out.
    pub fn gazetteer_entries(&self) -> Vec<GazetteerEntry> {
        use fst::Streamer;
        let mut out = Vec::new();
        let mut stream = self.fst.stream();
        while let Some((k, _)) = stream.next() {
            let Ok(k) = std::str::from_utf8(k) else { continue };
            let mut cands = Vec::new();
            self.lookup_key(k, true, &mut cands);
            let best = cands
                .iter()
                .filter(|c| matches!(c.alias, AliasKind::Name | AliasKind::Alias | AliasKind::Demonym))
                .max_by(|a, b| a.score.total_cmp(&b.score));
            if let Some(c) = best {
                let entity_type =
                    if c.alias == AliasKind::Demonym { EntityType::Norp } else { c.entry.entity_type };
                out.push(GazetteerEntry { key: k.to_string(), entity_type, kind: c.entry.kind });
            }
        }
        out
    }
}
