//! Scores the extractor on the PLOVER gold sentences (`shared/data/plover/PLOVER_GSR_CAMEO.json`):
//! event type accuracy (an extracted event of the gold type), and, on those, actor and
//! recipient accuracy (the entity's name or a mention overlaps the coded actor words).
//!
//! `cargo run --release -p claimgraph-extract --example plover_eval [-- PATH]`

use claimgraph_core::extraction::Extraction;
use claimgraph_core::{Document, Meta};
use claimgraph_extract::Extractor;
use claimgraph_extract::lexicon::{GoldSentence, load_plover_gold};

/// True when the entity `id` of `x` overlaps one of the gold actor phrases.
fn matches(
    x: &Extraction,
    id: Option<&String>,
    gold: &[claimgraph_extract::lexicon::gold::GoldActor],
) -> bool {
    let Some(e) = id.and_then(|id| x.entities.iter().find(|e| &e.id == id)) else { return false };
    let names: Vec<String> = std::iter::once(e.name.to_lowercase())
        .chain(e.mentions.iter().map(|m| m.text.to_lowercase()))
        .collect();
    gold.iter().any(|g| {
        let g = g.text.to_lowercase();
        !g.is_empty()
            && names.iter().any(|n| !n.is_empty() && (g.contains(n.as_str()) || n.contains(g.as_str())))
    })
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).unwrap_or_else(|| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/plover/PLOVER_GSR_CAMEO.json").to_string()
    });
    let gold: Vec<GoldSentence> = load_plover_gold(&path)?;
    let x = Extractor::new()?;
    let (mut any, mut typed, mut first_ok, mut actor_n, mut actor_ok, mut target_n, mut target_ok) =
        (0, 0, 0, 0, 0, 0, 0);
    for g in &gold {
        let out = x.extract(&Document::new(&g.text, Meta::default()));
        if out.events.is_empty() {
            continue;
        }
        any += 1;
        if out.events[0].event_type == g.event {
            first_ok += 1;
        }
        let Some(e) = out.events.iter().find(|e| e.event_type == g.event) else { continue };
        typed += 1;
        if !g.sources.is_empty() {
            actor_n += 1;
            actor_ok += usize::from(matches(&out, e.actor.as_ref(), &g.sources));
        }
        if !g.targets.is_empty() {
            target_n += 1;
            target_ok += usize::from(matches(&out, e.target.as_ref(), &g.targets));
        }
    }
    let n = gold.len();
    let pct = |a: usize, b: usize| if b == 0 { 0.0 } else { 100.0 * a as f64 / b as f64 };
    println!("sentences {n}, with an event {any} ({:.1}%)", pct(any, n));
    println!(
        "event type: an event of the gold type {typed}/{n} ({:.1}%), first event typed right {first_ok}/{any} ({:.1}% of those with events)",
        pct(typed, n),
        pct(first_ok, any)
    );
    println!(
        "actor right {actor_ok}/{actor_n} ({:.1}%), recipient right {target_ok}/{target_n} ({:.1}%) on typed-right events",
        pct(actor_ok, actor_n),
        pct(target_ok, target_n)
    );
    Ok(())
}
