//! How far a claim is to be trusted, as a STIX-style confidence from 0 to 100.
//!
//! Until cross-document corroboration provides a credibility, it is derived only from what
//! the claim itself says, transparently:
//!
//! | start | 60 |
//! |---|---|
//! | the claimant confirms (rather than asserts or denies) | +15 |
//! | the claimant is a named entity, an official, a government, an organization or a document | +10 |
//! | the claimant is anonymous | −10 |
//! | several sources (`count` ≥ 2) | +5 per extra source, at most +10 |
//! | hedged (may, reportedly, allegedly…) | −20 |
//!
//! clamped to 5..=95: no claim read from one text is certain, or worthless.

use claimgraph_core::extraction::{Claim, ClaimantKind, Stance};

/// The confidence (0–100) of a claim; see the module docs for the formula.
pub fn claim_confidence(c: &Claim) -> u8 {
    let mut score: i32 = 60;
    if c.stance == Stance::Confirms {
        score += 15;
    }
    let named = c.claimant.entity.is_some()
        || matches!(
            c.claimant.kind,
            ClaimantKind::Official
                | ClaimantKind::Government
                | ClaimantKind::Organization
                | ClaimantKind::Document
        );
    if c.claimant.kind == ClaimantKind::Anonymous {
        score -= 10;
    } else if named {
        score += 10;
    }
    if let Some(n) = c.claimant.count
        && n >= 2
    {
        score += 5 * (n.min(3) as i32 - 1);
    }
    if c.hedged {
        score -= 20;
    }
    score.clamp(5, 95) as u8
}

#[cfg(test)]
mod tests {
    use super::*;
    use claimgraph_core::extraction::Claimant;

    fn claim(kind: ClaimantKind, stance: Stance, hedged: bool, count: Option<u32>) -> Claim {
        Claim {
            id: "C1".into(),
            claimant: Claimant { entity: None, name: "x".into(), kind, count },
            stance,
            hedged,
            about: vec![],
            via: None,
            evidence: vec![],
        }
    }

    #[test]
    fn formula() {
        assert_eq!(claim_confidence(&claim(ClaimantKind::Official, Stance::Confirms, false, None)), 85);
        assert_eq!(claim_confidence(&claim(ClaimantKind::Anonymous, Stance::Asserts, true, Some(2))), 35);
        assert_eq!(claim_confidence(&claim(ClaimantKind::Media, Stance::Denies, false, None)), 60);
        assert_eq!(claim_confidence(&claim(ClaimantKind::Person, Stance::Asserts, false, Some(9))), 70);
    }
}
