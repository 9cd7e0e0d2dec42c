//! `claimgraph bench`: tokens per second on one thread, the figure compared with spaCy by
//! `scripts/bench-vs-spacy`.

use std::io::Write;
use std::time::Instant;

use anyhow::Result;
use claimgraph_core::Document;
use claimgraph_ingest::{ReadOptions, read_text_bytes};
use claimgraph_ner::Ner;
use claimgraph_nlp::{Analysis, Pipeline as Nlp};
use claimgraph_text::Tokenizer;

use crate::Outcome;
use crate::args::{BenchArgs, BenchWhat};
use crate::pipeline::Pipeline;

/// Runs `bench`.
pub fn run(a: &BenchArgs) -> Result<Outcome> {
    if a.what == BenchWhat::Merge {
        return super::bench_merge::run(a);
    }
    if a.files.is_empty() {
        anyhow::bail!("give the plain-text files to measure over");
    }
    let mut docs = Vec::new();
    for f in &a.files {
        let bytes = std::fs::read(f)?;
        docs.push(read_text_bytes(&bytes, &f.display().to_string(), &ReadOptions::default())?.document);
    }
    let tokenizer = Tokenizer::new();
    let tokens: usize = docs.iter().map(|d| tokenizer.tokenize(d.text()).len()).sum();
    let mut best = f64::INFINITY;
    match a.what {
        BenchWhat::Nlp => {
            let nlp = Nlp::shared()?;
            let ner = Ner::shared()?;
            for _ in 0..a.repeat.max(1) {
                let t = Instant::now();
                for d in &docs {
                    run_nlp(d, &tokenizer, nlp, ner);
                }
                best = best.min(t.elapsed().as_secs_f64());
            }
        }
        BenchWhat::Extract => {
            let p = Pipeline::load(&[])?;
            for _ in 0..a.repeat.max(1) {
                let t = Instant::now();
                for d in &docs {
                    std::hint::black_box(p.extract(d));
                }
                best = best.min(t.elapsed().as_secs_f64());
            }
        }
        BenchWhat::Merge => unreachable!("handled above"),
    }
    let rate = tokens as f64 / best;
    // which parser and beam width ran, so that figures from different settings are not mixed up
    let parser = claimgraph_nlp::default_parser().name();
    let beam = Nlp::shared()?.parser().beam_width();
    let mut out = std::io::stdout().lock();
    if a.json {
        writeln!(
            out,
            "{}",
            serde_json::json!({
                "what": format!("{:?}", a.what).to_lowercase(),
                "parser": parser,
                "beam": beam,
                "tokens": tokens,
                "seconds": best,
                "tokens_per_second": rate
            })
        )?;
    } else {
        writeln!(
            out,
            "{tokens} tokens in {best:.3}s (best of {}): {rate:.0} tokens/s, one thread ({parser} parser, beam {beam})",
            a.repeat.max(1)
        )?;
    }
    Ok(Outcome::Success)
}

/// Tokenize, split, tag, parse and tag entities of one document.
fn run_nlp(d: &Document, tokenizer: &Tokenizer, nlp: &Nlp, ner: &Ner) {
    let text = d.text();
    let (tokens, sentences) = tokenizer.analyze(text);
    let mut analysis = Analysis::default();
    let mut tags = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    for s in &sentences {
        words.clear();
        words.extend(
            tokens[s.tokens.start as usize..s.tokens.end as usize]
                .iter()
                .map(|t| &text[t.start as usize..t.end as usize]),
        );
        nlp.analyze(&words, &mut analysis);
        ner.tag_into(&words, &mut tags);
        std::hint::black_box((&analysis, &tags));
    }
}
