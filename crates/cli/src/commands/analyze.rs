//! `claimgraph analyze`: the syntactic pipeline (tokens, sentences, tags, lemmas, trees,
//! entities) as CoNLL-U.

use std::io::{Read, Write};

use anyhow::{Context, Result, bail};
use claimgraph_ingest::{ReadOptions, read_text_bytes};
use claimgraph_ner::Ner;
use claimgraph_nlp::{Analysis, Pipeline};
use claimgraph_text::conllu::{self, Sentence};
use claimgraph_text::{Tokenizer, to_conllu_in_document};
use rayon::prelude::*;

use crate::Outcome;
use crate::args::{AnalyzeArgs, AnalyzeFrom};

/// Sentences analysed and written out at a time (`--from text`), and bytes of CoNLL-U read
/// at a time (`--from conllu`): memory stays that of the input and one batch, not of the
/// whole output.
const BATCH_SENTENCES: usize = 2048;
const BATCH_BYTES: usize = 1 << 20;

/// Runs `analyze`.
pub fn run(a: &AnalyzeArgs) -> Result<Outcome> {
    let source = a.input.display().to_string();
    let bytes = read_input(a)?;
    let jobs = a.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let annotator = Annotator::new(jobs)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut write = |sentences: &mut Vec<Sentence>| -> Result<()> {
        annotator.annotate(sentences);
        out.write_all(conllu::write(sentences).as_bytes())?;
        Ok(())
    };
    match a.from {
        AnalyzeFrom::Conllu => {
            let text =
                std::str::from_utf8(&bytes).with_context(|| format!("{source}: CoNLL-U must be UTF-8"))?;
            // Checked whole before anything is written, a batch at a time: a bad line gives an
            // error, not half an output.
            for chunk in conllu::parse_chunks(text, BATCH_BYTES) {
                chunk.with_context(|| format!("{source}: not CoNLL-U"))?;
            }
            for chunk in conllu::parse_chunks(text, BATCH_BYTES) {
                let mut sents = chunk.with_context(|| format!("{source}: not CoNLL-U"))?;
                for s in &mut sents {
                    // Only ID and FORM are read; keep what MISC says of the token itself
                    // (spacing, its place in the text), drop the rest.
                    for w in &mut s.words {
                        w.misc = token_misc(&w.misc);
                    }
                }
                write(&mut sents)?;
            }
        }
        AnalyzeFrom::Text => {
            let opts = ReadOptions { max_bytes: a.max_bytes, ..ReadOptions::default() };
            let loaded = read_text_bytes(&bytes, &source, &opts)?;
            drop(bytes);
            for w in &loaded.warnings {
                eprintln!("warning: {source}: {w}");
            }
            let text = loaded.document.text();
            let offsets = loaded.document.offsets();
            let (tokens, spans) = Tokenizer::new().analyze(text);
            for (k, batch) in spans.chunks(BATCH_SENTENCES).enumerate() {
                let first_id = k * BATCH_SENTENCES + 1;
                write(&mut to_conllu_in_document(text, offsets, &tokens, batch, first_id))?;
            }
        }
    }
    out.flush()?;
    Ok(Outcome::Success)
}

/// The items of a word's MISC that describe the token rather than an analysis:
/// `SpaceAfter=No` and `TokenRange=START:END` (as `--from text` writes them); `_` if none.
fn token_misc(misc: &str) -> String {
    let kept: Vec<&str> =
        misc.split('|').filter(|kv| *kv == "SpaceAfter=No" || kv.starts_with("TokenRange=")).collect();
    if kept.is_empty() { "_".to_string() } else { kept.join("|") }
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

/// The shipped models and the threads that run them.
struct Annotator {
    pipeline: &'static Pipeline,
    ner: &'static Ner,
    /// None for one thread.
    pool: Option<rayon::ThreadPool>,
}

impl Annotator {
    fn new(jobs: usize) -> Result<Self> {
        let pool =
            (jobs > 1).then(|| rayon::ThreadPoolBuilder::new().num_threads(jobs).build()).transpose()?;
        Ok(Annotator { pipeline: Pipeline::shared()?, ner: Ner::shared()?, pool })
    }

    /// Fills tags, lemmas, trees and `NER=` tags of every sentence. Each sentence is
    /// analysed on its own, so the result does not depend on the number of threads.
    fn annotate(&self, sentences: &mut [Sentence]) {
        let chunk = |sentences: &mut [Sentence]| {
            let mut analysis = Analysis::default();
            let mut tags = Vec::new();
            for s in sentences {
                annotate_one(self.pipeline, self.ner, s, &mut analysis, &mut tags);
            }
        };
        match &self.pool {
            Some(pool) if sentences.len() > CHUNK => {
                pool.install(|| sentences.par_chunks_mut(CHUNK).for_each(chunk));
            }
            _ => chunk(sentences),
        }
    }
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
