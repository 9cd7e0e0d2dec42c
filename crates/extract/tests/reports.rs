//! End-to-end extraction of short reports written for these tests: passive transfers,
//! nominal triggers, relayed and anonymous claims, denial, hedging, relative dates,
//! casualty ranges and merged mentions of one event.

use std::sync::LazyLock;

use claimgraph_core::extraction::{ClaimantKind, EventStatus, EventType, Extraction, Stance};
use claimgraph_core::{Document, Meta};
use claimgraph_extract::Extractor;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::new().expect("embedded models"));

fn extract(text: &str, published: &str) -> Extraction {
    let doc = Document::new(text, Meta { published: Some(published.into()), ..Meta::default() });
    let x = EXTRACTOR.extract(&doc);
    x.check_spans().expect("every span is exact");
    x
}

fn entity_named<'a>(x: &'a Extraction, name: &str) -> &'a str {
    let e = x.entities.iter().find(|e| e.name == name || e.mentions.iter().any(|m| m.text == name));
    &e.unwrap_or_else(|| panic!("no entity {name}")).id
}

const TRANSFER: &str = "Rifles and drones were supplied by Russia to the Houthis last year, according to a \
United Nations report reviewed by Reuters.\n\nThree officials familiar with the matter told Reuters that Iran \
may have paid the Houthis for an attack on Aden on March 3, which killed between 10 and 12 soldiers and \
wounded dozens of others.\n\nIran has denied the allegation.\n";

const RAID: &str = "Al-Shabaab fighters attacked a hotel in Mogadishu on Saturday, killing at least 15 people, \
police said.\n\nThe attack was the deadliest in the city this year. Two weeks after the Mogadishu attack, \
Kenyan troops launched airstrikes against al-Shabaab in Somalia.\n\nA spokesman for al-Shabaab denied that the \
group had lost any fighters.\n";

#[test]
fn passive_transfer_takes_by_as_actor_and_to_as_recipient() {
    let x = extract(TRANSFER, "2021-06-20");
    let (russia, houthis) = (entity_named(&x, "Russia"), entity_named(&x, "Houthis"));
    let aid = x.events.iter().find(|e| e.actor.as_deref() == Some(russia)).expect("Russia's transfer");
    assert_eq!(aid.event_type, EventType::Aid);
    assert_eq!(aid.target.as_deref(), Some(houthis));
    assert_eq!(aid.date.as_ref().map(|d| d.start.as_str()), Some("2020"), "last year before 2021-06-20");
}

#[test]
fn nominal_attack_gets_place_date_and_casualty_range() {
    let x = extract(TRANSFER, "2021-06-20");
    let attack = x.events.iter().find(|e| e.event_type == EventType::Assault).expect("the attack");
    assert_eq!(attack.location.as_ref().and_then(|l| l.name.as_deref()), Some("Aden"));
    assert_eq!(attack.location.as_ref().and_then(|l| l.country.as_deref()), Some("YEM"));
    assert_eq!(attack.date.as_ref().map(|d| d.start.as_str()), Some("2021-03-03"));
    let f = attack.fatalities.as_ref().expect("fatalities");
    assert_eq!((f.min, f.max), (10, Some(12)));
    assert!(attack.injuries.as_ref().is_some_and(|i| i.min >= 12 && i.max.is_none()), "dozens, open");
    // The payment is not dated or placed by the attack's own phrases.
    let iran = entity_named(&x, "Iran");
    let pay = x.events.iter().find(|e| e.actor.as_deref() == Some(iran)).expect("the payment");
    assert_eq!(pay.event_type, EventType::Aid);
    assert!(pay.location.is_none() && pay.date.is_none());
}

#[test]
fn anonymous_relayed_hedged_claims_and_denial() {
    let x = extract(TRANSFER, "2021-06-20");
    let reuters = entity_named(&x, "Reuters");
    let media =
        x.claims.iter().find(|c| c.claimant.entity.as_deref() == Some(reuters)).expect("Reuters' claim");
    assert_eq!(media.claimant.kind, ClaimantKind::Media);
    let report = x.claims.iter().find(|c| c.claimant.kind == ClaimantKind::Document).expect("the UN report");
    assert_eq!(report.via.as_deref(), Some(media.id.as_str()), "reviewed by Reuters");
    let anon = x.claims.iter().find(|c| c.claimant.kind == ClaimantKind::Anonymous).expect("the officials");
    assert_eq!(anon.claimant.count, Some(3));
    assert!(anon.hedged, "may have paid");
    assert_eq!(anon.via.as_deref(), Some(media.id.as_str()), "told Reuters");
    assert_eq!(anon.stance, Stance::Asserts);
    let denial = x.claims.iter().find(|c| c.stance == Stance::Denies).expect("Iran's denial");
    assert_eq!(denial.claimant.entity.as_deref(), Some(entity_named(&x, "Iran")));
    assert!(!denial.about.is_empty(), "the allegation is the sentence before");
    assert!(denial.about.iter().all(|v| anon.about.contains(v)));
}

#[test]
fn mentions_of_one_attack_merge_and_anchor_a_relative_date() {
    let x = extract(RAID, "2021-06-20");
    let shabaab = entity_named(&x, "al-Shabaab");
    let attacks: Vec<_> = x.events.iter().filter(|e| e.actor.as_deref() == Some(shabaab)).collect();
    assert_eq!(attacks.len(), 1, "the attack, the Mogadishu attack: one event");
    let attack = attacks[0];
    assert_eq!(attack.date.as_ref().map(|d| d.start.as_str()), Some("2021-06-19"), "Saturday");
    assert_eq!(attack.location.as_ref().and_then(|l| l.name.as_deref()), Some("Mogadishu"));
    assert_eq!(attack.fatalities.as_ref().map(|f| (f.min, f.max)), Some((15, None)));
    assert!(attack.evidence.len() >= 2);
    let strikes = x.events.iter().find(|e| e.target.as_deref() == Some(shabaab)).expect("airstrikes");
    assert_eq!(strikes.actor.as_deref(), Some(entity_named(&x, "Kenyan")));
    assert_eq!(
        strikes.date.as_ref().map(|d| d.start.as_str()),
        Some("2021-07-03"),
        "two weeks after June 19"
    );
    assert_eq!(strikes.status, EventStatus::Reported);
}

#[test]
fn group_coreference_and_spokesman_denial() {
    let x = extract(RAID, "2021-06-20");
    let shabaab = x.entities.iter().find(|e| e.name == "al-Shabaab").expect("al-Shabaab");
    assert!(shabaab.mentions.iter().any(|m| m.text == "the group"));
    let police = x.claims.iter().find(|c| c.claimant.name == "police").expect("police said");
    assert_eq!(police.stance, Stance::Asserts);
    assert_eq!(police.about.len(), 1);
    assert!(x.claims.iter().any(|c| c.stance == Stance::Denies && c.claimant.name.contains("spokesman")));
}

#[test]
fn empty_and_eventless_texts() {
    let x = extract("", "2021-06-20");
    assert!(x.events.is_empty() && x.claims.is_empty() && x.entities.is_empty());
    let x = extract("The weather was mild and the market opened late.", "2021-06-20");
    assert!(x.events.is_empty() && x.claims.is_empty());
}

#[test]
fn odd_inputs_do_not_panic_and_keep_spans_exact() {
    let odd = [
        "according to",
        "said said said. told told. “ ” “ which which who that",
        "“Unclosed quote said the official, according to",
        ", , , . . ; — — –",
        "アメリカは 2020年に 攻撃した。 Iran attacked.",
        "The attack. The attack. The attack. Their attack, its attack, his attack.",
        "Two weeks after the attack, after the attack, a month before the strike.",
        "A, identified as B, identified to C as D, named as",
        "They said it. He denied it. She confirmed it. We rejected it.",
    ];
    for t in odd {
        let x = extract(t, "2021-06-20");
        for c in &x.claims {
            for v in &c.about {
                assert!(x.events.iter().any(|e| &e.id == v), "about points at an event");
            }
            if let Some(v) = &c.via {
                assert!(x.claims.iter().any(|o| &o.id == v && o.id != c.id), "via points at another claim");
            }
        }
    }
    let long =
        "Rebels attacked the town and the army said that the rebels killed three soldiers, ".repeat(200);
    let x = extract(&long, "2021-06-20");
    assert!(!x.events.is_empty());
}

const DIPLOMACY: &str = "The European Union imposed sanctions on Belarus on Monday, weeks after the disputed \
election.\n\nBelarusian officials rejected the measures. Ukraine and Poland signed a defense agreement in Warsaw \
on Tuesday, the Polish foreign ministry said.\n\nThousands of protesters marched in Minsk on Sunday, according to \
the rights group Viasna.\n\nRussia threatened to cut gas supplies to Ukraine if the deal goes ahead, a Kremlin \
spokesman told reporters.\n";

#[test]
fn sanctions_coordinated_parties_protest_and_threat() {
    let x = extract(DIPLOMACY, "2020-08-20");
    let (eu, belarus) = (entity_named(&x, "European Union"), entity_named(&x, "Belarus"));
    let s = x.events.iter().find(|e| e.event_type == EventType::Sanction && e.actor.as_deref() == Some(eu));
    let s = s.expect("EU sanctions");
    assert_eq!(s.target.as_deref(), Some(belarus));
    assert_eq!(
        s.date.as_ref().map(|d| d.start.as_str()),
        Some("2020-08-17"),
        "Monday before Thursday the 20th"
    );
    assert_eq!(s.status, EventStatus::Reported, "rejecting sanctions does not deny they were imposed");
    let (ukraine, poland) = (entity_named(&x, "Ukraine"), entity_named(&x, "Poland"));
    let pact =
        x.events.iter().find(|e| e.location.as_ref().and_then(|l| l.name.as_deref()) == Some("Warsaw"));
    let pact = pact.expect("the agreement signed in Warsaw");
    let parties = [pact.actor.as_deref(), pact.target.as_deref()];
    assert!(parties.contains(&Some(ukraine)) && parties.contains(&Some(poland)));
    let protest = x.events.iter().find(|e| e.event_type == EventType::Protest).expect("the march");
    assert_eq!(protest.location.as_ref().and_then(|l| l.country.as_deref()), Some("BLR"));
    let threat = x.events.iter().find(|e| e.event_type == EventType::Threaten).expect("the threat");
    assert_eq!(threat.actor.as_deref(), Some(entity_named(&x, "Russia")));
    assert!(x.events.iter().any(|e| e.status == EventStatus::Planned), "the threatened cut is planned");
    let spokesman = x.claims.iter().find(|c| c.claimant.name.contains("spokesman")).expect("the spokesman");
    assert!(spokesman.about.contains(&threat.id));
    assert!(
        x.claims
            .iter()
            .any(|c| c.claimant.kind == ClaimantKind::Organization && c.claimant.name.contains("Viasna"))
    );
}
