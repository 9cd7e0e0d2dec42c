//! End-to-end extraction of six short reports written for these tests in different news
//! styles: wire copy, a government statement, an NGO report paragraph, a follow-up with
//! revised numbers, a denial story and a leaked-document story. The events are invented;
//! each test states what a good extraction of its report must contain.

use std::sync::LazyLock;

use claimgraph_core::extraction::{
    ClaimantKind, EntityKind, EntityType, Event, EventStatus, EventType, Extraction, Stance,
};
use claimgraph_core::{Document, Meta};
use claimgraph_extract::Extractor;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::new().expect("embedded models"));

/// Thursday.
const PUBLISHED: &str = "2024-05-16";

fn extract(text: &str) -> Extraction {
    let doc = Document::new(text, Meta { published: Some(PUBLISHED.into()), ..Meta::default() });
    let x = EXTRACTOR.extract(&doc);
    x.check_spans().expect("every span is exact");
    for c in &x.claims {
        assert!(c.about.iter().all(|v| x.events.iter().any(|e| &e.id == v)), "about points at events");
    }
    x
}

fn entity<'a>(x: &'a Extraction, name: &str) -> &'a str {
    let e = x.entities.iter().find(|e| e.name == name || e.mentions.iter().any(|m| m.text == name));
    &e.unwrap_or_else(|| panic!("no entity {name}")).id
}

fn date(e: &Event) -> Option<&str> {
    e.date.as_ref().map(|d| d.start.as_str())
}

fn place(e: &Event) -> Option<&str> {
    e.location.as_ref().and_then(|l| l.name.as_deref())
}

const WIRE: &str = "KHARTOUM (Reuters) - At least 12 people, including three children, were killed when a \
market in El Fasher was shelled by the Rapid Support Forces on Tuesday, two local medics told Reuters.\n\n\
Dozens more were wounded in the shelling of the market, the medics said. The paramilitary group denied \
responsibility. \"Our forces did not target civilians,\" spokesman Omar Hamdan said.\n";

#[test]
fn wire_passive_by_agent_when_clause_and_casualty_range() {
    let x = extract(WIRE);
    let rsf = entity(&x, "Rapid Support Forces");
    let shelling: Vec<&Event> = x
        .events
        .iter()
        .filter(|e| e.event_type == EventType::Assault && e.status != EventStatus::Negated)
        .collect();
    assert_eq!(shelling.len(), 1, "killed when shelled, the shelling of the market: one event");
    // "Our forces did not target civilians": what the spokesman says did not happen
    let negated = x.events.iter().find(|e| e.status == EventStatus::Negated).expect("did not target");
    assert_eq!(negated.target.as_deref(), Some(entity(&x, "civilians")));
    let s = shelling[0];
    assert_eq!(s.actor.as_deref(), Some(rsf), "shelled by the Rapid Support Forces");
    assert_eq!(date(s), Some("2024-05-14"), "Tuesday before Thursday the 16th");
    assert_eq!(place(s), Some("El Fasher"));
    assert_eq!(s.fatalities.as_ref().map(|f| (f.min, f.max)), Some((12, None)), "at least 12");
    assert!(s.injuries.as_ref().is_some_and(|i| i.min >= 12 && i.max.is_none()), "dozens, open");
    assert_eq!(s.status, EventStatus::Reported, "denying responsibility does not deny the shelling");
    let medics = x.claims.iter().find(|c| c.claimant.count == Some(2)).expect("two local medics");
    assert_eq!(medics.stance, Stance::Asserts);
    assert!(medics.about.contains(&s.id));
    assert_eq!(medics.evidence.len(), 2, "the medics said: the same source again");
    let denial = x.claims.iter().find(|c| c.stance == Stance::Denies).expect("the group denied");
    assert!(denial.about.contains(&s.id));
    assert_eq!(denial.claimant.entity.as_deref(), Some(rsf), "the paramilitary group");
    let spokesman = x.claims.iter().find(|c| c.claimant.entity.as_deref() == Some(entity(&x, "Omar Hamdan")));
    assert!(spokesman.is_some(), "a quoted spokesman makes a claim even about no event");
}

const STATEMENT: &str = "The Ministry of Defence of Ukraine said on Friday that Russian forces had launched \
an airstrike on a power station in Kharkiv, wounding seven workers.\n\nThe ministry said the strike was the \
third attack on the city's energy network this month. Moscow has not commented.\n";

#[test]
fn government_statement_nominal_airstrike_with_injuries() {
    let x = extract(STATEMENT);
    let strike = x.events.iter().find(|e| e.event_type == EventType::Assault).expect("the airstrike");
    assert_eq!(strike.actor.as_deref(), Some(entity(&x, "Russian forces")));
    assert_eq!(place(strike), Some("Kharkiv"));
    assert_eq!(strike.location.as_ref().and_then(|l| l.country.as_deref()), Some("UKR"));
    assert_eq!(strike.injuries.as_ref().map(|i| (i.min, i.max)), Some((7, Some(7))));
    assert_eq!(strike.fatalities, None);
    let ministry = x.claims.iter().filter(|c| c.about.contains(&strike.id)).count();
    assert!(ministry >= 1);
    assert!(x.claims.iter().all(|c| c.claimant.kind == ClaimantKind::Government));
    assert!(x.claims.iter().all(|c| c.stance == Stance::Asserts), "not commenting is no claim");
}

const NGO: &str = "According to a report by Human Rights Watch, soldiers allegedly detained 40 men in the \
village of Kidal last month. The group said the detainees are believed to have been tortured.\n\nThe army \
rejected the findings. Colonel Souleymane Dembele, an army spokesman, said the report was false.\n";

#[test]
fn ngo_report_hedged_detention_and_rejection() {
    let x = extract(NGO);
    let detention = x.events.iter().find(|e| e.event_type == EventType::Coerce).expect("the detention");
    assert_eq!(detention.actor.as_deref(), Some(entity(&x, "soldiers")));
    assert_eq!(date(detention), Some("2024-04"), "last month");
    let report = x.claims.iter().find(|c| c.claimant.kind == ClaimantKind::Document).expect("the report");
    assert!(report.hedged, "allegedly");
    assert!(report.about.contains(&detention.id));
    // Unresolved sources about no event are still claims (every attribution is one).
    assert!(x.claims.iter().any(|c| c.claimant.name == "The army" && c.stance == Stance::Denies));
    let colonel =
        x.claims.iter().find(|c| c.claimant.entity.as_deref() == Some(entity(&x, "Souleymane Dembele")));
    let colonel = colonel.expect("the spokesman named before his apposition");
    assert_eq!(colonel.stance, Stance::Denies, "the report was false");
}

const FOLLOW_UP: &str = "The death toll from Sunday's ambush on a military convoy in northern Burkina Faso \
has risen to 35, security sources said on Wednesday.\n\nOfficials had initially said 20 soldiers were killed \
in the ambush. The militants also abducted four civilians, a local official said. No group has claimed the \
attack.\n";

#[test]
fn follow_up_merges_the_ambush_and_keeps_negated_sources_out() {
    let x = extract(FOLLOW_UP);
    let soldiers = entity(&x, "soldiers");
    let ambush = x.events.iter().find(|e| e.target.as_deref() == Some(soldiers)).expect("the ambush");
    assert_eq!(ambush.event_type, EventType::Assault);
    assert_eq!(date(ambush), Some("2024-05-12"), "Sunday's ambush");
    assert!(ambush.fatalities.as_ref().is_some_and(|f| f.min >= 20));
    assert!(ambush.evidence.len() >= 2, "the ambush, killed in the ambush");
    let sources =
        x.claims.iter().find(|c| c.claimant.kind == ClaimantKind::Anonymous).expect("security sources");
    assert!(sources.about.contains(&ambush.id));
    let abduction = x.events.iter().find(|e| e.actor.as_deref() == Some(entity(&x, "militants")));
    let abduction = abduction.expect("the militants abducted");
    assert_eq!(abduction.target.as_deref(), Some(entity(&x, "four civilians")));
    let official = x.claims.iter().find(|c| c.claimant.count == Some(1)).expect("a local official");
    assert!(official.about.contains(&abduction.id));
    assert!(!x.claims.iter().any(|c| c.claimant.name.to_lowercase().starts_with("no ")), "no group claimed");
}

const DENIAL: &str = "Israel carried out an airstrike on a house in Gaza City on Monday, killing five members \
of one family, according to Palestinian health officials.\n\nThe Israeli military denied that it had struck the \
area. Lieutenant Colonel Avi Cohen, a military spokesman, said the house was hit by a rocket fired by \
militants.\n";

#[test]
fn denial_story_source_phrase_and_named_spokesman() {
    let x = extract(DENIAL);
    let israel = entity(&x, "Israel");
    let strike = x.events.iter().find(|e| e.actor.as_deref() == Some(israel)).expect("the airstrike");
    assert_eq!(strike.event_type, EventType::Assault);
    assert_eq!(date(strike), Some("2024-05-13"));
    assert_eq!(place(strike), Some("Gaza"));
    assert_eq!(strike.fatalities.as_ref().map(|f| (f.min, f.max)), Some((5, Some(5))));
    let health = x.claims.iter().find(|c| c.about.contains(&strike.id) && c.stance == Stance::Asserts);
    assert_eq!(health.expect("health officials").claimant.kind, ClaimantKind::Official);
    assert!(x.claims.iter().any(|c| c.stance == Stance::Denies), "the military denied");
    let cohen = entity(&x, "Avi Cohen");
    assert!(x.claims.iter().any(|c| c.claimant.entity.as_deref() == Some(cohen)), "the spokesman said");
    assert!(
        !x.events.iter().any(|e| e.actor.as_deref() == Some(cohen)),
        "the speaker is not the actor of what he reports"
    );
}

const LEAK: &str = "Iran sent weapons to Houthi rebels in Yemen, according to a confidential document seen by \
the Associated Press. Two diplomats who spoke on condition of anonymity said the shipment arrived two days after \
the attack on the port of Hodeidah.\n\nIran's foreign ministry denied the report on Thursday.\n";

#[test]
fn leaked_document_anonymous_relative_clause_and_denial_of_the_report() {
    let x = extract(LEAK);
    let aid = x.events.iter().find(|e| e.event_type == EventType::Aid).expect("the weapons");
    assert_eq!(aid.actor.as_deref(), Some(entity(&x, "Iran")));
    assert_eq!(aid.target.as_deref(), Some(entity(&x, "Houthi rebels")));
    let ap = x.claims.iter().find(|c| c.claimant.kind == ClaimantKind::Media).expect("the AP");
    let document = x.claims.iter().find(|c| c.claimant.kind == ClaimantKind::Document).expect("the document");
    assert_eq!(document.via.as_deref(), Some(ap.id.as_str()), "seen by the Associated Press");
    assert!(document.about.contains(&aid.id));
    let diplomats =
        x.claims.iter().find(|c| c.claimant.kind == ClaimantKind::Anonymous).expect("two diplomats");
    assert_eq!(diplomats.claimant.count, Some(2));
    let denial = x.claims.iter().find(|c| c.stance == Stance::Denies).expect("the ministry denied");
    assert!(denial.about.contains(&aid.id), "the report is the weapons story");
}

const FAR_PARTIES: &str = "Houthi fighters, who had crossed the border overnight after a week of heavy rain in \
the northern mountains, attacked Saudi troops near Jizan on Wednesday.\n\nA convoy of the World Food Programme \
was ambushed on Monday near the town of Kadugli, after days of clashes in the area, by gunmen of the Sudan \
People's Liberation Movement.\n\nAl-Shabaab militants tried to storm a police station in Kismayo, officials \
said.\n";

#[test]
fn parties_beyond_relative_clauses_adverbials_and_control_verbs() {
    let x = extract(FAR_PARTIES);
    let houthis = entity(&x, "Houthi");
    let attack = x.events.iter().find(|e| e.actor.as_deref() == Some(houthis)).expect("the Houthi attack");
    assert_eq!(attack.target.as_deref(), Some(entity(&x, "Saudi")));
    assert_eq!(date(attack), Some("2024-05-15"));
    assert_eq!(place(attack), Some("Jizan"));
    let wfp = entity(&x, "World Food Programme");
    let ambush = x.events.iter().find(|e| e.target.as_deref() == Some(wfp)).expect("the ambushed convoy");
    assert_eq!(ambush.actor.as_deref(), Some(entity(&x, "gunmen")), "by gunmen, after two commas");
    assert_eq!(date(ambush), Some("2024-05-13"));
    let storm = x.events.iter().find(|e| place(e) == Some("Kismayo")).expect("the attempted storming");
    assert_eq!(storm.actor.as_deref(), Some(entity(&x, "Al-Shabaab")), "tried to storm: controlled subject");
    assert!(x.claims.iter().any(|c| c.claimant.name == "officials" && c.about.contains(&storm.id)));
}

const RELATIVE_CUE: &str = "At least nine villagers died in Saturday's raid on Dogo, three aid workers told \
reporters on Monday, more than the five deaths the army announced.\n\nTwo officials familiar with the \
inquiry confirmed to reporters that the raiders came from the north.\n";

/// A reporting verb in a relative clause has its own subject as claimant ("the deaths the
/// army announced": the army), while a source described by a long phrase keeps it all.
#[test]
fn a_reporting_verb_in_a_relative_clause_speaks_for_its_subject() {
    let x = extract(RELATIVE_CUE);
    let names: Vec<&str> = x.claims.iter().map(|c| c.claimant.name.as_str()).collect();
    assert!(names.contains(&"the army"), "{names:?}");
    assert!(!names.iter().any(|n| n.contains("deaths")), "{names:?}");
    assert!(x.claims.iter().any(|c| c.claimant.count == Some(3)), "three aid workers: {names:?}");
    assert!(
        names.iter().any(|n| n.starts_with("Two officials familiar with")),
        "the whole description of the source: {names:?}"
    );
}

const DYING: &str = "At least six Malian soldiers died in an attack on a border post near Menaka on \
Sunday.\n\nTwo policemen died in an ambush by Boko Haram fighters near Maiduguri on Tuesday.\n";

/// Those who die in an attack are its victims, not its authors; an agent after "by" acts.
#[test]
fn the_subject_of_a_verb_of_dying_is_the_target() {
    let x = extract(DYING);
    let mali = entity(&x, "Malian");
    let menaka = x.events.iter().find(|e| place(e) == Some("Menaka")).expect("the Menaka attack");
    assert_eq!((menaka.actor.as_deref(), menaka.target.as_deref()), (None, Some(mali)));
    assert_eq!(menaka.fatalities.as_ref().map(|c| c.min), Some(6));
    let ambush = x.events.iter().find(|e| place(e) == Some("Maiduguri")).expect("the ambush");
    assert_eq!(ambush.actor.as_deref(), Some(entity(&x, "Boko Haram")));
    assert_eq!(ambush.target.as_deref(), Some(entity(&x, "policemen")));
}

/// "X received weapons from Y": Y gives, X receives.
#[test]
fn what_is_received_comes_from_the_giver() {
    let x = extract("The rebels received weapons from Iran, the ministry said.\n");
    let aid = x.events.iter().find(|e| e.event_type == EventType::Aid).expect("the weapons");
    assert_eq!(aid.actor.as_deref(), Some(entity(&x, "Iran")));
    assert_eq!(aid.target.as_deref(), Some(entity(&x, "rebels")));
}

const CLAIMED_BY_A_GROUP: &str = "GAO, Mali -- Gunmen on motorcycles attacked an army convoy near Gao on \
Tuesday, the army said.\n\nAn armed group calling itself the Northern Shield Brigade claimed the ambush, \
saying its fighters had seized two trucks. A spokesman for the group said the fighters had only attacked \
soldiers.\n\nThe government of Chad said it would withdraw its troops from the border.\n";

/// "its fighters" as a subject and "the fighters" are the group named before; a group
/// introduced as "an armed group calling itself X" is an armed group; "Gunmen" opening a
/// sentence is a description, not a person; "withdraw its troops" keeps the troops apart.
#[test]
fn a_group_acts_through_its_fighters() {
    let x = extract(CLAIMED_BY_A_GROUP);
    let brigade = x.entities.iter().find(|e| e.name == "Northern Shield Brigade").expect("the brigade");
    assert_eq!(brigade.kind, Some(EntityKind::ArmedGroup), "introduced as an armed group");
    let said: Vec<&str> = brigade.mentions.iter().map(|m| m.text.as_str()).collect();
    for m in ["its fighters", "the group", "the fighters"] {
        assert!(said.contains(&m), "{m} is the brigade: {said:?}");
    }
    let gunmen = x.entities.iter().find(|e| e.name == "Gunmen").expect("gunmen");
    assert_eq!((gunmen.entity_type, gunmen.kind), (EntityType::Org, Some(EntityKind::ArmedGroup)));
    let convoy = x.events.iter().find(|e| place(e) == Some("Gao")).expect("the convoy attack");
    assert_eq!(convoy.actor.as_deref(), Some(gunmen.id.as_str()));
    let seized = x.events.iter().find(|e| e.evidence[0].text.contains("seized")).expect("the seizure");
    assert_eq!(seized.actor.as_deref(), Some(brigade.id.as_str()));
    let chad = x.entities.iter().find(|e| e.name.contains("Chad")).expect("Chad");
    assert!(chad.mentions.iter().all(|m| m.text != "its troops"), "an object: the troops stay apart");
    assert!(x.events.iter().all(|e| e.actor.is_none() || e.actor != e.target), "nobody acts on itself");
}

/// "in Khartoum, where fighting killed ..." happened in Khartoum; "accused X of shelling
/// areas of Y" is an accusation (PLOVER's ACCUSE) and the shelling it charges X with, in Y.
#[test]
fn a_where_clause_and_an_accusation_place_their_events() {
    let x = extract(
        "Talks are expected to focus on a ceasefire in Khartoum, where fighting killed more than 40 \
         civilians last week.\n\nThe Sudanese army accused the Rapid Support Forces of shelling residential \
         areas of Omdurman on Monday.\n",
    );
    let fighting = x.events.iter().find(|e| e.fatalities.is_some()).expect("the fighting");
    assert_eq!(place(fighting), Some("Khartoum"));
    assert_eq!(fighting.fatalities.as_ref().map(|f| f.min), Some(41));
    let rsf = entity(&x, "Rapid Support Forces");
    let army = entity(&x, "The Sudanese army");
    let shelling = x
        .events
        .iter()
        .find(|e| e.event_type == EventType::Assault && e.actor.as_deref() == Some(rsf))
        .expect("the shelling the army charges the RSF with");
    assert_eq!((place(shelling), date(shelling)), (Some("Omdurman"), Some("2024-05-13")));
    let accusation = x.events.iter().find(|e| e.event_type == EventType::Accuse).expect("the accusation");
    assert_eq!((accusation.actor.as_deref(), accusation.target.as_deref()), (Some(army), Some(rsf)));
    let claim = x.claims.iter().find(|c| c.claimant.name == "The Sudanese army").expect("the army's claim");
    assert!(claim.about.contains(&shelling.id));
}

/// A toll told later with nothing else about its event ("14 people were wounded") is the
/// toll of the attack just reported; one with its own place and day is another event.
#[test]
fn a_later_toll_joins_the_attack_it_follows() {
    let x = extract(
        "Gunmen attacked a police station in Kidal on Sunday, killing three officers, the governor \
         said.\n\nA hospital official said that 14 people were wounded, including two children.\n\nIn Gao, \
         a bomb wounded five people on Tuesday.\n",
    );
    let kidal = x.events.iter().find(|e| place(e) == Some("Kidal")).expect("the Kidal attack");
    assert_eq!(kidal.fatalities.as_ref().map(|c| c.min), Some(3));
    assert_eq!(kidal.injuries.as_ref().map(|c| c.min), Some(14), "the wounded are Kidal's");
    let gao = x.events.iter().find(|e| place(e) == Some("Gao")).expect("the Gao bombing");
    assert_eq!(gao.injuries.as_ref().map(|c| c.min), Some(5));
    assert_eq!(x.events.iter().filter(|e| e.injuries.is_some()).count(), 2);
}

/// A newspaper named after a place is a newspaper, not the place, and "the Observer" later
/// is the same newspaper.
#[test]
fn a_newspaper_named_after_a_place() {
    let x = extract(
        "At least six soldiers died in an attack near Menaka on Sunday, two security sources told the \
         Lakeside Observer.\n\nThe attackers came from Niger, according to a memo seen by the Observer.\n",
    );
    let paper = x.entities.iter().find(|e| e.name == "Lakeside Observer").expect("the newspaper");
    assert_eq!((paper.entity_type, paper.kind), (EntityType::Org, Some(EntityKind::Media)));
    assert!(paper.mentions.iter().any(|m| m.text == "the Observer"));
    assert!(x.entities.iter().all(|e| e.name != "Lakeside"), "no place Lakeside");
    let seen = x.claims.iter().find(|c| c.claimant.name == "the Observer").expect("seen by the Observer");
    assert_eq!(seen.claimant.kind, ClaimantKind::Media);
}

/// "Delegations from X and Y met": both conjuncts before a symmetric verb are its parties,
/// in the text's order.
#[test]
fn two_parties_that_meet() {
    let x = extract(
        "GENEVA -- Delegations from Sudan's army and the Rapid Support Forces met in Geneva on Thursday \
         for a new round of indirect talks, mediators said.\n",
    );
    let talks = x.events.iter().find(|e| e.event_type == EventType::Consult).expect("the meeting");
    let parties = (talks.actor.as_deref(), talks.target.as_deref());
    assert_eq!(parties, (Some(entity(&x, "Sudan")), Some(entity(&x, "Rapid Support Forces"))));
    assert_eq!((place(talks), date(talks)), (Some("Geneva"), Some("2024-05-16")));
}

/// "Gunmen attacked ... X claimed responsibility for the attack": one attack, and the group
/// that claims it names the gunmen.
#[test]
fn a_claimed_attack_is_one_event_with_the_named_group() {
    let x = extract(
        "Gunmen attacked a checkpoint near Kidal on Sunday, killing two soldiers.\n\nAn armed group calling \
         itself the Azawad Defence Front claimed responsibility for the attack.\n",
    );
    let attacks: Vec<&Event> = x.events.iter().filter(|e| e.event_type == EventType::Assault).collect();
    assert_eq!(attacks.len(), 1, "the attack is the checkpoint attack");
    assert_eq!(attacks[0].actor.as_deref(), Some(entity(&x, "Azawad Defence Front")));
    assert_eq!((place(attacks[0]), date(attacks[0])), (Some("Kidal"), Some("2024-05-12")));
    let claim = x.claims.iter().find(|c| c.claimant.name.contains("Azawad")).expect("the group's claim");
    assert_eq!(claim.about, vec![attacks[0].id.clone()], "the claim is about the attack it claims");
}

/// Where and when from a "when" clause, a town as the object of an attack, killings said
/// by how they were done, and "denied reports that" as one denial.
#[test]
fn places_tolls_and_denials_in_short_wire_sentences() {
    let x = extract(
        "At least 20 people were killed and 35 wounded when a suicide bomber blew himself up at a mosque \
         in Peshawar on Friday, police said.\n",
    );
    let bombing = x.events.iter().find(|e| e.fatalities.is_some()).expect("the bombing");
    assert_eq!((place(bombing), date(bombing)), (Some("Peshawar"), Some("2024-05-10")));
    assert_eq!(bombing.injuries.as_ref().map(|c| c.min), Some(35));

    let x = extract("Russian forces shelled Kharkiv on Monday, killing three civilians.\n");
    let shelling = x.events.iter().find(|e| e.event_type == EventType::Assault).expect("the shelling");
    assert_eq!((place(shelling), date(shelling)), (Some("Kharkiv"), Some("2024-05-13")));

    for (text, killed) in [
        ("Police shot dead two protesters in Nairobi on Tuesday.\n", 2),
        ("Police shot three protesters in Nairobi on Tuesday. All three were shot dead.\n", 3),
        ("Three men were beaten to death by a mob in Lagos on Tuesday.\n", 3),
    ] {
        let x = extract(text);
        let e = x.events.iter().find(|e| e.event_type == EventType::Assault).expect(text);
        assert_eq!(e.fatalities.as_ref().map(|c| c.min), Some(killed), "{text}");
    }

    let x = extract("The Pentagon denied reports that US troops had left Syria.\n");
    assert_eq!(x.claims.len(), 1, "one claim: {:?}", x.claims);
    assert_eq!((x.claims[0].claimant.name.as_str(), x.claims[0].stance), ("The Pentagon", Stance::Denies));
}

/// The object of "accused" is the accused, not the channel the claim came through ("told
/// CNN"): the army's accusation does not reach the reader through the group's denial.
#[test]
fn the_accused_is_no_channel() {
    let x = extract(
        "The Rapid Support Forces denied that its fighters had attacked a convoy on Monday. The army \
         accused the group of shelling Omdurman on Tuesday.\n",
    );
    let army = x.claims.iter().find(|c| c.claimant.name == "The army").expect("the army's claim");
    assert_eq!(army.via, None);
}

/// A protest report: a quote with its speaker after the verb and a participle going on with
/// the same speaker, a town's police whose name ends like another country's police, a
/// denial of "the allegation", a statement dated apart from what it reports, and an appeal.
const PROTEST: &str = "LAHORE, Pakistan -- Police fired tear gas at hundreds of traders who blocked a main \
road in Lahore on Tuesday, witnesses said.\n\nA spokesman for the Lahore Metropolitan Police said officers \
had acted with restraint and accused the traders of setting fire to a police van. The traders' association \
denied the allegation.\n\n\"We only asked for lower taxes,\" said Imran Qureshi, a leader of the \
association, adding that police had detained 12 traders overnight.\n\nThe provincial government said on \
Wednesday that a committee would look into the clashes. Amnesty International urged the authorities to \
release the detained traders.\n";

#[test]
fn a_protest_report_with_quotes_denials_and_an_appeal() {
    let x = extract(PROTEST);
    let traders = entity(&x, "traders");
    let police = entity(&x, "Police");
    // "fired tear gas at hundreds of traders": the traders are the target
    let fired =
        x.events.iter().find(|e| e.event_type == EventType::Assault && e.actor.as_deref() == Some(police));
    assert_eq!(fired.expect("police fired").target.as_deref(), Some(traders));

    // Lahore's police, not London's Metropolitan Police
    let lmp = x.entities.iter().find(|e| e.name == "Lahore Metropolitan Police").expect("the town's police");
    assert_eq!(
        (lmp.kind, lmp.country.as_deref(), lmp.kb_id.as_deref()),
        (Some(EntityKind::Agency), Some("PAK"), None)
    );
    assert!(x.entities.iter().all(|e| e.kb_id.as_deref() != Some("actor:GBRCOP")), "{:?}", x.entities);

    // "denied the allegation": the act charged, not the accusation
    let arson = x
        .events
        .iter()
        .find(|e| e.event_type == EventType::Assault && e.actor.as_deref() == Some(traders))
        .expect("setting fire to a police van, as charged");
    let accusation = x.events.iter().find(|e| e.event_type == EventType::Accuse).expect("accused");
    assert_eq!(accusation.target.as_deref(), Some(traders));
    let denial = x.claims.iter().find(|c| c.stance == Stance::Denies).expect("the association denies");
    assert_eq!(denial.about, vec![arson.id.clone()]);

    // `"...," said Imran Qureshi, ..., adding that police had detained 12 traders`
    let qureshi = x.claims.iter().find(|c| c.claimant.name.starts_with("Imran Qureshi")).expect("his claim");
    assert_eq!(qureshi.claimant.kind, ClaimantKind::Person);
    assert!(qureshi.evidence[0].text.starts_with("\"We only asked"), "{:?}", qureshi.evidence);
    let detention = x
        .events
        .iter()
        .find(|e| e.event_type == EventType::Coerce && e.status == EventStatus::Reported)
        .expect("police detained 12 traders");
    assert_eq!((detention.actor.as_deref(), detention.target.as_deref()), (Some(police), Some(traders)));
    assert!(qureshi.about.contains(&detention.id), "{qureshi:?}");

    // "said on Wednesday that ...": Wednesday is when the government spoke
    assert!(x.events.iter().all(|e| date(e) != Some("2024-05-15")), "{:?}", x.events);

    // "urged the authorities to release": an appeal; the release has not happened, and
    // Amnesty would not be the one to release anyone
    let amnesty = entity(&x, "Amnesty International");
    let appeal = x.events.iter().find(|e| e.event_type == EventType::Request).expect("the appeal");
    assert_eq!(appeal.actor.as_deref(), Some(amnesty));
    let release =
        x.events.iter().find(|e| e.event_type == EventType::Retreat).expect("the release asked for");
    assert_eq!(release.status, EventStatus::Hypothetical);
    assert_ne!(release.actor.as_deref(), Some(amnesty));
}

/// CAMEO's `SAY * ATTACK` ("reported an attack") does not swallow a reported clause: "said
/// troops had attacked" is an attack by the troops, reported by the speaker.
#[test]
fn a_reported_clause_keeps_its_event() {
    let x = extract(
        "A witness said troops had attacked the village. A second witness said police arrested 40 men.\n",
    );
    let troops = entity(&x, "troops");
    let attack = x.events.iter().find(|e| e.event_type == EventType::Assault).expect("the attack");
    assert_eq!(attack.actor.as_deref(), Some(troops));
    let arrest = x.events.iter().find(|e| e.event_type == EventType::Coerce).expect("the arrest");
    assert_eq!(arrest.actor.as_deref(), Some(entity(&x, "police")));
    assert!(x.claims.iter().any(|c| c.about.contains(&attack.id)));
    assert!(x.claims.iter().any(|c| c.about.contains(&arrest.id)));
}

/// A headline over its lead: the headline's attack is the lead's, told once; the dateline
/// names a place (not the authority the KB also knows by the city's name); "in northern
/// Gaza" places it; a participle describing a noun ("crowded with shoppers") does not take
/// the date for itself; "when militants attacked" names the militants, not "when militants".
#[test]
fn a_headline_its_dateline_and_its_lead() {
    let x = extract(
        "Rocket attack on market kills nine, officials say\n\nGAZA CITY -- A rocket hit a market crowded \
         with shoppers in northern Gaza late on Tuesday, killing nine people, police said.\n\nEarlier on \
         Monday, two soldiers were wounded when militants attacked an army post, the army said.\n",
    );
    let gaza =
        x.entities.iter().find(|e| e.mentions.iter().any(|m| m.text == "GAZA CITY")).expect("dateline");
    assert_eq!(gaza.kind, Some(EntityKind::Place), "{gaza:?}");
    let rocket: Vec<&Event> = x.events.iter().filter(|e| e.fatalities.is_some()).collect();
    assert_eq!(rocket.len(), 1, "the headline's attack is the lead's: {:?}", x.events);
    assert_eq!(date(rocket[0]), Some("2024-05-14"));
    assert_eq!(place(rocket[0]), Some(gaza.name.as_str()));
    assert!(x.entities.iter().all(|e| !e.name.starts_with("when ")), "{:?}", x.entities);
    let militants = entity(&x, "militants");
    let wounded = x.events.iter().find(|e| e.injuries.is_some()).expect("two soldiers wounded");
    assert_eq!((wounded.actor.as_deref(), date(wounded)), (Some(militants), Some("2024-05-13")));
}

/// A wire report of two sides' statements: a capital speaks for its government; "could not
/// independently verify" claims nothing; "militants attacked their patrol" is the soldiers'
/// patrol; a town the KB knows only as a locale of its state is that town.
#[test]
fn statements_of_two_sides_and_a_patrol_near_a_town() {
    let x = extract(
        "Two soldiers were wounded when militants attacked their patrol near Tal Afar on Monday, the army \
         said.\n\nThe news agency could not independently verify the claims. Kyiv says its strikes are aimed at \
         military infrastructure.\n",
    );
    let soldiers = entity(&x, "soldiers");
    let militants = entity(&x, "militants");
    let attack = x.events.iter().find(|e| e.event_type == EventType::Assault).expect("the attack");
    assert_eq!((attack.actor.as_deref(), attack.target.as_deref()), (Some(militants), Some(soldiers)));
    let town = attack.location.as_ref().expect("near Tal Afar");
    assert_eq!((town.name.as_deref(), town.country.as_deref()), (Some("Tal Afar"), Some("IRQ")));
    assert!(x.claims.iter().all(|c| c.stance != Stance::Confirms), "could not verify: {:?}", x.claims);
    let kyiv = x.claims.iter().find(|c| c.claimant.name == "Kyiv").expect("Kyiv says");
    assert_eq!(kyiv.claimant.kind, ClaimantKind::Government);
}

/// A village raid: a verb joined by "and" shares its subject ("killed 14 villagers and
/// burned homes"), and the date after both; a village whose name is another country's city
/// in another language stays a village; "the assailants" act; a quoted source after the
/// verb with a relative clause is anonymous, and "He said" next is the same source.
#[test]
fn a_village_raid_an_unnamed_official_and_his_second_statement() {
    let x = extract(
        "OUAGADOUGOU, May 13 (AFP) - Suspected jihadists killed 14 villagers and burned dozens of homes in \
         the village of Tiba over the weekend, local sources told AFP.\n\n\"The assailants arrived on \
         motorbikes on Saturday evening and opened fire on residents,\" said a local official who asked \
         not to be named. He said the army had sent reinforcements to the area.\n",
    );
    let jihadists = entity(&x, "jihadists");
    // one raid: the killing and the burning, both by the jihadists, over the weekend in Tiba
    let raid: Vec<&Event> = x.events.iter().filter(|e| e.actor.as_deref() == Some(jihadists)).collect();
    assert_eq!(raid.len(), 1, "{:?}", x.events);
    assert_eq!((date(raid[0]), place(raid[0])), (Some("2024-05-11"), Some("Tiba")));
    assert!(x.entities.iter().all(|e| e.country.as_deref() != Some("JPN")), "{:?}", x.entities);
    let fire = x.events.iter().find(|e| e.actor.as_deref() == Some(entity(&x, "assailants")));
    assert_eq!(fire.and_then(date), Some("2024-05-11"), "Saturday: {:?}", x.events);
    let official =
        x.claims.iter().find(|c| c.claimant.name.starts_with("local official")).expect("the quoted official");
    assert_eq!((official.claimant.kind, official.claimant.count), (ClaimantKind::Anonymous, Some(1)));
    assert_eq!(official.evidence.len(), 2, "He said ...: the same source: {official:?}");
    assert!(x.claims.iter().all(|c| c.claimant.name != "He"));
}

/// Two ministers: "Fuad Hussein" and then "Hussein" are the Iraqi minister, not the
/// dictionary's King Hussein of Jordan; "in northern Iraq" is where the attack happened.
#[test]
fn a_minister_by_surname_and_an_attack_in_northern_iraq() {
    let x = extract(
        "Turkish Foreign Minister Hakan Fidan met his Iraqi counterpart Fuad Hussein in Ankara on Tuesday. \
         Fidan condemned Monday's attack on a Turkish military base in northern Iraq, which killed two \
         soldiers.\n\nHussein told reporters that Baghdad rejected any violation of Iraqi sovereignty.\n",
    );
    let hussein = x.entities.iter().find(|e| e.name == "Fuad Hussein").expect("the minister");
    assert!(hussein.mentions.iter().any(|m| m.text == "Hussein"), "{hussein:?}");
    assert!(x.entities.iter().all(|e| e.country.as_deref() != Some("JOR")), "{:?}", x.entities);
    let said = x.claims.iter().find(|c| c.claimant.name == "Hussein").expect("Hussein told reporters");
    assert_eq!(said.claimant.entity.as_deref(), Some(hussein.id.as_str()));
    let attack = x.events.iter().find(|e| e.fatalities.is_some()).expect("the attack");
    assert_eq!((date(attack), place(attack)), (Some("2024-05-13"), Some("Iraq")));
}

/// A feature story: present-tense "aid workers say"; a source phrase with a relative clause
/// of anonymity; a date inside a relative clause on the subject dates that clause's act only.
#[test]
fn a_feature_with_present_tense_sources() {
    let x = extract(
        "In the camps outside Goma, aid workers say food is running out.\n\nThe M23 rebels, who seized Goma \
         in January, have blocked the main road to the camps, according to two aid officials who spoke on \
         condition of anonymity.\n",
    );
    assert!(x.claims.iter().any(|c| c.claimant.name == "aid workers"), "{:?}", x.claims);
    let officials = x.claims.iter().find(|c| c.claimant.count == Some(2)).expect("two aid officials");
    assert_eq!(officials.claimant.kind, ClaimantKind::Anonymous);
    let dated: Vec<&Event> = x.events.iter().filter(|e| date(e) == Some("2024-01")).collect();
    assert_eq!(dated.len(), 1, "January is when Goma was seized, not when the road was blocked: {dated:?}");
    let seized = x.events.iter().find(|e| e.event_type == EventType::Coerce).expect("seized Goma");
    assert_eq!(date(seized), Some("2024-01"), "January before the publication date");
}

/// A local crime brief: "a 24-year-old man" is one person, not 24; "shot and killed" is a
/// killing; a police department named after its town is that town's agency.
#[test]
fn a_crime_brief_with_an_age_and_a_city_police_department() {
    let x = extract(
        "A 24-year-old man was shot and killed Sunday night outside a convenience store in south Memphis, \
         police said.\n\nPolice arrested two 19-year-old suspects on Monday, the Memphis Police Department \
         said in a statement.\n",
    );
    let killing = x.events.iter().find(|e| e.fatalities.is_some()).expect("the killing");
    let f = killing.fatalities.as_ref().unwrap();
    assert_eq!((f.min, f.max), (1, Some(1)), "{f:?}");
    assert_eq!(date(killing), Some("2024-05-12"));
    let mpd = x.entities.iter().find(|e| e.name == "Memphis Police Department").expect("the department");
    assert_eq!((mpd.kind, mpd.country.as_deref()), (Some(EntityKind::Agency), Some("USA")));
    assert!(x.events.iter().all(|e| e.fatalities.as_ref().is_none_or(|f| f.min < 19)), "{:?}", x.events);
}

/// A situation report: "since 10 May" does not hedge (the month is not the modal "may"),
/// and a ministry the KB does not know is a government body.
#[test]
fn a_situation_report_with_dates_in_may() {
    let x = extract(
        "According to the State Ministry of Health, at least 27 civilians were killed and 130 injured in El \
         Fasher since 10 May. The ministry may revise the figures.\n",
    );
    let ministry = x.entities.iter().find(|e| e.name == "State Ministry of Health").expect("the ministry");
    assert_eq!(ministry.kind, Some(EntityKind::Government));
    let claim = x.claims.iter().find(|c| c.claimant.name.contains("Ministry")).expect("its claim");
    assert!(!claim.hedged, "{claim:?}");
    assert!(claim.about.iter().any(|v| x.events.iter().any(|e| &e.id == v && e.fatalities.is_some())));
}
