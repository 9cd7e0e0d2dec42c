//! Distributional word clusters learned from unannotated text in the shared data folder: each
//! frequent word is described by its left and right neighbours among the most frequent words
//! (square-root counts, unit length), and k-means (seeded with the most frequent words, so
//! deterministic) groups them. Cluster ids become features, which helps with words that
//! are rare or absent in the annotated data. The map is stored in the model file.

use crate::error::{NerError, Result};
use crate::hash::hash_lower;
use claimgraph_nlp::perceptron::FeatureMap;
use std::collections::HashMap;
use std::path::Path;

/// Word (lowercase hash) → cluster id (≥ 1; 0 means no cluster).
#[derive(Debug, Clone, Default)]
pub struct Clusters {
    map: FeatureMap<u16>,
}

impl Clusters {
    /// Cluster of a word given its lowercase hash (0 when unknown).
    #[inline]
    pub fn get(&self, lower: u64) -> u16 {
        self.map.get(&lower).copied().unwrap_or(0)
    }

    /// Number of clustered words.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether no word is clustered.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Entries sorted by key, for writing a model file.
    pub fn entries(&self) -> Vec<(u64, u16)> {
        let mut v: Vec<(u64, u16)> = self.map.iter().map(|(&k, &c)| (k, c)).collect();
        v.sort_unstable();
        v
    }

    /// Rebuilds from stored entries.
    pub fn from_entries(entries: impl IntoIterator<Item = (u64, u16)>) -> Self {
        Clusters { map: entries.into_iter().collect() }
    }

    /// Learns `k` clusters over words seen at least `min_count` times in `sentences`
    /// (lists of lowercase word hashes), using `contexts` context words per side.
    pub fn learn(
        sentences: &[Vec<u64>],
        k: usize,
        contexts: usize,
        min_count: u32,
        iterations: usize,
    ) -> Self {
        let mut counts: HashMap<u64, u32> = HashMap::new();
        for s in sentences {
            for &w in s {
                *counts.entry(w).or_default() += 1;
            }
        }
        let mut by_freq: Vec<(u64, u32)> = counts.into_iter().collect();
        by_freq.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let ctx: HashMap<u64, u32> =
            by_freq.iter().take(contexts).enumerate().map(|(i, &(w, _))| (w, i as u32)).collect();
        let words: Vec<u64> = by_freq.iter().filter(|&&(_, c)| c >= min_count).map(|&(w, _)| w).collect();
        if words.is_empty() || k == 0 {
            return Clusters::default();
        }
        let index: HashMap<u64, usize> = words.iter().enumerate().map(|(i, &w)| (w, i)).collect();
        // context dimensions: 0..=contexts left (contexts = sentence start), then right
        let dim = 2 * (contexts + 1);
        let mut raw: Vec<HashMap<u32, f32>> = vec![HashMap::new(); words.len()];
        for s in sentences {
            for (i, w) in s.iter().enumerate() {
                let Some(&wi) = index.get(w) else { continue };
                let left = if i == 0 { Some(contexts as u32) } else { ctx.get(&s[i - 1]).copied() };
                let right =
                    if i + 1 == s.len() { Some(contexts as u32) } else { ctx.get(&s[i + 1]).copied() };
                if let Some(l) = left {
                    *raw[wi].entry(l).or_default() += 1.0;
                }
                if let Some(r) = right {
                    *raw[wi].entry(contexts as u32 + 1 + r).or_default() += 1.0;
                }
            }
        }
        let vecs: Vec<Vec<(u32, f32)>> = raw
            .into_iter()
            .map(|m| {
                let mut v: Vec<(u32, f32)> = m.into_iter().map(|(d, c)| (d, c.sqrt())).collect();
                v.sort_unstable_by_key(|x| x.0);
                let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt().max(1e-9);
                v.iter_mut().for_each(|x| x.1 /= norm);
                v
            })
            .collect();
        let k = k.min(words.len());
        let dense = |v: &[(u32, f32)]| {
            let mut d = vec![0f32; dim];
            for &(j, x) in v {
                d[j as usize] = x;
            }
            d
        };
        let dot = |v: &[(u32, f32)], d: &[f32]| v.iter().map(|&(j, x)| x * d[j as usize]).sum::<f32>();
        // deterministic seeds: the k most frequent words (tried: frequent words unlike each
        // other, which scored about 2 F1 lower on UNER dev)
        let mut centroids: Vec<Vec<f32>> = vecs.iter().take(k).map(|v| dense(v)).collect();
        let mut assign = vec![0usize; words.len()];
        for _ in 0..iterations {
            for (wi, v) in vecs.iter().enumerate() {
                let mut best = (f32::NEG_INFINITY, 0);
                for (c, cen) in centroids.iter().enumerate() {
                    let s = dot(v, cen);
                    if s > best.0 {
                        best = (s, c);
                    }
                }
                assign[wi] = best.1;
            }
            for cen in centroids.iter_mut() {
                cen.iter_mut().for_each(|x| *x = 0.0);
            }
            for (wi, v) in vecs.iter().enumerate() {
                for &(j, x) in v {
                    centroids[assign[wi]][j as usize] += x;
                }
            }
            for cen in centroids.iter_mut() {
                let norm = cen.iter().map(|x| x * x).sum::<f32>().sqrt();
                if norm > 0.0 {
                    cen.iter_mut().for_each(|x| *x /= norm);
                }
            }
        }
        Clusters { map: words.iter().zip(&assign).map(|(&w, &c)| (w, c as u16 + 1)).collect() }
    }
}

/// Unannotated sentences (lowercase word hashes) for clustering: UD English-EWT train and
/// dev, GUM, LitBank, WikiGold and re3d documents under `data_dir`. Test splits are never
/// read. Missing sources are skipped.
pub fn unlabeled_sentences(data_dir: &Path) -> Result<Vec<Vec<u64>>> {
    let mut out: Vec<Vec<u64>> = Vec::new();
    let read = |p: &Path| std::fs::read_to_string(p).map_err(|e| NerError::io(p, e));
    // CoNLL-U: FORM is column 2 of lines with an integer id
    let conllu = |text: &str, out: &mut Vec<Vec<u64>>| {
        let mut cur = Vec::new();
        for line in text.lines() {
            if line.trim().is_empty() {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(id), Some(form)) = (cols.next(), cols.next()) else { continue };
            if id.bytes().all(|b| b.is_ascii_digit()) {
                cur.push(hash_lower(form));
            }
        }
        if !cur.is_empty() {
            out.push(cur);
        }
    };
    for split in ["train", "dev"] {
        let p = data_dir.join(format!("ud-english-ewt/en_ewt-ud-{split}.conllu"));
        if p.exists() {
            conllu(&read(&p)?, &mut out);
        }
    }
    for (dir, ext) in [("gum/dep", "conllu"), ("litbank/entities/tsv", "tsv")] {
        let d = data_dir.join(dir);
        let Ok(rd) = std::fs::read_dir(&d) else { continue };
        let mut files: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for f in files.iter().filter(|f| f.extension().is_some_and(|x| x == ext)) {
            let text = read(f)?;
            if ext == "conllu" {
                conllu(&text, &mut out);
            } else {
                // LitBank: token in column 1, blank line between sentences
                let mut cur = Vec::new();
                for line in text.lines() {
                    match line.split('\t').next() {
                        Some(w) if !w.is_empty() => cur.push(hash_lower(w)),
                        _ if !cur.is_empty() => out.push(std::mem::take(&mut cur)),
                        _ => {}
                    }
                }
                if !cur.is_empty() {
                    out.push(cur);
                }
            }
        }
    }
    let wg = data_dir.join("wikigold/wikigold.conll.txt");
    if wg.exists() {
        for s in crate::corpus::wikigold::parse_wikigold(&read(&wg)?, &wg)? {
            out.push(s.words.iter().map(|w| hash_lower(w)).collect());
        }
    }
    // re3d: raw document text, split into words at spaces and around punctuation
    if let Ok(rd) = std::fs::read_dir(data_dir.join("re3d")) {
        let mut dirs: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        dirs.sort();
        for d in dirs {
            let p = d.join("documents.json");
            let Ok(text) = std::fs::read_to_string(&p) else { continue };
            for line in text.lines() {
                let line = line.trim_start_matches('\u{feff}');
                let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else { continue };
                let Some(doc) = v.get("text").and_then(|t| t.as_str()) else { continue };
                for sent in doc.split(['.', '\n', '?', '!']) {
                    let s: Vec<u64> = sent
                        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '(' | ')' | '"'))
                        .filter(|w| !w.is_empty())
                        .map(hash_lower)
                        .collect();
                    if !s.is_empty() {
                        out.push(s);
                    }
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_words_that_share_contexts() {
        let h = hash_lower;
        // six target words, at least ten times each ("paris" and "ate" most often: they seed
        // the two clusters); context words are rarer, so only the targets are clustered
        let (left, right) = (["to", "in", "from", "near", "via"], ["today", "now", "then", "again", "soon"]);
        let (subj, obj) = (["she", "he", "they", "we", "you"], ["it", "them", "this", "that", "bread"]);
        let mut sents = Vec::new();
        for (c, city) in ["paris", "rome", "berlin"].iter().enumerate() {
            for j in 0..if c == 0 { 12 } else { 10 } {
                sents.push(vec![h(left[j % 5]), h(city), h(right[(j + c) % 5])]);
            }
        }
        for (c, verb) in ["ate", "drank", "cooked"].iter().enumerate() {
            for j in 0..if c == 0 { 11 } else { 10 } {
                sents.push(vec![h(subj[j % 5]), h(verb), h(obj[(j + c) % 5])]);
            }
        }
        let c = Clusters::learn(&sents, 2, 50, 10, 5);
        assert_eq!(c.get(h("paris")), c.get(h("rome")));
        assert_eq!(c.get(h("rome")), c.get(h("berlin")));
        assert_eq!(c.get(h("ate")), c.get(h("drank")));
        assert_ne!(c.get(h("paris")), c.get(h("ate")));
        assert_eq!(c.get(h("unseen")), 0);
        let back = Clusters::from_entries(c.entries());
        assert_eq!(back.get(h("paris")), c.get(h("paris")));
    }
}
