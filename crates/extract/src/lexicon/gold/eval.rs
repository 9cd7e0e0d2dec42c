//! Baseline score of the trigger lexicon on the PLOVER gold sentences, before any parser:
//! how often the gold event type is among the lexicon candidates of some word of the
//! sentence, of the coder's event words, and how often the heaviest candidate is right.

use std::collections::{BTreeMap, BTreeSet};

use claimgraph_core::extraction::EventType;

use super::GoldSentence;
use crate::lexicon::trigger::{TriggerPos, TriggerSense, match_pattern, triggers};

/// Figures for one event type (or all).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TypeEval {
    /// Gold sentences.
    pub total: usize,
    /// Gold type among the candidates of some word of the sentence.
    pub any_word: usize,
    /// Gold type among the candidates of the coder's event words (`eventText`).
    pub event_words: usize,
    /// Gold type is the heaviest candidate of the sentence.
    pub top1: usize,
}

/// The result of [`evaluate_trigger_lexicon`].
#[derive(Debug, Clone, PartialEq)]
pub struct TriggerEval {
    /// Candidates lighter than this were ignored.
    pub min_weight: f32,
    /// All sentences.
    pub overall: TypeEval,
    /// Sentences with no candidate at all.
    pub no_candidate: usize,
    /// Mean number of distinct event types proposed per sentence.
    pub mean_types_proposed: f64,
    /// Figures by gold event type.
    pub per_type: BTreeMap<EventType, TypeEval>,
}

impl TriggerEval {
    /// `part / total` as a fraction (0 when `total` is 0).
    pub fn rate(part: usize, total: usize) -> f64 {
        if total == 0 { 0.0 } else { part as f64 / total as f64 }
    }
}

/// Splits text into word tokens (letters, digits, inner `'` `-` `.`) and single
/// punctuation tokens.
pub fn simple_tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let inner = matches!(c, '\'' | '\u{2019}' | '-' | '.')
            && start.is_some()
            && chars.get(k + 1).is_some_and(|(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || inner {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            out.push(&text[s..i]);
        }
        if !c.is_whitespace() {
            out.push(&text[i..i + c.len_utf8()]);
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// True when `tokens[i]` looks like part of a name: capitalized, and not the first word of
/// the sentence (or of a quotation or parenthesis). Names ("United States") are no triggers.
fn looks_like_name(tokens: &[&str], i: usize) -> bool {
    let capital = tokens[i].chars().next().is_some_and(char::is_uppercase);
    let initial = i == 0
        || tokens[i - 1].chars().all(|c| matches!(c, '.' | '"' | '\u{201c}' | '(' | ':' | '!' | '?' | '\''));
    capital && !initial
}

/// Candidate senses of every token of a sentence: `(token index, sense)` for the verb and
/// noun senses of each lemma and the best pattern starting there, keeping senses of at
/// least `min_weight`. `tokens` are the surface words (used to skip names), `lemmas` their
/// lemmas.
pub fn sentence_candidates(tokens: &[&str], lemmas: &[&str], min_weight: f32) -> Vec<(usize, TriggerSense)> {
    let mut out = Vec::new();
    for i in 0..lemmas.len().min(tokens.len()) {
        if looks_like_name(tokens, i) {
            continue;
        }
        for pos in [TriggerPos::Verb, TriggerPos::Noun] {
            for s in triggers(lemmas[i], pos) {
                if s.weight >= min_weight {
                    out.push((i, *s));
                }
            }
        }
        if let Some((_, s)) = match_pattern(&lemmas[i..])
            && s.weight >= min_weight
        {
            out.push((i, s));
        }
    }
    out
}

/// Scores the trigger lexicon on `gold`, lemmatizing each token with `lemma`.
pub fn evaluate_trigger_lexicon(
    gold: &[GoldSentence],
    lemma: &dyn Fn(&str) -> String,
    min_weight: f32,
) -> TriggerEval {
    let mut overall = TypeEval::default();
    let mut per_type: BTreeMap<EventType, TypeEval> = BTreeMap::new();
    let mut no_candidate = 0;
    let mut types_proposed = 0usize;
    for g in gold {
        let tokens = simple_tokens(&g.text);
        let lemmas: Vec<String> = tokens.iter().map(|t| lemma(t)).collect();
        let lemma_refs: Vec<&str> = lemmas.iter().map(String::as_str).collect();
        let cands = sentence_candidates(&tokens, &lemma_refs, min_weight);
        let event_words: BTreeSet<String> =
            simple_tokens(&g.event_text).iter().map(|w| w.to_lowercase()).collect();
        let types: BTreeSet<EventType> = cands.iter().map(|(_, s)| s.plover).collect();
        types_proposed += types.len();
        if cands.is_empty() {
            no_candidate += 1;
        }
        let any = types.contains(&g.event);
        let in_event_words = cands
            .iter()
            .any(|(i, s)| s.plover == g.event && event_words.contains(&tokens[*i].to_lowercase()));
        // Heaviest candidate; ties go to the earliest token.
        let top = cands
            .iter()
            .fold(None::<&(usize, TriggerSense)>, |best, c| match best {
                Some(b) if b.1.weight >= c.1.weight => Some(b),
                _ => Some(c),
            })
            .map(|(_, s)| s.plover);
        let top1 = top == Some(g.event);
        for t in [&mut overall, per_type.entry(g.event).or_default()] {
            t.total += 1;
            t.any_word += usize::from(any);
            t.event_words += usize::from(in_event_words);
            t.top1 += usize::from(top1);
        }
    }
    TriggerEval {
        min_weight,
        overall,
        no_candidate,
        mean_types_proposed: TriggerEval::rate(types_proposed, gold.len()),
        per_type,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::gold::{load_plover_gold, parse_plover_gold};
    use crate::lexicon::lemma::lemma;

    #[test]
    fn tokens() {
        assert_eq!(
            simple_tokens("Iran's \"bounties\" were paid, U.S. officials said."),
            vec!["Iran's", "\"", "bounties", "\"", "were", "paid", ",", "U.S", ".", "officials", "said", "."]
        );
    }

    #[test]
    fn scores_own_sentences() {
        let json = r#"[
          {"id": "1", "event": "ASSAULT", "text": "Militants carried out a suicide bombing near the base.", "eventText": "carried out bombing"},
          {"id": "2", "event": "AID", "text": "The government paid bounties to the fighters.", "eventText": "paid bounties"},
          {"id": "3", "event": "COERCE", "text": "Police arrested three journalists on Friday.", "eventText": "arrested"},
          {"id": "4", "event": "CONSULT", "text": "The weather was mild.", "eventText": "was"}
        ]"#;
        let gold = parse_plover_gold(json, "own").unwrap();
        let ev = evaluate_trigger_lexicon(&gold, &|w| lemma(w), 0.0);
        assert_eq!(ev.overall.total, 4);
        assert_eq!(ev.overall.any_word, 3);
        assert_eq!(ev.overall.event_words, 3);
        assert_eq!(ev.per_type[&EventType::Assault].top1, 1);
        assert_eq!(ev.per_type[&EventType::Coerce].top1, 1);
        assert_eq!(ev.no_candidate, 1);
    }

    #[test]
    fn plover_gold_baseline() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/plover/PLOVER_GSR_CAMEO.json");
        if !std::path::Path::new(path).exists() {
            return;
        }
        let gold = load_plover_gold(path).unwrap();
        assert_eq!(gold.len(), 322);
        let all = evaluate_trigger_lexicon(&gold, &|w| lemma(w), 0.0);
        let strong = evaluate_trigger_lexicon(&gold, &|w| lemma(w), 0.5);
        eprintln!("PLOVER gold baseline, all senses: {all:#?}");
        eprintln!("PLOVER gold baseline, weight >= 0.5: {strong:#?}");
        // Floors well below the measured figures, to catch regressions of the lexicon.
        assert!(TriggerEval::rate(all.overall.any_word, 322) > 0.8);
        assert!(TriggerEval::rate(strong.overall.event_words, 322) > 0.5);
    }
}

/// Speed of the lexicon lookups; run in release:
/// `cargo test --release -p claimgraph-extract --lib timing -- --ignored --nocapture`.
#[cfg(test)]
mod timing {
    use super::*;
    use crate::lexicon::gold::load_plover_gold;
    use crate::lexicon::lemma::lemma;
    use std::time::Instant;

    #[test]
    #[ignore = "timing; run in release"]
    fn lookup_throughput() {
        let t = Instant::now();
        let _ = triggers("attack", TriggerPos::Verb);
        let _ = match_pattern(&["attack"]);
        let _ = lemma("attacks");
        eprintln!("first use (build all tables): {:?}", t.elapsed());
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/plover/PLOVER_GSR_CAMEO.json");
        let Ok(gold) = load_plover_gold(path) else {
            return;
        };
        let t = Instant::now();
        let mut n = 0usize;
        let mut words = 0usize;
        for _ in 0..20 {
            for g in &gold {
                let tokens = simple_tokens(&g.text);
                let lemmas: Vec<String> = tokens.iter().map(|t| lemma(t)).collect();
                let refs: Vec<&str> = lemmas.iter().map(String::as_str).collect();
                n += sentence_candidates(&tokens, &refs, 0.0).len();
                words += tokens.len();
            }
        }
        let e = t.elapsed();
        eprintln!("{words} tokens in {e:?}: {:.0} tokens/s ({n} candidates)", words as f64 / e.as_secs_f64());
        assert!(n > words, "every sentence has candidates");
    }
}
