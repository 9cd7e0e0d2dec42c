//! `claimgraph train`: retrain the shipped models from the open data, reproducibly.

use std::path::Path;

use anyhow::{Context, Result};
use claimgraph_text::TrainOptions;

use crate::Outcome;
use crate::args::{TrainArgs, TrainWhat};

/// Runs `train`.
pub fn run(a: &TrainArgs) -> Result<Outcome> {
    std::fs::create_dir_all(&a.out).with_context(|| format!("cannot create {}", a.out.display()))?;
    let all = a.what == TrainWhat::All;
    if all || a.what == TrainWhat::Tokenizer {
        train_tokenizer(&a.data, &a.out)?;
    }
    if all {
        report("tagger + parsers", claimgraph_nlp::train_all(&a.data, &a.out, a.seed)?);
    } else if a.what == TrainWhat::Tagger {
        report("tagger", claimgraph_nlp::train_tagger(&a.data, &a.out, a.seed)?);
    } else if a.what == TrainWhat::Parser {
        report("parsers", claimgraph_nlp::train_parser(&a.data, &a.out, a.seed)?);
    }
    if all || a.what == TrainWhat::Ner {
        let file = a.out.join("ner.bin");
        let r = claimgraph_ner::train(&a.data, &file, a.seed)?;
        let sources: Vec<String> = r.sources.iter().map(|(s, n)| format!("{s} ({n} sentences)")).collect();
        eprintln!("ner: trained on {}, {} words", sources.join(", "), r.train_words);
        eprintln!(
            "ner: dev F1 {:.2} (best epoch {:?}), {} features, {} gazetteer phrases",
            r.dev.overall.f1(),
            r.best_epochs,
            r.features,
            r.gazetteer_phrases
        );
        eprintln!("ner: wrote {} ({} bytes) in {:.0}s", file.display(), r.model_bytes, r.seconds);
    }
    eprintln!("train: done; rebuild claimgraph (cargo build --release) to embed models from models/");
    Ok(Outcome::Success)
}

fn report(what: &str, r: claimgraph_nlp::TrainReport) {
    for line in &r.log {
        eprintln!("{what}: {line}");
    }
    for f in &r.files {
        eprintln!("{what}: wrote {}", f.display());
    }
    eprintln!("{what}: {} training sentences in {:.0}s", r.train_sentences, r.seconds);
}

fn train_tokenizer(data: &Path, out: &Path) -> Result<()> {
    let sentences = claimgraph_text::training_sentences(data)?;
    eprintln!("tokenizer: {} training sentences (EWT train, GUM train)", sentences.len());
    let model = claimgraph_text::train(&sentences, &TrainOptions::default())?;
    let dir = out.join("tokenizer");
    std::fs::create_dir_all(&dir)?;
    let file = dir.join("en_ewt.model");
    std::fs::write(&file, model.to_text())?;
    eprintln!("tokenizer: wrote {}", file.display());
    Ok(())
}
