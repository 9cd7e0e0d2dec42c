//! The whole extractor on the 322 PLOVER gold sentences (`/work/shared/data/plover`, or
//! `$CLAIMGRAPH_PLOVER`): how often it finds an event of the gold type, and on those events
//! how often the actor and the recipient are the coded ones. Prints the figures; run with
//! `--nocapture` to see them and with `PLOVER_MISTAKES=1` to list the misses.
//!
//! Retired category names are mapped to the current ontology by
//! `claimgraph_extract::lexicon::gold` as the PLOVER manual says (DEMAND → REQUEST, ...).

use std::path::PathBuf;
use std::sync::LazyLock;

use claimgraph_core::extraction::{Event, Extraction};
use claimgraph_core::{Document, Meta};
use claimgraph_extract::Extractor;
use claimgraph_extract::lexicon::gold::{GoldActor, GoldSentence, load_plover_gold};

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::new().expect("embedded models"));

fn gold_path() -> Option<PathBuf> {
    let path = std::env::var_os("CLAIMGRAPH_PLOVER").map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/plover/PLOVER_GSR_CAMEO.json")
    });
    path.is_file().then_some(path)
}

/// Lowercase words of a name, without a leading `the`.
fn words(s: &str) -> Vec<String> {
    let w: Vec<String> = s
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    match w.first().map(String::as_str) {
        Some("the") => w[1..].to_vec(),
        _ => w,
    }
}

/// True when one name holds the other as whole words (`Libya` and `Libyan officials` do
/// not match; `Libya` and `the government of Libya` do).
fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (words(a), words(b));
    let within = |x: &[String], y: &[String]| !x.is_empty() && y.windows(x.len()).any(|w| w == x);
    within(&a, &b) || within(&b, &a)
}

/// True when the entity `id` of `x` is named like one of the gold actors, by its name or any
/// mention.
fn matches_actor(x: &Extraction, id: Option<&str>, gold: &[GoldActor]) -> bool {
    let Some(e) = id.and_then(|id| x.entities.iter().find(|e| e.id == id)) else {
        return false;
    };
    let names = std::iter::once(e.name.as_str()).chain(e.mentions.iter().map(|m| m.text.as_str()));
    names.into_iter().any(|n| gold.iter().any(|g| !g.text.is_empty() && same_name(n, &g.text)))
}

#[derive(Debug, Default)]
struct Scores {
    sentences: usize,
    with_event: usize,
    with_gold_type: usize,
    first_type_right: usize,
    actor_gold: usize,
    actor_right: usize,
    recipient_gold: usize,
    recipient_right: usize,
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { 100.0 * a as f64 / b as f64 }
}

fn first_event(x: &Extraction) -> Option<&Event> {
    x.events.iter().min_by_key(|e| e.evidence.first().map_or(usize::MAX, |s| s.start))
}

fn score(gold: &[GoldSentence], mistakes: bool) -> Scores {
    let mut s = Scores::default();
    for g in gold {
        s.sentences += 1;
        let doc = Document::new(g.text.as_str(), Meta::default());
        let x = EXTRACTOR.extract(&doc);
        x.check_spans().expect("every span is exact");
        let Some(first) = first_event(&x) else {
            if mistakes {
                println!("{} | {:?} | no event | {}", g.id, g.event, g.text);
            }
            continue;
        };
        s.with_event += 1;
        s.first_type_right += usize::from(first.event_type == g.event);
        let Some(ev) = x.events.iter().find(|e| e.event_type == g.event) else {
            if mistakes {
                let got: Vec<_> = x.events.iter().map(|e| e.event_type).collect();
                println!("{} | {:?} | got {got:?} | {}", g.id, g.event, g.text);
            }
            continue;
        };
        s.with_gold_type += 1;
        // (gold actors, counted, right) for the actor, then the recipient
        let roles = [
            ("actor", ev.actor.as_deref(), &g.sources, &mut s.actor_gold, &mut s.actor_right),
            ("recipient", ev.target.as_deref(), &g.targets, &mut s.recipient_gold, &mut s.recipient_right),
        ];
        for (role, entity, gold_actors, counted, right) in roles {
            if gold_actors.is_empty() {
                continue;
            }
            *counted += 1;
            let ok = matches_actor(&x, entity, gold_actors);
            *right += usize::from(ok);
            if mistakes && !ok {
                println!("{} | {role} | gold {gold_actors:?} | {}", g.id, g.text);
            }
        }
    }
    s
}

#[test]
fn plover_gold_sentences() {
    let Some(path) = gold_path() else {
        eprintln!("PLOVER gold not found; skipped");
        return;
    };
    let gold = load_plover_gold(&path).unwrap();
    assert_eq!(gold.len(), 322);
    let s = score(&gold, std::env::var_os("PLOVER_MISTAKES").is_some());
    println!(
        "PLOVER gold: {} sentences; an event in {} ({:.1}%); an event of the gold type in {} ({:.1}%); \
         first event of the gold type in {:.1}% of those with an event",
        s.sentences,
        s.with_event,
        pct(s.with_event, s.sentences),
        s.with_gold_type,
        pct(s.with_gold_type, s.sentences),
        pct(s.first_type_right, s.with_event),
    );
    println!(
        "on events of the gold type: actor {}/{} ({:.1}%), recipient {}/{} ({:.1}%)",
        s.actor_right,
        s.actor_gold,
        pct(s.actor_right, s.actor_gold),
        s.recipient_right,
        s.recipient_gold,
        pct(s.recipient_right, s.recipient_gold),
    );
    // regression floors a little under the figures measured on 2026-11-27
    assert!(pct(s.with_gold_type, s.sentences) >= 30.0, "{s:?}");
    assert!(pct(s.actor_right, s.actor_gold) >= 70.0, "{s:?}");
    assert!(pct(s.recipient_right, s.recipient_gold) >= 45.0, "{s:?}");
}

#[test]
fn names_match_as_whole_words() {
    assert!(same_name("Libya", "the government of Libya"));
    assert!(same_name("The United States", "United States"));
    assert!(!same_name("Libya", "Libyan officials"));
    assert!(!same_name("", "Libya"));
}
