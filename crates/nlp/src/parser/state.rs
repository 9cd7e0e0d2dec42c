//! Arc-eager transition system with the root node (0) at the bottom of the stack.
//!
//! Moves: `SHIFT`, `REDUCE`, `LEFT(l)` (add `b0 → s0` with label `l`, pop `s0`) and
//! `RIGHT(l)` (add `s0 → b0`, push `b0`). Parsing ends when the buffer is empty; words left
//! without a head are attached by [`State::finish`].

/// No node.
pub const NONE: u32 = u32::MAX;

/// Move kinds; a move class is `SHIFT`, `REDUCE`, `2 + 2l` (left, label `l`) or `3 + 2l` (right).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// Push `b0`.
    Shift,
    /// Pop `s0` (which has a head).
    Reduce,
    /// `b0 → s0` with a label, pop `s0`.
    Left(u16),
    /// `s0 → b0` with a label, push `b0`.
    Right(u16),
}

impl Move {
    /// Class index of the move.
    pub fn class(self) -> usize {
        match self {
            Move::Shift => 0,
            Move::Reduce => 1,
            Move::Left(l) => 2 + 2 * l as usize,
            Move::Right(l) => 3 + 2 * l as usize,
        }
    }
    /// The move of a class index.
    pub fn from_class(c: usize) -> Move {
        match c {
            0 => Move::Shift,
            1 => Move::Reduce,
            c if c % 2 == 0 => Move::Left(((c - 2) / 2) as u16),
            c => Move::Right(((c - 3) / 2) as u16),
        }
    }
}

/// Number of move classes for `n_labels` labels.
pub fn n_classes(n_labels: usize) -> usize {
    2 + 2 * n_labels
}

/// Parser configuration over nodes `0..=n` (0 is the artificial root).
#[derive(Debug, Clone, Default)]
pub struct State {
    /// The stack (bottom first).
    pub stack: Vec<u32>,
    /// First buffer node (`n + 1` when the buffer is empty).
    pub b: u32,
    /// Number of words.
    pub n: u32,
    /// Head of each node (`NONE` when unattached).
    pub head: Vec<u32>,
    /// Label of each node's arc.
    pub label: Vec<u16>,
    /// Two leftmost dependents of each node (closest to the left edge first).
    pub left: Vec<[u32; 2]>,
    /// Two rightmost dependents of each node (rightmost first).
    pub right: Vec<[u32; 2]>,
    /// Number of left and right dependents.
    pub valency: Vec<[u8; 2]>,
    /// Bit sets (label id mod 64) of left and right dependents' labels.
    pub labelset: Vec<[u64; 2]>,
    /// Whether each node is on the stack.
    pub in_stack: Vec<bool>,
}

impl State {
    /// Resets to the initial configuration for `n` words, reusing the allocations.
    pub fn reset(&mut self, n: usize) {
        let m = n + 1;
        self.stack.clear();
        self.stack.push(0);
        self.b = 1;
        self.n = n as u32;
        self.head.clear();
        self.head.resize(m, NONE);
        self.label.clear();
        self.label.resize(m, u16::MAX);
        self.left.clear();
        self.left.resize(m, [NONE; 2]);
        self.right.clear();
        self.right.resize(m, [NONE; 2]);
        self.valency.clear();
        self.valency.resize(m, [0; 2]);
        self.labelset.clear();
        self.labelset.resize(m, [0; 2]);
        self.in_stack.clear();
        self.in_stack.resize(m, false);
        self.in_stack[0] = true;
    }

    /// True when no move is left.
    pub fn is_final(&self) -> bool {
        self.b > self.n
    }

    /// Top of the stack.
    pub fn s0(&self) -> u32 {
        *self.stack.last().unwrap_or(&0)
    }

    /// Whether the root already has a dependent.
    pub fn root_taken(&self) -> bool {
        self.right[0][0] != NONE
    }

    /// Validity of each move kind: (shift, reduce, left, right). `RIGHT` from the root is only
    /// allowed with the root label and while the root has no dependent.
    pub fn valid(&self) -> [bool; 4] {
        if self.is_final() {
            return [false; 4];
        }
        let s0 = self.s0();
        let has_head = s0 != 0 && self.head[s0 as usize] != NONE;
        [true, s0 != 0 && has_head, s0 != 0 && !has_head, s0 != 0 || !self.root_taken()]
    }

    fn add_arc(&mut self, h: u32, d: u32, l: u16) {
        let (hu, du) = (h as usize, d as usize);
        self.head[du] = h;
        self.label[du] = l;
        let bit = 1u64 << (l % 64);
        if d < h {
            let lc = &mut self.left[hu];
            if lc[0] == NONE || d < lc[0] {
                lc[1] = lc[0];
                lc[0] = d;
            } else if lc[1] == NONE || d < lc[1] {
                lc[1] = d;
            }
            self.valency[hu][0] = self.valency[hu][0].saturating_add(1);
            self.labelset[hu][0] |= bit;
        } else {
            let rc = &mut self.right[hu];
            if rc[0] == NONE || d > rc[0] {
                rc[1] = rc[0];
                rc[0] = d;
            } else if rc[1] == NONE || d > rc[1] {
                rc[1] = d;
            }
            self.valency[hu][1] = self.valency[hu][1].saturating_add(1);
            self.labelset[hu][1] |= bit;
        }
    }

    /// Applies a (valid) move.
    pub fn apply(&mut self, m: Move) {
        match m {
            Move::Shift => {
                self.stack.push(self.b);
                self.in_stack[self.b as usize] = true;
                self.b += 1;
            }
            Move::Reduce => {
                let s = self.stack.pop().unwrap_or(0);
                self.in_stack[s as usize] = false;
            }
            Move::Left(l) => {
                let s = self.stack.pop().unwrap_or(0);
                self.in_stack[s as usize] = false;
                self.add_arc(self.b, s, l);
            }
            Move::Right(l) => {
                let s = self.s0();
                self.add_arc(s, self.b, l);
                self.stack.push(self.b);
                self.in_stack[self.b as usize] = true;
                self.b += 1;
            }
        }
    }

    /// Attaches words left without a head: to the root's dependent (with `fallback`), or the
    /// first of them becomes the root's dependent (with `root_label`) when there is none.
    pub fn finish(&mut self, root_label: u16, fallback: impl Fn(usize) -> u16) {
        for d in 1..=self.n as usize {
            if self.head[d] != NONE {
                continue;
            }
            let r = self.right[0][0];
            if r == NONE {
                self.add_arc(0, d as u32, root_label);
            } else {
                self.head[d] = r;
                self.label[d] = fallback(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_build_a_tree() {
        // "she ate fish": she <- ate -> fish, root -> ate
        let mut s = State::default();
        s.reset(3);
        s.apply(Move::Shift);
        s.apply(Move::Left(0));
        assert_eq!(s.valid(), [true, false, false, true]);
        s.apply(Move::Right(1));
        s.apply(Move::Right(2));
        assert!(s.is_final());
        assert_eq!(&s.head[1..], &[2, 0, 2]);
        assert_eq!(s.left[2][0], 1);
        assert_eq!(s.right[2][0], 3);
        assert_eq!(s.valency[2], [1, 1]);
        assert!(s.root_taken());
        for c in 0..n_classes(5) {
            assert_eq!(Move::from_class(c).class(), c);
        }
    }
}
