//! `claimgraph analyze`: the syntactic pipeline (tokens, sentences, tags, lemmas, trees,
//! entities) as CoNLL-U.

use std::io::{Read, Write};

use anyhow::{Context, Result, bail};
use claimgraph_ingest::{ReadOptions, read_text_bytes};
use claimgraph_ner::Ner;
use claimgraph_nlp::{Analysis, Pipeline};
use claimgraph_text::conllu::{self, Sentence};
use claimgraph_text::{Tokenizer, to_conllu};

use crate::Outcome;
use crate::args::{AnalyzeArgs, AnalyzeFrom};

/// Runs `analyze`.
pub fn run(a: &AnalyzeArgs) -> Result<Outcome> {
    let source = a.input.display().to_string();
    let bytes = read_input(a)?;
    let mut sentences = match a.from {
        AnalyzeFrom::Conllu => {
            let text =
                std::str::from_utf8(&bytes).with_context(|| format!("{source}: CoNLL-U must be UTF-8"))?;
            let mut sents = conllu::parse(text).with_context(|| format!("{source}: not CoNLL-U"))?;
            for s in &mut sents {
                // Only ID and FORM are read; keep the spacing information, drop the rest.
                for w in &mut s.words {
                    w.misc = if w.no_space_after() { "SpaceAfter=No".into() } else { "_".into() };
                }
            }
            sents
        }
        AnalyzeFrom::Text => {
            let opts = ReadOptions { max_bytes: a.max_bytes, ..ReadOptions::default() };
            let loaded = read_text_bytes(&bytes, &source, &opts)?;
            for w in &loaded.warnings {
                eprintln!("warning: {source}: {w}");
            }
            let text = loaded.document.text();
            let (tokens, spans) = Tokenizer::new().analyze(text);
            to_conllu(text, &tokens, &spans)
        }
    };
    annotate(&mut sentences)?;
    let mut out = std::io::stdout().lock();
    out.write_all(conllu::write(&sentences).as_bytes())?;
    Ok(Outcome::Success)
}

fn read_input(a: &AnalyzeArgs) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let limit = a.max_bytes.saturating_add(1);
    if a.input.as_os_str() == "-" {
        std::io::stdin().lock().take(limit).read_to_end(&mut bytes)?;
    } else {
        let f =
            std::fs::File::open(&a.input).with_context(|| format!("cannot read {}", a.input.display()))?;
        f.take(limit).read_to_end(&mut bytes)?;
    }
    if bytes.len() as u64 > a.max_bytes {
        bail!("{}: larger than --max-bytes {}", a.input.display(), a.max_bytes);
    }
    Ok(bytes)
}

/// Fills tags, lemmas, trees and `NER=` tags of every sentence with the shipped models.
pub fn annotate(sentences: &mut [Sentence]) -> Result<()> {
    let pipeline = Pipeline::shared()?;
    let ner = Ner::shared()?;
    let mut analysis = Analysis::default();
    let mut tags = Vec::new();
    for s in sentences {
        if s.words.is_empty() {
            continue;
        }
        pipeline.annotate(s, &mut analysis);
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        ner.tag_into(&forms, &mut tags);
        for (w, t) in s.words.iter_mut().zip(&tags) {
            w.misc = if w.misc == "_" || w.misc.is_empty() {
                format!("NER={t}")
            } else {
                format!("{}|NER={t}", w.misc)
            };
        }
    }
    Ok(())
}
