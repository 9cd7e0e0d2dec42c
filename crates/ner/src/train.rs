//! Training: a structured (Viterbi) averaged perceptron over the corpora in the shared data
//! folder, with the gazetteer built from GeoNames and PETRARCH2 dictionaries.

use crate::clusters::{Clusters, unlabeled_sentences};
use crate::corpus::TaggedSentence;
use crate::corpus::gum::{GumSplit, read_gum};
use crate::corpus::iob2::read_iob2;
use crate::corpus::wikigold::read_wikigold;
use crate::decode::{Transitions, Viterbi};
use crate::error::{NerError, Result};
use crate::eval::{NerScores, evaluate};
use crate::features::Analysis;
use crate::gazetteer::Gazetteer;
use crate::gazetteer_build::{add_kb_entries, build_gazetteer};
use crate::hash::hash_lower;
use crate::scheme::{N_STATES as N_TAGS, encode};
use crate::tagger::Ner;
use crate::weights::WeightTable;
use claimgraph_nlp::perceptron::Perceptron;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Training settings. [`TrainConfig::default`] is what [`train`] uses.
#[derive(Debug, Clone)]
pub struct TrainConfig {
    /// Seed for the sentence shuffling (the only randomness).
    pub seed: u64,
    /// Maximum number of passes over the training data; the epoch with the best UNER dev F1
    /// is kept.
    pub epochs: usize,
    /// Add GUM's train+dev documents (named person/place/organization mentions). Off by
    /// default: GUM's mention conventions differ from UNER's and cost about 3 F1 on dev.
    pub use_gum: bool,
    /// Add WikiGold (MISC dropped).
    pub use_wikigold: bool,
    /// Use the gazetteer.
    pub use_gazetteer: bool,
    /// Features seen fewer times than this in the training data are not used (a little
    /// regularization: rare word/context combinations are mostly noise).
    pub min_feature_count: u32,
    /// Number of training runs with different shuffles (seeds `seed`, `seed + 1`, …) whose
    /// averaged weights are averaged again into the final model.
    pub replicas: usize,
    /// Number of word clusters learned from unannotated text (0 = no cluster features).
    pub clusters: usize,
    /// Also train on UNER dev (for the final model, once settings are tuned). Then no epoch
    /// is selected on dev: the last epoch is kept and the dev scores are training-set scores.
    pub train_on_dev: bool,
    /// Drop averaged features whose largest absolute weight is at most this.
    pub prune: f32,
    /// Keep at most this many features (those with the largest weights).
    pub max_features: usize,
    /// Add the knowledge base's organization and person names to the gazetteer. Off by
    /// default: no better on UNER dev (seeds 1–3: 73.12 / 72.37 / 71.98 F1 against
    /// 72.66 / 71.75 / 72.93 without).
    pub use_kb: bool,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            seed: 1,
            epochs: 10,
            use_gum: false,
            use_wikigold: true,
            use_gazetteer: true,
            train_on_dev: false,
            clusters: 100,
            min_feature_count: 2,
            replicas: 1,
            prune: 0.0,
            max_features: 300_000,
            use_kb: false,
        }
    }
}

/// What a training run did.
#[derive(Debug, Clone)]
pub struct TrainReport {
    /// Training sentences per source.
    pub sources: Vec<(String, usize)>,
    /// Training words in total.
    pub train_words: usize,
    /// Gazetteer phrases added.
    pub gazetteer_phrases: usize,
    /// UNER dev F1 (overall) after each epoch, per replica.
    pub dev_curves: Vec<Vec<f64>>,
    /// Epoch kept (1-based), per replica.
    pub best_epochs: Vec<usize>,
    /// Scores of the final (replica-averaged) model on UNER dev.
    pub dev: NerScores,
    /// Features in the saved model.
    pub features: usize,
    /// Size of the saved model file in bytes.
    pub model_bytes: usize,
    /// Wall-clock training time in seconds.
    pub seconds: f64,
}

/// Paths of the UNER English-EWT splits under the shared data folder.
pub fn uner_path(data_dir: &Path, split: &str) -> PathBuf {
    let dir = data_dir.join("uner-english-ewt");
    if split == "train" {
        let final_file = dir.join("en_ewt-ud-train.iob2");
        if final_file.exists() {
            return final_file;
        }
        return dir.join("en_ewt-ud-train.v0-2023-preliminary.iob2");
    }
    dir.join(format!("en_ewt-ud-{split}.iob2"))
}

/// Trains with [`TrainConfig::default`] and `seed`, writes the model to `out`.
pub fn train(data_dir: &Path, out: &Path, seed: u64) -> Result<TrainReport> {
    train_with(data_dir, out, &TrainConfig { seed, ..TrainConfig::default() })
}

/// Trains with explicit settings, writes the model to `out`.
pub fn train_with(data_dir: &Path, out: &Path, cfg: &TrainConfig) -> Result<TrainReport> {
    let started = Instant::now();
    let mut sources = Vec::new();
    let mut data: Vec<TaggedSentence> = read_iob2(&uner_path(data_dir, "train"))?;
    sources.push(("uner-ewt-train".to_string(), data.len()));
    if cfg.use_gum && data_dir.join("gum").exists() {
        let gum = read_gum(&data_dir.join("gum"), GumSplit::TrainDev)?;
        sources.push(("gum-train-dev".to_string(), gum.len()));
        data.extend(gum);
    }
    let wg = data_dir.join("wikigold").join("wikigold.conll.txt");
    if cfg.use_wikigold && wg.exists() {
        let w = read_wikigold(&wg)?;
        sources.push(("wikigold".to_string(), w.len()));
        data.extend(w);
    }
    if data.is_empty() {
        return Err(NerError::NoData(data_dir.to_path_buf()));
    }
    let dev = read_iob2(&uner_path(data_dir, "dev"))?;
    if cfg.train_on_dev {
        sources.push(("uner-ewt-dev".to_string(), dev.len()));
        data.extend(dev.iter().cloned());
    }

    let (gaz, gazetteer_phrases) = if cfg.use_gazetteer {
        let common = common_words(&data);
        let (mut g, mut n) = build_gazetteer(data_dir, &common)?;
        if cfg.use_kb {
            n += add_kb_entries(&mut g, &common)?;
        }
        (g, n)
    } else {
        (Gazetteer::new(), 0)
    };

    let clusters = if cfg.clusters > 0 {
        let mut text = unlabeled_sentences(data_dir)?;
        // the annotated training text is unannotated text too (UNER dev only when trained on)
        text.extend(data.iter().map(|s| s.words.iter().map(|w| hash_lower(w)).collect()));
        Clusters::learn(&text, cfg.clusters, 600, 3, 8)
    } else {
        Clusters::default()
    };

    // features of every training word, computed once
    let mut analysis = Analysis::default();
    let mut buf = Vec::new();
    let mut feats: Vec<u64> = Vec::new();
    let mut word_off: Vec<usize> = vec![0];
    let mut sent_words: Vec<usize> = vec![0];
    let mut gold: Vec<usize> = Vec::new();
    for s in &data {
        analysis.analyze(&s.words, &gaz, &clusters);
        for i in 0..s.words.len() {
            analysis.features(i, &mut buf);
            feats.extend_from_slice(&buf);
            word_off.push(feats.len());
        }
        gold.extend(encode(&s.tags));
        sent_words.push(gold.len());
    }
    let train_words = gold.len();
    if cfg.min_feature_count > 1 {
        let mut counts: HashMap<u64, u32> = HashMap::new();
        for &f in &feats {
            *counts.entry(f).or_default() += 1;
        }
        let mut kept = Vec::with_capacity(feats.len());
        let mut offs = Vec::with_capacity(word_off.len());
        offs.push(0);
        for w in 0..word_off.len() - 1 {
            let slice = &feats[word_off[w]..word_off[w + 1]];
            kept.extend(slice.iter().filter(|f| counts[*f] >= cfg.min_feature_count));
            offs.push(kept.len());
        }
        feats = kept;
        word_off = offs;
    }

    let prepared = Prepared { feats, word_off, sent_words, gold };
    let mut replicas = Vec::new();
    for r in 0..cfg.replicas.max(1) {
        let seed = cfg.seed.wrapping_add(r as u64);
        replicas.push(run_replica(&prepared, seed, cfg, &gaz, &clusters, &dev));
    }
    // parameter averaging across replicas (different shuffles): less variance
    let n = replicas.len() as f32;
    let mut sum: HashMap<u64, Vec<f32>> = HashMap::new();
    let mut trans = [[0f32; N_TAGS]; N_TAGS + 1];
    for rep in &replicas {
        for (k, w) in &rep.rows {
            let e = sum.entry(*k).or_insert_with(|| vec![0.0; N_TAGS]);
            e.iter_mut().zip(w).for_each(|(a, b)| *a += b / n);
        }
        for (row, rrow) in trans.iter_mut().zip(&rep.trans) {
            row.iter_mut().zip(rrow).for_each(|(a, b)| *a += b / n);
        }
    }
    let mut rows: Vec<(u64, Vec<f32>)> = sum.into_iter().collect();
    rows.sort_unstable_by_key(|r| r.0);
    let ner = build_ner(&rows, trans, &gaz, &clusters, cfg);
    let dev_scores = evaluate(&ner, &dev);
    let bytes = ner.to_bytes();
    std::fs::write(out, &bytes).map_err(|e| NerError::io(out, e))?;
    Ok(TrainReport {
        sources,
        train_words,
        gazetteer_phrases,
        dev_curves: replicas.iter().map(|r| r.curve.clone()).collect(),
        best_epochs: replicas.iter().map(|r| r.best_epoch).collect(),
        dev: dev_scores,
        features: ner.n_features(),
        model_bytes: bytes.len(),
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// Training words as feature slices and gold states.
struct Prepared {
    feats: Vec<u64>,
    word_off: Vec<usize>,
    sent_words: Vec<usize>,
    gold: Vec<usize>,
}

/// One training run's kept (averaged) weights.
struct Replica {
    rows: Vec<(u64, Vec<f32>)>,
    trans: Transitions,
    curve: Vec<f64>,
    best_epoch: usize,
}

/// Trains one model with one shuffling seed; keeps the epoch with the best dev F1 (or the
/// last epoch when dev is trained on).
fn run_replica(
    p: &Prepared,
    seed: u64,
    cfg: &TrainConfig,
    gaz: &Gazetteer,
    clusters: &Clusters,
    dev: &[TaggedSentence],
) -> Replica {
    let mut model = Perceptron::new(N_TAGS);
    let mut trans = AveragedTransitions::default();
    let mut viterbi = Viterbi::default();
    let mut rng = SplitMix(seed);
    let mut order: Vec<usize> = (0..p.sent_words.len() - 1).collect();
    let mut emissions: Vec<[f32; N_TAGS]> = Vec::new();
    let mut pred = Vec::new();
    let mut curve = Vec::new();
    let mut best: Option<(f64, Replica)> = None;
    let feats_of = |w: usize| &p.feats[p.word_off[w]..p.word_off[w + 1]];
    for epoch in 1..=cfg.epochs.max(1) {
        rng.shuffle(&mut order);
        for &si in &order {
            let (a, b) = (p.sent_words[si], p.sent_words[si + 1]);
            emissions.clear();
            for w in a..b {
                let mut e = [0f32; N_TAGS];
                model.score_into(feats_of(w), &mut e);
                emissions.push(e);
            }
            viterbi.decode(&emissions, &trans.weights, &mut pred);
            let g = &p.gold[a..b];
            if pred.as_slice() != g {
                for (k, w) in (a..b).enumerate() {
                    if pred[k] != g[k] {
                        model.update(feats_of(w), g[k], pred[k]);
                    }
                    let gp = if k == 0 { N_TAGS } else { g[k - 1] };
                    let pp = if k == 0 { N_TAGS } else { pred[k - 1] };
                    if (gp, g[k]) != (pp, pred[k]) {
                        trans.update(gp, g[k], 1.0);
                        trans.update(pp, pred[k], -1.0);
                    }
                }
            }
            model.tick();
            trans.tick();
        }
        let mut m = model.clone();
        m.average(cfg.prune);
        let rows: Vec<(u64, Vec<f32>)> = m.rows().into_iter().map(|(k, w)| (k, w.to_vec())).collect();
        let t = trans.averaged();
        let f1 = evaluate(&build_ner(&rows, t, gaz, clusters, cfg), dev).overall.f1();
        curve.push(f1);
        if cfg.train_on_dev || best.as_ref().is_none_or(|(bf, _)| f1 > *bf) {
            let rep = Replica { rows, trans: t, curve: Vec::new(), best_epoch: epoch };
            best = Some((f1, rep));
        }
    }
    let mut rep = best.map(|(_, r)| r).unwrap_or(Replica {
        rows: Vec::new(),
        trans: [[0.0; N_TAGS]; N_TAGS + 1],
        curve: Vec::new(),
        best_epoch: 0,
    });
    rep.curve = curve;
    rep
}

/// Prunes to `max_features` (largest weights first), quantizes and builds a tagger.
fn build_ner(
    rows: &[(u64, Vec<f32>)],
    trans: Transitions,
    gaz: &Gazetteer,
    clusters: &Clusters,
    cfg: &TrainConfig,
) -> Ner {
    let mut rows: Vec<(u64, &[f32])> = rows.iter().map(|(k, w)| (*k, w.as_slice())).collect();
    if rows.len() > cfg.max_features {
        let size = |w: &[f32]| w.iter().fold(0f32, |a, x| a.max(x.abs()));
        rows.sort_by(|a, b| size(b.1).total_cmp(&size(a.1)).then(a.0.cmp(&b.0)));
        rows.truncate(cfg.max_features);
        rows.sort_unstable_by_key(|r| r.0);
    }
    let (q, scale) = WeightTable::quantize(&rows);
    Ner::from_parts(WeightTable::new(&q, scale), trans, gaz.clone(), clusters.clone())
}

/// Lowercase hashes of words that are mostly written in lowercase in the training data:
/// never used as one-word gazetteer entries ("may", "bay", "mobile").
fn common_words(data: &[TaggedSentence]) -> HashSet<u64> {
    let mut counts: HashMap<u64, (u32, u32)> = HashMap::new();
    for s in data {
        for w in &s.words {
            let e = counts.entry(hash_lower(w)).or_default();
            if w.chars().any(char::is_uppercase) {
                e.1 += 1;
            } else {
                e.0 += 1;
            }
        }
    }
    counts.into_iter().filter(|&(_, (lc, cap))| lc >= 2 && lc >= cap).map(|(k, _)| k).collect()
}

/// Transition weights with lazy averaging (same scheme as the emission perceptron).
#[derive(Debug, Clone)]
struct AveragedTransitions {
    weights: Transitions,
    totals: Transitions,
    stamps: [[u32; N_TAGS]; N_TAGS + 1],
    step: u32,
}

impl Default for AveragedTransitions {
    fn default() -> Self {
        AveragedTransitions {
            weights: [[0.0; N_TAGS]; N_TAGS + 1],
            totals: [[0.0; N_TAGS]; N_TAGS + 1],
            stamps: [[0; N_TAGS]; N_TAGS + 1],
            step: 0,
        }
    }
}

impl AveragedTransitions {
    fn tick(&mut self) {
        self.step += 1;
    }
    fn update(&mut self, p: usize, c: usize, delta: f32) {
        self.totals[p][c] += (self.step - self.stamps[p][c]) as f32 * self.weights[p][c];
        self.stamps[p][c] = self.step;
        self.weights[p][c] += delta;
    }
    #[allow(clippy::needless_range_loop)] // parallel arrays indexed by tag
    fn averaged(&self) -> Transitions {
        let step = self.step.max(1) as f32;
        let mut out = [[0.0; N_TAGS]; N_TAGS + 1];
        for p in 0..=N_TAGS {
            for c in 0..N_TAGS {
                let total = self.totals[p][c] + (self.step - self.stamps[p][c]) as f32 * self.weights[p][c];
                out[p][c] = total / step;
            }
        }
        out
    }
}

/// SplitMix64: a tiny deterministic generator for shuffling.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}
