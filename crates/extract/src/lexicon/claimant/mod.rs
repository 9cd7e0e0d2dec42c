//! Claimant phrase analysis: given the words of the noun phrase that makes a claim ("two
//! sources familiar with the intelligence", "a Pentagon briefing document", "CNN"), find its
//! head noun, what kind of source it is and how many sources it counts.
//!
//! This is a lexicon-only analysis: it does not see entity types. When the claimant is a
//! resolved entity (NER/KB), the extractor should prefer the entity's kind; the `basis`
//! field says how the kind here was decided.

mod words;

use claimgraph_core::extraction::ClaimantKind;

use self::words::*;
use super::lemma::lemma;

/// How [`ClaimantAnalysis::kind`] was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClaimantBasis {
    /// A known media, government or organization name in the phrase.
    KnownName,
    /// The head noun is in a source-noun list.
    HeadNoun,
    /// A human head noun with an anonymity marker ("unnamed", "on condition of anonymity").
    Anonymity,
    /// The head is a pronoun: resolve it by coreference.
    Pronoun,
    /// A capitalized name not in any list: a guess (two or more capitalized words: person,
    /// one: organization).
    ProperName,
    /// Nothing matched: defaults to person.
    Unknown,
}

/// The result of [`analyze_claimant`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClaimantAnalysis {
    /// Kind of source.
    pub kind: ClaimantKind,
    /// Number of sources when the phrase says ("two sources" → 2, "a source" → 1);
    /// `None` when vague ("multiple sources") or not a count of people.
    pub count: Option<u32>,
    /// Index of the head word in the input.
    pub head: usize,
    /// How the kind was decided.
    pub basis: ClaimantBasis,
}

fn in_list(list: &[&str], lower: &str) -> bool {
    list.contains(&lower) || list.contains(&lemma(lower).as_str())
}

fn is_word(w: &str) -> bool {
    w.chars().any(char::is_alphanumeric)
}

fn is_capitalized(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn is_possessive(w: &str) -> bool {
    matches!(w, "'s" | "\u{2019}s" | "'" | "\u{2019}")
}

/// Strips a trailing possessive from a token ("CNN's" → "cnn").
fn base(lower: &str) -> &str {
    lower.strip_suffix("'s").or_else(|| lower.strip_suffix("\u{2019}s")).unwrap_or(lower)
}

/// Known names in `lower[..end]`: (start, len, kind) of each match, longest first at each
/// start.
fn known_names(lower: &[String], end: usize) -> Vec<(usize, usize, ClaimantKind)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < end {
        let mut best: Option<(usize, ClaimantKind)> = None;
        for (name, kind) in KNOWN_NAMES {
            let ws: Vec<&str> = name.split(' ').collect();
            if i + ws.len() <= end
                && ws.iter().enumerate().all(|(k, w)| base(&lower[i + k]) == *w)
                && best.is_none_or(|(n, _)| ws.len() > n)
            {
                best = Some((ws.len(), *kind));
            }
        }
        match best {
            Some((n, kind)) => {
                out.push((i, n, kind));
                i += n;
            }
            None => i += 1,
        }
    }
    out
}

/// Index where the head noun's phrase ends (first post-modifier), skipping the "of" of
/// quantities ("one of the sources").
fn head_region_end(lower: &[String]) -> usize {
    let mut i = 1;
    while i < lower.len() {
        let w = lower[i].as_str();
        if w == "of" && QUANTIFIERS.contains(&lower[i - 1].as_str()) {
            i += 1;
            continue;
        }
        if BOUNDARIES.contains(&w) {
            return i;
        }
        i += 1;
    }
    lower.len()
}

/// Analyzes a claimant noun phrase given as words (punctuation as separate tokens or
/// attached possessives both work). `None` for an empty phrase or one without words.
pub fn analyze_claimant(words: &[&str]) -> Option<ClaimantAnalysis> {
    if !words.iter().any(|w| is_word(w)) {
        return None;
    }
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let end = head_region_end(&lower);
    let head = (0..end).rev().find(|&i| is_word(&lower[i]) && !is_possessive(&lower[i])).unwrap_or(0);
    let h = base(&lower[head]);
    let anonymous_marker = lower.iter().any(|w| ANONYMITY_MARKERS.contains(&w.as_str()));
    let names = known_names(&lower, end);
    let plural = h == "people" || (lemma(h) != h && !h.ends_with("ss"));

    let (kind, basis) = if let Some((_, kind)) = PRONOUNS.iter().find(|(p, _)| *p == h) {
        (*kind, ClaimantBasis::Pronoun)
    } else if let Some(&(_, _, kind)) = names.iter().find(|(s, n, _)| (*s..s + n).contains(&head)) {
        (kind, ClaimantBasis::KnownName)
    } else if let Some(&(_, _, kind)) = names.iter().find(|(s, n, k)| {
        // "CNN's Zachary Cohen": a media name in possessive before a person's name.
        *k == ClaimantKind::Media
            && (lower[s + n - 1].ends_with("'s")
                || lower[s + n - 1].ends_with("\u{2019}s")
                || lower.get(s + n).is_some_and(|w| is_possessive(w)))
            && is_capitalized(words[head])
    }) {
        (kind, ClaimantBasis::KnownName)
    } else if in_list(DOCUMENT_NOUNS, h) {
        (ClaimantKind::Document, ClaimantBasis::HeadNoun)
    } else if in_list(MEDIA_NOUNS, h) {
        (ClaimantKind::Media, ClaimantBasis::HeadNoun)
    } else if in_list(ANONYMOUS_NOUNS, h) {
        (ClaimantKind::Anonymous, ClaimantBasis::HeadNoun)
    } else if anonymous_marker && (in_list(OFFICIAL_NOUNS, h) || in_list(PERSON_NOUNS, h)) {
        (ClaimantKind::Anonymous, ClaimantBasis::Anonymity)
    } else if in_list(OFFICIAL_NOUNS, h) {
        (ClaimantKind::Official, ClaimantBasis::HeadNoun)
    } else if in_list(GOVERNMENT_NOUNS, h) {
        (ClaimantKind::Government, ClaimantBasis::HeadNoun)
    } else if in_list(ORGANIZATION_NOUNS, h) {
        (ClaimantKind::Organization, ClaimantBasis::HeadNoun)
    } else if in_list(PERSON_NOUNS, h) {
        (ClaimantKind::Person, ClaimantBasis::HeadNoun)
    } else if is_capitalized(words[head]) {
        let run = (0..=head).rev().take_while(|&i| is_capitalized(words[i])).count();
        if run >= 2 {
            (ClaimantKind::Person, ClaimantBasis::ProperName)
        } else {
            (ClaimantKind::Organization, ClaimantBasis::ProperName)
        }
    } else {
        (ClaimantKind::Person, ClaimantBasis::Unknown)
    };

    let count = count_sources(&lower[..head], kind, plural, basis);
    Some(ClaimantAnalysis { kind, count, head, basis })
}

/// The number of sources stated before the head.
fn count_sources(before: &[String], kind: ClaimantKind, plural: bool, basis: ClaimantBasis) -> Option<u32> {
    if before.iter().any(|w| VAGUE.contains(&w.as_str())) {
        return None;
    }
    let mut value: Option<u32> = None;
    for (i, w) in before.iter().enumerate() {
        if let Some(v) = number_value(w) {
            value = Some(match (value, w.as_str()) {
                // "two dozen" = 24; "a dozen" = 12.
                (Some(prev), "dozen" | "hundred") => prev * v,
                _ => v,
            });
        } else if w == "a" && before.get(i + 1).is_some_and(|n| n == "pair") {
            value = Some(2);
        }
    }
    if value.is_some() {
        return value;
    }
    let human = matches!(kind, ClaimantKind::Anonymous | ClaimantKind::Official | ClaimantKind::Person);
    let indefinite = before.first().is_some_and(|w| matches!(w.as_str(), "a" | "an" | "another"));
    (human && !plural && indefinite && basis != ClaimantBasis::ProperName).then_some(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> ClaimantAnalysis {
        let words: Vec<&str> = s.split(' ').collect();
        analyze_claimant(&words).unwrap()
    }

    #[test]
    fn brief_examples() {
        let a = run("two sources familiar with the intelligence");
        assert_eq!((a.kind, a.count, a.head), (ClaimantKind::Anonymous, Some(2), 1));
        let a = run("a Pentagon briefing document");
        assert_eq!((a.kind, a.count, a.head), (ClaimantKind::Document, None, 3));
        let a = run("a Pentagon spokeswoman");
        assert_eq!((a.kind, a.count, a.head), (ClaimantKind::Official, Some(1), 2));
        let a = run("multiple sources");
        assert_eq!((a.kind, a.count), (ClaimantKind::Anonymous, None));
        let a = run("officials");
        assert_eq!((a.kind, a.count), (ClaimantKind::Official, None));
        let a = run("US intelligence officials from the CIA");
        assert_eq!((a.kind, a.head), (ClaimantKind::Official, 2));
        let a = run("CNN");
        assert_eq!((a.kind, a.basis), (ClaimantKind::Media, ClaimantBasis::KnownName));
        let a = run("a local official who spoke on condition of anonymity");
        assert_eq!((a.kind, a.count, a.head), (ClaimantKind::Anonymous, Some(1), 2));
        let a = run("an internal memo");
        assert_eq!(a.kind, ClaimantKind::Document);
        let a = run("the Malian army");
        assert_eq!((a.kind, a.head), (ClaimantKind::Government, 2));
    }

    #[test]
    fn more_phrases() {
        assert_eq!(run("CNN's Zachary Cohen").kind, ClaimantKind::Media);
        assert_eq!(run("CNN 's Zachary Cohen").kind, ClaimantKind::Media);
        assert_eq!(run("The Associated Press").kind, ClaimantKind::Media);
        let a = run("one of the sources");
        assert_eq!((a.kind, a.count, a.head), (ClaimantKind::Anonymous, Some(1), 3));
        let a = run("three US officials");
        assert_eq!((a.kind, a.count), (ClaimantKind::Official, Some(3)));
        let a = run("two dozen witnesses");
        assert_eq!((a.kind, a.count), (ClaimantKind::Person, Some(24)));
        let a = run("Zabihullah Mujahid");
        assert_eq!((a.kind, a.basis), (ClaimantKind::Person, ClaimantBasis::ProperName));
        assert_eq!(run("a Taliban spokesman").kind, ClaimantKind::Official);
        assert_eq!(run("Human Rights Watch").kind, ClaimantKind::Organization);
        assert_eq!(run("the White House").kind, ClaimantKind::Government);
        assert_eq!(run("she").basis, ClaimantBasis::Pronoun);
        assert_eq!(run("unnamed officials").kind, ClaimantKind::Anonymous);
        assert_eq!(run("Iranian state media").kind, ClaimantKind::Media);
        assert!(analyze_claimant(&[]).is_none());
        assert!(analyze_claimant(&[",", "--"]).is_none());
    }
}
