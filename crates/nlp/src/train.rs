//! Training entry points over the open data folder (the CLI's `train tagger|parser|all`).
//!
//! The folder (`../shared/data`) holds the UD English EWT treebank in `ud-english-ewt/`
//! (one `*-ud-train.conllu` and one `*-ud-dev.conllu`, UD's naming) and, when present, GUM
//! in `gum/`. Training takes EWT train plus GUM's train and dev documents (GUM is UD English
//! too, with the same conventions and more news and spoken genres); EWT dev is used only to
//! pick the best epoch, and the test splits of both are never read. A folder that is itself
//! a treebank (holding the two files) trains on that treebank alone. The parser is trained
//! on jackknifed predicted tags (each fold tagged by a tagger trained on the other folds), so
//! that it sees tagging errors like those it meets at run time.

use std::path::{Path, PathBuf};
use std::time::Instant;

use claimgraph_text::conllu::{self, Sentence};

use crate::error::{NlpError, Result};
use crate::folds::{par_folds, split};
use crate::parser::train::{ParserConfig, train_parser_model};
use crate::parser::{Parser, ParserKind};
use crate::tagger::Tagger;
use crate::tagger::train::{TaggerConfig, train_tagger_model};

/// Folds of the jackknife that tags the parser's training sentences (10 were tried: worse on
/// dev and test, see `models/cards/parser.md`).
const JACKKNIFE_FOLDS: usize = 5;

/// Weights below this magnitude are dropped from the saved tagger: 6.5 MB → 5.9 MB with no
/// loss on dev.
pub const TAGGER_PRUNE: f32 = 0.6;
/// Weights below this magnitude are dropped from the saved parser: 17.6 MB → 8.2 MB for
/// about −0.1 LAS on dev, and a quarter faster (fewer rows to miss in the cache).
pub const PARSER_PRUNE: f32 = 2.0;
/// Beam width of the accurate parser (training and decoding).
pub const BEAM_WIDTH: usize = 8;
/// Most passes of the accurate parser's training, and passes without a dev gain before it
/// stops.
pub const BEAM_EPOCHS: usize = 30;
/// See [`BEAM_EPOCHS`].
pub const BEAM_PATIENCE: usize = 4;
/// Weights below this magnitude are dropped from the saved accurate parser: 52.4 MB → 15.8 MB
/// for −0.3 LAS on dev (at 2.0 it would be 9.7 MB and −0.6 LAS), which keeps all models
/// within 40 MB.
pub const BEAM_PARSER_PRUNE: f32 = 1.5;

/// What a training run did.
#[derive(Debug, Clone, Default)]
pub struct TrainReport {
    /// Model files written.
    pub files: Vec<PathBuf>,
    /// Training sentences.
    pub train_sentences: usize,
    /// Lines of a human-readable log (per-epoch dev scores, sizes, times).
    pub log: Vec<String>,
    /// Wall-clock seconds.
    pub seconds: f64,
}

/// Reads a CoNLL-U file.
pub fn read_conllu(path: &Path) -> Result<Vec<Sentence>> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| NlpError::Data { path: path.into(), message: e.to_string() })?;
    conllu::parse(&text).map_err(|e| NlpError::Data { path: path.into(), message: e.to_string() })
}

/// Finds the file of a treebank directory whose name ends with `suffix`.
pub fn find_split(dir: &Path, suffix: &str) -> Result<PathBuf> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| NlpError::Data { path: dir.into(), message: e.to_string() })?;
    let mut found: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.ends_with(suffix)))
        .collect();
    found.sort();
    found
        .into_iter()
        .next()
        .ok_or_else(|| NlpError::Data { path: dir.into(), message: format!("no file ending in {suffix}") })
}

/// Training and dev sentences of the data folder `data_dir` (see the module docs), and a
/// line saying what they are.
pub fn load_splits(data_dir: &Path) -> Result<(Vec<Sentence>, Vec<Sentence>, String)> {
    let s = load_splits_primary(data_dir)?;
    Ok((s.train, s.dev, s.what))
}

/// What [`load_splits_primary`] reads.
#[derive(Debug, Clone)]
pub struct Splits {
    /// Training sentences: the treebank's, then GUM's.
    pub train: Vec<Sentence>,
    /// The treebank's dev sentences.
    pub dev: Vec<Sentence>,
    /// A line saying what they are.
    pub what: String,
    /// How many of `train` are the treebank's own (EWT): its annotation conventions win
    /// where GUM's differ (see [`TaggerConfig::feats_primary`]).
    pub primary: usize,
}

/// [`load_splits`], saying which training sentences are the treebank's own.
pub fn load_splits_primary(data_dir: &Path) -> Result<Splits> {
    let ewt = data_dir.join("ud-english-ewt");
    let (treebank, gum) =
        if ewt.is_dir() { (ewt, Some(data_dir.join("gum"))) } else { (data_dir.into(), None) };
    let mut train = read_conllu(&find_split(&treebank, "-ud-train.conllu")?)?;
    let dev = read_conllu(&find_split(&treebank, "-ud-dev.conllu")?)?;
    let mut what = format!("{} sentences of {} train", train.len(), treebank.display());
    if let Some(gum) = gum.filter(|g| g.join("splits.md").is_file()) {
        use claimgraph_text::gum::{GumSplit, documents};
        let files = documents(&gum, &[GumSplit::Train, GumSplit::Dev])
            .map_err(|e| NlpError::Data { path: gum.clone(), message: e.to_string() })?;
        let before = train.len();
        for f in &files {
            train.extend(read_conllu(f)?);
        }
        what += &format!(" + {} of {} GUM train/dev documents", train.len() - before, files.len());
        return Ok(Splits { train, dev, what, primary: before });
    }
    let primary = train.len();
    Ok(Splits { train, dev, what, primary })
}

fn ensure_dir(out_dir: &Path) -> Result<()> {
    std::fs::create_dir_all(out_dir).map_err(|source| NlpError::Io { path: out_dir.into(), source })
}

fn fit_tagger(
    train: &[Sentence],
    primary: usize,
    dev: &[Sentence],
    seed: u64,
    log: &mut Vec<String>,
) -> Tagger {
    let cfg = TaggerConfig { seed, feats_primary: primary, ..Default::default() };
    let (t, tlog) = train_tagger_model(train, dev, &cfg);
    for (e, acc, upos) in &tlog.epochs {
        log.push(format!("tagger epoch {e}: dev tag {:.2} UPOS {:.2}", acc * 100.0, upos * 100.0));
    }
    for (e, acc, upos) in &tlog.second_epochs {
        log.push(format!(
            "tagger second pass epoch {e}: dev tag {:.2} UPOS {:.2}",
            acc * 100.0,
            upos * 100.0
        ));
    }
    let (rows, weights, lex) = t.stats();
    log.push(format!(
        "tagger: best epoch {} (second pass {}), {rows} feature rows, {weights} weights, {lex} lexicon words",
        tlog.best_epoch, tlog.second_best_epoch
    ));
    t
}

/// Trains the tagger (with FEATS tables and lemmatizer) and writes `out_dir/tagger.bin`.
pub fn train_tagger(data_dir: &Path, out_dir: &Path, seed: u64) -> Result<TrainReport> {
    let s = load_splits_primary(data_dir)?;
    write_tagger(&s.train, s.primary, &s.dev, s.what, out_dir, seed)
}

/// [`train_tagger`] on sentences already read; `what` says what they are.
fn write_tagger(
    train: &[Sentence],
    primary: usize,
    dev: &[Sentence],
    what: String,
    out_dir: &Path,
    seed: u64,
) -> Result<TrainReport> {
    let start = Instant::now();
    ensure_dir(out_dir)?;
    let mut report = TrainReport { train_sentences: train.len(), log: vec![what], ..Default::default() };
    let t = fit_tagger(train, primary, dev, seed, &mut report.log).pruned(TAGGER_PRUNE);
    let path = out_dir.join("tagger.bin");
    t.save(&path)?;
    report.log.push(format!("wrote {} ({} bytes)", path.display(), t.to_bytes().len()));
    report.files.push(path);
    report.seconds = start.elapsed().as_secs_f64();
    Ok(report)
}

/// Replaces the UPOS/XPOS columns of `sents` by the tagger's predictions.
pub fn retag(t: &Tagger, sents: &[Sentence]) -> Vec<Sentence> {
    sents
        .iter()
        .map(|s| {
            let mut s = s.clone();
            let tags = t.tag_words(&s.words.iter().map(|w| w.form.as_str()).collect::<Vec<_>>());
            for (w, tag) in s.words.iter_mut().zip(tags) {
                w.upos = t.upos(tag).to_string();
                w.xpos = t.xpos(tag).to_string();
            }
            s
        })
        .collect()
}

/// Jackknifed tags: each of `folds` parts of `train` tagged by a tagger trained on the rest
/// (folds in parallel, see [`par_folds`]). The fold taggers have no second pass: the
/// parser is trained on first-pass tags, a little worse than those it gets at run time.
/// Training it on two-pass tags instead scored no better (EWT dev LAS −0.28, test +0.10)
/// and made `train all` take 13.6 minutes instead of 8.9.
pub fn jackknife(train: &[Sentence], dev: &[Sentence], folds: usize, seed: u64) -> Vec<Sentence> {
    let folds = folds.max(2);
    let tagged = par_folds(folds, |k| {
        let (rest, held) = split(train, folds, k);
        let cfg = TaggerConfig { seed: seed + k as u64, second_pass_folds: 0, ..Default::default() };
        let (t, _) = train_tagger_model(&rest, dev, &cfg);
        let held_sents: Vec<Sentence> = held.iter().map(|&i| train[i].clone()).collect();
        held.into_iter().zip(retag(&t, &held_sents)).collect::<Vec<_>>()
    });
    let mut out: Vec<Option<Sentence>> = vec![None; train.len()];
    for (i, s) in tagged.into_iter().flatten() {
        out[i] = Some(s);
    }
    out.into_iter().zip(train).map(|(s, orig)| s.unwrap_or_else(|| orig.clone())).collect()
}

/// Trains both parsers on jackknifed tags and writes `out_dir/parser.bin` (beam, accurate)
/// and `out_dir/parser-fast.bin` (greedy). Dev sentences are tagged by `out_dir/tagger.bin`
/// when it exists, else by a tagger trained here.
pub fn train_parser(data_dir: &Path, out_dir: &Path, seed: u64) -> Result<TrainReport> {
    let (train, dev, what) = load_splits(data_dir)?;
    write_parser(&train, &dev, what, out_dir, seed)
}

/// [`train_parser`] on sentences already read; `what` says what they are.
fn write_parser(
    train: &[Sentence],
    dev: &[Sentence],
    what: String,
    out_dir: &Path,
    seed: u64,
) -> Result<TrainReport> {
    let start = Instant::now();
    ensure_dir(out_dir)?;
    let mut report = TrainReport { train_sentences: train.len(), log: vec![what], ..Default::default() };
    let tagger_path = out_dir.join("tagger.bin");
    let tagger = if tagger_path.exists() {
        Tagger::load(&tagger_path)?
    } else {
        fit_tagger(train, train.len(), dev, seed, &mut report.log)
    };
    let t0 = Instant::now();
    let train_tagged = jackknife(train, dev, JACKKNIFE_FOLDS, seed);
    report
        .log
        .push(format!("jackknifed tags ({JACKKNIFE_FOLDS} folds) in {:.0} s", t0.elapsed().as_secs_f64()));
    let dev_tagged = retag(&tagger, dev);
    // the two parsers train side by side, one thread each
    let kinds = [ParserKind::Accurate, ParserKind::Fast];
    let fitted: Vec<(Parser, Vec<String>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = kinds
            .iter()
            .map(|&kind| {
                let (train_tagged, dev_tagged) = (&train_tagged, &dev_tagged);
                scope.spawn(move || {
                    let mut log = Vec::new();
                    let p = fit_parser(train_tagged, dev_tagged, kind, seed, &mut log);
                    (p, log)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("parser training thread")).collect()
    });
    for (kind, (parser, log)) in kinds.into_iter().zip(fitted) {
        report.log.extend(log);
        let path = out_dir.join(kind.file_name());
        parser.save(&path)?;
        report.log.push(format!("wrote {} ({} bytes)", path.display(), parser.to_bytes().len()));
        report.files.push(path);
    }
    report.seconds = start.elapsed().as_secs_f64();
    Ok(report)
}

/// The training settings of each parser: the greedy one with the dynamic oracle, the
/// accurate one with a beam of [`BEAM_WIDTH`] and global training.
pub fn parser_config(kind: ParserKind, seed: u64) -> (ParserConfig, f32) {
    match kind {
        ParserKind::Fast => (ParserConfig { seed, ..Default::default() }, PARSER_PRUNE),
        ParserKind::Accurate => (
            ParserConfig {
                seed,
                beam: BEAM_WIDTH,
                epochs: BEAM_EPOCHS,
                patience: BEAM_PATIENCE,
                ..Default::default()
            },
            BEAM_PARSER_PRUNE,
        ),
    }
}

fn fit_parser(
    train_tagged: &[Sentence],
    dev_tagged: &[Sentence],
    kind: ParserKind,
    seed: u64,
    log: &mut Vec<String>,
) -> Parser {
    let t0 = Instant::now();
    let (cfg, prune) = parser_config(kind, seed);
    let (p, plog) = train_parser_model(train_tagged, dev_tagged, &cfg);
    let name = kind.name();
    for (e, uas, las) in &plog.epochs {
        log.push(format!(
            "{name} parser epoch {e}: dev UAS {:.2} LAS(full labels) {:.2}",
            uas * 100.0,
            las * 100.0
        ));
    }
    let p = p.pruned(prune);
    let (rows, weights, labels) = p.stats();
    log.push(format!(
        "{name} parser (beam {}): best epoch {}, {labels} move labels, {rows} feature rows, {weights} weights, {:.0} s",
        cfg.beam,
        plog.best_epoch,
        t0.elapsed().as_secs_f64()
    ));
    p
}

/// Trains tagger and parser and writes both model files.
pub fn train_all(data_dir: &Path, out_dir: &Path, seed: u64) -> Result<TrainReport> {
    let start = Instant::now();
    let Splits { train, dev, what, primary } = load_splits_primary(data_dir)?;
    let mut report = write_tagger(&train, primary, &dev, what, out_dir, seed)?;
    // The parser's dev tags come from the tagger just written (pruned), as at run time.
    let p = write_parser(&train, &dev, String::new(), out_dir, seed)?;
    report.files.extend(p.files);
    report.log.extend(p.log.into_iter().filter(|l| !l.is_empty()));
    report.seconds = start.elapsed().as_secs_f64();
    Ok(report)
}
