//! Reader of PETRARCH/TABARI/Phoenix actor dictionaries (`Phoenix.Countries.actors.txt`,
//! `Phoenix.International.actors.txt`, `Phoenix.MilNonState.actors.txt`, and users' own
//! files in the same format), and the rules that turn their records into KB entries.

use std::collections::HashSet;

use claimgraph_core::extraction::{EntityKind, EntityType};

use crate::builder::KbBuilder;
use crate::model::{AliasKind, Entry, Role, Source, kind_of_sector};
use crate::normalize::{key, slug, title_case};

/// One dictionary record: a primary phrase, its `+` synonyms and its codes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    /// Primary phrase as written (`MAHMOUD_AHMADINEJAD_`).
    pub primary: String,
    /// Synonym phrases.
    pub synonyms: Vec<String>,
    /// Codes with optional date restrictions.
    pub roles: Vec<Role>,
    /// Comments on the record's lines (used to tell persons from bodies).
    pub comment: String,
}

impl Record {
    /// True when the record is a person (dated roles, a leader list, or an `ELI` code).
    pub fn is_person(&self) -> bool {
        self.comment.contains("CountryInfo")
            || self.comment.contains("rulers")
            || self.roles.iter().any(|r| r.start.is_some() || r.end.is_some() || r.code.ends_with("ELI"))
    }

    /// The undated (default) code, else the code of the latest role.
    pub fn main_code(&self) -> Option<&str> {
        self.roles
            .iter()
            .find(|r| r.start.is_none() && r.end.is_none() && !r.code.ends_with("ELI"))
            .or_else(|| self.roles.iter().max_by(|a, b| a.start.cmp(&b.start)))
            .map(|r| r.code.as_str())
    }
}

/// Phrase text without its underscores' trailing marker and parenthetical acronym.
fn clean_phrase(p: &str) -> (String, Option<String>) {
    let p = p.trim().trim_end_matches('_').trim();
    let mut acronym = None;
    let mut text = p.to_string();
    if let (Some(a), Some(b)) = (p.find('('), p.rfind(')'))
        && a < b
    {
        let inner = p[a + 1..b].trim_matches('_');
        if inner.len() >= 3 && inner.chars().all(|c| c.is_ascii_uppercase()) {
            acronym = Some(inner.to_string());
        }
        text = format!("{}{}", &p[..a], &p[b + 1..]);
    }
    let text = text.replace('_', " ").split_whitespace().collect::<Vec<_>>().join(" ");
    (text, acronym)
}

/// Parses a Phoenix date: `YYMMDD` (years below 30 are 20xx) or `YYYYMMDD` → `YYYY-MM-DD`.
pub fn parse_date(d: &str) -> Option<String> {
    let d = d.trim();
    if !d.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (y, rest) = match d.len() {
        6 => {
            let yy: u32 = d[..2].parse().ok()?;
            (if yy < 30 { 2000 + yy } else { 1900 + yy }, &d[2..])
        }
        7 | 8 => (d[..4].parse().ok()?, &d[4..]),
        _ => return None,
    };
    let (m, day) = (&rest[..2], &rest[2..]);
    Some(format!("{y:04}-{m:0>2}-{day:0>2}"))
}

/// Parses the inside of one `[CODE restriction]` bracket.
fn parse_code(inner: &str) -> Option<Role> {
    let mut parts = inner.split_whitespace();
    let code = parts.next()?.trim_start_matches('~').to_string();
    if code.is_empty() || code.starts_with("---") {
        return None;
    }
    let rest: String = parts.collect();
    let (start, end) = if let Some(d) = rest.strip_prefix('<') {
        (None, parse_date(d))
    } else if let Some(d) = rest.strip_prefix('>') {
        (parse_date(d), None)
    } else if let Some((a, b)) = rest.split_once('-') {
        (parse_date(a), parse_date(b))
    } else {
        (None, None)
    };
    Some(Role { code, start, end })
}

/// Codes in brackets on a line (`[IGOUNO 970101-061231] [ELI]`).
fn codes_in(line: &str) -> Vec<Role> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(a) = rest.find('[') {
        let Some(b) = rest[a..].find(']') else { break };
        if let Some(r) = parse_code(&rest[a + 1..a + b]) {
            out.push(r);
        }
        rest = &rest[a + b + 1..];
    }
    out
}

/// Parses a whole actor dictionary into records.
pub fn parse(text: &str) -> Vec<Record> {
    let mut out: Vec<Record> = Vec::new();
    let mut cur: Option<Record> = None;
    for raw in text.lines() {
        let (body, comment) = match raw.find('#') {
            Some(i) => (&raw[..i], &raw[i..]),
            None => (raw, ""),
        };
        // TABARI files also use ';' for comments.
        let (body, comment2) = match body.find(';') {
            Some(i) => (&body[..i], &body[i..]),
            None => (body, ""),
        };
        if body.trim().is_empty() {
            if let Some(r) = cur.as_mut() {
                r.comment.push_str(comment);
                r.comment.push_str(comment2);
            }
            continue;
        }
        let starts_indented = raw.starts_with('\t') || raw.starts_with(' ');
        let trimmed = body.trim();
        if starts_indented && trimmed.starts_with('[') {
            if let Some(r) = cur.as_mut() {
                r.roles.extend(codes_in(trimmed));
                r.comment.push_str(comment);
            }
            continue;
        }
        let phrase_end = trimmed.find('[').unwrap_or(trimmed.len());
        let phrase = trimmed[..phrase_end].trim();
        let codes = codes_in(&trimmed[phrase_end..]);
        if let Some(syn) = phrase.strip_prefix('+')
            && let Some(r) = cur.as_mut()
        {
            if !syn.trim().is_empty() {
                r.synonyms.push(syn.trim().to_string());
            }
            r.roles.extend(codes);
            r.comment.push_str(comment);
            continue;
        }
        if let Some(r) = cur.take() {
            out.push(r);
        }
        let phrase = phrase.trim_start_matches('+');
        if phrase.is_empty() {
            continue;
        }
        cur = Some(Record {
            primary: phrase.to_string(),
            synonyms: Vec::new(),
            roles: codes,
            comment: format!("{comment}{comment2}"),
        });
    }
    out.extend(cur);
    out
}

/// Which Phoenix file a record comes from: decides ids and kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    /// Country actors: countries, institutions, persons.
    Countries,
    /// International organizations and persons.
    International,
    /// Non-state armed groups.
    MilNonState,
}

/// Context the mapping needs: known ISO3 codes, place keys (to tell metonyms), source tag.
pub struct MapContext<'a> {
    /// ISO 3166-1 alpha-3 codes of countries in the KB.
    pub iso3: &'a HashSet<String>,
    /// Keys of GeoNames places (cities, states): a country synonym naming one is a metonym.
    pub place_keys: &'a HashSet<String>,
    /// Source recorded on new entries.
    pub source: Source,
}

/// True for names that look like demonyms ("IRANIAN", "AFGHAN", "IRAQI", "FRENCH").
pub fn looks_demonym(k: &str) -> bool {
    !k.contains(' ')
        && (k.ends_with("ian")
            || k.ends_with("an")
            || k.ends_with("ese")
            || k.ends_with("ish")
            || k.ends_with("ch")
            || k.ends_with("ic")
            || k.ends_with("i"))
}

/// The country part of a CAMEO code, if it is a known ISO3.
fn country_of(code: &str, iso3: &HashSet<String>) -> Option<String> {
    code.get(..3).filter(|c| iso3.contains(*c)).map(str::to_string)
}

/// Entity kind from the 3-letter chunks of a code after the country (`AFGREB` → armed group).
fn kind_of_code(code: &str) -> Option<EntityKind> {
    let chunks: Vec<&str> = (0..code.len() / 3).filter_map(|i| code.get(i * 3..i * 3 + 3)).collect();
    chunks.iter().find_map(|c| kind_of_sector(c))
}

/// Name of a derived institution entry (`IRN`, `GOV`, "Iran") → "Government of Iran".
pub fn institution_name(sector: &str, country: &str) -> Option<String> {
    let what = match sector {
        "GOV" => "Government",
        "MIL" => "Military",
        "COP" => "Police",
        "SPY" => "Intelligence services",
        "LEG" => "Legislature",
        "JUD" => "Judiciary",
        "REB" => "Rebels",
        "OPP" => "Opposition",
        _ => return None,
    };
    Some(format!("{what} of {country}"))
}

/// Sectors for which every country gets a derived institution entry.
pub const INSTITUTION_SECTORS: [&str; 8] = ["GOV", "MIL", "COP", "SPY", "LEG", "JUD", "REB", "OPP"];

/// Adds the records of one file to the builder. Returns the number of entries touched.
pub fn add_records(b: &mut KbBuilder, records: &[Record], flavor: Flavor, cx: &MapContext) -> usize {
    let mut seen_country: HashSet<String> = HashSet::new();
    let mut touched = 0;
    for r in records {
        let (primary, acronym) = clean_phrase(&r.primary);
        if primary.is_empty() {
            continue;
        }
        let synonyms: Vec<(String, Option<String>)> = r.synonyms.iter().map(|s| clean_phrase(s)).collect();
        let mut code = r.main_code().map(str::to_string);
        // Country blocks with dated codes ("GEORGIA_ [USRGEO <910409] [GEO >911221]") are
        // states, not persons: their latest plain country code wins.
        let state_code = (flavor == Flavor::Countries && !r.comment.contains("CountryInfo"))
            .then(|| r.roles.iter().rev().find(|r| r.code.len() == 3 && cx.iso3.contains(&r.code)))
            .flatten();
        if let Some(sc) = state_code {
            code = Some(sc.code.clone());
        }
        let idx = if r.is_person() && state_code.is_none() {
            // Only the primary phrase decides: Phoenix records sometimes list several
            // people as synonyms of one another.
            let curated = b.postings(&key(&primary)).iter().map(|p| p.entry).find(|&e| {
                let e = b.entry(e);
                e.source == Source::Curated && e.kind == EntityKind::Person
            });
            match curated {
                Some(i) => i,
                None => add_person(b, r, &primary, cx),
            }
        } else if let Some(code) = code.as_deref() {
            let country = country_of(code, cx.iso3);
            if flavor == Flavor::Countries && code.len() == 3 && country.is_some() {
                // The country's own block: its primary and synonyms name the state.
                let id = format!("actor:{code}");
                let Some(i) = b.find(&id) else { continue };
                let first = seen_country.insert(code.to_string());
                let head = (primary.clone(), None);
                let country_key = key(&b.entry(i).name);
                let stem: String = country_key.chars().take(4).collect();
                for (s, _) in std::iter::once(&head).chain(synonyms.iter()) {
                    let k = key(s);
                    // Country blocks list the country's spellings and long forms, but also
                    // its cities, provinces and landmarks ("KABUL", "HELMAND", "BAGRAM"):
                    // those name the state only as an actor.
                    let names_country = k.contains(&country_key) || k.starts_with(&stem);
                    let kind = if !first || cx.place_keys.contains(&k) {
                        AliasKind::Locale
                    } else if names_country && !looks_demonym(&k) {
                        AliasKind::Alias
                    } else if looks_demonym(&k) {
                        AliasKind::Demonym
                    } else {
                        AliasKind::Locale
                    };
                    b.alias(i, s, kind);
                }
                touched += 1;
                continue;
            } else if flavor == Flavor::Countries
                && code.len() == 6
                && country.is_some()
                && INSTITUTION_SECTORS.contains(&&code[3..])
            {
                match b.find(&format!("actor:{code}")) {
                    Some(i) => i,
                    None => continue,
                }
            } else {
                // Merge into a curated body that already owns the primary name (not a
                // synonym: records sometimes list leaders or related groups as synonyms).
                let owner = b.postings(&key(&primary)).iter().map(|p| p.entry).find(|&e| {
                    let e = b.entry(e);
                    e.source == Source::Curated
                        && e.kind != EntityKind::Person
                        && !e.kb_id.starts_with("place:")
                });
                match owner {
                    Some(i) => i,
                    None => {
                        let id = match flavor {
                            Flavor::Countries => format!("actor:{code}"),
                            _ => format!("actor:{}", slug(&primary)),
                        };
                        let kind = kind_of_code(&code[country.as_ref().map_or(0, |_| 3)..])
                            .or(if flavor == Flavor::MilNonState {
                                Some(EntityKind::ArmedGroup)
                            } else {
                                None
                            })
                            .unwrap_or(EntityKind::Organization);
                        let name = title_case(&primary);
                        b.add(Entry {
                            kb_id: id,
                            parent: country.as_ref().map(|c| format!("actor:{c}")),
                            name,
                            entity_type: EntityType::Org,
                            kind,
                            country,
                            cameo: Some(code.to_string()),
                            lat: None,
                            lon: None,
                            geonames_id: None,
                            admin1: None,
                            population: 0,
                            roles: Vec::new(),
                            source: cx.source,
                        })
                    }
                }
            }
        } else {
            continue;
        };
        b.alias(idx, &primary, AliasKind::Alias);
        for (s, _) in &synonyms {
            b.alias(idx, s, AliasKind::Alias);
        }
        for a in std::iter::once(&acronym).chain(synonyms.iter().map(|(_, a)| a)).flatten() {
            b.alias(idx, a, AliasKind::Alias);
        }
        touched += 1;
    }
    touched
}

fn add_person(b: &mut KbBuilder, r: &Record, primary: &str, cx: &MapContext) -> u32 {
    let name = title_case(primary);
    let id = format!("actor:person:{}", slug(primary));
    let roles: Vec<Role> = r.roles.iter().filter(|r| !r.code.starts_with("---")).cloned().collect();
    let country = roles.iter().find_map(|r| country_of(&r.code, cx.iso3));
    let cameo = r.main_code().map(str::to_string);
    if let Some(i) = b.find(&id) {
        let e = b.entry_mut(i);
        for role in roles {
            if !e.roles.contains(&role) {
                e.roles.push(role);
            }
        }
        return i;
    }
    b.add(Entry {
        kb_id: id,
        name,
        entity_type: EntityType::Per,
        kind: EntityKind::Person,
        country,
        cameo,
        parent: None,
        lat: None,
        lon: None,
        geonames_id: None,
        admin1: None,
        population: 0,
        roles,
        source: cx.source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# header\nIRAN_  [IRN]\n+IRANIAN\n+TEHRAN_ \n\nREVOLUTIONARY_GUARD\n+QUDS_FORCE\n\t[IRNMIL]\nMAHMOUD_AHMADINEJAD_  # CountryInfo.txt\n+AHMADINEJAD\n\t[IRNELI 740101-000101]\n\t[IRNGOV 20050803-20130803]\nKOFI_ANNAN_\t[IGOUNO 970101-061231] [ELI]# IGOrulers.txt\nADEN_ISLAMIC_ARMY_(AAIA)_ [YEMREB] # kkl\n";

    #[test]
    fn parses_records() {
        let rs = parse(SAMPLE);
        assert_eq!(rs.len(), 5);
        assert_eq!(rs[0].primary, "IRAN_");
        assert_eq!(rs[0].synonyms, vec!["IRANIAN", "TEHRAN_"]);
        assert_eq!(rs[0].roles[0].code, "IRN");
        assert_eq!(rs[1].roles[0].code, "IRNMIL");
        assert!(!rs[1].is_person());
        assert!(rs[2].is_person());
        assert_eq!(rs[2].roles[1].start.as_deref(), Some("2005-08-03"));
        assert_eq!(rs[2].roles[0].end.as_deref(), Some("2000-01-01"));
        assert_eq!(rs[2].main_code(), Some("IRNGOV"));
        assert!(rs[3].is_person());
        assert_eq!(rs[3].roles.len(), 2);
        assert_eq!(clean_phrase(&rs[4].primary), ("ADEN ISLAMIC ARMY".to_string(), Some("AAIA".to_string())));
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("370101").as_deref(), Some("1937-01-01"));
        assert_eq!(parse_date("050803").as_deref(), Some("2005-08-03"));
        assert_eq!(parse_date("19890604").as_deref(), Some("1989-06-04"));
        assert_eq!(parse_date("x"), None);
    }
}
