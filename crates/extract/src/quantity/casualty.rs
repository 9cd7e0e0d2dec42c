//! Casualty statements: who many were killed or injured, as said in one clause.
//!
//! Patterns, in order, at each token:
//! * the toll: `the death toll rose to 30`, `a death toll of 30`;
//! * an active verb and its object: `killed two civilians`, `injuring more than 70
//!   others`, `left 12 dead`, `killing a soldier`;
//! * victims and what happened to them: `two civilians were killed`, `30 dead`,
//!   `12 people died`, `five deaths`, `300,000 people killed`;
//! * a part of a count just given: `including four US personnel`, `among them two
//!   children`, `two of them`: marked `subset`, never added to totals.

use claimgraph_core::extraction::Count;

use super::number::{NumberExpr, read_number};
use super::words::{
    active_verb, count_noun, ends_phrase, is_aux, is_unit, outcome, singular_victim, violent_death,
};
use crate::time::token::{TokKind, Token, tokenize};

/// What happened to the people counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CasualtyKind {
    /// Killed.
    Killed,
    /// Injured or wounded.
    Injured,
}

/// One casualty statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CasualtyMatch {
    /// Killed or injured.
    pub kind: CasualtyKind,
    /// The count; `text` is the whole statement (`killed two civilians`).
    pub count: Count,
    /// Byte offset of the first char of the statement.
    pub start: usize,
    /// Byte offset after its last char.
    pub end: usize,
    /// A part of a count given just before (`including four US personnel`).
    pub subset: bool,
}

/// Killed and injured counts of a set of statements.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CasualtyTotals {
    /// People killed.
    pub killed: Option<Count>,
    /// People injured.
    pub injured: Option<Count>,
}

/// The count to report per kind for statements about one event: subsets are ignored and,
/// as reports repeat and update the same toll, the statement with the highest lower bound
/// is kept (counts are not summed).
pub fn totals(matches: &[CasualtyMatch]) -> CasualtyTotals {
    let best = |kind: CasualtyKind| {
        matches
            .iter()
            .filter(|m| m.kind == kind && !m.subset)
            .fold(None::<&CasualtyMatch>, |acc, m| match acc {
                Some(a) if a.count.min >= m.count.min => Some(a),
                _ => Some(m),
            })
            .map(|m| m.count.clone())
    };
    CasualtyTotals { killed: best(CasualtyKind::Killed), injured: best(CasualtyKind::Injured) }
}

/// Finds casualty statements in `text`.
pub fn find_casualties(text: &str) -> Vec<CasualtyMatch> {
    find_casualties_at(text, 0)
}

/// Finds casualty statements in `clause`, a piece of a document starting at byte
/// `offset`; spans are returned in document bytes.
pub fn find_casualties_at(clause: &str, offset: usize) -> Vec<CasualtyMatch> {
    let toks = tokenize(clause);
    let sentence = sentence_ids(&toks);
    let f = Finder { t: &toks };
    let mut out: Vec<(CasualtyMatch, usize)> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let found = f.toll(i).or_else(|| f.active(i)).or_else(|| f.passive(i));
        let found = match found {
            Some(x) => Some((x, false)),
            None => f.subset(i).and_then(|(n, end)| {
                // a subset belongs to the statement just before it in the same sentence
                let prev = out.last().filter(|(_, s)| *s == sentence[i])?;
                Some(((prev.0.kind, n, end), true))
            }),
        };
        let Some(((kind, n, end), subset)) = found else {
            i += 1;
            continue;
        };
        let (start, stop) = (toks[i].start, toks[end - 1].end);
        let count = Count { min: n.min, max: n.max, text: Some(clause[start..stop].to_string()) };
        out.push((
            CasualtyMatch { kind, count, start: start + offset, end: stop + offset, subset },
            sentence[i],
        ));
        i = end;
    }
    out.into_iter().map(|(m, _)| m).collect()
}

/// Sentence number of each token (split at `.`, `!`, `?`, `;` and line breaks).
fn sentence_ids(toks: &[Token<'_>]) -> Vec<usize> {
    let mut id = 0;
    let mut out = Vec::with_capacity(toks.len());
    for (i, t) in toks.iter().enumerate() {
        if t.newline_before && i > 0 {
            id += 1;
        }
        out.push(id);
        if t.kind == TokKind::Punct && matches!(t.text, "." | "!" | "?" | ";") {
            id += 1;
        }
    }
    out
}

/// A found statement: kind, count and the token index after it.
type Found = (CasualtyKind, NumberExpr, usize);

struct Finder<'t, 'a> {
    t: &'t [Token<'a>],
}

impl Finder<'_, '_> {
    fn w(&self, i: usize) -> &str {
        match self.t.get(i) {
            Some(t) if t.kind == TokKind::Word => &t.lower,
            _ => "",
        }
    }

    /// A count of people at `i`: a number expression not followed by a unit, or `a`/`one`
    /// before a singular victim noun.
    /// The end of the age that the tokens from `k` make of a number before them
    /// ("-year-old", "year old", "years-old"), if they do.
    fn age_end(&self, k: usize) -> Option<usize> {
        let dash = |j: usize| if self.t.get(j).is_some_and(|t| t.is_punct('-')) { j + 1 } else { j };
        let y = dash(k);
        if !matches!(self.w(y), "year" | "years") {
            return None;
        }
        let o = dash(y + 1);
        (self.w(o) == "old").then_some(o + 1)
    }

    /// True when the tokens from `k` make a number before them an age.
    fn is_age(&self, k: usize) -> bool {
        self.age_end(k).is_some()
    }

    /// `k`, or the token after an age that starts there ("19-year-old" in "two 19-year-old
    /// students").
    fn skip_age(&self, k: usize) -> usize {
        match self.t.get(k) {
            Some(t) if t.kind == TokKind::Num => self.age_end(k + 1).unwrap_or(k),
            _ => k,
        }
    }

    fn people(&self, i: usize) -> Option<(NumberExpr, usize)> {
        if let Some((n, k)) = read_number(self.t, i) {
            if is_unit(self.w(k)) || self.t.get(k).is_some_and(|t| t.is_punct('%')) {
                return None;
            }
            // "a 24-year-old man": an age, not a count
            if self.is_age(k) {
                return None;
            }
            // a year ("in 2019") is not a count
            let first = &self.t[i];
            if first.kind == TokKind::Num
                && first.text.len() == 4
                && i > 0
                && matches!(self.w(i - 1), "in" | "since" | "of" | "by")
            {
                return None;
            }
            if i > 0 && self.t[i - 1].is_punct('$') {
                return None;
            }
            let k = self.skip_age(k);
            // "1580 Ruy Lopez died": a year before a name, not a count
            if first.kind == TokKind::Num
                && first.text.len() == 4
                && first.num().is_some_and(|y| (1000..=2100).contains(&y))
                && self.t.get(k).is_some_and(|t| t.kind == TokKind::Word && t.is_capitalized())
            {
                return None;
            }
            return Some((n, k));
        }
        if matches!(self.w(i), "a" | "an" | "one") {
            // a soldier, an Afghan soldier, one US contractor, a 24-year-old man
            let start = self.skip_age(i + 1);
            for k in start..(start + 3).min(self.t.len()) {
                if singular_victim(self.w(k)) {
                    return Some((NumberExpr { min: 1, max: Some(1), approximate: false }, start));
                }
                if self.t[k].kind != TokKind::Word || ends_phrase(self.w(k)) {
                    break;
                }
            }
        }
        None
    }

    /// The victims' noun phrase from `k`: up to five words that do not end a phrase.
    fn phrase(&self, mut k: usize) -> usize {
        let limit = k + 5;
        while k < limit.min(self.t.len()) {
            let t = &self.t[k];
            let ok = match t.kind {
                TokKind::Word => !ends_phrase(&t.lower),
                // US-led, Afghan-born: hyphens inside words
                TokKind::Punct => {
                    t.text == "-"
                        && crate::time::token::glued(self.t, k)
                        && crate::time::token::glued(self.t, k + 1)
                }
                TokKind::Num => false,
            };
            if !ok {
                break;
            }
            k += 1;
        }
        k
    }

    /// `the death toll rose to 30`, `a death toll of 30`, `claimed the lives of 30`.
    fn toll(&self, i: usize) -> Option<Found> {
        if matches!(self.w(i), "claimed" | "claiming" | "claims" | "took" | "taking" | "takes")
            && self.w(i + 1) == "the"
            && self.w(i + 2) == "lives"
            && self.w(i + 3) == "of"
        {
            let (n, k) = self.people(i + 4)?;
            return Some((CasualtyKind::Killed, n, self.phrase(k)));
        }
        if !(self.w(i) == "death" && self.w(i + 1) == "toll") {
            return None;
        }
        let mut j = i + 2;
        while matches!(
            self.w(j),
            "has" | "had" | "have" | "now" | "already" | "since" | "reportedly" | "officially"
        ) {
            j += 1;
        }
        if matches!(
            self.w(j),
            "rose"
                | "risen"
                | "rises"
                | "climbed"
                | "climbs"
                | "reached"
                | "reaches"
                | "stands"
                | "stood"
                | "hit"
                | "hits"
                | "is"
                | "was"
                | "jumped"
                | "increased"
                | "grew"
                | "of"
                | "at"
                | "now"
        ) {
            j += 1;
        }
        if matches!(self.w(j), "to" | "at") {
            j += 1;
        }
        let (n, k) = self.people(j)?;
        Some((CasualtyKind::Killed, n, k))
    }

    /// `killed two civilians`, `injuring more than 70 others`, `left 12 dead`, `shot dead
    /// two protesters`.
    fn active(&self, i: usize) -> Option<Found> {
        if self.w(i + 1) == "dead"
            && matches!(self.w(i), "shot" | "shooting" | "shoots")
            && let Some((n, k)) = self.people(i + 2)
        {
            return Some((CasualtyKind::Killed, n, self.phrase(k)));
        }
        let w = self.w(i);
        let left = matches!(w, "left" | "leaving" | "leaves");
        let kind = active_verb(w);
        if kind.is_none() && !left {
            return None;
        }
        let mut j = i + 1;
        if self.w(j) == "all" {
            j += 1;
        }
        let (n, k) = self.people(j)?;
        let end = self.phrase(k);
        if left {
            // left 12 dead, leaving two people injured
            let kind = outcome(self.w(end))?;
            return Some((kind, n, end + 1));
        }
        Some((kind?, n, end))
    }

    /// `two civilians were killed`, `30 dead`, `12 people died`, `five deaths`,
    /// `two of them were killed` (a subset).
    fn passive(&self, i: usize) -> Option<Found> {
        if i > 0 && active_verb(self.w(i - 1)).is_some() {
            return None;
        }
        let (n, k) = self.people(i)?;
        if let Some(kind) = count_noun(self.w(k)) {
            return Some((kind, n, k + 1));
        }
        let mut j = self.phrase(k);
        // five people, including two children, were killed
        if self.t.get(j).is_some_and(|t| t.is_punct(','))
            && matches!(self.w(j + 1), "including" | "among")
            && let Some(close) = (j + 2..(j + 12).min(self.t.len())).find(|&c| self.t[c].is_punct(','))
        {
            j = close + 1;
        }
        let mut aux = 0;
        while aux < 4 && is_aux(self.w(j)) {
            j += 1;
            aux += 1;
        }
        // "were shot and killed", "were stabbed and wounded": the outcome after how
        if matches!(self.w(j), "shot" | "stabbed" | "beaten" | "attacked" | "ambushed" | "hacked")
            && self.w(j + 1) == "and"
            && outcome(self.w(j + 2)).is_some()
        {
            j += 2;
        }
        if self.w(j) == "lost" && self.w(j + 1) == "their" && matches!(self.w(j + 2), "lives" | "life") {
            return Some((CasualtyKind::Killed, n, j + 3));
        }
        // "were shot dead", "were beaten to death", "were gunned down"
        if let Some(end) = violent_death(&[self.w(j), self.w(j + 1), self.w(j + 2)]) {
            return Some((CasualtyKind::Killed, n, j + end));
        }
        let kind = outcome(self.w(j))?;
        // "were killed" needs no helper; a bare "dead"/"hurt" must follow the phrase directly
        Some((kind, n, j + 1))
    }

    /// `including four US personnel`, `among them two children`.
    fn subset(&self, i: usize) -> Option<(NumberExpr, usize)> {
        let j = match (self.w(i), self.w(i + 1)) {
            ("including", _) => i + 1,
            ("among", "them" | "whom" | "those") => i + 2,
            _ => return None,
        };
        let (n, k) = self.people(j)?;
        Some((n, self.phrase(k)))
    }
}
