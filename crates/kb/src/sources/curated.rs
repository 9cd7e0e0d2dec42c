//! The dictionary format of the project's curated lists (`kb/curated/*.toml`) and of users'
//! `--kb-extra` files (TOML or JSON, same fields). See `kb/README.md` for the documented
//! format. Every entry given here replaces an entry with the same id.

use std::collections::BTreeMap;
use std::path::Path;

use claimgraph_core::extraction::{EntityKind, EntityType};
use serde::Deserialize;

use crate::builder::KbBuilder;
use crate::error::{KbError, Result};
use crate::model::{Agent, AliasKind, Entry, Role, Source};
use crate::normalize::{key, slug};

/// A dictionary file: country additions, actors, places and agent nouns.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dictionary {
    /// Additions to countries already in the KB (aliases, demonyms, institutions).
    #[serde(default)]
    pub country: Vec<CountryExtra>,
    /// Actors (organizations, armed groups, agencies, media, persons).
    #[serde(default)]
    pub actor: Vec<ActorDef>,
    /// Places and facilities.
    #[serde(default)]
    pub place: Vec<PlaceDef>,
    /// Agent nouns ("spokesman", "general").
    #[serde(default)]
    pub agent: Vec<AgentDef>,
}

/// Additions to a country (`actor:<iso3>`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountryExtra {
    /// ISO alpha-3 code of the country.
    pub iso3: String,
    /// Other names and short forms ("US", "America").
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Demonyms ("American"); plurals are added automatically.
    #[serde(default)]
    pub demonyms: Vec<String>,
    /// Names that stand for the state only as actor ("Washington").
    #[serde(default)]
    pub metonyms: Vec<String>,
    /// Institution names by CAMEO sector (`GOV`, `MIL`, `SPY`...): "Pentagon" under `MIL`.
    #[serde(default)]
    pub institutions: BTreeMap<String, Vec<String>>,
}

/// A dated role in a dictionary.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleDef {
    /// CAMEO code.
    pub code: String,
    /// First day, `YYYY-MM-DD` (or `YYYY`).
    #[serde(default)]
    pub start: Option<String>,
    /// Last day.
    #[serde(default)]
    pub end: Option<String>,
}

/// An actor definition.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorDef {
    /// Id: `TALIBAN` becomes `actor:TALIBAN`; a full `actor:...` id is kept. Default: slug of
    /// the name.
    #[serde(default)]
    pub id: Option<String>,
    /// Canonical name.
    pub name: String,
    /// Entity type (`PER`, `ORG`, `NORP`...); default `ORG`, or `PER` for kind `person`.
    #[serde(default, rename = "type")]
    pub entity_type: Option<EntityType>,
    /// Kind (`armed_group`, `agency`, `media`, `person`, `organization`, ...).
    pub kind: EntityKind,
    /// ISO alpha-3 country.
    #[serde(default)]
    pub country: Option<String>,
    /// CAMEO code.
    #[serde(default)]
    pub cameo: Option<String>,
    /// Id of the actor it is part of.
    #[serde(default)]
    pub parent: Option<String>,
    /// Other names.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Dated roles (persons).
    #[serde(default)]
    pub roles: Vec<RoleDef>,
}

/// A place or facility definition.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceDef {
    /// Id: `fac:bagram-air-base` becomes `place:fac:bagram-air-base`. Default:
    /// `place:user:<slug>`.
    #[serde(default)]
    pub id: Option<String>,
    /// Canonical name.
    pub name: String,
    /// Entity type; default `FAC` for facilities, `GPE` otherwise.
    #[serde(default, rename = "type")]
    pub entity_type: Option<EntityType>,
    /// `place` (default) or `facility`.
    #[serde(default)]
    pub kind: Option<EntityKind>,
    /// ISO alpha-3 country.
    #[serde(default)]
    pub country: Option<String>,
    /// Latitude.
    #[serde(default)]
    pub lat: Option<f64>,
    /// Longitude.
    #[serde(default)]
    pub lon: Option<f64>,
    /// GeoNames id.
    #[serde(default)]
    pub geonames_id: Option<i64>,
    /// First-level division code.
    #[serde(default)]
    pub admin1: Option<String>,
    /// Population.
    #[serde(default)]
    pub population: Option<u64>,
    /// Other names.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// An agent noun definition.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgentDef {
    /// The phrase ("spokesman", "foreign ministry").
    pub phrase: String,
    /// CAMEO sector code it adds (`GOV`, `MIL`), or empty.
    #[serde(default)]
    pub code: String,
    /// Names one person.
    #[serde(default)]
    pub person: bool,
    /// Plural form, if any ("spokesmen"); it never names one person.
    #[serde(default)]
    pub plural: Option<String>,
}

/// Reads a dictionary from a `.toml` or `.json` file.
pub fn read(path: &Path) -> Result<Dictionary> {
    let text = std::fs::read_to_string(path).map_err(|e| KbError::io(path, e))?;
    if path.extension().is_some_and(|e| e == "json") {
        serde_json::from_str(&text).map_err(|source| KbError::Json { path: path.to_path_buf(), source })
    } else {
        toml::from_str(&text).map_err(|e| KbError::Toml { path: path.to_path_buf(), source: Box::new(e) })
    }
}

fn actor_id(id: Option<&str>, name: &str) -> String {
    match id {
        Some(i) if i.contains(':') => i.to_string(),
        Some(i) => format!("actor:{i}"),
        None => format!("actor:{}", slug(name)),
    }
}

fn place_id(id: Option<&str>, name: &str) -> String {
    match id {
        Some(i) if i.starts_with("place:") => i.to_string(),
        Some(i) => format!("place:{i}"),
        None => format!("place:user:{}", slug(name)),
    }
}

/// Adds a dictionary to the builder with `source` (curated or user). Returns the number of
/// entries added or replaced.
pub fn apply(b: &mut KbBuilder, d: &Dictionary, source: Source, path: &Path) -> Result<usize> {
    let bad = |m: String| KbError::BadEntry { path: path.to_path_buf(), message: m };
    let mut n = 0;
    for c in &d.country {
        let i =
            b.find(&format!("actor:{}", c.iso3)).ok_or_else(|| bad(format!("unknown country {}", c.iso3)))?;
        for a in &c.aliases {
            b.alias(i, a, AliasKind::Alias);
        }
        for a in &c.demonyms {
            b.alias(i, a, AliasKind::Demonym);
        }
        for a in &c.metonyms {
            b.alias(i, a, AliasKind::Metonym);
        }
        for (sector, names) in &c.institutions {
            let id = format!("actor:{}{sector}", c.iso3);
            let j = b.find(&id).ok_or_else(|| bad(format!("unknown institution {id}")))?;
            for a in names {
                b.alias(j, a, AliasKind::Alias);
            }
        }
        n += 1;
    }
    for a in &d.actor {
        let kb_id = actor_id(a.id.as_deref(), &a.name);
        let person = a.kind == EntityKind::Person;
        let entity_type = a.entity_type.unwrap_or(if person { EntityType::Per } else { EntityType::Org });
        let roles = a
            .roles
            .iter()
            .map(|r| Role { code: r.code.clone(), start: r.start.clone(), end: r.end.clone() })
            .collect();
        let i = b.upsert(Entry {
            kb_id,
            name: a.name.clone(),
            entity_type,
            kind: a.kind,
            country: a.country.clone(),
            cameo: a.cameo.clone(),
            parent: a.parent.clone(),
            lat: None,
            lon: None,
            geonames_id: None,
            admin1: None,
            population: 0,
            roles,
            source,
        });
        for al in &a.aliases {
            b.alias(i, al, AliasKind::Alias);
        }
        n += 1;
    }
    for p in &d.place {
        let kind = p.kind.unwrap_or(EntityKind::Place);
        let entity_type = p.entity_type.unwrap_or(if kind == EntityKind::Facility {
            EntityType::Fac
        } else {
            EntityType::Gpe
        });
        let i = b.upsert(Entry {
            kb_id: place_id(p.id.as_deref(), &p.name),
            name: p.name.clone(),
            entity_type,
            kind,
            country: p.country.clone(),
            cameo: None,
            parent: None,
            lat: p.lat,
            lon: p.lon,
            geonames_id: p.geonames_id,
            admin1: p.admin1.clone(),
            population: p.population.unwrap_or(0),
            roles: Vec::new(),
            source,
        });
        for al in &p.aliases {
            b.alias(i, al, AliasKind::Alias);
        }
        n += 1;
    }
    for a in &d.agent {
        let k = key(&a.phrase);
        if k.is_empty() {
            return Err(bad(format!("empty agent phrase {:?}", a.phrase)));
        }
        b.agent(Agent { key: k, code: a.code.clone(), prefix: false, person: a.person });
        if let Some(pl) = &a.plural {
            b.agent(Agent { key: key(pl), code: a.code.clone(), prefix: false, person: false });
        }
        n += 1;
    }
    Ok(n)
}
