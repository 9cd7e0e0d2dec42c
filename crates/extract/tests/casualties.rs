//! Casualty statements in sentences written for these tests and in the reference article.

use claimgraph_core::extraction::Count;
use claimgraph_extract::quantity::{
    CasualtyKind, CasualtyMatch, find_casualties, find_casualties_at, totals,
};

use CasualtyKind::{Injured, Killed};

/// `(kind, min, max, statement text, subset)` of every match.
fn found(text: &str) -> Vec<(CasualtyKind, u64, Option<u64>, String, bool)> {
    find_casualties(text)
        .into_iter()
        .map(|m| {
            assert_eq!(m.count.text.as_deref(), Some(&text[m.start..m.end]));
            (m.kind, m.count.min, m.count.max, text[m.start..m.end].to_string(), m.subset)
        })
        .collect()
}

fn one(
    kind: CasualtyKind,
    min: u64,
    max: Option<u64>,
    text: &str,
) -> (CasualtyKind, u64, Option<u64>, String, bool) {
    (kind, min, max, text.to_string(), false)
}

#[test]
fn active_verbs() {
    assert_eq!(found("The blast killed two civilians."), [one(Killed, 2, Some(2), "killed two civilians")]);
    assert_eq!(
        found("It injured more than 70 others."),
        [one(Injured, 71, None, "injured more than 70 others")]
    );
    assert_eq!(
        found("Gunmen stormed the hotel, killing at least 3 and injuring dozens."),
        [one(Killed, 3, None, "killing at least 3"), one(Injured, 12, None, "injuring dozens")]
    );
    assert_eq!(found("The shelling left 12 dead."), [one(Killed, 12, Some(12), "left 12 dead")]);
    assert_eq!(
        found("The shelling left two people wounded."),
        [one(Injured, 2, Some(2), "left two people wounded")]
    );
    assert_eq!(found("A drone strike wounding 5 was reported."), [one(Injured, 5, Some(5), "wounding 5")]);
    assert_eq!(found("The mine killed a soldier."), [one(Killed, 1, Some(1), "killed a soldier")]);
    assert_eq!(
        found("The crane fell, killing 107 or more and wounding 238."),
        [one(Killed, 107, None, "killing 107 or more"), one(Injured, 238, Some(238), "wounding 238")]
    );
    assert_eq!(
        found("It exploded, killing all seven astronauts aboard."),
        [one(Killed, 7, Some(7), "killing all seven astronauts aboard")]
    );
}

#[test]
fn victims_first() {
    assert_eq!(found("Two civilians were killed."), [one(Killed, 2, Some(2), "Two civilians were killed")]);
    assert_eq!(
        found("Roughly 10 fighters were reportedly killed by airstrikes."),
        [one(Killed, 10, Some(10), "Roughly 10 fighters were reportedly killed")]
    );
    assert_eq!(found("At least 30 dead after the flood."), [one(Killed, 30, None, "At least 30 dead")]);
    assert_eq!(
        found("Between 5 and 7 people died."),
        [one(Killed, 5, Some(7), "Between 5 and 7 people died")]
    );
    assert_eq!(
        found("Nearly 40 people lost their lives."),
        [one(Killed, 40, Some(40), "Nearly 40 people lost their lives")]
    );
    assert_eq!(found("There were 14 deaths."), [one(Killed, 14, Some(14), "14 deaths")]);
    assert_eq!(
        found("Up to 10 soldiers were wounded."),
        [one(Injured, 0, Some(10), "Up to 10 soldiers were wounded")]
    );
    assert_eq!(
        found("Storms left millions homeless, with 10,000 and as many as 300,000 people killed."),
        [one(Killed, 0, Some(300_000), "as many as 300,000 people killed")]
    );
}

#[test]
fn more_news_phrasings() {
    assert_eq!(
        found("Dozens of people were killed in the raid."),
        [one(Killed, 12, None, "Dozens of people were killed")]
    );
    assert_eq!(
        found("Five people, including two children, were killed."),
        [one(Killed, 5, Some(5), "Five people, including two children, were killed")]
    );
    assert_eq!(
        found("The attack left at least 20 people dead and dozens injured."),
        [one(Killed, 20, None, "left at least 20 people dead"), one(Injured, 12, None, "dozens injured")]
    );
    assert_eq!(
        found("12 people were killed and 30 wounded."),
        [one(Killed, 12, Some(12), "12 people were killed"), one(Injured, 30, Some(30), "30 wounded")]
    );
    assert_eq!(
        found("The blast claimed the lives of 30 people."),
        [one(Killed, 30, Some(30), "claimed the lives of 30 people")]
    );
    assert_eq!(found("Bomb kills 3 in Kabul."), [one(Killed, 3, Some(3), "kills 3")]);
    assert_eq!(
        found("At least 15 people have been killed since Friday."),
        [one(Killed, 15, None, "At least 15 people have been killed")]
    );
}

#[test]
fn tolls() {
    assert_eq!(
        found("The death toll rose to 30 on Sunday."),
        [one(Killed, 30, Some(30), "death toll rose to 30")]
    );
    assert_eq!(
        found("The death toll has climbed to more than 100."),
        [one(Killed, 101, None, "death toll has climbed to more than 100")]
    );
}

#[test]
fn subsets_do_not_add() {
    let text =
        "The attack killed two civilians and injured more than 70 others, including four US personnel.";
    let m = find_casualties(text);
    assert_eq!(m.len(), 3);
    assert_eq!(&text[m[2].start..m[2].end], "including four US personnel");
    assert!(m[2].subset);
    assert_eq!(m[2].kind, Injured);
    assert_eq!((m[2].count.min, m[2].count.max), (4, Some(4)));
    let t = totals(&m);
    assert_eq!(t.killed, Some(Count { min: 2, max: Some(2), text: Some("killed two civilians".into()) }));
    assert_eq!(t.injured.as_ref().map(|c| (c.min, c.max)), Some((71, None)));
    // a subset with nothing before it in its sentence is not a statement
    assert!(find_casualties("Twelve came, including four US personnel.").is_empty());
    // repeated statements keep the highest, never the sum
    let m = find_casualties("Five people were killed. Later the death toll rose to 9.");
    assert_eq!(totals(&m).killed.map(|c| c.min), Some(9));
}

#[test]
fn not_casualties() {
    for text in [
        "He was killed in 2019.",
        "She killed time for two hours.",
        "The war killed 2 years of progress.",
        "Two sources confirmed the report.",
        "At least six attacks were carried out.",
        "They killed 20 percent of the budget.",
        "They managed to kill about 2/3 of the commanders.",
        "1580 Ruy Lopez died.",
        "",
        "killed",
        "killing more than",
    ] {
        assert!(find_casualties(text).is_empty(), "{text:?}: {:?}", find_casualties(text));
    }
}

#[test]
fn offsets_are_document_bytes() {
    let m: Vec<CasualtyMatch> = find_casualties_at("It killed 3 people.", 500);
    assert_eq!((m[0].start, m[0].end), (503, 518));
}

#[test]
fn iran_bounties_article() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/examples/iran-bounties/article.txt");
    let Ok(raw) = std::fs::read_to_string(path) else {
        eprintln!("article not found; skipped");
        return;
    };
    let doc = claimgraph_core::Document::new(&raw, claimgraph_core::Meta::default());
    let m = find_casualties(doc.text());
    let texts: Vec<&str> = m.iter().map(|m| &doc.text()[m.start..m.end]).collect();
    assert_eq!(
        texts,
        ["killed two civilians", "injured more than 70 others", "including four US personnel"],
        "{m:?}"
    );
    let t = totals(&m);
    assert_eq!(t.killed.map(|c| (c.min, c.max)), Some((2, Some(2))));
    assert_eq!(t.injured.map(|c| (c.min, c.max)), Some((71, None)));
    for x in &m {
        doc.check_span(&doc.span_bytes(x.start, x.end).unwrap()).unwrap();
    }
}

/// An age is not a count: "a 24-year-old man" is one person; "two 19-year-old students" two.
/// How someone was killed may come first ("shot and killed", "stabbed and wounded").
#[test]
fn ages_and_how_victims_were_hurt() {
    assert_eq!(
        found("A 24-year-old man was shot and killed on Sunday."),
        [one(Killed, 1, Some(1), "A 24-year-old man was shot and killed")]
    );
    assert_eq!(
        found("Two 19-year-old students were killed."),
        [one(Killed, 2, Some(2), "Two 19-year-old students were killed")]
    );
    assert_eq!(
        found("Three men were stabbed and wounded."),
        [one(Injured, 3, Some(3), "Three men were stabbed and wounded")]
    );
    assert!(found("A 35-year-old was arrested.").is_empty());
}
