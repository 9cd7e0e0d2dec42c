//! Extractions written for these tests (own French/English sentences with non-ASCII text);
//! also included by the server's API tests.
#![allow(dead_code)]

use claimgraph_core::extraction::{
    Claim, Claimant, ClaimantKind, Count, DatePrecision, DateValue, Entity, EntityKind, EntityType, Event,
    EventStatus, EventType, Location, Producer, Stance,
};
use claimgraph_core::{Document, Extraction, Meta, Span};

/// The body every sample shares; `sample(n)` puts a numbered dateline before it.
pub const BODY: &str = "Le 3 mars, des combattants ont attaqué un convoi près de Kaboul, tuant deux civils \
et blessant plus de 70 personnes. Selon deux sources, l’Iran aurait financé l’opération ; \
Téhéran a démenti. 💣 The ministry said “the attack” had been planned for weeks.";

/// The span of the `nth` occurrence of `needle` in the document.
pub fn span(doc: &Document, needle: &str, nth: usize) -> Span {
    let (b, _) =
        doc.text().match_indices(needle).nth(nth).unwrap_or_else(|| panic!("{needle:?} not in text"));
    doc.span_bytes(b, b + needle.len()).unwrap()
}

/// A full extraction: entities with aliases, events with every attribute, claims with a
/// forward `via` reference. `n` makes the text (and so the id) distinct.
pub fn sample(n: usize) -> Extraction {
    let doc = Document::new(
        &format!("Dépêche nº {n}. {BODY}"),
        Meta {
            title: Some(format!("Attaque près de Kaboul ({n})")),
            url: Some(format!("https://example.invalid/{n}")),
            publisher: Some("Agence Exemple".into()),
            published: Some(format!("2020-03-{:02}", 4 + n % 20)),
            language: Some("fr".into()),
        },
    );
    let mut x = Extraction::empty(&doc);
    // the three shapes a producer takes: none (another tool), a parser, no parser
    x.producer = match n % 3 {
        0 => None,
        rest => Some(Producer {
            name: "claimgraph".into(),
            version: format!("0.{n}.0"),
            parser: (rest == 1).then(|| "accurate".into()),
            beam: (rest == 1).then_some(8),
            models: (rest == 1).then(|| format!("sha256:{:064x}", n)),
            rules: (rest == 1).then(|| format!("sha256:{:064x}", n + 1)),
        }),
    };
    x.entities = vec![
        Entity {
            id: "E1".into(),
            name: "Iran".into(),
            entity_type: EntityType::Gpe,
            kind: Some(EntityKind::State),
            country: Some("IRN".into()),
            kb_id: Some("actor:IRN".into()),
            aliases: vec!["Téhéran".into()],
            mentions: vec![span(&doc, "Iran", 0), span(&doc, "Téhéran", 0)],
        },
        Entity {
            id: "E2".into(),
            name: "combattants".into(),
            entity_type: EntityType::Norp,
            kind: Some(EntityKind::ArmedGroup),
            country: None,
            kb_id: None,
            aliases: vec![],
            mentions: vec![span(&doc, "combattants", 0)],
        },
        Entity {
            id: "E3".into(),
            name: "Kaboul".into(),
            entity_type: EntityType::Gpe,
            kind: None,
            country: Some("AFG".into()),
            kb_id: None,
            aliases: vec![],
            mentions: vec![span(&doc, "Kaboul", 0)],
        },
    ];
    x.events = vec![
        Event {
            id: "V1".into(),
            event_type: EventType::Assault,
            mode: Some("ambush".into()),
            cameo: Some("190".into()),
            actor: Some("E2".into()),
            target: None,
            date: Some(DateValue {
                start: "2020-03-03".into(),
                end: "2020-03-03".into(),
                precision: DatePrecision::Day,
                text: Some("Le 3 mars".into()),
            }),
            location: Some(Location {
                name: Some("Kaboul".into()),
                country: Some("AFG".into()),
                lat: Some(34.528_455_5),
                lon: Some(69.171_730_7),
                geonames_id: Some(1_138_958),
            }),
            fatalities: Some(Count { min: 2, max: Some(2), text: Some("tuant deux civils".into()) }),
            injuries: Some(Count { min: 71, max: None, text: Some("plus de 70 personnes".into()) }),
            status: EventStatus::Reported,
            evidence: vec![span(&doc, "des combattants ont attaqué un convoi près de Kaboul", 0)],
        },
        Event {
            id: "V2".into(),
            event_type: EventType::Aid,
            mode: None,
            cameo: None,
            actor: Some("E1".into()),
            target: Some("E2".into()),
            date: None,
            // Present but empty: must not come back as `None`.
            location: Some(Location { name: None, country: None, lat: None, lon: None, geonames_id: None }),
            fatalities: None,
            injuries: None,
            status: EventStatus::Claimed,
            evidence: vec![span(&doc, "l’Iran aurait financé l’opération", 0), span(&doc, "💣", 0)],
        },
    ];
    x.claims = vec![
        Claim {
            id: "C1".into(),
            claimant: Claimant {
                entity: None,
                name: "deux sources".into(),
                kind: ClaimantKind::Anonymous,
                count: Some(2),
            },
            stance: Stance::Asserts,
            hedged: true,
            about: vec!["V2".into()],
            // Points at a claim listed after it.
            via: Some("C3".into()),
            evidence: vec![span(&doc, "Selon deux sources, l’Iran aurait financé l’opération", 0)],
        },
        Claim {
            id: "C2".into(),
            claimant: Claimant {
                entity: Some("E1".into()),
                name: "Téhéran".into(),
                kind: ClaimantKind::Government,
                count: None,
            },
            stance: Stance::Denies,
            hedged: false,
            about: vec!["V2".into(), "V1".into()],
            via: None,
            evidence: vec![span(&doc, "Téhéran a démenti", 0)],
        },
        Claim {
            id: "C3".into(),
            claimant: Claimant {
                entity: None,
                name: "The ministry".into(),
                kind: ClaimantKind::Official,
                count: None,
            },
            stance: Stance::Confirms,
            hedged: false,
            about: vec![],
            via: None,
            evidence: vec![span(&doc, "The ministry said “the attack” had been planned for weeks", 0)],
        },
    ];
    x.check_spans().unwrap();
    x
}

/// Mentions in one [`sample`].
pub const SAMPLE_MENTIONS: u64 = 4;
