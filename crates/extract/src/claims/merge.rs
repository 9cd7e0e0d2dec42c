//! One claim per claimant and stance: repeated attributions to the same source ("CNN
//! reported" four times) become one claim whose evidence and events are the union.

use super::ClaimDraft;
use crate::entities::EntityTable;

/// The identity of a claimant: its entity, else its name without article. A named person
/// who acts for the same actor as a described one just before ("a Taliban spokesman ...
/// Zabihullah Mujahid told") is that person.
fn key(c: &ClaimDraft, prev: &[ClaimDraft], t: &EntityTable) -> String {
    if let Some(e) = c.claimant.entity
        && t.entities[e].kb_id.is_some()
        && t.entities[e].is_person()
        && let Some(p) = &t.entities[e].parent
        && let Some(d) = prev.iter().rev().take(3).find(|d| {
            d.sentence + 2 >= c.sentence
                && d.claimant.entity.is_some_and(|x| {
                    let x = &t.entities[x];
                    x.kb_id.is_none() && x.is_person() && x.parent.as_ref() == Some(p)
                })
        })
    {
        return key(d, &[], t);
    }
    // "two local medics told ... the medics said": a definite repeat of the head noun of an
    // unresolved source just before is that source.
    let lower = c.claimant.name.to_lowercase();
    if c.claimant.entity.is_none()
        && let Some(rest) = lower.strip_prefix("the ")
        && !rest.contains(' ')
        && let Some(d) = prev.iter().rev().take(6).find(|d| {
            d.sentence + 2 >= c.sentence
                && d.claimant.entity.is_none()
                && d.claimant.name.len() > lower.len()
                && d.claimant.name.to_lowercase().rsplit(' ').next() == Some(rest)
        })
    {
        return key(d, &[], t);
    }
    match c.claimant.entity {
        Some(e) => format!("#{e}"),
        None => {
            let n = c.claimant.name.to_lowercase();
            n.strip_prefix("the ").unwrap_or(&n).to_string()
        }
    }
}

/// True when a claim is not an attribution at all: its source is negated ("No group
/// has claimed", "nobody said") or nothing is attributed.
fn is_noise(c: &ClaimDraft) -> bool {
    let name = c.claimant.name.to_lowercase();
    let first = name.split_whitespace().next().unwrap_or("");
    matches!(first, "no" | "none" | "nobody" | "neither" | "nothing") || c.content.is_empty()
}

/// Merges claims; `via_claim` indices are remapped to the merged list. Returns the merged
/// claims, each with the ids of the events it is about unchanged.
pub fn merge_claims(claims: Vec<ClaimDraft>, t: &EntityTable) -> Vec<ClaimDraft> {
    let mut out: Vec<ClaimDraft> = Vec::new();
    let mut keys: Vec<(String, claimgraph_core::extraction::Stance)> = Vec::new();
    let mut map = Vec::with_capacity(claims.len());
    for (i, c) in claims.iter().enumerate() {
        let k = (key(c, &claims[..i], t), c.stance);
        match keys.iter().position(|x| *x == k) {
            Some(i) => {
                let m = &mut out[i];
                for e in &c.about {
                    if !m.about.contains(e) {
                        m.about.push(*e);
                    }
                }
                for e in &c.evidence {
                    if !m.evidence.contains(e) {
                        m.evidence.push(e.clone());
                    }
                }
                m.hedged |= c.hedged;
                m.via_entity = m.via_entity.or(c.via_entity);
                m.claimant.count = m.claimant.count.or(c.claimant.count);
                map.push(i);
            }
            None => {
                keys.push(k);
                out.push(c.clone());
                map.push(out.len() - 1);
            }
        }
    }
    // Remap the carrying claims; the first carrier found wins.
    let mut via: Vec<Option<usize>> = vec![None; out.len()];
    for (i, c) in claims.iter().enumerate() {
        if let Some(v) = c.via_claim {
            let (from, to) = (map[i], map[v]);
            if from != to && via[from].is_none() {
                via[from] = Some(to);
            }
        }
    }
    for (c, v) in out.iter_mut().zip(via) {
        c.via_claim = v;
    }
    // Every attribution is a claim (spec), also by an unresolved source about no event;
    // only noise goes: a negated source ("no group has claimed") or an empty content. An
    // unresolved source about no event carried inside another claim ("..., according to
    // multiple sources, CNN reported") is folded into its carrier, which stands for it.
    let keep: Vec<bool> = out
        .iter()
        .map(|c| {
            !is_noise(c) && (!c.about.is_empty() || c.claimant.entity.is_some() || c.via_claim.is_none())
        })
        .collect();
    let mut new_index = vec![None; out.len()];
    let mut n = 0;
    for (i, k) in keep.iter().enumerate() {
        if *k {
            new_index[i] = Some(n);
            n += 1;
        }
    }
    let mut out: Vec<ClaimDraft> = out
        .into_iter()
        .zip(&keep)
        .filter(|(_, k)| **k)
        .map(|(mut c, _)| {
            c.via_claim = c.via_claim.and_then(|v| new_index[v]);
            c
        })
        .collect();
    // "X told CNN": through CNN's own claim, when CNN makes one.
    let owners: Vec<Option<usize>> = out.iter().map(|c| c.claimant.entity).collect();
    for (i, c) in out.iter_mut().enumerate() {
        if c.via_claim.is_none()
            && let Some(e) = c.via_entity
            && let Some(j) = owners.iter().position(|&o| o == Some(e))
            && j != i
        {
            c.via_claim = Some(j);
        }
    }
    out
}
