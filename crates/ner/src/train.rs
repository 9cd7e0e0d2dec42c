//! Training: a structured (Viterbi) averaged perceptron over the corpora in the shared data
//! folder, with the gazetteer built from GeoNames and PETRARCH2 dictionaries.

use crate::corpus::TaggedSentence;
use crate::corpus::gum::{GumSplit, read_gum};
use crate::corpus::iob2::read_iob2;
use crate::corpus::wikigold::read_wikigold;
use crate::decode::{Transitions, Viterbi};
use crate::error::{NerError, Result};
use crate::eval::{NerScores, evaluate};
use crate::features::Analysis;
use crate::gazetteer::Gazetteer;
use crate::gazetteer_build::build_gazetteer;
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
    /// Also train on UNER dev (for the final model, once settings are tuned). Then no epoch
    /// is selected on dev: the last epoch is kept and the dev scores are training-set scores.
    pub train_on_dev: bool,
    /// Drop averaged features whose largest absolute weight is at most this.
    pub prune: f32,
    /// Keep at most this many features (those with the largest weights).
    pub max_features: usize,
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
            prune: 0.0,
            max_features: 300_000,
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
    /// UNER dev F1 (overall) after each epoch.
    pub dev_curve: Vec<f64>,
    /// Epoch kept (1-based).
    pub best_epoch: usize,
    /// Scores of the kept model on UNER dev.
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
        build_gazetteer(data_dir, &common_words(&data))?
    } else {
        (Gazetteer::new(), 0)
    };

    // features of every training word, computed once
    let mut analysis = Analysis::default();
    let mut buf = Vec::new();
    let mut feats: Vec<u64> = Vec::new();
    let mut word_off: Vec<usize> = vec![0];
    let mut sent_words: Vec<usize> = vec![0];
    let mut gold: Vec<usize> = Vec::new();
    for s in &data {
        analysis.analyze(&s.words, &gaz);
        for i in 0..s.words.len() {
            analysis.features(i, &mut buf);
            feats.extend_from_slice(&buf);
            word_off.push(feats.len());
        }
        gold.extend(encode(&s.tags));
        sent_words.push(gold.len());
    }
    let train_words = gold.len();

    let mut model = Perceptron::new(N_TAGS);
    let mut trans = AveragedTransitions::default();
    let mut viterbi = Viterbi::default();
    let mut rng = SplitMix(cfg.seed);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut emissions: Vec<[f32; N_TAGS]> = Vec::new();
    let mut pred = Vec::new();
    let mut dev_curve = Vec::new();
    let mut best: Option<(f64, usize, Ner, NerScores)> = None;
    for epoch in 1..=cfg.epochs.max(1) {
        rng.shuffle(&mut order);
        for &si in &order {
            let (a, b) = (sent_words[si], sent_words[si + 1]);
            emissions.clear();
            for w in a..b {
                let mut e = [0f32; N_TAGS];
                model.score_into(&feats[word_off[w]..word_off[w + 1]], &mut e);
                emissions.push(e);
            }
            viterbi.decode(&emissions, &trans.weights, &mut pred);
            let g = &gold[a..b];
            if pred.as_slice() != g {
                for (k, w) in (a..b).enumerate() {
                    if pred[k] != g[k] {
                        model.update(&feats[word_off[w]..word_off[w + 1]], g[k], pred[k]);
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
        let ner = finish(&model, &trans, &gaz, cfg);
        let scores = evaluate(&ner, &dev);
        let f1 = scores.overall.f1();
        dev_curve.push(f1);
        if cfg.train_on_dev || best.as_ref().is_none_or(|(bf, ..)| f1 > *bf) {
            best = Some((f1, epoch, ner, scores));
        }
    }
    let (_, best_epoch, ner, dev_scores) = best.ok_or(NerError::NoData(data_dir.to_path_buf()))?;
    let bytes = ner.to_bytes();
    std::fs::write(out, &bytes).map_err(|e| NerError::io(out, e))?;
    Ok(TrainReport {
        sources,
        train_words,
        gazetteer_phrases,
        dev_curve,
        best_epoch,
        dev: dev_scores,
        features: ner.n_features(),
        model_bytes: bytes.len(),
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// Averages a copy of the weights, prunes, quantizes and builds a tagger.
fn finish(model: &Perceptron, trans: &AveragedTransitions, gaz: &Gazetteer, cfg: &TrainConfig) -> Ner {
    let mut m = model.clone();
    m.average(cfg.prune);
    let mut rows = m.rows();
    if rows.len() > cfg.max_features {
        let size = |w: &[f32]| w.iter().fold(0f32, |a, x| a.max(x.abs()));
        rows.sort_by(|a, b| size(b.1).total_cmp(&size(a.1)).then(a.0.cmp(&b.0)));
        rows.truncate(cfg.max_features);
        rows.sort_unstable_by_key(|r| r.0);
    }
    let (q, scale) = WeightTable::quantize(&rows);
    Ner::from_parts(WeightTable::new(&q, scale), trans.averaged(), gaz.clone())
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
