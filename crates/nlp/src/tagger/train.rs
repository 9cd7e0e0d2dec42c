//! Training the tagger (and the FEATS tables and lemmatizer stored with it).

use std::collections::HashMap;

use claimgraph_text::conllu::Sentence;

use super::features::{
    FirstPass, LexEntry, Lexicon, N_FEATURES, N_FEATURES_SECOND, TokenHashes, extract, extract_second,
};
use super::{NO_TAG, Tagger};
use crate::compact::CompactModel;
use crate::folds::{par_folds, split};
use crate::hashing::{fmix, hash_lower};
use crate::lemma::Lemmatizer;
use crate::morph::FeatsTable;
use crate::perceptron::Perceptron;
use crate::rng::Rng;

/// Tagger training settings.
#[derive(Debug, Clone)]
pub struct TaggerConfig {
    /// Maximum number of passes over the training data.
    pub epochs: usize,
    /// Shuffling seed.
    pub seed: u64,
    /// Weights below this magnitude (after averaging) are dropped.
    pub prune: f32,
    /// Minimum count for a word to enter the lexicon.
    pub min_lex_count: u32,
    /// Folds for the first-pass tags the second pass is trained on (each fold tagged by a
    /// first pass trained on the others); fewer than 2 trains no second pass.
    pub second_pass_folds: usize,
    /// How many of the first training sentences set the FEATS tables' conventions: the
    /// others (GUM after EWT) decide only for a word and tag, or a tag, the first never
    /// have. GUM marks `Degree=Pos` on adverbs, for example, where EWT marks nothing.
    pub feats_primary: usize,
}

impl Default for TaggerConfig {
    fn default() -> Self {
        TaggerConfig {
            epochs: 12,
            seed: 1,
            prune: 0.05,
            min_lex_count: 2,
            second_pass_folds: 5,
            feats_primary: usize::MAX,
        }
    }
}

/// Per-epoch accuracy on the development set.
#[derive(Debug, Clone, Default)]
pub struct TaggerTrainLog {
    /// (epoch, combined-tag accuracy on dev, UPOS accuracy on dev) per epoch.
    pub epochs: Vec<(usize, f64, f64)>,
    /// The epoch whose model was kept.
    pub best_epoch: usize,
    /// The same for the second pass (empty without one).
    pub second_epochs: Vec<(usize, f64, f64)>,
    /// The second pass's kept epoch (0 without one).
    pub second_best_epoch: usize,
}

/// A training sentence: token hashes, gold tags, and the first pass's (jackknifed) tags
/// when a second pass is trained.
struct Prepared {
    toks: Vec<TokenHashes>,
    gold: Vec<u16>,
    first: Vec<u16>,
}

fn tag_key(w: &claimgraph_text::conllu::Word) -> (String, String) {
    (w.upos.clone(), w.xpos.clone())
}

/// Trains a tagger on `train`, keeping the epoch that scores best on `dev`.
pub fn train_tagger_model(
    train: &[Sentence],
    dev: &[Sentence],
    cfg: &TaggerConfig,
) -> (Tagger, TaggerTrainLog) {
    // tag inventory (sorted for reproducibility)
    let mut upos: Vec<String> = train.iter().flat_map(|s| s.words.iter().map(|w| w.upos.clone())).collect();
    upos.sort();
    upos.dedup();
    let mut xpos: Vec<String> = train.iter().flat_map(|s| s.words.iter().map(|w| w.xpos.clone())).collect();
    xpos.sort();
    xpos.dedup();
    let mut combos: Vec<(String, String)> = train.iter().flat_map(|s| s.words.iter().map(tag_key)).collect();
    combos.sort();
    combos.dedup();
    let class_of: HashMap<(String, String), u16> =
        combos.iter().enumerate().map(|(i, c)| (c.clone(), i as u16)).collect();
    let classes: Vec<(u16, u16)> = combos
        .iter()
        .map(|(u, x)| (upos.binary_search(u).unwrap_or(0) as u16, xpos.binary_search(x).unwrap_or(0) as u16))
        .collect();
    let gold_tags = |s: &Sentence| -> Vec<u16> {
        s.words.iter().map(|w| class_of.get(&tag_key(w)).copied().unwrap_or(0)).collect()
    };

    // lexicon: ambiguity classes and sure tags
    let mut counts: HashMap<u64, HashMap<u16, u32>> = HashMap::new();
    for s in train {
        for (w, t) in s.words.iter().zip(gold_tags(s)) {
            *counts.entry(hash_lower(&w.form)).or_default().entry(t).or_default() += 1;
        }
    }
    let mut lexicon = Lexicon::default();
    for (k, m) in &counts {
        let total: u32 = m.values().sum();
        if total < cfg.min_lex_count {
            continue;
        }
        let mut tags: Vec<u16> = m.iter().filter(|(_, c)| **c * 20 >= total).map(|(t, _)| *t).collect();
        tags.sort_unstable();
        let ambiguity = tags.iter().fold(0x1234_5678u64, |h, &t| fmix(h ^ u64::from(t) ^ (h << 7)));
        let (top, top_c) = m
            .iter()
            .max_by_key(|(t, c)| (**c, std::cmp::Reverse(**t)))
            .map(|(t, c)| (*t, *c))
            .unwrap_or((0, 0));
        let sure_tag =
            if total >= 20 && f64::from(top_c) / f64::from(total) >= 0.995 { top } else { u16::MAX };
        lexicon.insert(*k, LexEntry { ambiguity, sure_tag, cluster: 0 });
    }

    // FEATS tables and lemmatizer
    let triples = |field: fn(&claimgraph_text::conllu::Word) -> &str| {
        let g = &gold_tags;
        train.iter().flat_map(move |s| {
            let tags = g(s);
            s.words.iter().zip(tags).map(move |(w, t)| (w.form.as_str(), t, field(w))).collect::<Vec<_>>()
        })
    };
    let feats_data = train.iter().enumerate().flat_map(|(i, s)| {
        let primary = i < cfg.feats_primary;
        s.words.iter().zip(gold_tags(s)).map(move |(w, t)| (w.form.as_str(), t, w.feats.as_str(), primary))
    });
    let feats = FeatsTable::train(classes.len(), feats_data);
    let keep_case: Vec<bool> = combos.iter().map(|(u, _)| u == "PROPN").collect();
    let lemma_data: Vec<(&str, u16, &str)> = triples(|w| w.lemma.as_str()).collect();
    let family = crate::lemma::families(combos.iter().map(|(u, _)| u.as_str()));
    let lemmatizer = Lemmatizer::train(keep_case, family, lemma_data.iter().copied());

    let mut tagger = Tagger {
        upos_names: upos,
        xpos_names: xpos,
        classes,
        lexicon,
        model: CompactModel::from_perceptron(&Perceptron::new(combos.len()), 0.0),
        second: None,
        feats,
        lemmatizer,
    };

    // training data as token hashes
    let prep = |sents: &[Sentence], t: &Tagger| -> Vec<Prepared> {
        sents
            .iter()
            .map(|s| {
                let mut toks = Vec::new();
                t.hash_tokens(&s.words.iter().map(|w| w.form.as_str()).collect::<Vec<_>>(), &mut toks);
                Prepared { toks, gold: gold_tags(s), first: Vec::new() }
            })
            .collect()
    };
    let train_data = prep(train, &tagger);
    let dev_data = prep(dev, &tagger);

    let n = combos.len();
    let mut log = TaggerTrainLog::default();
    let (model, epochs, best) = fit_pass(&mut tagger, &train_data, &dev_data, n, cfg, false);
    tagger.model = model;
    (log.epochs, log.best_epoch) = (epochs, best);

    if cfg.second_pass_folds >= 2 {
        // The second pass must learn from first-pass tags as wrong as those it will see at
        // run time, so each fold's are predicted by a first pass trained without it.
        let folds = cfg.second_pass_folds;
        let tagged = par_folds(folds, |k| {
            let (rest, held) = split(train, folds, k);
            let sub = TaggerConfig { seed: cfg.seed + 100 + k as u64, second_pass_folds: 0, ..cfg.clone() };
            let (t, _) = train_tagger_model(&rest, dev, &sub);
            held.into_iter()
                .map(|i| {
                    let forms: Vec<&str> = train[i].words.iter().map(|w| w.form.as_str()).collect();
                    // a fold's tagger numbers only the tags it saw: map them back by name
                    let tags = t.tag_words(&forms).into_iter().map(|c| {
                        class_of.get(&(t.upos(c).to_string(), t.xpos(c).to_string())).copied().unwrap_or(0)
                    });
                    (i, tags.collect::<Vec<u16>>())
                })
                .collect::<Vec<_>>()
        });
        let mut first: Vec<Vec<u16>> = vec![Vec::new(); train.len()];
        for (i, tags) in tagged.into_iter().flatten() {
            first[i] = tags;
        }
        let mut train_data = train_data;
        for (d, f) in train_data.iter_mut().zip(first) {
            d.first = f;
        }
        let (model, epochs, best) = fit_pass(&mut tagger, &train_data, &dev_data, n, cfg, true);
        tagger.second = Some(model);
        (log.second_epochs, log.second_best_epoch) = (epochs, best);
    }
    (tagger, log)
}

/// Trains one pass (the first, or the second over `Prepared::first`), keeping the epoch
/// that scores best on dev; returns the model, the per-epoch log and the kept epoch.
fn fit_pass(
    tagger: &mut Tagger,
    train_data: &[Prepared],
    dev_data: &[Prepared],
    n: usize,
    cfg: &TaggerConfig,
    second: bool,
) -> (CompactModel, Vec<(usize, f64, f64)>, usize) {
    let mut p = Perceptron::new(n);
    let mut rng = Rng::new(cfg.seed);
    let mut order: Vec<usize> = (0..train_data.len()).collect();
    let mut epochs = Vec::new();
    let mut best_model: Option<(f64, usize, CompactModel)> = None;
    let mut feats = [0u64; N_FEATURES_SECOND];
    let mut scores = vec![0f32; n];
    let mut stale = 0;
    for epoch in 1..=cfg.epochs {
        rng.shuffle(&mut order);
        for &si in &order {
            let d = &train_data[si];
            let (mut p1, mut p2) = (NO_TAG, NO_TAG);
            for i in 0..d.toks.len() {
                let guess = if d.toks[i].sure_tag != u16::MAX {
                    d.toks[i].sure_tag
                } else {
                    let f: &[u64] = if second {
                        extract_second(&d.toks, i, p1, p2, FirstPass::at(&d.first, i), &mut feats);
                        &feats
                    } else {
                        let head: &mut [u64; N_FEATURES] =
                            (&mut feats[..N_FEATURES]).try_into().expect("N_FEATURES");
                        extract(&d.toks, i, p1, p2, head);
                        &feats[..N_FEATURES]
                    };
                    scores.iter_mut().for_each(|s| *s = 0.0);
                    p.score_into(f, &mut scores);
                    let g = crate::perceptron::argmax(&scores, None) as u16;
                    p.tick();
                    p.update(f, d.gold[i] as usize, g as usize);
                    g
                };
                p2 = p1;
                p1 = u64::from(guess);
            }
        }
        let mut avg = p.clone();
        avg.average(0.0);
        let model = CompactModel::from_perceptron(&avg, cfg.prune);
        if second {
            tagger.second = Some(model);
        } else {
            tagger.model = model;
        }
        let (acc, uacc) = accuracy(tagger, dev_data);
        epochs.push((epoch, acc, uacc));
        if best_model.as_ref().is_none_or(|(b, _, _)| acc > *b) {
            let kept = if second { tagger.second.clone().expect("set above") } else { tagger.model.clone() };
            best_model = Some((acc, epoch, kept));
            stale = 0;
        } else {
            stale += 1;
            if stale >= 3 {
                break;
            }
        }
    }
    match best_model {
        Some((_, best, model)) => (model, epochs, best),
        // no epochs asked for: an untrained model
        None => (CompactModel::from_perceptron(&p, cfg.prune), epochs, 0),
    }
}

/// (combined-tag accuracy, UPOS accuracy) over prepared sentences.
fn accuracy(t: &Tagger, data: &[Prepared]) -> (f64, f64) {
    let (mut ok, mut uok, mut total) = (0usize, 0usize, 0usize);
    let (mut scores, mut tags) = (Vec::new(), Vec::new());
    for Prepared { toks, gold, .. } in data {
        t.tag(toks, &mut scores, &mut tags);
        for (a, b) in tags.iter().zip(gold) {
            ok += usize::from(a == b);
            uok += usize::from(t.classes[*a as usize].0 == t.classes[*b as usize].0);
            total += 1;
        }
    }
    let d = total.max(1) as f64;
    (ok as f64 / d, uok as f64 / d)
}

/// Helper for callers: the tag-class predictions for each sentence.
pub fn tag_sentences(t: &Tagger, sents: &[Sentence]) -> Vec<Vec<u16>> {
    sents.iter().map(|s| t.tag_words(&s.words.iter().map(|w| w.form.as_str()).collect::<Vec<_>>())).collect()
}
