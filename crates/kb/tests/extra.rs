//! User dictionaries (`--kb-extra`): TOML, JSON and PETRARCH/Phoenix actor files, written
//! here for the tests.

use claimgraph_core::extraction::{EntityKind, EntityType};
use claimgraph_kb::{Kb, MentionRole, ResolveContext};

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn toml_adds_and_overrides() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        &dir,
        "local.toml",
        r#"
[[actor]]
id = "BLUERIVER"
name = "Blue River Brigade"
kind = "armed_group"
country = "SYR"
cameo = "SYRREB"
aliases = ["BRB", "Blue River fighters"]

[[actor]]
id = "HAQQANI"
name = "Haqqani Network (user)"
kind = "armed_group"
country = "PAK"
aliases = []

[[place]]
id = "fac:blue-river-dam"
name = "Blue River Dam"
kind = "facility"
country = "SYR"
lat = 35.1
lon = 38.2

[[country]]
iso3 = "SYR"
metonyms = ["Qasr al-Shaab"]

[[agent]]
phrase = "quartermaster"
code = "MIL"
person = true
"#,
    );
    let kb = Kb::embedded().unwrap().with_extra(&p).unwrap();
    let actor = ResolveContext { role: MentionRole::Actor, ..Default::default() };
    let r = kb.resolve("Blue River Brigade", &actor).unwrap();
    assert_eq!(r.kb_id.as_deref(), Some("actor:BLUERIVER"));
    assert_eq!(r.kind, EntityKind::ArmedGroup);
    assert_eq!(kb.resolve("BRB", &actor).unwrap().kb_id.as_deref(), Some("actor:BLUERIVER"));
    // Same id: the user's fields replace the shipped ones; old aliases still point to it.
    let h = kb.resolve("Haqqani network", &actor).unwrap();
    assert_eq!(h.kb_id.as_deref(), Some("actor:HAQQANI"));
    assert_eq!(h.country.as_deref(), Some("PAK"));
    let dam = kb.resolve("Blue River Dam", &ResolveContext::default()).unwrap();
    assert_eq!(dam.entity_type, EntityType::Fac);
    assert_eq!(dam.lat, Some(35.1));
    assert_eq!(kb.resolve("Qasr al-Shaab", &actor).unwrap().kb_id.as_deref(), Some("actor:SYR"));
    let q = kb.resolve("a Syrian quartermaster", &ResolveContext::default()).unwrap();
    assert_eq!(q.cameo.as_deref(), Some("SYRMIL"));
    assert!(kb.stats().entries >= Kb::shared().unwrap().stats().entries + 2);
}

#[test]
fn json_is_the_same_format() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        &dir,
        "local.json",
        r#"{"actor": [{"id": "ACMEOIL", "name": "Acme Oil Company", "kind": "organization", "country": "NGA", "aliases": ["Acme Oil"]}]}"#,
    );
    let kb = Kb::embedded().unwrap().with_extra(&p).unwrap();
    let r = kb.resolve("Acme Oil", &ResolveContext::default()).unwrap();
    assert_eq!(r.kb_id.as_deref(), Some("actor:ACMEOIL"));
    assert_eq!(r.entity_type, EntityType::Org);
}

/// The KB remembers the digest of each dictionary added, in order (what an extraction's
/// `producer.models` covers); a file that fails adds none.
#[test]
fn dictionaries_added_are_remembered_by_digest() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(
        &dir,
        "a.json",
        r#"{"actor": [{"id": "ACMEOIL", "name": "Acme Oil Company", "kind": "organization"}]}"#,
    );
    let b = write(&dir, "b.txt", "NORTHERN_HILLS_DEFENSE_COMMITTEE_ [SYRREB]\n");
    let bad = write(&dir, "bad.toml", "[[actor]]\nname = \"No kind\"\n");
    let mut kb = Kb::embedded().unwrap();
    assert!(kb.extra_sha256().is_empty());
    kb.add_extra(&a).unwrap();
    assert!(kb.add_extra(&bad).is_err());
    kb.add_extra(&b).unwrap();
    let digests: Vec<String> =
        [&a, &b].iter().map(|p| claimgraph_core::digest::sha256_hex(&std::fs::read(p).unwrap())).collect();
    assert_eq!(kb.extra_sha256(), digests);
}

#[test]
fn phoenix_format() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        &dir,
        "local.actors.txt",
        "# my militias\nNORTHERN_HILLS_DEFENSE_COMMITTEE_ [SYRREB]\n+NHDC\n+HILLS_COMMITTEE_\n\nJOHN_QWERTYSON_  # CountryInfo.txt\n\t[SYRGOV 20150101-20191231]\n",
    );
    let kb = Kb::embedded().unwrap().with_extra(&p).unwrap();
    let r = kb.resolve("Hills Committee", &ResolveContext::default()).unwrap();
    assert_eq!(r.cameo.as_deref(), Some("SYRREB"));
    assert_eq!(r.country.as_deref(), Some("SYR"));
    let ctx =
        ResolveContext { ner_label: Some(EntityType::Per), date: Some("2017-05-01"), ..Default::default() };
    let p = kb.resolve("John Qwertyson", &ctx).unwrap();
    assert_eq!(p.kind, EntityKind::Person);
    assert_eq!(p.cameo.as_deref(), Some("SYRGOV"));
}

#[test]
fn bad_files_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(&dir, "bad.toml", "[[actor]]\nname = \"No kind\"\n");
    assert!(Kb::embedded().unwrap().with_extra(&p).is_err());
    let p = write(&dir, "bad2.toml", "[[country]]\niso3 = \"XXX\"\n");
    assert!(Kb::embedded().unwrap().with_extra(&p).is_err());
    assert!(Kb::embedded().unwrap().with_extra(&dir.path().join("missing.toml")).is_err());
    assert!(Kb::from_bytes(b"not a kb").is_err());
}
