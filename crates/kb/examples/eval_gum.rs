//! Entity-linking check on GUM (Wikified entity layer): for every named person, place or
//! organization mention with a gold Wikipedia identity, resolve the mention text with its
//! GUM type as NER label and the document's countries as context, and compare with the
//! KB entries that the gold title itself names.
//!
//! `cargo run -p claimgraph-kb --release --example eval_gum -- ../shared/data/gum/dep [wrong.tsv]`

use std::collections::{BTreeMap, HashSet};
use std::io::Write;

use claimgraph_core::extraction::EntityType;
use claimgraph_kb::{Kb, ResolveContext};

struct Tok {
    form: String,
    upos: String,
    space_after: bool,
}

struct Mention {
    start: usize,
    end: usize,
    etype: String,
    identity: String,
}

/// Parses one `Entity=` value, updating open mentions and pushing closed ones.
fn entity_field(
    v: &str,
    tok: usize,
    open: &mut Vec<(String, usize, String, String)>,
    out: &mut Vec<Mention>,
) {
    let b = v.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'(' {
            let rest = &v[i + 1..];
            let end = rest.find(['(', ')']).unwrap_or(rest.len());
            let body = &rest[..end];
            let f: Vec<&str> = body.splitn(8, '-').collect();
            let id = f.first().copied().unwrap_or("").to_string();
            let etype = f.get(1).copied().unwrap_or("").to_string();
            let identity = f.get(7).copied().unwrap_or("").to_string();
            if rest[end..].starts_with(')') {
                out.push(Mention { start: tok, end: tok, etype, identity });
                i += 1 + end + 1;
            } else {
                open.push((id, tok, etype, identity));
                i += 1 + end;
            }
        } else if b[i].is_ascii_digit() {
            let rest = &v[i..];
            let end = rest.find(')').unwrap_or(rest.len());
            let id = &rest[..end];
            if let Some(pos) = open.iter().rposition(|o| o.0 == id) {
                let (_, s, etype, identity) = open.remove(pos);
                out.push(Mention { start: s, end: tok, etype, identity });
            }
            i += end + 1;
        } else {
            i += 1;
        }
    }
}

/// `Durham%2C_England` → `Durham,_England`.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(v);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| "../shared/data/gum/dep".into());
    let wrong_path = args.next();
    let kb = Kb::embedded()?;
    let mut files: Vec<_> = std::fs::read_dir(&dir)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    let mut stats: BTreeMap<String, [usize; 5]> = BTreeMap::new(); // total, right, wrong, missed(in kb), unresolved(not in kb)
    let mut wrong_lines = Vec::new();
    let mut missed_lines: Vec<String> = Vec::new();
    for f in files.iter().filter(|f| f.extension().is_some_and(|e| e == "conllu")) {
        let text = std::fs::read_to_string(f)?;
        let mut toks: Vec<Tok> = Vec::new();
        let mut open = Vec::new();
        let mut mentions = Vec::new();
        for line in text.lines() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 10 || cols[0].contains('-') || cols[0].contains('.') {
                continue;
            }
            let misc = cols[9];
            let idx = toks.len();
            toks.push(Tok {
                form: cols[1].to_string(),
                upos: cols[3].to_string(),
                space_after: !misc.contains("SpaceAfter=No"),
            });
            for part in misc.split('|') {
                if let Some(v) = part.strip_prefix("Entity=") {
                    entity_field(v, idx, &mut open, &mut mentions);
                }
            }
        }
        let surface = |s: usize, e: usize| {
            let mut out = String::new();
            for t in &toks[s..=e] {
                out.push_str(&t.form);
                if t.space_after {
                    out.push(' ');
                }
            }
            out.trim().to_string()
        };
        let doc_text = surface(0, toks.len() - 1);
        let doc_countries = kb.doc_countries(&doc_text);
        let doc = f.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string();
        for m in &mentions {
            let label = match m.etype.as_str() {
                "person" => EntityType::Per,
                "place" => EntityType::Gpe,
                "organization" => EntityType::Org,
                _ => continue,
            };
            if m.identity.is_empty() {
                continue;
            }
            // Named mentions only: a proper noun first (after an optional "the").
            let first = &toks[m.start];
            let named = first.upos == "PROPN"
                || (first.form.eq_ignore_ascii_case("the")
                    && m.end > m.start
                    && toks[m.start + 1].upos == "PROPN");
            if !named || m.end - m.start > 8 {
                continue;
            }
            let s = surface(m.start, m.end);
            let ctx = ResolveContext {
                ner_label: Some(label),
                doc_countries: &doc_countries,
                ..Default::default()
            };
            let title = percent_decode(&m.identity).replace('_', " ");
            let bare = title.split(" (").next().unwrap_or(&title).to_string();
            let mut gold: HashSet<String> = HashSet::new();
            for t in [&title, &bare] {
                gold.extend(kb.lookup(t).iter().map(|c| c.entry.kb_id.clone()));
                if let Some(r) =
                    kb.resolve(t, &ResolveContext { ner_label: Some(label), ..Default::default() })
                    && let Some(id) = r.kb_id
                {
                    gold.insert(id);
                }
            }
            let st = stats.entry(m.etype.clone()).or_default();
            st[0] += 1;
            match kb.resolve(&s, &ctx) {
                Some(r) if r.kb_id.as_ref().is_some_and(|id| gold.contains(id)) => st[1] += 1,
                Some(r) if r.kb_id.is_none() => {
                    // Composed agents without an id: not an identity claim.
                    if gold.is_empty() { st[4] += 1 } else { st[3] += 1 }
                }
                Some(r) => {
                    st[2] += 1;
                    wrong_lines.push(format!(
                        "{doc}\t{}\t{s}\t{}\t{}\t{}",
                        m.etype,
                        m.identity,
                        r.kb_id.unwrap_or_default(),
                        r.name
                    ));
                }
                None if gold.is_empty() => st[4] += 1,
                None => {
                    st[3] += 1;
                    missed_lines.push(format!("{doc}\t{}\t{s}\t{}", m.etype, m.identity));
                }
            }
        }
    }
    let mut tot = [0usize; 5];
    println!("type\tmentions\tright\twrong\tmissed(gold in KB)\tunresolved(gold not in KB)");
    for (k, v) in &stats {
        println!("{k}\t{}\t{}\t{}\t{}\t{}", v[0], v[1], v[2], v[3], v[4]);
        for i in 0..5 {
            tot[i] += v[i];
        }
    }
    let pct = |x: usize| 100.0 * x as f64 / tot[0].max(1) as f64;
    println!("all\t{}\t{}\t{}\t{}\t{}", tot[0], tot[1], tot[2], tot[3], tot[4]);
    println!(
        "right {:.1}%  wrong {:.1}%  missed {:.1}%  unresolved-not-in-KB {:.1}%  (right among gold in KB: {:.1}%)",
        pct(tot[1]),
        pct(tot[2]),
        pct(tot[3]),
        pct(tot[4]),
        100.0 * tot[1] as f64 / (tot[1] + tot[2] + tot[3]).max(1) as f64
    );
    if let Some(p) = wrong_path {
        let mut w = std::fs::File::create(&p)?;
        for l in wrong_lines {
            writeln!(w, "{l}")?;
        }
        let mut m = std::fs::File::create(format!("{p}.missed"))?;
        for l in missed_lines {
            writeln!(m, "{l}")?;
        }
    }
    Ok(())
}
