//! `claimgraph analyze`: the syntactic pipeline (tokens, sentences, tags, lemmas, trees,
//! entities) as CoNLL-U.

use std::io::{Read, Write};

use anyhow::{Context, Result, bail};
use claimgraph_ingest::{ReadOptions, read_text_bytes};
use claimgraph_ner::Ner;
use claimgraph_nlp::{Analysis, Pipeline};
use claimgraph_text::conllu::{self, Sentence};
use claimgraph_text::{Tokenizer, to_conllu};
use rayon::prelude::*;

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
    let jobs = a.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    annotate(&mut sentences, jobs)?;
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

/// Sentences one thread analyses at a time: enough to keep the threads' shares of the
/// work even, few enough that a short input still spreads over them.
const CHUNK: usize = 32;

/// Fills tags, lemmas, trees and `NER=` tags of every sentence with the shipped models, on
/// `jobs` threads. Each sentence is analysed on its own, so the result does not depend on
/// the number of threads.
pub fn annotate(sentences: &mut [Sentence], jobs: usize) -> Result<()> {
    let pipeline = Pipeline::shared()?;
    let ner = Ner::shared()?;
    let chunk = |sentences: &mut [Sentence]| {
        let mut analysis = Analysis::default();
        let mut tags = Vec::new();
        for s in sentences {
            annotate_one(pipeline, ner, s, &mut analysis, &mut tags);
        }
    };
    if jobs <= 1 || sentences.len() <= CHUNK {
        chunk(sentences);
        return Ok(());
    }
    let pool = rayon::ThreadPoolBuilder::new().num_threads(jobs).build()?;
    pool.install(|| sentences.par_chunks_mut(CHUNK).for_each(chunk));
    Ok(())
}

fn annotate_one(
    pipeline: &Pipeline,
    ner: &Ner,
    s: &mut Sentence,
    analysis: &mut Analysis,
    tags: &mut Vec<claimgraph_ner::EntityTag>,
) {
    if s.words.is_empty() {
        return;
    }
    pipeline.annotate(s, analysis);
    let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
    ner.tag_into(&forms, tags);
    for (w, t) in s.words.iter_mut().zip(tags.iter()) {
        w.misc = if w.misc == "_" || w.misc.is_empty() {
            format!("NER={t}")
        } else {
            format!("{}|NER={t}", w.misc)
        };
    }
}
