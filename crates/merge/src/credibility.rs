//! Source reliability and claim credibility on the Admiralty (NATO AJP-2.1) scale.
//!
//! Reliability of a source (`A` completely reliable … `E` unreliable, `F` cannot be judged)
//! is only ever given by an analyst. Credibility of a claim (1 confirmed by other sources …
//! 5 improbable, 6 cannot be judged) is suggested by claimgraph from independent
//! corroboration and denials; an analyst's grade of a claim, when there is one, is shown
//! instead and never overwritten (suggestions are computed when read, never stored).

use serde::Serialize;

/// Meaning of a reliability grade.
pub fn reliability_label(grade: &str) -> &'static str {
    match grade {
        "A" => "completely reliable",
        "B" => "usually reliable",
        "C" => "fairly reliable",
        "D" => "not usually reliable",
        "E" => "unreliable",
        "F" => "reliability cannot be judged",
        _ => "unknown grade",
    }
}

/// Meaning of a credibility grade.
pub fn credibility_label(grade: u8) -> &'static str {
    match grade {
        1 => "confirmed by other sources",
        2 => "probably true",
        3 => "possibly true",
        4 => "doubtful",
        5 => "improbable",
        _ => "truth cannot be judged",
    }
}

/// Suggested credibility of a claim that asserts or confirms something, from the number of
/// other independent lines of evidence that support it and that deny it. A hedged claim
/// with nothing else to go on cannot be judged; a denial is graded by the same rule from
/// its own side.
pub fn suggest(supporting_others: usize, denying_others: usize, hedged: bool) -> u8 {
    match (supporting_others, denying_others) {
        (s, 0) if s >= 2 => 1,
        (1, 0) => 2,
        (0, 0) if hedged => 6,
        (0, 0) => 3,
        (s, d) if s > d => 3,
        (s, _) if s > 0 => 4,
        _ => 5,
    }
}

/// A claim's credibility: the analyst's grade when given, else the suggestion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Credibility {
    /// The grade shown (1–6).
    pub grade: u8,
    /// `analyst` when an analyst gave it, `suggested` otherwise.
    pub by: &'static str,
    /// claimgraph's suggestion, kept beside an analyst's grade.
    pub suggested: u8,
}

impl Credibility {
    /// The analyst's grade wins over the suggestion.
    pub fn new(analyst: Option<u8>, suggested: u8) -> Self {
        match analyst {
            Some(g) => Credibility { grade: g, by: "analyst", suggested },
            None => Credibility { grade: suggested, by: "suggested", suggested },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        assert_eq!(suggest(2, 0, false), 1);
        assert_eq!(suggest(1, 0, false), 2);
        assert_eq!(suggest(0, 0, false), 3);
        assert_eq!(suggest(0, 0, true), 6);
        assert_eq!(suggest(1, 1, false), 4);
        assert_eq!(suggest(0, 1, false), 5);
        assert_eq!(Credibility::new(Some(5), 1).grade, 5);
        assert_eq!(Credibility::new(None, 2).by, "suggested");
    }
}
