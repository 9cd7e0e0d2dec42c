//! Resolution on sentences written for these tests, against the shipped KB.

use claimgraph_core::extraction::{EntityKind, EntityType};
use claimgraph_kb::{Kb, MentionRole, ResolveContext};

fn kb() -> &'static Kb {
    Kb::shared().expect("kb/claimgraph.kb is embedded")
}

fn id(mention: &str, ctx: &ResolveContext) -> Option<String> {
    kb().resolve(mention, ctx).and_then(|r| r.kb_id)
}

fn actor() -> ResolveContext<'static> {
    ResolveContext { role: MentionRole::Actor, ..Default::default() }
}

#[test]
fn iran_is_one_actor() {
    // "Tehran said on Monday that the Islamic Republic would answer; Iran's foreign
    // ministry and the Iranian government repeated it."
    let kb = kb();
    let tehran = id("Tehran", &ResolveContext { ner_label: Some(EntityType::Gpe), ..actor() });
    assert_eq!(tehran.as_deref(), Some("actor:IRN"));
    assert_eq!(id("Iran", &actor()).as_deref(), Some("actor:IRN"));
    assert_eq!(id("Islamic Republic", &actor()).as_deref(), Some("actor:IRN"));
    let gov = id("the Iranian government", &actor()).unwrap();
    assert_eq!(gov, "actor:IRNGOV");
    assert_eq!(kb.root_of(&gov), "actor:IRN");
    let fm = id("Iran's Foreign Ministry", &actor()).unwrap();
    assert_eq!(kb.root_of(&fm), "actor:IRN");
}

#[test]
fn capital_is_a_place_where_things_happen() {
    // "A blast shook Tehran."
    let ctx =
        ResolveContext { ner_label: Some(EntityType::Gpe), role: MentionRole::Place, ..Default::default() };
    let r = kb().resolve("Tehran", &ctx).unwrap();
    assert!(r.kb_id.as_deref().unwrap().starts_with("place:geonames:"));
    assert_eq!(r.country.as_deref(), Some("IRN"));
    assert!(r.lat.is_some() && r.lon.is_some());
    // Without a role, a GPE capital reads as the city too.
    let any = ResolveContext { ner_label: Some(EntityType::Gpe), ..Default::default() };
    assert_eq!(kb().resolve("Tehran", &any).unwrap().kb_id, r.kb_id);
}

#[test]
fn institutions_and_agencies() {
    assert_eq!(id("the Pentagon", &actor()).as_deref(), Some("actor:USAMIL"));
    assert_eq!(id("the Kremlin", &actor()).as_deref(), Some("actor:RUSGOV"));
    assert_eq!(id("White House", &actor()).as_deref(), Some("actor:USAGOV"));
    assert_eq!(id("CIA", &actor()).as_deref(), Some("actor:CIA"));
    assert_eq!(id("DIA", &actor()).as_deref(), Some("actor:DIA"));
    assert_eq!(id("NCTC", &actor()).as_deref(), Some("actor:NCTC"));
    assert_eq!(id("National Security Council", &actor()).as_deref(), Some("actor:NSC"));
    let cia = kb().get("actor:CIA").unwrap();
    assert_eq!(cia.kind, EntityKind::Agency);
    assert_eq!(cia.country.as_deref(), Some("USA"));
}

#[test]
fn media_and_organizations() {
    for (m, want) in [
        ("CNN", "actor:media:cnn"),
        ("Reuters", "actor:media:reuters"),
        ("AP", "actor:media:ap"),
        ("the Associated Press", "actor:media:ap"),
        ("AFP", "actor:media:afp"),
        ("VOA", "actor:media:voa"),
        ("U.N.", "actor:IGOUNO"),
        ("NATO", "actor:NATO"),
    ] {
        assert_eq!(id(m, &ResolveContext::default()).as_deref(), Some(want), "{m}");
    }
    assert_eq!(kb().get("actor:media:cnn").unwrap().kind, EntityKind::Media);
}

#[test]
fn armed_groups() {
    let r = kb().resolve("Haqqani network", &actor()).unwrap();
    assert_eq!(r.kb_id.as_deref(), Some("actor:HAQQANI"));
    assert_eq!(r.kind, EntityKind::ArmedGroup);
    assert_eq!(r.country.as_deref(), Some("AFG"));
    for (m, want) in [
        ("Taliban", "actor:TALIBAN"),
        ("the Taliban", "actor:TALIBAN"),
        ("Daesh", "actor:ISIS"),
        ("ISIL", "actor:ISIS"),
        ("ISIS-K", "actor:ISKP"),
        ("Hizbollah", "actor:HEZBOLLAH"),
        ("al-Qaida", "actor:ALQAEDA"),
        ("Ansar Allah", "actor:HOUTHIS"),
        ("IRGC", "actor:IRGC"),
    ] {
        assert_eq!(id(m, &actor()).as_deref(), Some(want), "{m}");
    }
}

#[test]
fn demonyms() {
    let norp = ResolveContext { ner_label: Some(EntityType::Norp), ..Default::default() };
    assert_eq!(id("Iranian", &norp).as_deref(), Some("actor:IRN"));
    assert_eq!(id("Iranians", &norp).as_deref(), Some("actor:IRN"));
    assert_eq!(id("Afghans", &norp).as_deref(), Some("actor:AFG"));
    assert_eq!(id("Americans", &norp).as_deref(), Some("actor:USA"));
    assert_eq!(id("British", &norp).as_deref(), Some("actor:GBR"));
    // A demonym never names a place.
    let place = ResolveContext { role: MentionRole::Place, ..Default::default() };
    assert_eq!(id("Iranian", &place), None);
}

#[test]
fn agents_compose_with_actors() {
    // "A Taliban spokesman denied it."
    let r = kb().resolve("a Taliban spokesman", &ResolveContext::default()).unwrap();
    assert_eq!(r.kb_id, None);
    assert_eq!(r.entity_type, EntityType::Per);
    assert_eq!(r.acting_for.as_deref(), Some("actor:TALIBAN"));
    // "An Iranian General was killed."
    let r = kb().resolve("Iranian General", &ResolveContext::default()).unwrap();
    assert_eq!(r.entity_type, EntityType::Per);
    assert_eq!(r.kind, EntityKind::Military);
    assert_eq!(r.cameo.as_deref(), Some("IRNMIL"));
    assert_eq!(r.acting_for.as_deref(), Some("actor:IRNMIL"));
    // "Senior Afghan officials said" → the Afghan government.
    assert_eq!(id("senior Afghan officials", &ResolveContext::default()).as_deref(), Some("actor:AFGGOV"));
    // "a spokesman for the Pentagon"
    let r = kb().resolve("a spokesman for the Pentagon", &ResolveContext::default()).unwrap();
    assert_eq!(r.acting_for.as_deref(), Some("actor:USAMIL"));
    // "U.S. troops"
    assert_eq!(id("U.S. troops", &ResolveContext::default()).as_deref(), Some("actor:USAMIL"));
}

#[test]
fn people_with_roles_and_titles() {
    let ctx =
        ResolveContext { ner_label: Some(EntityType::Per), date: Some("2019-06-01"), ..Default::default() };
    let r = kb().resolve("Qasem Soleimani", &ctx).unwrap();
    assert_eq!(r.kb_id.as_deref(), Some("actor:person:qasem-soleimani"));
    assert_eq!(r.cameo.as_deref(), Some("IRNMIL"));
    assert_eq!(r.country.as_deref(), Some("IRN"));
    let r = kb().resolve("Gen. Qassem Soleimani", &ctx).unwrap();
    assert_eq!(r.kb_id.as_deref(), Some("actor:person:qasem-soleimani"));
    // Pompeo was CIA director in 2017 and secretary of state in 2019.
    let pompeo = |d| {
        let c = ResolveContext { ner_label: Some(EntityType::Per), date: Some(d), ..Default::default() };
        kb().resolve("Mike Pompeo", &c).unwrap().cameo
    };
    assert_eq!(pompeo("2017-06-01").as_deref(), Some("USASPY"));
    assert_eq!(pompeo("2019-06-01").as_deref(), Some("USAGOV"));
    // Phoenix persons.
    assert_eq!(
        id("Ahmadinejad", &ResolveContext { ner_label: Some(EntityType::Per), ..Default::default() })
            .as_deref(),
        Some("actor:person:mahmoud-ahmadinejad")
    );
}

#[test]
fn ambiguous_places_use_context() {
    let gpe = ResolveContext { ner_label: Some(EntityType::Gpe), ..Default::default() };
    // Alone, "Georgia" is the country.
    assert_eq!(id("Georgia", &gpe).as_deref(), Some("actor:GEO"));
    // In a report about Atlanta and the United States, it is the US state.
    let us = vec!["USA".to_string()];
    let ctx = ResolveContext { doc_countries: &us, ..gpe };
    let r = kb().resolve("Georgia", &ctx).unwrap();
    assert_eq!(r.country.as_deref(), Some("USA"));
    assert!(r.kb_id.unwrap().starts_with("place:geonames:"));
    // Near Tbilisi it stays the country.
    let tbilisi =
        kb().resolve("Tbilisi", &ResolveContext { role: MentionRole::Place, ..gpe }).unwrap().kb_id.unwrap();
    let near = vec![tbilisi];
    assert_eq!(id("Georgia", &ResolveContext { nearby: &near, ..gpe }).as_deref(), Some("actor:GEO"));
    // "Paris, Texas" versus Paris.
    let r = kb().resolve("Paris, Texas", &gpe).unwrap();
    assert_eq!(r.country.as_deref(), Some("USA"));
    let r = kb().resolve("Paris", &gpe).unwrap();
    assert_eq!(r.country.as_deref(), Some("FRA"));
    // A US document about a town near Dallas: Paris is the Texan one.
    let dallas = kb().resolve("Dallas", &gpe).unwrap().kb_id.unwrap();
    let near = vec![dallas];
    let r = kb().resolve("Paris", &ResolveContext { nearby: &near, doc_countries: &us, ..gpe }).unwrap();
    assert_eq!(r.country.as_deref(), Some("USA"));
}

#[test]
fn facilities_have_coordinates() {
    let r = kb().resolve("Bagram Air Base", &ResolveContext::default()).unwrap();
    assert_eq!(r.kb_id.as_deref(), Some("place:fac:bagram-air-base"));
    assert_eq!(r.entity_type, EntityType::Fac);
    assert_eq!(r.country.as_deref(), Some("AFG"));
    let (lat, lon) = (r.lat.unwrap(), r.lon.unwrap());
    assert!((lat - 34.95).abs() < 0.1 && (lon - 69.27).abs() < 0.1);
    assert_eq!(
        id("Kabul airport", &ResolveContext::default()).as_deref(),
        Some("place:fac:hamid-karzai-international-airport")
    );
}

#[test]
fn unknown_names_stay_unresolved() {
    let any = ResolveContext::default();
    assert_eq!(kb().resolve("Xanadu Liberation Brigade", &any), None);
    assert_eq!(kb().resolve("Corporal Smithwick-Ferrante", &any), None);
    // A person named like a country is not the country.
    let per = ResolveContext { ner_label: Some(EntityType::Per), ..Default::default() };
    assert_eq!(kb().resolve("Jordan", &per), None);
    // Lowercase "us" is a pronoun, not the United States.
    assert!(kb().lookup("us").is_empty());
    assert_eq!(id("US", &any).as_deref(), Some("actor:USA"));
    // A city's name does not make its province an actor.
    let place =
        ResolveContext { ner_label: Some(EntityType::Gpe), role: MentionRole::Place, ..Default::default() };
    assert_ne!(id("Helmand", &place).as_deref(), Some("actor:AFG"));
}

#[test]
fn scans_text() {
    let text = "A Taliban spokesman said U.S. troops left Bagram Air Base, and Tehran's envoy met CNN.";
    let kb = kb();
    let found: Vec<(&str, usize, usize)> =
        kb.find_in_text(text).iter().map(|m| (m.text, m.start, m.end)).collect();
    let texts: Vec<&str> = found.iter().map(|f| f.0).collect();
    assert!(texts.contains(&"Taliban"), "{texts:?}");
    assert!(texts.contains(&"U.S. troops") || texts.contains(&"U.S."), "{texts:?}");
    assert!(texts.contains(&"Bagram Air Base"), "{texts:?}");
    assert!(texts.contains(&"CNN"), "{texts:?}");
    assert!(texts.contains(&"Tehran"), "{texts:?}");
    for (t, s, e) in found {
        let slice: String = text.chars().skip(s).take(e - s).collect();
        assert_eq!(slice, t);
    }
    let cc = kb
        .doc_countries("Kabul and Kandahar saw fighting; Afghan forces and the Taliban clashed near Herat.");
    assert_eq!(cc.first().map(String::as_str), Some("AFG"), "{cc:?}");
}

#[test]
fn stats_and_gazetteer() {
    let s = kb().stats();
    assert!(s.entries > 50_000, "{s:?}");
    assert!(s.by_kind["state"] >= 240);
    assert!(s.by_kind["person"] > 5_000);
    let g = kb().gazetteer_entries();
    assert!(g.iter().any(|e| e.key == "haqqani network" && e.kind == EntityKind::ArmedGroup));
    assert!(g.iter().any(|e| e.key == "iranian" && e.entity_type == EntityType::Norp));
}

#[test]
fn explains_lookups() {
    let ctx =
        ResolveContext { ner_label: Some(EntityType::Gpe), role: MentionRole::Actor, ..Default::default() };
    let e = kb().explain("Tehran", &ctx);
    assert!(e.candidates.iter().any(|c| c.kb_id == "actor:IRN" && c.in_context.is_some()));
    // The city is ruled out for an acting mention.
    assert!(e.candidates.iter().any(|c| c.kb_id.starts_with("place:geonames:") && c.in_context.is_none()));
    assert_eq!(e.resolved.as_ref().and_then(|r| r.kb_id.as_deref()), Some("actor:IRN"));
    let shown = e.to_string();
    assert!(shown.contains("metonym of Iran"), "{shown}");
    assert!(kb().stats().to_string().contains("by kind:"));
}

/// A place named in another language or script ("Tiba", an alternate name of Chiba, Japan)
/// needs its country in the document; such a name is no evidence of that country either.
#[test]
fn alternate_names_need_their_country_in_the_document() {
    let gpe =
        ResolveContext { ner_label: Some(EntityType::Gpe), role: MentionRole::Place, ..Default::default() };
    let bfa = vec!["BFA".to_string()];
    assert_eq!(kb().resolve("Tiba", &ResolveContext { doc_countries: &bfa, ..gpe }), None);
    let jpn = vec!["JPN".to_string()];
    let r = kb().resolve("Tiba", &ResolveContext { doc_countries: &jpn, ..gpe }).expect("Chiba in Japan");
    assert_eq!(r.country.as_deref(), Some("JPN"));
    let cc = kb().doc_countries("Jihadists raided Tiba, a village in Burkina Faso.");
    assert_eq!(cc, ["BFA"]);
}
