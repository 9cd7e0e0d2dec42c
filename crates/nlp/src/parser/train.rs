//! Training the parser with a dynamic oracle (Goldberg & Nivre 2012) and error exploration.

use std::collections::{BTreeMap, HashMap};

use claimgraph_text::conllu::Sentence;

use super::beam::{Beam, Item};
use super::features::{N_FEATURES, NodeInfo, ROOT_INFO, extract};
use super::oracle::{Gold, costs};
use super::projective::{LIFT_SEP, projectivize};
use super::scoring::BufferScores;
use super::state::{self, Move, State};
use super::{ParseScratch, Parser, tag_hash};
use crate::compact::CompactModel;
use crate::hashing::hash_lower;
use crate::rng::Rng;
use crate::sparse::SparsePerceptron;

/// Parser training settings.
#[derive(Debug, Clone)]
pub struct ParserConfig {
    /// Maximum number of passes over the training data.
    pub epochs: usize,
    /// Shuffling and exploration seed.
    pub seed: u64,
    /// Weights below this magnitude (after averaging) are dropped.
    pub prune: f32,
    /// From this epoch on, the parser follows its own (possibly wrong) moves.
    pub explore_from: usize,
    /// Probability of following the model's wrong move while exploring.
    pub explore_p: f64,
    /// Lifted-label encodings seen fewer times than this are not used.
    pub min_lift_count: usize,
    /// Stop after this many epochs without dev improvement.
    pub patience: usize,
    /// Beam width: 1 trains a greedy parser with the dynamic oracle; more trains the whole
    /// move sequence with beam search and early update, and the model then decodes with
    /// that beam.
    pub beam: usize,
}

impl Default for ParserConfig {
    fn default() -> Self {
        ParserConfig {
            epochs: 25,
            seed: 1,
            prune: 0.05,
            explore_from: 2,
            explore_p: 0.9,
            min_lift_count: 5,
            patience: 5,
            beam: 1,
        }
    }
}

/// Per-epoch scores on the development set.
#[derive(Debug, Clone, Default)]
pub struct ParserTrainLog {
    /// (epoch, UAS, LAS) on dev.
    pub epochs: Vec<(usize, f64, f64)>,
    /// The epoch whose model was kept.
    pub best_epoch: usize,
    /// Number of move labels (relations plus lifted encodings).
    pub n_labels: usize,
}

/// Parser inputs of a sentence: root + one [`NodeInfo`] per word, from the words' FORM, UPOS
/// and XPOS columns.
pub fn node_infos(s: &Sentence) -> Vec<NodeInfo> {
    let mut v = Vec::with_capacity(s.words.len() + 1);
    v.push(ROOT_INFO);
    v.extend(s.words.iter().map(|w| NodeInfo {
        word: hash_lower(&w.form),
        upos: tag_hash(&w.upos),
        xpos: tag_hash(&w.xpos),
    }));
    v
}

struct Example {
    nodes: Vec<NodeInfo>,
    gold: Gold,
}

/// Trains a parser on `train` (using its UPOS/XPOS columns as given: put predicted tags there
/// for realistic training), keeping the epoch with the best LAS on `dev`.
pub fn train_parser_model(
    train: &[Sentence],
    dev: &[Sentence],
    cfg: &ParserConfig,
) -> (Parser, ParserTrainLog) {
    // projectivize and collect labels
    let proj: Vec<(Vec<u32>, Vec<String>)> = train
        .iter()
        .map(|s| {
            let heads: Vec<u32> = s.words.iter().map(|w| w.head.unwrap_or(0) as u32).collect();
            let labels: Vec<String> = s.words.iter().map(|w| w.deprel.clone()).collect();
            projectivize(&heads, &labels)
        })
        .collect();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for (_, ls) in &proj {
        for l in ls {
            *counts.entry(l.clone()).or_default() += 1;
        }
    }
    let mut relations: Vec<String> = counts.keys().filter(|l| !l.contains(LIFT_SEP)).cloned().collect();
    for extra in ["root", "punct", "dep"] {
        if !relations.iter().any(|r| r == extra) {
            relations.push(extra.to_string());
        }
    }
    relations.sort();
    let rel_id = |r: &str| relations.iter().position(|x| x == r).unwrap_or(0) as u16;
    let mut labels: Vec<(u16, Option<u16>)> = relations.iter().map(|r| (rel_id(r), None)).collect();
    let mut label_of: HashMap<String, u16> =
        relations.iter().enumerate().map(|(i, r)| (r.clone(), i as u16)).collect();
    for (l, &c) in &counts {
        if let Some((a, b)) = l.split_once(LIFT_SEP)
            && c >= cfg.min_lift_count
        {
            label_of.insert(l.clone(), labels.len() as u16);
            labels.push((rel_id(a), Some(rel_id(b))));
        }
    }
    let label_id = |l: &str| -> u16 {
        label_of.get(l).copied().unwrap_or_else(|| rel_id(l.split_once(LIFT_SEP).map_or(l, |(a, _)| a)))
    };
    let root_label = label_id("root");
    let mut parser = Parser {
        punct_rel: rel_id("punct"),
        other_rel: rel_id("dep"),
        relations: relations.clone(),
        labels: labels.clone(),
        root_label,
        beam: cfg.beam.clamp(1, usize::from(super::MAX_BEAM)) as u16,
        width: cfg.beam.clamp(1, usize::from(super::MAX_BEAM)) as u16,
        model: CompactModel::from_sparse_rows(state::n_classes(labels.len()), Vec::new(), 0.0),
    };
    let examples: Vec<Example> = train
        .iter()
        .zip(&proj)
        .map(|(s, (h, l))| {
            let ids: Vec<u16> = l.iter().map(|x| label_id(x)).collect();
            Example { nodes: node_infos(s), gold: Gold::new(h, &ids) }
        })
        .collect();

    let nc = state::n_classes(labels.len());
    let mut p = SparsePerceptron::new(nc);
    let mut rng = Rng::new(cfg.seed);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut log = ParserTrainLog { n_labels: labels.len(), ..Default::default() };
    let mut best: Option<(f64, CompactModel)> = None;
    let mut st = State::default();
    let mut feats = [0u64; N_FEATURES];
    let mut scores = vec![0f32; nc];
    let mut cost = vec![u32::MAX; nc];
    let mut stale = 0;
    let mut global = GlobalScratch::default();
    for epoch in 1..=cfg.epochs {
        rng.shuffle(&mut order);
        let explore = epoch >= cfg.explore_from;
        for &ei in &order {
            let ex = &examples[ei];
            if parser.beam > 1 {
                global.train_sentence(&parser, &mut p, ex);
                continue;
            }
            st.reset(ex.nodes.len() - 1);
            while !st.is_final() {
                let kinds = st.valid();
                let s0_root = st.s0() == 0;
                let (kc, ll, rl) = costs(&st, &ex.gold, kinds);
                let mut min_cost = u32::MAX;
                for (c, slot) in cost.iter_mut().enumerate() {
                    *slot = if parser.allowed(c, kinds, s0_root) {
                        match Move::from_class(c) {
                            Move::Shift => kc[0],
                            Move::Reduce => kc[1],
                            Move::Left(l) => kc[2] + u32::from(ll.is_some_and(|g| g != l)),
                            Move::Right(l) => kc[3] + u32::from(rl.is_some_and(|g| g != l)),
                        }
                    } else {
                        u32::MAX
                    };
                    min_cost = min_cost.min(*slot);
                }
                if min_cost == u32::MAX {
                    break;
                }
                extract(&st, &ex.nodes, &mut feats);
                scores.iter_mut().for_each(|s| *s = 0.0);
                p.score_into(&feats, &mut scores);
                let (mut guess, mut truth) = (usize::MAX, usize::MAX);
                for c in 0..nc {
                    if cost[c] == u32::MAX {
                        continue;
                    }
                    if guess == usize::MAX || scores[c] > scores[guess] {
                        guess = c;
                    }
                    if cost[c] == min_cost && (truth == usize::MAX || scores[c] > scores[truth]) {
                        truth = c;
                    }
                }
                p.tick();
                let next = if cost[guess] > min_cost {
                    p.update(&feats, truth, guess);
                    if explore && rng.unit() < cfg.explore_p { guess } else { truth }
                } else {
                    guess
                };
                st.apply(Move::from_class(next));
            }
        }
        parser.model = CompactModel::from_sparse_rows(nc, p.averaged_rows(), cfg.prune);
        let (uas, las) = attachment_scores(&parser, dev);
        log.epochs.push((epoch, uas, las));
        if best.as_ref().is_none_or(|(b, _)| las > *b) {
            best = Some((las, parser.model.clone()));
            log.best_epoch = epoch;
            stale = 0;
        } else {
            stale += 1;
            if stale >= cfg.patience {
                break;
            }
        }
    }
    if let Some((_, m)) = best {
        parser.model = m;
    }
    (parser, log)
}

/// Buffers of global (beam) training.
struct GlobalScratch {
    beam: Beam,
    state: State,
    gold: Vec<u16>,
    feats: [u64; N_FEATURES],
    /// Scores a beam step's hypotheses together, as decoding does (the current weights are
    /// whole numbers, so the sums are exactly those of scoring each hypothesis alone).
    buffer: BufferScores<f32>,
}

impl Default for GlobalScratch {
    fn default() -> Self {
        GlobalScratch {
            beam: Beam::default(),
            state: State::default(),
            gold: Vec::new(),
            feats: [0; N_FEATURES],
            buffer: BufferScores::default(),
        }
    }
}

impl GlobalScratch {
    /// The canonical gold move sequence of `ex`: at each step the first zero-cost move of
    /// LEFT, RIGHT, REDUCE, SHIFT, with the gold label (the trees are projectivized, so
    /// one is always free).
    fn gold_moves(&mut self, parser: &Parser, ex: &Example) {
        self.gold.clear();
        let st = &mut self.state;
        st.reset(ex.nodes.len() - 1);
        while !st.is_final() {
            let kinds = st.valid();
            let (c, ll, rl) = costs(st, &ex.gold, kinds);
            let m = if c[2] == 0 && ll.is_some() {
                Move::Left(ll.unwrap_or(0))
            } else if c[3] == 0 && rl.is_some() {
                Move::Right(rl.unwrap_or(0))
            } else if c[1] == 0 {
                Move::Reduce
            } else {
                Move::Shift
            };
            if !parser.allowed_in(st, m.class()) {
                break;
            }
            self.gold.push(m.class() as u16);
            st.apply(m);
        }
    }

    /// One sentence of global training: beam search with early update (Collins & Roark
    /// 2004): as soon as the gold sequence falls out of the beam, or at the end when the
    /// best sequence is not the gold one, the perceptron moves towards the gold prefix and
    /// away from the best prediction of the same length.
    fn train_sentence(&mut self, parser: &Parser, p: &mut SparsePerceptron, ex: &Example) {
        self.gold_moves(parser, ex);
        let nc = p.n_classes();
        let width = parser.beam as usize;
        p.tick();
        self.beam.reset(ex.nodes.len() - 1);
        // the weights changed since the last sentence
        self.buffer.reset(nc);
        let mut steps = 0usize;
        loop {
            if self.beam.is_final() {
                let best = &self.beam.best().moves;
                if *best != self.gold {
                    let predicted = best.clone();
                    self.update(p, ex, self.gold.len(), &predicted);
                }
                return;
            }
            let (pp, buffer): (&SparsePerceptron, _) = (p, &mut self.buffer);
            let score = |items: &[Item], f: &[[u64; N_FEATURES]], out: &mut [f64]| {
                buffer.score_items(pp, items, f, out);
            };
            if !self.beam.step(&ex.nodes, width, nc, score, |s, mask| parser.allowed_mask(s, mask)) {
                return;
            }
            steps += 1;
            let glen = steps.min(self.gold.len());
            let gold = &self.gold[..glen];
            if !self.beam.items.iter().any(|it| it.moves == gold) {
                let predicted = self.beam.best().moves.clone();
                self.update(p, ex, glen, &predicted);
                return;
            }
        }
    }

    /// +1 along `gold[..glen]`, −1 along `predicted`, skipping their common prefix.
    fn update(&mut self, p: &mut SparsePerceptron, ex: &Example, glen: usize, predicted: &[u16]) {
        let gold = std::mem::take(&mut self.gold);
        let common = gold[..glen].iter().zip(predicted).take_while(|(a, b)| a == b).count();
        for (seq, delta) in [(&gold[..glen], 1.0f32), (predicted, -1.0)] {
            self.state.reset(ex.nodes.len() - 1);
            for (k, &c) in seq.iter().enumerate() {
                if k >= common {
                    extract(&self.state, &ex.nodes, &mut self.feats);
                    p.add(&self.feats, c as usize, delta);
                }
                self.state.apply(Move::from_class(c as usize));
            }
        }
        self.gold = gold;
    }
}

/// UAS and LAS (punctuation included) of `parser` on sentences, using their tag columns.
pub fn attachment_scores(parser: &Parser, sents: &[Sentence]) -> (f64, f64) {
    let mut scratch = ParseScratch::default();
    let (mut heads, mut rels) = (Vec::new(), Vec::new());
    let (mut u, mut l, mut t) = (0usize, 0usize, 0usize);
    for s in sents {
        parser.parse(&node_infos(s), &mut scratch, &mut heads, &mut rels);
        for (i, w) in s.words.iter().enumerate() {
            let ok = w.head == Some(heads[i] as usize);
            u += usize::from(ok);
            l += usize::from(ok && parser.relations[rels[i] as usize] == w.deprel);
            t += 1;
        }
    }
    let d = t.max(1) as f64;
    (u as f64 / d, l as f64 / d)
}
