//! The extractor: one pure function from a [`Document`] to its v1 [`Extraction`], with the
//! models and the KB loaded once.

use std::ops::Range;

use claimgraph_core::Document;
use claimgraph_core::extraction::{Claim, Claimant, Entity, Event, Extraction, Location, Producer};
use claimgraph_core::span::Span;
use claimgraph_kb::Kb;
use claimgraph_ner::Ner;
use claimgraph_nlp::Pipeline;
use claimgraph_text::Tokenizer;

use crate::annotate::Annotation;
use crate::claims::{self, ClaimDraft};
use crate::entities::{self, EntityTable};
use crate::events::{self, EventDraft};
use crate::provenance;
use crate::time;
use crate::{ExtractError, Result};

/// Loaded models and KB; `extract` is a pure function of the document. `Send + Sync`, so
/// one extractor serves every thread.
pub struct Extractor {
    tokenizer: Tokenizer,
    ner: &'static Ner,
    nlp: Option<&'static Pipeline>,
    kb: &'static Kb,
    /// `producer.models`: see [`crate::provenance`].
    models: String,
}

impl std::fmt::Debug for Extractor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Extractor").field("parser", &self.nlp.is_some()).finish_non_exhaustive()
    }
}

impl Extractor {
    /// Loads the embedded tokenizer, recognizer and KB, and the tagger and parser when
    /// their models are embedded in this build (without them, word-order rules are used).
    pub fn new() -> Result<Extractor> {
        let ner = Ner::shared().map_err(|e| ExtractError::Model(format!("named-entity model: {e}")))?;
        let kb = Kb::shared().map_err(|e| ExtractError::Model(format!("knowledge base: {e}")))?;
        Ok(Extractor::assemble(ner, Pipeline::shared().ok(), kb))
    }

    /// Like [`Extractor::new`], but resolving against `kb` (for example the shipped KB with
    /// a user's dictionaries added by `Kb::add_extra`).
    pub fn with_kb(kb: &'static Kb) -> Result<Extractor> {
        let x = Extractor::new()?;
        Ok(Extractor::assemble(x.ner, x.nlp, kb))
    }

    fn assemble(ner: &'static Ner, nlp: Option<&'static Pipeline>, kb: &'static Kb) -> Extractor {
        let parser = nlp.map(|p| p.parser().kind());
        let models = provenance::models_digest(parser, kb.extra_sha256());
        Extractor { tokenizer: Tokenizer::new(), ner, nlp, kb, models }
    }

    /// True when the tagger and parser models are in use.
    pub fn has_parser(&self) -> bool {
        self.nlp.is_some()
    }

    /// The annotation every step reads (tokens, sentences, tags, NER spans).
    pub fn annotate<'t>(&self, text: &'t str) -> Annotation<'t> {
        Annotation::build(text, &self.tokenizer, self.ner, self.nlp)
    }

    /// Extracts entities, events and claims of one document.
    pub fn extract(&self, doc: &Document) -> Extraction {
        let a = self.annotate(doc.text());
        let base = time::reference_date(doc);
        let published = base.map(|d| d.to_string());
        let mut table = entities::build_entities(&a, self.kb, published.as_deref());
        let mut drafts = events::find_events(&a, &table, base);
        let alive = events::merge_events(&a, &table, &mut drafts);
        let found = claims::find_claims(&a, &mut table, self.kb, &drafts, &alive);
        claims::apply_denials(&mut drafts, &found);
        let merged = claims::merge_claims(found, &table);
        let mut x = assemble(doc, &a, &table, &drafts, &alive, &merged);
        x.producer = Some(self.producer());
        x
    }

    /// What this extractor writes as the `producer` of its extractions: this program and
    /// version, the parser and beam width it analyses sentences with, and the digests of its
    /// models and of its rules' source (see [`crate::provenance`]).
    pub fn producer(&self) -> Producer {
        let parser = self.nlp.map(Pipeline::parser);
        Producer {
            name: "claimgraph".to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
            parser: parser.map(|p| p.kind().name().to_string()),
            beam: parser.and_then(|p| u16::try_from(p.beam_width()).ok()),
            models: Some(self.models.clone()),
            rules: Some(provenance::rules_digest().to_string()),
        }
    }
}

/// A char span of a byte range, when it maps onto the document.
fn span(doc: &Document, b0: usize, b1: usize) -> Option<Span> {
    doc.span_bytes(b0, b1).ok()
}

/// Longest evidence span kept, in bytes. Evidence is the sentence of a mention; a "sentence"
/// of a megabyte (text with no punctuation) would otherwise be copied into every event and
/// claim found in it, making the output quadratic in the input.
const MAX_EVIDENCE_BYTES: usize = 1200;

/// `r` itself when short enough, else the window of at most [`MAX_EVIDENCE_BYTES`] around
/// `focus` (the trigger), cut at spaces so that no word is split.
fn bounded(text: &str, r: Range<usize>, focus: Range<usize>) -> Range<usize> {
    if r.len() <= MAX_EVIDENCE_BYTES {
        return r;
    }
    let focus = focus.start.clamp(r.start, r.end)..focus.end.clamp(r.start, r.end);
    let half = MAX_EVIDENCE_BYTES.saturating_sub(focus.len()) / 2;
    let mut start = focus.start.saturating_sub(half).max(r.start);
    let mut end = (focus.end + half).min(r.end);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    // Move inwards to the nearest space, unless the window already ends the range.
    if start > r.start
        && let Some(i) = text[start..focus.start.max(start)].find(' ')
    {
        start += i + 1;
    }
    if end < r.end
        && let Some(i) = text[focus.end.min(end)..end].rfind(' ')
    {
        end = focus.end.min(end) + i;
    }
    start..end.max(start)
}

/// Builds the v1 records: entities that have a mention, events, claims.
fn assemble(
    doc: &Document,
    a: &Annotation<'_>,
    t: &EntityTable,
    ev: &[EventDraft],
    alive: &[usize],
    cl: &[ClaimDraft],
) -> Extraction {
    let mut x = Extraction::empty(doc);
    // Entities in order of first mention.
    let mut order: Vec<(usize, usize)> = Vec::new();
    for m in &t.mentions {
        if !order.iter().any(|&(e, _)| e == m.entity) {
            order.push((m.entity, m.words.start));
        }
    }
    let mut ids = vec![None; t.entities.len()];
    for (n, &(e, _)) in order.iter().enumerate() {
        ids[e] = Some(format!("E{}", n + 1));
        let d = &t.entities[e];
        let mut mentions = Vec::new();
        let mut aliases: Vec<String> = Vec::new();
        for m in t.mentions.iter().filter(|m| m.entity == e) {
            let (b0, b1) = (a.words[m.words.start].start, a.words[m.words.end - 1].end);
            if let Some(s) = span(doc, b0, b1) {
                if !m.anaphoric && s.text != d.name && !aliases.contains(&s.text) {
                    aliases.push(s.text.clone());
                }
                mentions.push(s);
            }
        }
        x.entities.push(Entity {
            id: format!("E{}", n + 1),
            name: d.name.clone(),
            entity_type: d.entity_type,
            kind: d.kind,
            country: d.country.clone(),
            kb_id: d.kb_id.clone(),
            aliases,
            mentions,
        });
    }
    let eid = |e: Option<usize>| e.and_then(|e| ids[e].clone());
    // Events in text order.
    let mut vid = vec![None; ev.len()];
    for (n, &i) in alive.iter().enumerate() {
        vid[i] = Some(format!("V{}", n + 1));
        let e = &ev[i];
        let location = e.location.map(|l| {
            let p = &t.entities[l];
            Location {
                name: Some(p.name.clone()),
                country: p.country.clone(),
                lat: p.lat,
                lon: p.lon,
                geonames_id: p.geonames_id,
            }
        });
        x.events.push(Event {
            id: format!("V{}", n + 1),
            event_type: e.event_type,
            mode: e.mode.map(str::to_string),
            cameo: e.cameo.map(str::to_string),
            actor: eid(e.actor),
            target: eid(e.target),
            date: e.date.clone(),
            location,
            fatalities: e.fatalities.clone(),
            injuries: e.injuries.clone(),
            status: e.status,
            evidence: e
                .evidence
                .iter()
                .map(|r| {
                    // Focus on the trigger mention inside this evidence range, if any.
                    let focus = e
                        .triggers
                        .iter()
                        .map(|t| a.words[t.start].start..a.words[t.end.max(t.start + 1) - 1].end)
                        .find(|f| f.start >= r.start && f.end <= r.end)
                        .unwrap_or(r.start..r.start);
                    bounded(doc.text(), r.clone(), focus)
                })
                .filter_map(|r| span(doc, r.start, r.end))
                .collect(),
        });
    }
    for (n, c) in cl.iter().enumerate() {
        x.claims.push(Claim {
            id: format!("C{}", n + 1),
            claimant: Claimant {
                entity: eid(c.claimant.entity),
                name: c.claimant.name.clone(),
                kind: c.claimant.kind,
                count: c.claimant.count,
            },
            stance: c.stance,
            hedged: c.hedged,
            about: c.about.iter().filter_map(|&i| vid[i].clone()).collect(),
            via: c.via_claim.map(|v| format!("C{}", v + 1)),
            evidence: c
                .evidence
                .iter()
                .map(|r| bounded(doc.text(), r.clone(), r.start..r.start))
                .filter_map(|r| span(doc, r.start, r.end))
                .collect(),
        });
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    fn send_sync<T: Send + Sync>() {}

    #[test]
    fn extractor_is_shared_across_threads() {
        send_sync::<Extractor>();
    }
}

#[cfg(test)]
mod evidence_tests {
    use super::{MAX_EVIDENCE_BYTES, bounded};

    #[test]
    fn short_ranges_are_kept_and_long_ones_cut_around_the_trigger() {
        let text = "word ".repeat(2000) + "attacked " + &"word ".repeat(2000);
        let t = text.find("attacked").unwrap();
        assert_eq!(bounded(&text, 0..20, 5..9), 0..20);
        let r = bounded(&text, 0..text.len(), t..t + 8);
        assert!(r.len() <= MAX_EVIDENCE_BYTES, "{}", r.len());
        assert!(r.start <= t && r.end >= t + 8);
        assert!(text[r.clone()].starts_with("word") && text[r].ends_with("word"));
        let multi = "é ".repeat(3000);
        let r = bounded(&multi, 0..multi.len(), 0..0);
        assert!(multi.is_char_boundary(r.start) && multi.is_char_boundary(r.end));
    }
}
