//! Parser feature templates in the style of Zhang & Nivre (2011): words, tags and labels of
//! the stack top, the buffer front, their heads and leftmost/rightmost dependents, distance,
//! valency and label sets.

use super::state::{NONE, State};
use crate::hashing::{f1, f2, f3};

/// What the parser knows about each node (index 0 is the root).
#[derive(Debug, Clone, Copy, Default)]
pub struct NodeInfo {
    /// Lowercased word hash.
    pub word: u64,
    /// UPOS id.
    pub upos: u64,
    /// XPOS id.
    pub xpos: u64,
}

/// Info of the artificial root node.
pub const ROOT_INFO: NodeInfo = NodeInfo { word: 0x726f_6f74, upos: 0x726f_6f74, xpos: 0x726f_6f74 };
const NULL_INFO: NodeInfo = NodeInfo { word: 0x6e75_6c6c, upos: 0x6e75_6c6c, xpos: 0x6e75_6c6c };
const NULL_LABEL: u64 = 0xffff;

/// Number of features produced by [`extract`].
pub const N_FEATURES: usize = 88;

/// The features that depend only on the buffer position (`State::b`) and the words, not
/// on the stack or the arcs built: every hypothesis of a beam step at the same buffer
/// position shares them, and so does a greedy parse until the next shift, so their scores
/// are computed once per position ([`super::scoring::BufferScores`]).
pub const BUFFER_FEATURES: [usize; 14] = [0, 4, 5, 6, 7, 8, 9, 10, 11, 12, 20, 21, 81, 82];

/// Number of the other features.
pub const STATE_FEATURES: usize = N_FEATURES - BUFFER_FEATURES.len();

/// Whether feature `i` of [`extract`] is one of [`BUFFER_FEATURES`].
const fn is_buffer_feature(i: usize) -> bool {
    let mut k = 0;
    while k < BUFFER_FEATURES.len() {
        if BUFFER_FEATURES[k] == i {
            return true;
        }
        k += 1;
    }
    false
}

/// Indices of the features that are not [`BUFFER_FEATURES`], in order.
pub const OTHER_FEATURES: [usize; STATE_FEATURES] = {
    let mut out = [0; STATE_FEATURES];
    let (mut i, mut k) = (0, 0);
    while i < N_FEATURES {
        if !is_buffer_feature(i) {
            out[k] = i;
            k += 1;
        }
        i += 1;
    }
    out
};

/// Fills `out` with the features of state `s` over `nodes` (length `n + 1`).
pub fn extract(s: &State, nodes: &[NodeInfo], out: &mut [u64; N_FEATURES]) {
    let info = |x: u32| if x == NONE { NULL_INFO } else { nodes[x as usize] };
    let lab = |x: u32| if x == NONE { NULL_LABEL } else { u64::from(s.label[x as usize]) };
    let depth = s.stack.len();
    let s0 = if depth > 0 { s.stack[depth - 1] } else { NONE };
    let s1 = if depth > 1 { s.stack[depth - 2] } else { NONE };
    let n = s.n;
    let b = |k: u32| if s.b + k <= n { s.b + k } else { NONE };
    let (n0, n1, n2) = (b(0), b(1), b(2));
    let hd = |x: u32| if x == NONE { NONE } else { s.head[x as usize] };
    let lc = |x: u32, k: usize| if x == NONE { NONE } else { s.left[x as usize][k] };
    let rc = |x: u32, k: usize| if x == NONE { NONE } else { s.right[x as usize][k] };
    let s0h = hd(s0);
    let s0h2 = hd(s0h);
    let (s0l, s0l2, s0r, s0r2) = (lc(s0, 0), lc(s0, 1), rc(s0, 0), rc(s0, 1));
    let (n0l, n0l2) = (lc(n0, 0), lc(n0, 1));
    let (i_s0, i_s1, i_n0, i_n1, i_n2) = (info(s0), info(s1), info(n0), info(n1), info(n2));
    let (i_s0h, i_s0h2) = (info(s0h), info(s0h2));
    let (i_s0l, i_s0l2, i_s0r, i_s0r2) = (info(s0l), info(s0l2), info(s0r), info(s0r2));
    let (i_n0l, i_n0l2) = (info(n0l), info(n0l2));
    let dist = if s0 != NONE && n0 != NONE { u64::from((n0 - s0).min(6)) } else { 7 };
    let val = |x: u32, k: usize| if x == NONE { 99 } else { u64::from(s.valency[x as usize][k]) };
    let set = |x: u32, k: usize| if x == NONE { 1 } else { s.labelset[x as usize][k] };
    let (s0w, s0p, n0w, n0p) = (i_s0.word, i_s0.xpos, i_n0.word, i_n0.xpos);
    let (n1w, n1p, n2p) = (i_n1.word, i_n1.xpos, i_n2.xpos);
    let s0_has_head = u64::from(s0h != NONE);
    *out = [
        f1(0, 0),
        // single words
        f1(1, s0w),
        f1(2, s0p),
        f2(3, s0w, s0p),
        f1(4, n0w),
        f1(5, n0p),
        f2(6, n0w, n0p),
        f1(7, n1w),
        f1(8, n1p),
        f2(9, n1w, n1p),
        f1(10, i_n2.word),
        f1(11, n2p),
        f2(12, i_n2.word, n2p),
        // pairs
        f3(13, f2(0, s0w, s0p), n0w, n0p),
        f3(14, s0w, s0p, n0w),
        f3(15, s0w, n0w, n0p),
        f3(16, s0w, s0p, n0p),
        f3(17, s0p, n0w, n0p),
        f2(18, s0w, n0w),
        f2(19, s0p, n0p),
        f2(20, n0p, n1p),
        // triples of tags
        f3(21, n0p, n1p, n2p),
        f3(22, s0p, n0p, n1p),
        f3(23, i_s0h.xpos, s0p, n0p),
        f3(24, s0p, i_s0l.xpos, n0p),
        f3(25, s0p, i_s0r.xpos, n0p),
        f3(26, s0p, n0p, i_n0l.xpos),
        // distance
        f2(27, s0w, dist),
        f2(28, s0p, dist),
        f2(29, n0w, dist),
        f2(30, n0p, dist),
        f3(31, s0w, n0w, dist),
        f3(32, s0p, n0p, dist),
        // valency
        f2(33, s0w, val(s0, 1)),
        f2(34, s0p, val(s0, 1)),
        f2(35, s0w, val(s0, 0)),
        f2(36, s0p, val(s0, 0)),
        f2(37, n0w, val(n0, 0)),
        f2(38, n0p, val(n0, 0)),
        // unigrams of heads and dependents
        f1(39, i_s0h.word),
        f1(40, i_s0h.xpos),
        f1(41, lab(s0)),
        f1(42, i_s0l.word),
        f1(43, i_s0l.xpos),
        f1(44, lab(s0l)),
        f1(45, i_s0r.word),
        f1(46, i_s0r.xpos),
        f1(47, lab(s0r)),
        f1(48, i_n0l.word),
        f1(49, i_n0l.xpos),
        f1(50, lab(n0l)),
        // third order
        f1(51, i_s0h2.word),
        f1(52, i_s0h2.xpos),
        f1(53, lab(s0h)),
        f1(54, i_s0l2.word),
        f1(55, i_s0l2.xpos),
        f1(56, lab(s0l2)),
        f1(57, i_s0r2.word),
        f1(58, i_s0r2.xpos),
        f1(59, lab(s0r2)),
        f1(60, i_n0l2.word),
        f1(61, i_n0l2.xpos),
        f1(62, lab(n0l2)),
        f3(63, s0p, i_s0l.xpos, i_s0l2.xpos),
        f3(64, s0p, i_s0r.xpos, i_s0r2.xpos),
        f3(65, s0p, i_s0h.xpos, i_s0h2.xpos),
        f3(66, n0p, i_n0l.xpos, i_n0l2.xpos),
        // label sets
        f2(67, s0w, set(s0, 1)),
        f2(68, s0p, set(s0, 1)),
        f2(69, s0w, set(s0, 0)),
        f2(70, s0p, set(s0, 0)),
        f2(71, n0w, set(n0, 0)),
        f2(72, n0p, set(n0, 0)),
        // extras: second stack item, attachment status, UPOS, stack depth
        f1(73, i_s1.word),
        f1(74, i_s1.xpos),
        f3(75, i_s1.xpos, s0p, n0p),
        f3(76, s0p, n0p, s0_has_head),
        f3(77, s0w, n0p, s0_has_head),
        f2(78, i_s0.upos, i_n0.upos),
        f3(79, i_s0.upos, i_n0.upos, i_n1.upos),
        f3(80, i_s0.upos, i_n0.upos, lab(s0)),
        f2(81, n0w, n1w),
        f3(82, n0p, n1w, n1p),
        f3(83, s0p, lab(s0), n0p),
        f2(84, s0p, u64::from(depth.min(4) as u32)),
        f3(85, i_s1.upos, i_s0.upos, i_n0.upos),
        f3(86, s0w, lab(s0), n0w),
        f3(87, i_s0l.upos, lab(s0l), n0p),
    ];
}

/// A hash of the features [`extract`] gives along a fixed little parse (six words; shifts,
/// left and right arcs with several labels; stack tops with and without heads). Any change to the templates or to how they hash changes
/// it; model files store the fingerprint of the build that trained them, and a build with
/// other templates refuses them ([`crate::NlpError::OtherFeatures`]) instead of reading the
/// weights against the wrong features.
pub fn fingerprint() -> u64 {
    use super::state::Move;
    let nodes: Vec<NodeInfo> = std::iter::once(ROOT_INFO)
        .chain((1..=6u64).map(|i| NodeInfo { word: 0x5700 + i, upos: 1 + i % 3, xpos: 11 + i % 4 }))
        .collect();
    let mut s = State::default();
    s.reset(6);
    let mut feats = [0u64; N_FEATURES];
    let mut acc = f1(0x6670, N_FEATURES as u64);
    let mut step = 0usize;
    while !s.is_final() {
        extract(&s, &nodes, &mut feats);
        for &f in &feats {
            acc = f2(0x6671, acc, f);
        }
        // The first valid move in an order that turns with the step, so the parse mixes
        // shifts and arcs (every template gives a value in every state).
        let valid = s.valid();
        let Some(kind) = (0..4).map(|k| (k + step) % 4).find(|&k| valid[k]) else { break };
        let label = (step % 5) as u16;
        s.apply(match kind {
            0 => Move::Shift,
            1 => Move::Reduce,
            2 => Move::Left(label),
            _ => Move::Right(label),
        });
        step += 1;
    }
    acc
}
