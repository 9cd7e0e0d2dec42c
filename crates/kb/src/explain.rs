//! Human-readable output for `claimgraph kb lookup` and `claimgraph kb stats`.

use std::fmt;

use crate::kb::{Kb, Stats};
use crate::resolve::{ResolveContext, Resolved};

/// One candidate of a lookup, scored in context.
#[derive(Debug, Clone, PartialEq)]
pub struct ExplainedCandidate {
    /// KB id.
    pub kb_id: String,
    /// Canonical name.
    pub name: String,
    /// Score before context.
    pub base: f32,
    /// Score in context; `None` when the context rules the candidate out.
    pub in_context: Option<f32>,
    /// Why, in words.
    pub why: String,
}

/// Candidates of a mention and the chosen reading: what `claimgraph kb lookup` prints.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    /// The mention looked up.
    pub mention: String,
    /// Exact-alias candidates, best first.
    pub candidates: Vec<ExplainedCandidate>,
    /// The resolution (may come from composition or title stripping when no alias matched).
    pub resolved: Option<Resolved>,
}

impl Kb {
    /// Candidates of `mention` with their scores and reasons, and the chosen reading.
    pub fn explain(&self, mention: &str, ctx: &ResolveContext) -> Explanation {
        let candidates = self
            .lookup(mention)
            .iter()
            .map(|c| {
                let scored = self.score(c, ctx);
                ExplainedCandidate {
                    kb_id: c.entry.kb_id.clone(),
                    name: c.entry.name.clone(),
                    base: c.score,
                    in_context: scored.as_ref().map(|s| s.0),
                    why: scored.map_or_else(|| format!("{}; ruled out by label or role", c.why()), |s| s.1),
                }
            })
            .collect();
        Explanation { mention: mention.to_string(), candidates, resolved: self.resolve(mention, ctx) }
    }
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{:?}: {} candidate(s)", self.mention, self.candidates.len())?;
        for c in &self.candidates {
            let ctx = c.in_context.map_or("  -  ".to_string(), |s| format!("{s:.2}"));
            writeln!(f, "  {:<40} {:.2} -> {}  {} — {}", c.kb_id, c.base, ctx, c.name, c.why)?;
        }
        match &self.resolved {
            Some(r) => {
                write!(
                    f,
                    "resolved: {} {:?} ({:?}, {:?}",
                    r.kb_id.as_deref().unwrap_or("(no id)"),
                    r.name,
                    r.entity_type,
                    r.kind
                )?;
                if let Some(c) = &r.country {
                    write!(f, ", country {c}")?;
                }
                if let Some(c) = &r.cameo {
                    write!(f, ", CAMEO {c}")?;
                }
                if let Some(a) = &r.acting_for {
                    write!(f, ", acting for {a}")?;
                }
                if let (Some(lat), Some(lon)) = (r.lat, r.lon) {
                    write!(f, ", {lat:.4},{lon:.4}")?;
                }
                writeln!(f, ") score {:.2}: {}", r.score, r.why)
            }
            None => writeln!(f, "resolved: none (stays an entity without kb_id)"),
        }
    }
}

impl fmt::Display for Stats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "entries: {}", self.entries)?;
        writeln!(f, "alias keys: {} ({} alias-entry links)", self.aliases, self.postings)?;
        writeln!(f, "agent nouns: {}", self.agents)?;
        writeln!(f, "by kind:")?;
        for (k, n) in &self.by_kind {
            writeln!(f, "  {k:<14} {n}")?;
        }
        writeln!(f, "by source:")?;
        for (k, n) in &self.by_source {
            writeln!(f, "  {k:<14} {n}")?;
        }
        Ok(())
    }
}
