//! Prunes trained models to smaller files and reports dev accuracy at each threshold:
//! `cargo run --release -p claimgraph-nlp --example prune -- MODEL_DIR DEV_FILE OUT_DIR T_TAGGER T_PARSER`.
//! Writes `OUT_DIR/tagger.bin` and `OUT_DIR/parser.bin` pruned at the given thresholds.

use std::path::Path;

use claimgraph_nlp::parser::train::attachment_scores;
use claimgraph_nlp::train::{read_conllu, retag};
use claimgraph_nlp::{Parser, Tagger};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let a: Vec<String> = std::env::args().skip(1).collect();
    if a.len() < 5 {
        return Err("usage: prune MODEL_DIR DEV_FILE OUT_DIR T_TAGGER T_PARSER".into());
    }
    let (dir, out) = (Path::new(&a[0]), Path::new(&a[2]));
    let (tt, tp): (f32, f32) = (a[3].parse()?, a[4].parse()?);
    let tagger = Tagger::load(&dir.join("tagger.bin"))?.pruned(tt);
    let parser = Parser::load(&dir.join("parser.bin"))?;
    let dev = read_conllu(Path::new(&a[1]))?;
    let tagged = retag(&tagger, &dev);
    let upos = tagged
        .iter()
        .zip(&dev)
        .flat_map(|(p, g)| p.words.iter().zip(&g.words).map(|(p, g)| u32::from(p.upos == g.upos)))
        .sum::<u32>() as f64
        / dev.iter().map(|s| s.words.len()).sum::<usize>() as f64;
    println!("tagger pruned at {tt}: {} bytes, dev UPOS {:.2}", tagger.to_bytes().len(), upos * 100.0);
    for t in [0.0, tp] {
        let p = parser.pruned(t);
        let (uas, las) = attachment_scores(&p, &tagged);
        println!(
            "parser pruned at {t}: {} bytes, dev UAS {:.2} LAS(full) {:.2}",
            p.to_bytes().len(),
            uas * 100.0,
            las * 100.0
        );
    }
    std::fs::create_dir_all(out)?;
    tagger.save(&out.join("tagger.bin"))?;
    parser.pruned(tp).save(&out.join("parser.bin"))?;
    Ok(())
}
