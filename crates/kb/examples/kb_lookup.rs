//! Shows candidates and the resolution of mentions, as `claimgraph kb lookup` does:
//! `cargo run -p claimgraph-kb --example kb_lookup -- kb/claimgraph.kb "Tehran" "a Taliban spokesman"`.
//! A mention may carry a label and role: `GPE:actor:Tehran`.

use claimgraph_core::extraction::EntityType;
use claimgraph_kb::{Kb, MentionRole, ResolveContext};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: kb_lookup KB_FILE MENTION...")?;
    let t = std::time::Instant::now();
    let kb = Kb::load(std::path::Path::new(&path))?;
    println!("loaded in {:.1?}", t.elapsed());
    for m in args {
        let mut parts: Vec<&str> = m.splitn(3, ':').collect();
        let mention = parts.pop().unwrap_or_default();
        let mut ctx = ResolveContext::default();
        for p in parts {
            match p {
                "actor" => ctx.role = MentionRole::Actor,
                "place" => ctx.role = MentionRole::Place,
                l => {
                    ctx.ner_label =
                        serde_json::from_value::<EntityType>(serde_json::Value::String(l.into())).ok()
                }
            }
        }
        print!("{}", kb.explain(mention, &ctx));
    }
    Ok(())
}
