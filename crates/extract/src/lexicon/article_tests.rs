//! Checks the lexicons on the reference article of `shared/examples/iran-bounties` (read
//! from the shared folder, not copied): the triggers, attribution cues and hedges its gold
//! events and claims rest on must be found.

use claimgraph_core::extraction::{EventType, Stance};

use super::gold::eval::{sentence_candidates, simple_tokens};
use super::{CueKind, attribution_verb, lemma, match_attribution_phrase, match_hedge};

fn article() -> Option<String> {
    let p = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/examples/iran-bounties/article.txt");
    std::fs::read_to_string(p).ok()
}

/// Lowercase lemmas and surface tokens of the text.
fn analyse(text: &str) -> (Vec<&str>, Vec<String>) {
    let tokens = simple_tokens(text);
    let lemmas = tokens.iter().map(|t| lemma(t)).collect();
    (tokens, lemmas)
}

#[test]
fn event_triggers_of_the_gold_events() {
    let Some(text) = article() else { return };
    let (tokens, lemmas) = analyse(&text);
    let refs: Vec<&str> = lemmas.iter().map(String::as_str).collect();
    let cands = sentence_candidates(&tokens, &refs, 0.5);
    let has = |word: &str, t: EventType| {
        cands.iter().any(|(i, s)| tokens[*i].eq_ignore_ascii_case(word) && s.plover == t)
    };
    assert!(has("paid", EventType::Aid));
    assert!(has("Bounties", EventType::Aid));
    assert!(has("suicide", EventType::Assault), "suicide bombing");
    assert!(has("attack", EventType::Assault));
    assert!(has("killed", EventType::Assault));
    assert!(has("airstrikes", EventType::Assault));
    assert!(has("firefight", EventType::Assault));
    assert!(has("agreement", EventType::Agree));
    assert!(has("provided", EventType::Aid), "provided weapons");
    assert!(has("strike", EventType::Assault), "precision strike");
}

#[test]
fn attribution_cues_and_hedges() {
    let Some(text) = article() else { return };
    let (tokens, lemmas) = analyse(&text);
    let mut kinds = Vec::new();
    let mut stances = Vec::new();
    let mut hedges = 0;
    for i in 0..tokens.len() {
        if let Some((_, c)) = match_attribution_phrase(&tokens[i..]) {
            kinds.push(c.kind);
        }
        if let Some(c) = attribution_verb(&lemmas[i]) {
            stances.extend(c.stance);
        }
        if match_hedge(&tokens[i..]).is_some() {
            hedges += 1;
        }
    }
    for k in [CueKind::SourcePhrase, CueKind::DocumentAccess, CueKind::Relay, CueKind::SourceDescription] {
        assert!(kinds.contains(&k), "{k:?}");
    }
    for s in [Stance::Asserts, Stance::Confirms, Stance::Denies] {
        assert!(stances.contains(&s), "{s:?}");
    }
    // "may have paid", "might have paid", "likely met", "would likely have".
    assert!(hedges >= 4, "{hedges}");
}
