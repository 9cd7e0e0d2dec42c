//! Evaluates models on a CoNLL-U file with gold tokens:
//! `cargo run --release -p claimgraph-nlp --example eval -- FILE [MODEL_DIR]`
//! (embedded models when no directory is given). Prints CoNLL 2018-style scores and speed.

use std::path::{Path, PathBuf};
use std::time::Instant;

use claimgraph_nlp::{Analysis, Pipeline, evaluate, train::read_conllu};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let file = PathBuf::from(args.next().ok_or("usage: eval FILE [MODEL_DIR]")?);
    let t0 = Instant::now();
    let pipe = match args.next() {
        Some(dir) => {
            Pipeline::load(&Path::new(&dir).join("tagger.bin"), &Path::new(&dir).join("parser.bin"))?
        }
        None => Pipeline::embedded()?,
    };
    println!("load: {:.1} ms", t0.elapsed().as_secs_f64() * 1000.0);
    let gold = read_conllu(&file)?;
    let mut pred = gold.clone();
    let mut a = Analysis::default();
    let forms: Vec<Vec<&str>> =
        gold.iter().map(|s| s.words.iter().map(|w| w.form.as_str()).collect()).collect();
    let words: usize = forms.iter().map(Vec::len).sum();
    // speed: analyse only (no CoNLL-U writing)
    let t1 = Instant::now();
    let c1 = thread_cpu_ns();
    for f in &forms {
        pipe.analyze(f, &mut a);
    }
    let secs = t1.elapsed().as_secs_f64();
    let cpu = (thread_cpu_ns() - c1) as f64 / 1e9;
    println!(
        "tag+lemma+parse: {words} words in {secs:.3} s wall = {:.0} words/s; {cpu:.3} s on CPU = {:.0} words/s",
        words as f64 / secs,
        words as f64 / cpu
    );
    for s in pred.iter_mut() {
        pipe.annotate(s, &mut a);
    }
    let sc = evaluate(&gold, &pred)?;
    println!(
        "UPOS {:.2} XPOS {:.2} UFeats {:.2} Lemmas {:.2} UAS {:.2} LAS {:.2} (LAS with subtypes {:.2})",
        sc.upos, sc.xpos, sc.ufeats, sc.lemmas, sc.uas, sc.las, sc.las_full
    );
    Ok(())
}

/// CPU time of this thread in nanoseconds (Linux `/proc/thread-self/schedstat`; 0 elsewhere),
/// so that speed is measured fairly on a busy machine.
fn thread_cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|x| x.parse().ok()))
        .unwrap_or(0)
}
