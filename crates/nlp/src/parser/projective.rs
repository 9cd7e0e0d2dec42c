//! Pseudo-projective parsing (Nivre & Nilsson 2005, "head" encoding): non-projective arcs are
//! lifted to the grandparent until the tree is projective, and the lifted word's label records
//! the label of its original head (`label^headlabel`); after parsing, such a word is moved
//! back under the first node (breadth-first, left to right) below its new head that has
//! `headlabel`.

/// Separator between a lifted word's label and its original head's label.
pub const LIFT_SEP: char = '^';

/// True when `d` is a descendant of (or equal to) `a`; `heads[i]` is the head of node `i + 1`.
fn dominates(heads: &[u32], a: u32, mut d: u32) -> bool {
    let mut steps = 0;
    while d != 0 && steps <= heads.len() {
        if d == a {
            return true;
        }
        d = heads[d as usize - 1];
        steps += 1;
    }
    a == 0
}

/// True when the arc into `d` (1-based) is non-projective.
pub fn is_nonprojective_arc(heads: &[u32], d: u32) -> bool {
    let h = heads[d as usize - 1];
    let (lo, hi) = if h < d { (h, d) } else { (d, h) };
    (lo + 1..hi).any(|k| !dominates(heads, h, k))
}

/// Lifts non-projective arcs until the tree is projective; returns the new heads and labels
/// (lifted labels get `^` and the original head's label, once).
pub fn projectivize(heads: &[u32], labels: &[String]) -> (Vec<u32>, Vec<String>) {
    let mut h = heads.to_vec();
    let mut l = labels.to_vec();
    let mut lifted = vec![false; h.len()];
    loop {
        // the shortest non-projective arc is lifted first
        let pick = (1..=h.len() as u32)
            .filter(|&d| h[d as usize - 1] != 0 && is_nonprojective_arc(&h, d))
            .min_by_key(|&d| (h[d as usize - 1].abs_diff(d), d));
        let Some(d) = pick else { break };
        let di = d as usize - 1;
        let old = h[di];
        if !lifted[di] {
            l[di] = format!("{}{LIFT_SEP}{}", labels[di], labels[old as usize - 1]);
            lifted[di] = true;
        }
        h[di] = h[old as usize - 1];
    }
    (h, l)
}

/// Undoes lifting: each word whose label is `(label, Some(head_label))` moves under the
/// first node with `head_label` found breadth-first below its current head (not inside its
/// own subtree); labels are reduced to their first part either way.
pub fn deprojectivize(heads: &mut [u32], labels: &mut [(u16, Option<u16>)]) {
    let n = heads.len();
    let mut queue: Vec<u32> = Vec::new();
    for d in 1..=n as u32 {
        let di = d as usize - 1;
        let Some(target) = labels[di].1 else { continue };
        labels[di].1 = None;
        let start = heads[di];
        queue.clear();
        queue.push(start);
        let mut qi = 0;
        let mut found = None;
        while qi < queue.len() {
            let x = queue[qi];
            qi += 1;
            for k in 1..=n as u32 {
                let ki = k as usize - 1;
                if heads[ki] == x && k != d {
                    if labels[ki].0 == target && !dominates(heads, d, k) {
                        found = Some(k);
                        break;
                    }
                    queue.push(k);
                }
            }
            if found.is_some() {
                break;
            }
        }
        if let Some(k) = found {
            heads[di] = k;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_projective_tree_round_trip() {
        // "A hearing is scheduled on the issue today ." (the classic example):
        // hearing -> on is non-projective (on's head is hearing, across "is scheduled").
        let heads = vec![2, 4, 4, 0, 2, 7, 5, 4, 4];
        let labels: Vec<String> = ["det", "nsubj", "aux", "root", "nmod", "det", "pobj", "tmod", "punct"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert!(is_nonprojective_arc(&heads, 5));
        let (ph, pl) = projectivize(&heads, &labels);
        assert!((1..=9).all(|d| ph[d - 1] == 0 || !is_nonprojective_arc(&ph, d as u32)));
        assert_eq!(ph[4], 4, "'on' lifted to 'scheduled'");
        assert_eq!(pl[4], "nmod^nsubj");
        // encode labels as ids, then undo the lifting
        let mut names: Vec<String> = labels.clone();
        names.sort();
        names.dedup();
        let id = |s: &str| names.iter().position(|n| n == s).unwrap() as u16;
        let mut enc: Vec<(u16, Option<u16>)> = pl
            .iter()
            .map(|l| match l.split_once(LIFT_SEP) {
                Some((a, b)) => (id(a), Some(id(b))),
                None => (id(l), None),
            })
            .collect();
        let mut h2 = ph.clone();
        deprojectivize(&mut h2, &mut enc);
        assert_eq!(h2, heads);
        let back: Vec<&str> = enc.iter().map(|(l, _)| names[*l as usize].as_str()).collect();
        assert_eq!(back, labels.iter().map(|s| s.as_str()).collect::<Vec<_>>());
    }
}
