//! Training the tagger (and the FEATS tables and lemmatizer stored with it).

use std::collections::HashMap;

use claimgraph_text::conllu::Sentence;

use super::features::{LexEntry, Lexicon, N_FEATURES, TokenHashes, extract};
use super::{NO_TAG, Tagger};
use crate::compact::CompactModel;
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
}

impl Default for TaggerConfig {
    fn default() -> Self {
        TaggerConfig { epochs: 12, seed: 1, prune: 0.05, min_lex_count: 2 }
    }
}

/// Per-epoch accuracy on the development set.
#[derive(Debug, Clone, Default)]
pub struct TaggerTrainLog {
    /// (epoch, combined-tag accuracy on dev, UPOS accuracy on dev) per epoch.
    pub epochs: Vec<(usize, f64, f64)>,
    /// The epoch whose model was kept.
    pub best_epoch: usize,
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
    let feats = FeatsTable::train(classes.len(), triples(|w| w.feats.as_str()));
    let keep_case: Vec<bool> = combos.iter().map(|(u, _)| u == "PROPN").collect();
    let lemma_data: Vec<(&str, u16, &str)> = triples(|w| w.lemma.as_str()).collect();
    let lemmatizer = Lemmatizer::train(keep_case, lemma_data.iter().copied());

    let mut tagger = Tagger {
        upos_names: upos,
        xpos_names: xpos,
        classes,
        lexicon,
        model: CompactModel::from_perceptron(&Perceptron::new(combos.len()), 0.0),
        feats,
        lemmatizer,
    };

    // training data as token hashes
    let prep = |sents: &[Sentence], t: &Tagger| -> Vec<(Vec<TokenHashes>, Vec<u16>)> {
        sents
            .iter()
            .map(|s| {
                let mut toks = Vec::new();
                t.hash_tokens(&s.words.iter().map(|w| w.form.as_str()).collect::<Vec<_>>(), &mut toks);
                (toks, gold_tags(s))
            })
            .collect()
    };
    let train_data = prep(train, &tagger);
    let dev_data = prep(dev, &tagger);

    let n = combos.len();
    let mut p = Perceptron::new(n);
    let mut rng = Rng::new(cfg.seed);
    let mut order: Vec<usize> = (0..train_data.len()).collect();
    let mut log = TaggerTrainLog::default();
    let mut best_model: Option<(f64, CompactModel)> = None;
    let mut feats = [0u64; N_FEATURES];
    let mut scores = vec![0f32; n];
    let mut stale = 0;
    for epoch in 1..=cfg.epochs {
        rng.shuffle(&mut order);
        for &si in &order {
            let (toks, gold) = &train_data[si];
            let (mut p1, mut p2) = (NO_TAG, NO_TAG);
            for i in 0..toks.len() {
                let guess = if toks[i].sure_tag != u16::MAX {
                    toks[i].sure_tag
                } else {
                    extract(toks, i, p1, p2, &mut feats);
                    scores.iter_mut().for_each(|s| *s = 0.0);
                    p.score_into(&feats, &mut scores);
                    let g = crate::perceptron::argmax(&scores, None) as u16;
                    p.tick();
                    p.update(&feats, gold[i] as usize, g as usize);
                    g
                };
                p2 = p1;
                p1 = u64::from(guess);
            }
        }
        let mut avg = p.clone();
        avg.average(0.0);
        tagger.model = CompactModel::from_perceptron(&avg, cfg.prune);
        let (acc, uacc) = accuracy(&tagger, &dev_data);
        log.epochs.push((epoch, acc, uacc));
        if best_model.as_ref().is_none_or(|(b, _)| acc > *b) {
            best_model = Some((acc, tagger.model.clone()));
            log.best_epoch = epoch;
            stale = 0;
        } else {
            stale += 1;
            if stale >= 3 {
                break;
            }
        }
    }
    if let Some((_, m)) = best_model {
        tagger.model = m;
    }
    (tagger, log)
}

/// (combined-tag accuracy, UPOS accuracy) over prepared sentences.
fn accuracy(t: &Tagger, data: &[(Vec<TokenHashes>, Vec<u16>)]) -> (f64, f64) {
    let (mut ok, mut uok, mut total) = (0usize, 0usize, 0usize);
    let (mut scores, mut tags) = (Vec::new(), Vec::new());
    for (toks, gold) in data {
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
