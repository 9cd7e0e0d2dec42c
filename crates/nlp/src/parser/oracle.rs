//! Dynamic oracle for arc-eager (Goldberg & Nivre 2012): the number of gold arcs a move makes
//! unreachable, for projective gold trees, plus one for a wrong label.

use super::state::{NONE, State};

/// Gold tree: head and label of each node (index 0 is the root and is ignored), and each
/// node's dependents.
#[derive(Debug, Clone)]
pub struct Gold {
    /// Gold head per node.
    pub head: Vec<u32>,
    /// Gold label per node.
    pub label: Vec<u16>,
    /// Gold dependents per node, ascending.
    pub deps: Vec<Vec<u32>>,
}

impl Gold {
    /// Builds the gold structure from 1-based heads (`heads[i]` for word `i + 1`).
    pub fn new(heads: &[u32], labels: &[u16]) -> Self {
        let m = heads.len() + 1;
        let mut head = vec![NONE; m];
        let mut label = vec![u16::MAX; m];
        let mut deps = vec![Vec::new(); m];
        for (i, (&h, &l)) in heads.iter().zip(labels).enumerate() {
            head[i + 1] = h;
            label[i + 1] = l;
            deps[h as usize].push(i as u32 + 1);
        }
        Gold { head, label, deps }
    }
}

/// Costs of (shift, reduce, left, right) ignoring labels; `u32::MAX` for invalid moves.
/// Returns also the gold label that a zero-label-cost left / right move needs (if any).
pub fn costs(s: &State, g: &Gold, valid: [bool; 4]) -> ([u32; 4], Option<u16>, Option<u16>) {
    let mut c = [u32::MAX; 4];
    let s0 = s.s0();
    let b = s.b;
    // gold dependents of x that are still in the buffer
    let deps_in_buffer = |x: u32| g.deps[x as usize].iter().filter(|&&k| k >= b).count() as u32;
    // headless stack nodes whose gold head is b
    let deps_of_b_in_stack = || {
        g.deps[b as usize]
            .iter()
            .filter(|&&k| k < b && s.in_stack[k as usize] && s.head[k as usize] == NONE)
            .count() as u32
    };
    let hb = if b <= s.n { g.head[b as usize] } else { NONE };
    let head_of_b_in_stack = hb != NONE && s.in_stack[hb as usize];
    if valid[0] {
        c[0] = deps_of_b_in_stack() + u32::from(head_of_b_in_stack);
    }
    if valid[1] {
        c[1] = deps_in_buffer(s0);
    }
    let mut left_label = None;
    if valid[2] {
        let hs = g.head[s0 as usize];
        c[2] = u32::from(hs != b && hs != NONE && hs > b) + deps_in_buffer(s0);
        if hs == b {
            left_label = Some(g.label[s0 as usize]);
        }
    }
    let mut right_label = None;
    if valid[3] {
        let lost_head = hb != s0 && hb != NONE && (hb > b || s.in_stack[hb as usize]);
        c[3] = u32::from(lost_head) + deps_of_b_in_stack();
        if hb == s0 {
            right_label = Some(g.label[b as usize]);
        }
    }
    (c, left_label, right_label)
}

#[cfg(test)]
mod tests {
    use super::super::state::Move;
    use super::*;

    /// Following zero-cost moves from the start rebuilds any projective tree.
    #[test]
    fn zero_cost_path_rebuilds_the_gold_tree() {
        // "the big dog barked at us ." : det amod nsubj root case obl punct
        let heads = [3, 3, 4, 0, 6, 4, 4];
        let labels = [0, 1, 2, 3, 4, 5, 6];
        let g = Gold::new(&heads, &labels);
        let mut s = State::default();
        s.reset(heads.len());
        while !s.is_final() {
            let v = s.valid();
            let (c, ll, rl) = costs(&s, &g, v);
            let m = if c[2] == 0 {
                Move::Left(ll.unwrap())
            } else if c[3] == 0 {
                Move::Right(rl.unwrap_or(0))
            } else if c[1] == 0 {
                Move::Reduce
            } else {
                assert_eq!(c[0], 0, "some move must be free");
                Move::Shift
            };
            s.apply(m);
        }
        assert_eq!(&s.head[1..], &heads);
        assert_eq!(&s.label[1..], &labels);
    }

    #[test]
    fn costs_count_lost_arcs() {
        // "a b c" with c -> a, c -> b, root -> c
        let g = Gold::new(&[3, 3, 0], &[0, 0, 1]);
        let mut s = State::default();
        s.reset(3);
        s.apply(Move::Shift); // stack: 0 a ; buffer: b c
        let (c, _, _) = costs(&s, &g, s.valid());
        // right-arc a -> b loses b's head (c); a can still get c later
        assert_eq!(c[3], 1);
        // left-arc b -> a loses a's head c
        assert_eq!(c[2], 1);
        assert_eq!(c[0], 0);
    }
}
