//! Gazetteer scan of running text: every longest span of words that is a KB alias, with
//! char offsets into the text, and the document's dominant countries.

use std::collections::HashMap;

use crate::kb::{Candidate, Kb};
use crate::model::AliasKind;
use crate::normalize::{is_acronym, key_into};

/// Longest alias, in words.
const MAX_WORDS: usize = 7;

/// Capitalized words that start sentences or are common nouns far more often than names.
const STOP: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "we",
    "they",
    "i",
    "you",
    "this",
    "that",
    "these",
    "those",
    "but",
    "and",
    "or",
    "in",
    "on",
    "at",
    "of",
    "for",
    "as",
    "if",
    "when",
    "while",
    "after",
    "before",
    "said",
    "says",
    "mobile",
    "reading",
    "may",
    "march",
    "june",
    "july",
    "august",
    "university",
    "police",
    "army",
    "government",
    "president",
    "state",
    "city",
    "north",
    "south",
    "east",
    "west",
    "central",
    "new",
    "union",
    "republic",
    "islamic",
    "national",
    "federal",
    "council",
    "ministry",
    "minister",
    "party",
    "front",
    "people",
    "forces",
    "military",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "god",
    "media",
    "news",
    "some",
    "many",
    "more",
    "most",
    "officials",
    "there",
    "here",
    "its",
    "his",
    "her",
    "their",
    "our",
    "my",
    "all",
    "no",
    "not",
    "so",
    "to",
    "by",
    "from",
    "with",
    "was",
    "is",
    "are",
    "be",
];

/// One alias found in text.
#[derive(Debug, Clone)]
pub struct Match<'a> {
    /// Start offset in chars.
    pub start: usize,
    /// End offset in chars (exclusive).
    pub end: usize,
    /// The matched text.
    pub text: &'a str,
    /// Entries the alias points to, best first (codes left out).
    pub candidates: Vec<Candidate<'a>>,
}

struct Word {
    byte_start: usize,
    byte_end: usize,
    char_start: usize,
    char_end: usize,
}

fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, usize)> = None;
    let mut chars = text.char_indices().enumerate().peekable();
    while let Some((ci, (bi, c))) = chars.next() {
        let next_alnum = chars.peek().is_some_and(|(_, (_, n))| n.is_alphanumeric());
        let inner = matches!(c, '.' | '\'' | '\u{2019}' | '-' | '&') && cur.is_some();
        if c.is_alphanumeric() || (inner && (next_alnum || c == '.')) {
            if cur.is_none() {
                cur = Some((bi, ci));
            }
        } else if let Some((bs, cs)) = cur.take() {
            out.push(Word { byte_start: bs, byte_end: bi, char_start: cs, char_end: ci });
        }
    }
    if let Some((bs, cs)) = cur {
        out.push(Word {
            byte_start: bs,
            byte_end: text.len(),
            char_start: cs,
            char_end: text.chars().count(),
        });
    }
    out
}

/// Bytes at the end of a word that belong to the sentence, not the name: a final period
/// (unless the word has inner periods: "U.S.") or a possessive ("Tehran's").
fn trailing(word: &str) -> usize {
    for p in ["'s", "\u{2019}s"] {
        if word.len() > p.len() && word.ends_with(p) {
            return p.len();
        }
    }
    if let Some(stem) = word.strip_suffix('.')
        && !stem.contains('.')
    {
        return 1;
    }
    0
}

impl Kb {
    /// Finds KB aliases in `text`: at each capitalized word, the longest run of up to seven
    /// words that is an alias (codes excluded, acronyms only in capitals, a few common
    /// capitalized words skipped). Offsets are chars into `text`.
    pub fn find_in_text<'a>(&'a self, text: &'a str) -> Vec<Match<'a>> {
        let ws = words(text);
        let mut out = Vec::new();
        let mut k = String::new();
        let mut i = 0;
        while i < ws.len() {
            let first = &text[ws[i].byte_start..ws[i].byte_end];
            if !first.chars().next().is_some_and(char::is_uppercase) {
                i += 1;
                continue;
            }
            let mut found: Option<(usize, Vec<Candidate>)> = None;
            for j in (i..ws.len().min(i + MAX_WORDS)).rev() {
                // Do not run across sentence or clause punctuation.
                let gap_ok = (i..j).all(|t| {
                    let gap = &text[ws[t].byte_end..ws[t + 1].byte_start];
                    gap.chars().all(|c| c == ' ' || c == '-')
                });
                if !gap_ok {
                    continue;
                }
                let span = &text[ws[i].byte_start..ws[j].byte_end];
                let span_trim = &span[..span.len() - trailing(&text[ws[j].byte_start..ws[j].byte_end])];
                key_into(span_trim, &mut k);
                if j == i && STOP.contains(&k.as_str()) {
                    continue;
                }
                let mut cands = Vec::new();
                self.lookup_key(&k, is_acronym(span_trim), &mut cands);
                cands.retain(|c| c.alias != AliasKind::Code);
                if j == i && cands.iter().all(|c| c.common) {
                    continue;
                }
                if !cands.is_empty() {
                    cands.sort_by(|a, b| b.score.total_cmp(&a.score));
                    found = Some((j, cands));
                    break;
                }
            }
            match found {
                Some((j, cands)) => {
                    let last = &text[ws[j].byte_start..ws[j].byte_end];
                    let cut = trailing(last);
                    let text_end = ws[j].byte_end - cut;
                    let char_end = ws[j].char_end - last[last.len() - cut..].chars().count();
                    out.push(Match {
                        start: ws[i].char_start,
                        end: char_end,
                        text: &text[ws[i].byte_start..text_end],
                        candidates: cands,
                    });
                    i = j + 1;
                }
                None => i += 1,
            }
        }
        out
    }

    /// Countries a text is about, most mentioned first: the country of the best candidate
    /// of each alias found (places, states, actors), counted.
    pub fn doc_countries(&self, text: &str) -> Vec<String> {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for m in self.find_in_text(text) {
            // A name in another language or script says little about where the document
            // is ("Tiba", a village in Burkina Faso, is also Chiba's Japanese reading).
            let first = m.candidates.first().filter(|c| c.alias != AliasKind::AltName);
            if let Some(cc) = first.and_then(|c| c.entry.country.clone()) {
                *counts.entry(cc).or_default() += 1;
            }
        }
        let mut v: Vec<(String, usize)> = counts.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v.into_iter().map(|(c, _)| c).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_words() {
        let t = "The U.S. said—Iran’s army.";
        let ws: Vec<&str> = words(t).iter().map(|w| &t[w.byte_start..w.byte_end]).collect();
        assert_eq!(ws, vec!["The", "U.S.", "said", "Iran’s", "army."]);
    }
}
