//! `claimgraph eval`: scores of the shipped models on held-out test data, by the CoNLL 2018
//! shared-task rules (words aligned by character spans; F1).

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use std::io::Write;

use anyhow::{Context, Result};
use claimgraph_nlp::{Analysis, Pipeline};
use claimgraph_text::conllu::{self, Sentence};
use claimgraph_text::{Tokenizer, raw, to_conllu};
use serde::Serialize;

use crate::Outcome;
use crate::args::{EvalArgs, EvalSplit, EvalWhat};

/// Counts of a raw-text run: words aligned by character span.
#[derive(Debug, Default, Clone, Copy, Serialize)]
pub struct RawCounts {
    /// Gold words.
    pub gold: usize,
    /// Predicted words.
    pub system: usize,
    /// Aligned words with the right UPOS.
    pub upos: usize,
    /// Aligned words with the right head.
    pub uas: usize,
    /// Aligned words with the right head and universal relation.
    pub las: usize,
}

impl RawCounts {
    fn f1(&self, correct: usize) -> f64 {
        if self.gold + self.system == 0 {
            return 0.0;
        }
        200.0 * correct as f64 / (self.gold + self.system) as f64
    }

    fn add(&mut self, o: RawCounts) {
        self.gold += o.gold;
        self.system += o.system;
        self.upos += o.upos;
        self.uas += o.uas;
        self.las += o.las;
    }
}

fn read(path: &Path) -> Result<Vec<Sentence>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(conllu::parse(&text)?)
}

fn universal(rel: &str) -> &str {
    rel.split(':').next().unwrap_or(rel)
}

/// Runs the raw-text pipeline over the text of `gold` and counts aligned words.
pub fn score_raw(
    gold: &[Sentence],
    tokenizer: &Tokenizer,
    pipeline: &Pipeline,
) -> Result<(claimgraph_text::Scores, RawCounts)> {
    let text = raw::raw_text(gold);
    let (tokens, spans) = tokenizer.analyze(&text);
    let seg = claimgraph_text::evaluate(gold, &text, &tokens, &spans)?;
    let mut pred = to_conllu(&text, &tokens, &spans);
    let mut analysis = Analysis::default();
    for s in &mut pred {
        pipeline.annotate(s, &mut analysis);
    }
    // Predicted words in order, with their byte ranges, heads and relations (global indices).
    struct W<'a> {
        range: Range<usize>,
        head: Option<usize>,
        upos: &'a str,
        rel: &'a str,
    }
    let mut pw: Vec<W> = Vec::with_capacity(tokens.len());
    for (s, span) in pred.iter().zip(&spans) {
        let base = pw.len();
        for (k, w) in s.words.iter().enumerate() {
            let t = &tokens[span.tokens.start as usize + k];
            pw.push(W {
                range: t.start as usize..t.end as usize,
                head: w.head.filter(|&h| h > 0).map(|h| base + h - 1),
                upos: &w.upos,
                rel: universal(&w.deprel),
            });
        }
    }
    let by_range: HashMap<(usize, usize), usize> =
        pw.iter().enumerate().map(|(i, w)| ((w.range.start, w.range.end), i)).collect();
    let aligned = raw::align(gold, &text)?;
    let mut c = RawCounts { system: pw.len(), ..RawCounts::default() };
    let mut gold_ranges: Vec<Range<usize>> = Vec::new();
    for g in &aligned {
        gold_ranges.extend(g.words.iter().cloned());
    }
    let mut base = 0;
    for (gs, ga) in gold.iter().zip(&aligned) {
        for (w, r) in gs.words.iter().zip(&ga.words) {
            c.gold += 1;
            let Some(&p) = by_range.get(&(r.start, r.end)) else { continue };
            let p = &pw[p];
            if p.upos == w.upos {
                c.upos += 1;
            }
            let gold_head = w.head.filter(|&h| h > 0).map(|h| gold_ranges[base + h - 1].clone());
            let pred_head = p.head.map(|h| pw[h].range.clone());
            if gold_head == pred_head {
                c.uas += 1;
                if p.rel == universal(&w.deprel) {
                    c.las += 1;
                }
            }
        }
        base += gs.words.len();
    }
    Ok((seg, c))
}

#[derive(Default, Serialize)]
struct Report {
    split: &'static str,
    parser: &'static str,
    beam: usize,
    tokenizer: Option<serde_json::Value>,
    tokenizer_gum: Option<serde_json::Value>,
    gold_tokens: Option<serde_json::Value>,
    raw_ewt: Option<serde_json::Value>,
    raw_gum_news: Option<serde_json::Value>,
    ner: Option<serde_json::Value>,
}

/// The models scored: the embedded ones, or those of a `--models` folder.
struct Models {
    tokenizer: Tokenizer,
    pipeline: Pipeline,
    ner: Option<claimgraph_ner::Ner>,
}

impl Models {
    /// Files of `dir` (named as `train --out` writes them) replace the embedded models; a
    /// file missing there leaves the embedded one in place.
    fn load(dir: Option<&Path>) -> Result<Models> {
        let kind = claimgraph_nlp::default_parser();
        let Some(dir) = dir else {
            let pipeline = Pipeline::embedded_kind(kind)?;
            return Ok(Models { tokenizer: Tokenizer::try_new()?, pipeline, ner: None });
        };
        if !dir.is_dir() {
            anyhow::bail!("--models {}: not a folder", dir.display());
        }
        let file = |name: &str| Some(dir.join(name)).filter(|p| p.is_file());
        let tokenizer = match file("tokenizer/en_ewt.model") {
            Some(p) => {
                let text =
                    std::fs::read_to_string(&p).with_context(|| format!("cannot read {}", p.display()))?;
                let model = claimgraph_text::Model::from_text(&text)
                    .with_context(|| format!("{} is not a tokenizer model", p.display()))?;
                Tokenizer::with_model(model)
            }
            None => Tokenizer::try_new()?,
        };
        let tagger = match file("tagger.bin") {
            Some(p) => claimgraph_nlp::Tagger::load(&p)?,
            None => claimgraph_nlp::Tagger::embedded()?,
        };
        let mut parser = match file(kind.file_name()) {
            Some(p) => claimgraph_nlp::Parser::load(&p)?,
            None => claimgraph_nlp::Parser::embedded_kind(kind)?,
        };
        claimgraph_nlp::use_default_beam(&mut parser)?;
        let pipeline = Pipeline::new(tagger, parser);
        let ner = file("ner.bin").map(|p| claimgraph_ner::Ner::load(&p)).transpose()?;
        Ok(Models { tokenizer, pipeline, ner })
    }

    fn ner(&self) -> Result<&claimgraph_ner::Ner> {
        Ok(match &self.ner {
            Some(n) => n,
            None => claimgraph_ner::Ner::shared()?,
        })
    }
}

/// Runs `eval`.
pub fn run(a: &EvalArgs) -> Result<Outcome> {
    let mut out = std::io::stdout().lock();
    let all = a.what == EvalWhat::All;
    let split = a.split.name();
    let ewt_test = a.data.join(format!("ud-english-ewt/en_ewt-ud-{split}.conllu"));
    let mut rep = Report { split, ..Report::default() };
    let models = Models::load(a.models.as_deref())?;
    let (tokenizer, pipeline) = (&models.tokenizer, &models.pipeline);
    rep.parser = claimgraph_nlp::default_parser().name();
    rep.beam = pipeline.parser().beam_width();
    if all || a.what == EvalWhat::Tokenizer {
        let gold = read(&ewt_test)?;
        let s = claimgraph_text::evaluate_tokenizer(tokenizer, &gold)?;
        writeln!(
            out,
            "UD EWT {split}, raw text: Tokens F1 {:.2}  Words F1 {:.2}  Sentences F1 {:.2}",
            s.tokens.f1(),
            s.words.f1(),
            s.sentences.f1()
        )?;
        rep.tokenizer = Some(
            serde_json::json!({"tokens_f1": s.tokens.f1(), "words_f1": s.words.f1(), "sentences_f1": s.sentences.f1()}),
        );
        // every genre of GUM's split, one document at a time (each its own raw text)
        let docs = gum_documents(&a.data, a.split)?;
        let mut g = claimgraph_text::Scores::default();
        for d in &docs {
            g += claimgraph_text::evaluate_tokenizer(tokenizer, &read(d)?)?;
        }
        writeln!(
            out,
            "GUM {split} ({} documents), raw text: Tokens F1 {:.2}  Words F1 {:.2}  Sentences F1 {:.2}",
            docs.len(),
            g.tokens.f1(),
            g.words.f1(),
            g.sentences.f1()
        )?;
        rep.tokenizer_gum = Some(
            serde_json::json!({"documents": docs.len(), "tokens_f1": g.tokens.f1(), "words_f1": g.words.f1(), "sentences_f1": g.sentences.f1()}),
        );
    }
    if all || a.what == EvalWhat::Parser {
        let gold = read(&ewt_test)?;
        let mut pred = gold.clone();
        let mut analysis = Analysis::default();
        for s in &mut pred {
            pipeline.annotate(s, &mut analysis);
        }
        let s = claimgraph_nlp::evaluate(&gold, &pred)?;
        writeln!(
            out,
            "UD EWT {split}, gold tokens: UPOS {:.2}  XPOS {:.2}  UFeats {:.2}  Lemmas {:.2}  UAS {:.2}  LAS {:.2}  ({} parser, beam {})",
            s.upos, s.xpos, s.ufeats, s.lemmas, s.uas, s.las, rep.parser, rep.beam
        )?;
        rep.gold_tokens = Some(
            serde_json::json!({"upos": s.upos, "xpos": s.xpos, "ufeats": s.ufeats, "lemmas": s.lemmas, "uas": s.uas, "las": s.las}),
        );
    }
    if all || a.what == EvalWhat::Raw {
        let gold = read(&ewt_test)?;
        let (seg, c) = score_raw(&gold, tokenizer, pipeline)?;
        writeln!(
            out,
            "UD EWT {split}, raw text: Tokens F1 {:.2}  Sentences F1 {:.2}  UPOS {:.2}  UAS {:.2}  LAS {:.2}",
            seg.tokens.f1(),
            seg.sentences.f1(),
            c.f1(c.upos),
            c.f1(c.uas),
            c.f1(c.las)
        )?;
        rep.raw_ewt = Some(
            serde_json::json!({"tokens_f1": seg.tokens.f1(), "sentences_f1": seg.sentences.f1(), "upos": c.f1(c.upos), "uas": c.f1(c.uas), "las": c.f1(c.las)}),
        );
        let mut total = RawCounts::default();
        let docs = gum_news(&a.data, a.split)?;
        for d in &docs {
            let gold = read(d)?;
            let (_, c) = score_raw(&gold, tokenizer, pipeline)?;
            total.add(c);
        }
        writeln!(
            out,
            "GUM news {split} ({} documents), raw text: UPOS {:.2}  UAS {:.2}  LAS {:.2}",
            docs.len(),
            total.f1(total.upos),
            total.f1(total.uas),
            total.f1(total.las)
        )?;
        if a.split == EvalSplit::Dev {
            // GUM's dev documents are training data of the shipped tagger and parser
            writeln!(out, "  (GUM dev documents are in the tagger's and parser's training data)")?;
        }
        rep.raw_gum_news = Some(
            serde_json::json!({"documents": docs.len(), "upos": total.f1(total.upos), "uas": total.f1(total.uas), "las": total.f1(total.las)}),
        );
    }
    if all || a.what == EvalWhat::Ner {
        let ner = models.ner()?;
        let test = claimgraph_ner::read_iob2(&claimgraph_ner::uner_path(&a.data, split))?;
        let s = claimgraph_ner::evaluate(ner, &test);
        let mut line = format!("UNER EWT {split}: F1 {:.2}", s.overall.f1());
        for (l, c) in &s.per_label {
            line.push_str(&format!("  {l} P {:.1} R {:.1} F1 {:.1}", c.precision(), c.recall(), c.f1()));
        }
        writeln!(out, "{line}")?;
        rep.ner = Some(
            serde_json::json!({"f1": s.overall.f1(), "precision": s.overall.precision(), "recall": s.overall.recall()}),
        );
    }
    if a.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&rep)?)?;
    }
    Ok(Outcome::Success)
}

/// The GUM documents (all genres) of the dev or test split (`splits.md`).
fn gum_documents(data: &Path, split: EvalSplit) -> Result<Vec<std::path::PathBuf>> {
    let gum = data.join("gum");
    let which = match split {
        EvalSplit::Dev => claimgraph_text::gum::GumSplit::Dev,
        EvalSplit::Test => claimgraph_text::gum::GumSplit::Test,
    };
    claimgraph_text::gum::documents(&gum, &[which])
        .with_context(|| format!("cannot read the GUM {} split in {}", split.name(), gum.display()))
}

/// The GUM news documents of the dev or test split.
fn gum_news(data: &Path, split: EvalSplit) -> Result<Vec<std::path::PathBuf>> {
    let all = gum_documents(data, split)?;
    Ok(all
        .into_iter()
        .filter(|p| p.file_stem().and_then(|s| s.to_str()).is_some_and(|n| n.starts_with("GUM_news_")))
        .collect())
}
