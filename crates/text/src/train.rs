//! Learning the tokenizer [`Model`] from CoNLL-U treebanks (UD English EWT train and GUM's
//! train documents, [`training_sentences`]).
//!
//! 1. Word lists from the gold tokens: abbreviations that keep their period, hyphen
//!    prefixes and hyphenated words kept whole, multiword tokens the clitic rules do not
//!    cover (`cannot`, `gonna`, `dont`).
//! 2. A sentence-boundary classifier: the raw text is rebuilt (see [`crate::raw`]),
//!    tokenized with the lists of step 1, and an averaged perceptron learns, for every gap
//!    between tokens that layout does not decide, whether a gold sentence ends there.
//!
//! Training is deterministic: the same treebank gives the same model file.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::conllu::Sentence;
use crate::error::{Result, TextError};
use crate::features::{boundary_features, token_infos};
use crate::model::{Model, Weights};
use crate::raw::{align, raw_text};
use crate::split::{Layout, layout};
use crate::tokenize::tokenize;

/// Settings of [`train`].
#[derive(Debug, Clone, PartialEq)]
pub struct TrainOptions {
    /// Passes of the perceptron over the training gaps.
    pub epochs: usize,
    /// Features seen fewer times than this in training are ignored (smaller model).
    pub min_feature_count: u32,
    /// Averaged weights smaller than this in magnitude are dropped from the model.
    pub min_weight: f32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions { epochs: 8, min_feature_count: 2, min_weight: 0.01 }
    }
}

/// The sentences the shipped model is trained on: UD English EWT train
/// (`data_dir/ud-english-ewt/en_ewt-ud-train.conllu`) and GUM's train documents
/// (`data_dir/gum`; its dev and test documents stay held out), each GUM document with its
/// `# newdoc` and paragraph marks, so that news, interviews and guides with their headlines
/// and captions add to EWT's web text.
pub fn training_sentences(data_dir: &Path) -> Result<Vec<Sentence>> {
    let read = |path: &Path| -> Result<Vec<Sentence>> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| TextError::Data { path: path.to_path_buf(), message: e.to_string() })?;
        Ok(crate::conllu::parse(&text)?)
    };
    let mut sentences = read(&data_dir.join("ud-english-ewt/en_ewt-ud-train.conllu"))?;
    let gum = data_dir.join("gum");
    let docs = crate::gum::documents(&gum, &[crate::gum::GumSplit::Train])
        .map_err(|e| TextError::Data { path: gum.clone(), message: e.to_string() })?;
    for doc in docs {
        sentences.extend(read(&doc)?);
    }
    Ok(sentences)
}

/// Learns a tokenizer model from gold sentences (with `# text` comments and
/// `# newpar`/`# newdoc` markers, as UD English EWT has).
pub fn train(sentences: &[Sentence], options: &TrainOptions) -> Result<Model> {
    if !sentences.iter().any(|s| s.text().is_some()) {
        return Err(TextError::NoTrainingData);
    }
    let mut model = learn_lists(sentences);
    model.weights = learn_boundaries(&model, sentences, options)?;
    Ok(model)
}

fn lower(s: &str) -> String {
    s.chars().flat_map(char::to_lowercase).collect()
}

/// Step 1: word lists.
fn learn_lists(sentences: &[Sentence]) -> Model {
    let mut abbr_kept: HashMap<String, u32> = HashMap::new();
    let mut abbr_split: HashMap<String, u32> = HashMap::new();
    let mut hy_kept: HashMap<String, u32> = HashMap::new();
    let mut hy_split: HashMap<String, u32> = HashMap::new();
    let mut prefix_kept: HashMap<String, u32> = HashMap::new();
    let mut prefix_split: HashMap<String, u32> = HashMap::new();
    let mut mwt: HashMap<String, (Vec<u8>, u32)> = HashMap::new();
    let mut single: HashMap<String, u32> = HashMap::new();
    let is_wordy = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_alphanumeric());
    for s in sentences {
        let toks = s.tokens();
        for (k, (form, space)) in toks.iter().enumerate() {
            let lf = lower(form);
            if lf.len() > 1
                && lf.ends_with('.')
                && lf.chars().any(char::is_alphabetic)
                && !lf.starts_with('.')
            {
                *abbr_kept.entry(lf.clone()).or_default() += 1;
            }
            if !space
                && let Some((next, _)) = toks.get(k + 1)
                && next == "."
                && is_wordy(form)
            {
                *abbr_split.entry(format!("{lf}.")).or_default() += 1;
            }
            // hyphens kept inside a token
            if lf.contains('-') && !lf.contains("://") && !lf.contains('@') {
                let parts: Vec<&str> = lf.split('-').collect();
                if parts.len() >= 2 && parts.iter().all(|p| is_wordy(p)) {
                    *hy_kept.entry(lf.clone()).or_default() += 1;
                    if parts[0].chars().all(char::is_alphabetic) {
                        *prefix_kept.entry(parts[0].to_string()).or_default() += 1;
                    }
                }
            }
            // hyphens split: word - word glued together
            if k + 2 < toks.len()
                && !space
                && toks[k + 1].0 == "-"
                && !toks[k + 1].1
                && is_wordy(form)
                && is_wordy(&toks[k + 2].0)
            {
                let right = lower(&toks[k + 2].0);
                *hy_split.entry(format!("{lf}-{right}")).or_default() += 1;
                if lf.chars().all(char::is_alphabetic) {
                    *prefix_split.entry(lf.clone()).or_default() += 1;
                }
            }
            *single.entry(lf).or_default() += 1;
        }
        for m in &s.multiwords {
            let lf = lower(&m.form);
            if !lf.is_ascii() || m.first < 1 || m.last > s.words.len() || m.first >= m.last {
                continue;
            }
            let words = &s.words[m.first - 1..m.last];
            let joined: String = words.iter().map(|w| lower(&w.form)).collect();
            if joined != lf {
                continue;
            }
            let mut cuts = Vec::new();
            let mut b = 0usize;
            for w in &words[..words.len() - 1] {
                b += w.form.len();
                cuts.push(u8::try_from(b).unwrap_or(u8::MAX));
            }
            let generic = crate::tokenize::clitic_start(&lf).map(|c| vec![c as u8]);
            if generic.as_ref() == Some(&cuts) || lf.len() > 24 {
                continue;
            }
            mwt.entry(lf).or_insert((cuts, 0)).1 += 1;
        }
    }
    let mut model = Model::default();
    for (a, n) in abbr_kept {
        if n > abbr_split.get(&a).copied().unwrap_or(0) {
            model.abbreviations.insert(a);
        }
    }
    for (p, n) in prefix_kept {
        if n >= 2 && n > prefix_split.get(&p).copied().unwrap_or(0) {
            model.hyphen_prefixes.insert(p);
        }
    }
    for (h, n) in hy_kept {
        let prefix = h.split('-').next().unwrap_or("");
        // all-digit words (phone numbers) are a rule of the scanner
        let has_letter = h.chars().any(char::is_alphabetic);
        if has_letter && n > hy_split.get(&h).copied().unwrap_or(0) && !model.hyphen_prefixes.contains(prefix)
        {
            model.hyphen_words.insert(h);
        }
    }
    for (form, (cuts, n)) in mwt {
        // `single` counts every surface occurrence, split or not.
        let total = single.get(&form).copied().unwrap_or(n);
        // plural possessives (`parents'`) are a rule of the scanner already; an `s` clitic
        // without apostrophe (`thats`) is not learned, as it collides with plurals and
        // verbs (`lets`)
        let bare_s = form.ends_with('s') && cuts.last().is_some_and(|&c| c as usize + 1 == form.len());
        if n >= 3 && 2 * n > total && !form.ends_with('\'') && !bare_s {
            model.multiwords.insert(form, cuts);
        }
    }
    model
}

/// A training gap: its features and whether a sentence ends there.
struct Example {
    feats: Vec<u64>,
    boundary: bool,
}

/// Step 2: the boundary classifier.
fn learn_boundaries(lists: &Model, sentences: &[Sentence], options: &TrainOptions) -> Result<Weights> {
    let text = raw_text(sentences);
    let gold = align(sentences, &text)?;
    let tokens = tokenize(lists, &text);
    // gold sentence ends, as the index of the last token that starts before the end
    let mut ends = HashSet::new();
    let mut k = 0usize;
    for g in &gold {
        while k + 1 < tokens.len() && (tokens[k + 1].start as usize) < g.span.end {
            k += 1;
        }
        ends.insert(k);
    }
    let infos = token_infos(&text, &tokens);
    let mut examples = Vec::new();
    let mut first = 0usize;
    let mut counts: HashMap<u64, u32> = HashMap::new();
    let mut feats = Vec::new();
    for i in 0..tokens.len() {
        let boundary = ends.contains(&i);
        if layout(&text, &tokens, i) == Layout::Open {
            boundary_features(&infos, &tokens, i, i + 1 - first, &mut feats);
            for f in &feats {
                *counts.entry(*f).or_default() += 1;
            }
            examples.push(Example { feats: feats.clone(), boundary });
        }
        if boundary {
            first = i + 1;
        }
    }
    for e in &mut examples {
        e.feats.retain(|f| counts.get(f).copied().unwrap_or(0) >= options.min_feature_count);
    }
    Ok(perceptron(&examples, options))
}

/// Averaged perceptron over `examples`, visiting them in a fixed pseudo-random order.
fn perceptron(examples: &[Example], options: &TrainOptions) -> Weights {
    let mut w: HashMap<u64, f32> = HashMap::new();
    // sum of (weight × time it held) and the time of each weight's last change
    let mut total: HashMap<u64, f64> = HashMap::new();
    let mut stamp: HashMap<u64, u64> = HashMap::new();
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = 0x2545_f491_4f6c_dd1d_u64;
    let mut t = 0u64;
    for _ in 0..options.epochs {
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        for &i in &order {
            t += 1;
            let e = &examples[i];
            let s: f32 = e.feats.iter().filter_map(|f| w.get(f)).sum();
            if (s > 0.0) != e.boundary {
                let delta = if e.boundary { 1.0 } else { -1.0 };
                for f in &e.feats {
                    let cur = w.entry(*f).or_default();
                    let last = stamp.entry(*f).or_default();
                    *total.entry(*f).or_default() += f64::from(*cur) * (t - *last) as f64;
                    *last = t;
                    *cur += delta;
                }
            }
        }
    }
    let mut out = Weights::default();
    for (f, cur) in w {
        let last = stamp.get(&f).copied().unwrap_or(0);
        let sum = total.get(&f).copied().unwrap_or(0.0) + f64::from(cur) * (t - last) as f64;
        let avg = (sum / t.max(1) as f64) as f32;
        if avg.abs() >= options.min_weight {
            // four decimals are plenty and keep the file small
            out.insert(f, (avg * 10_000.0).round() / 10_000.0);
        }
    }
    out
}
