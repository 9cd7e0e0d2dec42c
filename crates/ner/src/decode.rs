//! First-order Viterbi decoding over the states of [`crate::scheme`], with the
//! well-formedness constraints built in (`I-X` only after `B-X` or `I-X`).

use crate::scheme::{N_STATES as N_TAGS, may_end, may_follow};

/// Transition scores: `trans[p][c]` for previous state `p` (last row = sentence start).
pub type Transitions = [[f32; N_TAGS]; N_TAGS + 1];

/// `allowed[p][c]`: whether state `c` may follow `p` (last row = sentence start).
pub fn allowed_transitions() -> [[bool; N_TAGS]; N_TAGS + 1] {
    let mut a = [[false; N_TAGS]; N_TAGS + 1];
    for (p, row) in a.iter_mut().enumerate() {
        let prev = (p < N_TAGS).then_some(p);
        for (c, ok) in row.iter_mut().enumerate() {
            *ok = may_follow(prev, c);
        }
    }
    a
}

/// Reusable decoding buffers.
#[derive(Debug, Default, Clone)]
pub struct Viterbi {
    back: Vec<[u8; N_TAGS]>,
}

impl Viterbi {
    /// Best state sequence for `emissions` (one row per word) under `trans`, written into
    /// `out` as state indices.
    #[allow(clippy::needless_range_loop)] // parallel arrays indexed by tag
    pub fn decode(&mut self, emissions: &[[f32; N_TAGS]], trans: &Transitions, out: &mut Vec<usize>) {
        out.clear();
        let n = emissions.len();
        if n == 0 {
            return;
        }
        let allowed = allowed_transitions();
        self.back.clear();
        self.back.resize(n, [0; N_TAGS]);
        let mut score = [f32::NEG_INFINITY; N_TAGS];
        for c in 0..N_TAGS {
            if allowed[N_TAGS][c] {
                score[c] = trans[N_TAGS][c] + emissions[0][c];
            }
        }
        for i in 1..n {
            let mut next = [f32::NEG_INFINITY; N_TAGS];
            for c in 0..N_TAGS {
                let mut best = f32::NEG_INFINITY;
                let mut arg = 0u8;
                for p in 0..N_TAGS {
                    if !allowed[p][c] {
                        continue;
                    }
                    let s = score[p] + trans[p][c];
                    if s > best {
                        best = s;
                        arg = p as u8;
                    }
                }
                next[c] = best + emissions[i][c];
                self.back[i][c] = arg;
            }
            score = next;
        }
        let mut best = 0;
        for c in 1..N_TAGS {
            if may_end(c) && score[c] > score[best] {
                best = c;
            }
        }
        out.resize(n, 0);
        out[n - 1] = best;
        for i in (1..n).rev() {
            out[i - 1] = usize::from(self.back[i][out[i]]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::label::EntityLabel::*;
    use crate::label::EntityTag;
    use crate::scheme::{encode, state_tag};

    #[test]
    fn never_outputs_invalid_sequences() {
        // emissions prefer I-PER everywhere, which is invalid at the start
        let st = encode(&[EntityTag::B(Per), EntityTag::I(Per), EntityTag::I(Per)]);
        let mut e = [[0f32; N_TAGS]; 3];
        for row in &mut e {
            row[st[1]] = 5.0;
            row[st[0]] = 4.0;
        }
        let trans = [[0f32; N_TAGS]; N_TAGS + 1];
        let mut v = Viterbi::default();
        let mut out = Vec::new();
        v.decode(&e, &trans, &mut out);
        assert_eq!(out, st);
        let tags: Vec<EntityTag> = out.iter().map(|&i| state_tag(i)).collect();
        assert_eq!(tags, vec![EntityTag::B(Per), EntityTag::I(Per), EntityTag::I(Per)]);
        v.decode(&[], &trans, &mut out);
        assert!(out.is_empty());
    }
}
