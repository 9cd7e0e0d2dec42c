//! `claimgraph kb build|lookup|stats`.

use std::path::PathBuf;

use std::io::Write;

use anyhow::{Context, Result};
use claimgraph_kb::{Kb, MentionRole, ResolveContext};

use crate::Outcome;
use crate::args::KbCommand;
use crate::table::{self, opt};

/// The shipped knowledge base plus the user's extra dictionaries.
pub fn load(extra: &[PathBuf]) -> Result<Kb> {
    let mut kb = Kb::embedded()?;
    for path in extra {
        kb.add_extra(path).with_context(|| format!("--kb-extra {}", path.display()))?;
    }
    Ok(kb)
}

/// Runs a `kb` subcommand.
pub fn run(c: &KbCommand) -> Result<Outcome> {
    let mut out = std::io::stdout().lock();
    match c {
        KbCommand::Build { data, out } => {
            let r = claimgraph_kb::build(data, out)?;
            eprintln!(
                "kb: wrote {} ({} bytes): {} entries, {} aliases, {} agent nouns, {} places; rebuild claimgraph to embed it",
                r.path.display(),
                r.bytes,
                r.entries,
                r.aliases,
                r.agents,
                r.places
            );
        }
        KbCommand::Lookup { name, kb_extra, json } => {
            let kb = load(kb_extra)?;
            let cands = kb.lookup(name);
            // The reading extraction would choose for an acting mention ("Tehran said"), else
            // for a place ("in Tehran").
            let chosen = [MentionRole::Actor, MentionRole::Place].into_iter().find_map(|role| {
                let ctx = ResolveContext { role, ..ResolveContext::default() };
                kb.explain(name, &ctx).resolved.map(|r| (role, r))
            });
            let role_name = |role| if role == MentionRole::Actor { "an actor" } else { "a place" };
            if *json {
                let rows: Vec<serde_json::Value> = cands
                    .iter()
                    .map(|c| {
                        let e = c.entry;
                        serde_json::json!({
                            "kb_id": e.kb_id, "name": e.name, "type": e.entity_type, "kind": e.kind,
                            "country": e.country, "cameo": e.cameo, "lat": e.lat, "lon": e.lon,
                            "geonames_id": e.geonames_id, "score": c.score, "why": c.why(),
                            "chosen": chosen.as_ref().is_some_and(|(_, r)| r.kb_id.as_deref() == Some(e.kb_id.as_str())),
                        })
                    })
                    .collect();
                writeln!(out, "{}", serde_json::to_string_pretty(&rows)?)?;
                return Ok(Outcome::Success);
            }
            if !cands.is_empty() {
                let mut t = table::new(&["kb id", "name", "type", "kind", "country", "score", "why"]);
                for c in &cands {
                    let e = c.entry;
                    t.add_row(vec![
                        e.kb_id.clone(),
                        e.name.clone(),
                        table::name(&e.entity_type),
                        table::name(&e.kind),
                        opt(e.country.as_deref()),
                        format!("{:.2}", c.score),
                        c.why(),
                    ]);
                }
                writeln!(out, "{t}")?;
            }
            match chosen {
                Some((role, r)) => {
                    let acting = r.acting_for.map(|a| format!(", acting for {a}")).unwrap_or_default();
                    writeln!(
                        out,
                        "chosen as {}: {} {} ({} {}, {}{acting}): {}",
                        role_name(role),
                        opt(r.kb_id.as_deref()),
                        r.name,
                        table::name(&r.entity_type),
                        table::name(&r.kind),
                        opt(r.country.as_deref()),
                        r.why
                    )?;
                }
                None => writeln!(out, "{name:?} stays unresolved (no candidate is good enough)")?,
            }
        }
        KbCommand::Stats { kb_extra, json } => {
            let kb = load(kb_extra)?;
            let s = kb.stats();
            if *json {
                writeln!(
                    out,
                    "{}",
                    serde_json::to_string_pretty(&serde_json::json!({
                        "entries": s.entries, "aliases": s.aliases, "postings": s.postings, "agents": s.agents,
                        "by_kind": s.by_kind, "by_source": s.by_source,
                    }))?
                )?;
            } else {
                writeln!(
                    out,
                    "{} entries, {} aliases, {} alias links, {} agent nouns",
                    s.entries, s.aliases, s.postings, s.agents
                )?;
                for (k, n) in &s.by_kind {
                    writeln!(out, "  kind   {k:<14} {n}")?;
                }
                for (k, n) in &s.by_source {
                    writeln!(out, "  source {k:<14} {n}")?;
                }
            }
        }
    }
    Ok(Outcome::Success)
}
