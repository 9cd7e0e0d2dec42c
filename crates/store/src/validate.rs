//! Checks an extraction must pass before any of it is written.
//!
//! Backend independent: the SQLite schema enforces most of this again with constraints,
//! but checking first gives errors that name the problem instead of a constraint.

use std::collections::HashSet;

use claimgraph_core::extraction::{Count, SCHEMA_V1};
use claimgraph_core::{Document, Extraction, Meta};

use crate::error::{Result, StoreError};

/// Validates `x` against the v1 contract.
pub fn validate(x: &Extraction) -> Result<()> {
    let doc_id = &x.document.id;
    let invalid = |reason: String| StoreError::InvalidExtraction { doc_id: doc_id.clone(), reason };
    if x.schema != SCHEMA_V1 {
        return Err(invalid(format!("schema is {:?}, expected {SCHEMA_V1:?}", x.schema)));
    }
    // One normalization serves three checks: the text is normalized (the contract's
    // `document.text`), the id is its hash (ids are content addresses), and every span
    // equals its slice.
    let doc = Document::new(&x.document.text, Meta::default());
    if doc.text() != x.document.text {
        return Err(invalid("document text is not normalized".to_string()));
    }
    if doc.id() != doc_id {
        return Err(invalid(format!("document id is not the hash of its text (expected {})", doc.id())));
    }
    for span in x.spans() {
        doc.check_span(span).map_err(|source| StoreError::Span { doc_id: doc_id.clone(), source })?;
    }

    if let Some(p) = &x.producer {
        let fields = [
            ("name", Some(&p.name)),
            ("version", Some(&p.version)),
            ("parser", p.parser.as_ref()),
            ("models", p.models.as_ref()),
            ("rules", p.rules.as_ref()),
        ];
        for (field, value) in fields {
            if value.is_some_and(|v| v.len() > crate::producer::MAX_PRODUCER_FIELD) {
                return Err(invalid(format!(
                    "producer {field} is longer than {} bytes",
                    crate::producer::MAX_PRODUCER_FIELD
                )));
            }
        }
    }

    let entities = unique_ids("entity", x.entities.iter().map(|e| e.id.as_str())).map_err(invalid)?;
    let events = unique_ids("event", x.events.iter().map(|e| e.id.as_str())).map_err(invalid)?;
    let claims = unique_ids("claim", x.claims.iter().map(|c| c.id.as_str())).map_err(invalid)?;

    let known = |set: &HashSet<&str>, what: &str, id: &Option<String>, owner: &str| match id {
        Some(id) if !set.contains(id.as_str()) => Err(format!("{owner} refers to unknown {what} {id:?}")),
        _ => Ok(()),
    };
    for ev in &x.events {
        known(&entities, "entity", &ev.actor, &ev.id).map_err(invalid)?;
        known(&entities, "entity", &ev.target, &ev.id).map_err(invalid)?;
        check_count(&ev.fatalities).map_err(|r| invalid(format!("{}: fatalities {r}", ev.id)))?;
        check_count(&ev.injuries).map_err(|r| invalid(format!("{}: injuries {r}", ev.id)))?;
        if let Some(loc) = &ev.location {
            // SQLite stores NaN as NULL, which would not read back as the same value.
            if loc.lat.is_some_and(|v| !v.is_finite()) || loc.lon.is_some_and(|v| !v.is_finite()) {
                return Err(invalid(format!("{}: location coordinates are not finite", ev.id)));
            }
        }
    }
    for c in &x.claims {
        known(&entities, "entity", &c.claimant.entity, &c.id).map_err(invalid)?;
        known(&claims, "claim", &c.via, &c.id).map_err(invalid)?;
        for about in &c.about {
            if !events.contains(about.as_str()) {
                return Err(invalid(format!("{} is about unknown event {about:?}", c.id)));
            }
        }
    }
    Ok(())
}

fn unique_ids<'a>(what: &str, ids: impl Iterator<Item = &'a str>) -> Result<HashSet<&'a str>, String> {
    let mut seen = HashSet::new();
    for id in ids {
        if !seen.insert(id) {
            return Err(format!("duplicate {what} id {id:?}"));
        }
    }
    Ok(seen)
}

fn check_count(count: &Option<Count>) -> Result<(), String> {
    let Some(c) = count else { return Ok(()) };
    let too_big = |v: u64| i64::try_from(v).is_err();
    if too_big(c.min) || c.max.is_some_and(too_big) {
        return Err("exceeds the largest storable number".to_string());
    }
    Ok(())
}
