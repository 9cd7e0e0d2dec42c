//! Prints, for each event mention found in a text file, its trigger, type, actor and
//! target before merging, and the merged events; a debugging aid for the rules.
//!
//! `cargo run --release -p claimgraph-extract --example explain -- FILE [--published DATE]`

use claimgraph_core::{Document, Meta};
use claimgraph_extract::{entities, events, lexicon, time};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args.first().ok_or("usage: explain FILE [--published DATE]")?;
    let published = args.iter().position(|a| a == "--published").and_then(|i| args.get(i + 1)).cloned();
    let text = std::fs::read_to_string(path)?;
    let doc = Document::new(&text, Meta { published, ..Meta::default() });
    let x = claimgraph_extract::Extractor::new()?;
    println!("parser: {}", x.has_parser());
    let a = x.annotate(doc.text());
    let kb = claimgraph_kb::Kb::shared()?;
    let base = time::reference_date(&doc);
    let t = entities::build_entities(&a, kb, base.map(|d| d.to_string()).as_deref());
    for m in &t.mentions {
        println!("M {:?} -> {} place={}", a.slice(m.words.clone()), t.entities[m.entity].name, m.as_place);
    }
    for w in ["told", "confirmed", "stated", "plotting", "“"] {
        println!("L {w} {} {:?}", lexicon::lemma(w), lexicon::attribution_verb(&lexicon::lemma(w)));
    }
    for w in ["pay", "provide", "agree", "sign", "strike", "kill"] {
        for pos in [lexicon::TriggerPos::Verb, lexicon::TriggerPos::Noun] {
            println!(
                "S {w} {pos:?} {:?}",
                lexicon::triggers(w, pos).iter().map(|s| (s.plover, s.cameo, s.weight)).collect::<Vec<_>>()
            );
        }
    }
    let mut ev = events::find_events(&a, &t, base);
    let name = |e: Option<usize>| e.map_or("-".to_string(), |e| t.entities[e].name.clone());
    for e in &ev {
        println!(
            "T {:?} {:?} {:?} actor={} target={} date={:?} loc={} status={:?}",
            a.slice(e.triggers[0].clone()),
            e.event_type,
            e.cameo,
            name(e.actor),
            name(e.target),
            e.date.as_ref().map(|d| d.start.clone()),
            name(e.location),
            e.status
        );
    }
    let alive = events::merge_events(&a, &t, &mut ev);
    for i in alive {
        let trig: Vec<&str> = ev[i].triggers.iter().map(|r| a.slice(r.clone())).collect();
        println!(
            "V {:?} {:?} actor={} target={}",
            trig,
            ev[i].event_type,
            name(ev[i].actor),
            name(ev[i].target)
        );
    }
    Ok(())
}
