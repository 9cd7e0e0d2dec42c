//! Resolution of the re3d entity layer (no gold identities): for Location, Organisation,
//! Person and Nationality mentions, resolve the text with the annotated type as NER label
//! and the document's countries as context; count resolutions and type conflicts, and write
//! every distinct (type, text, resolution) with its count for hand review.
//!
//! `cargo run -p claimgraph-kb --release --example eval_re3d -- ../shared/data/re3d [out.tsv]`

use std::collections::{BTreeMap, HashMap};
use std::io::Write;

use claimgraph_core::extraction::{EntityKind, EntityType};
use claimgraph_kb::{Kb, ResolveContext};
use serde::Deserialize;

#[derive(Deserialize)]
struct Doc {
    #[serde(rename = "_id")]
    id: String,
    text: String,
}

#[derive(Deserialize)]
struct Ent {
    #[serde(rename = "documentId")]
    document_id: String,
    #[serde(rename = "type")]
    etype: String,
    value: String,
}

fn jsonl<T: serde::de::DeserializeOwned>(
    path: &std::path::Path,
) -> Result<Vec<T>, Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(path)?;
    let mut out = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        out.push(serde_json::from_str(line)?);
    }
    Ok(out)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().unwrap_or_else(|| "../shared/data/re3d".into()));
    let out = args.next();
    let kb = Kb::embedded()?;
    let mut stats: BTreeMap<String, [usize; 4]> = BTreeMap::new(); // mentions, named, resolved, type conflict
    let mut review: HashMap<(String, String, String), usize> = HashMap::new();
    let mut subdirs: Vec<_> =
        std::fs::read_dir(&dir)?.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect();
    subdirs.sort();
    for sd in subdirs {
        let docs: Vec<Doc> = jsonl(&sd.join("documents.json"))?;
        let countries: HashMap<String, Vec<String>> =
            docs.iter().map(|d| (d.id.clone(), kb.doc_countries(&d.text))).collect();
        for e in jsonl::<Ent>(&sd.join("entities.json"))? {
            let label = match e.etype.as_str() {
                "Location" => EntityType::Gpe,
                "Organisation" => EntityType::Org,
                "Person" => EntityType::Per,
                "Nationality" => EntityType::Norp,
                _ => continue,
            };
            let st = stats.entry(e.etype.clone()).or_default();
            st[0] += 1;
            // Named mentions: an uppercase letter somewhere ("the Syrian regime", "ISIL").
            if !e.value.chars().any(char::is_uppercase) {
                continue;
            }
            st[1] += 1;
            let dc = countries.get(&e.document_id).cloned().unwrap_or_default();
            let ctx = ResolveContext { ner_label: Some(label), doc_countries: &dc, ..Default::default() };
            let r = kb.resolve(&e.value, &ctx);
            let shown = match &r {
                Some(r) => {
                    st[2] += 1;
                    let place = r.kb_id.as_deref().is_some_and(|i| i.starts_with("place:"));
                    let conflict = match label {
                        EntityType::Gpe => !(place || r.kind == EntityKind::State),
                        EntityType::Org => place || r.entity_type == EntityType::Per,
                        EntityType::Per => r.entity_type != EntityType::Per,
                        _ => place,
                    };
                    if conflict {
                        st[3] += 1;
                    }
                    format!(
                        "{}\t{}",
                        r.kb_id.clone().unwrap_or_else(|| format!(
                            "(acting for {})",
                            r.acting_for.clone().unwrap_or_default()
                        )),
                        r.name
                    )
                }
                None => "-".to_string(),
            };
            *review.entry((e.etype.clone(), e.value.clone(), shown)).or_default() += 1;
        }
    }
    println!("type\tmentions\tnamed\tresolved\ttype-conflicts");
    let mut tot = [0usize; 4];
    for (k, v) in &stats {
        println!("{k}\t{}\t{}\t{}\t{}", v[0], v[1], v[2], v[3]);
        for i in 0..4 {
            tot[i] += v[i];
        }
    }
    println!("all\t{}\t{}\t{}\t{}", tot[0], tot[1], tot[2], tot[3]);
    if let Some(p) = out {
        let mut rows: Vec<_> = review.into_iter().collect();
        rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut w = std::fs::File::create(p)?;
        for ((t, v, s), n) in rows {
            writeln!(w, "{n}\t{t}\t{v}\t{s}")?;
        }
    }
    Ok(())
}
