//! The PLOVER gold-standard records (`PLOVER_GSR_CAMEO.json`: 322 sentences from the CAMEO
//! manual coded in PLOVER 0.5b1) read into the current ontology, and a baseline scorer of
//! the trigger lexicon against them ([`eval`]).
//!
//! Retired category names are mapped as `CAMEO2PLOVER-2021.txt` and the PLOVER manual
//! (draft 2.0, Table 7.1) say: DEMAND → REQUEST; DISAPPROVE → ACCUSE mode `disapprove`;
//! INVESTIGATE → ACCUSE mode `investigate`; FIGHT → ASSAULT with context `military`.
//! Retired modes are mapped to the 2.0 mode lists: `host` → `visit` (the manual makes the
//! visitor the actor), `strike-hun` → `hunger`, `strike-gen` → `strike`, `riot-spon` →
//! `riot`, `demo-org`/`demo-spon` → `demo`, `assassinate` → `targeted`, `confiscate` →
//! `seize`, `detain` → `arrest`, `ban`/`political` → `restrict`; `other` and any mode the
//! 2.0 manual does not list for the category (e.g. COERCE `destroy`, now an ASSAULT mode)
//! become none. Categories themselves are kept as coded apart from the renames.

pub mod eval;

use std::path::Path;

use claimgraph_core::extraction::EventType;
use serde_json::Value;

use super::error::{LexiconError, Result};
use super::plover::{modes, parse_event_type};

/// An actor of a gold record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldActor {
    /// The words naming the actor.
    pub text: String,
    /// CAMEO actor code (`"IRN"`), if given.
    pub code: Option<String>,
    /// Sector (`"GOV"`, `"MIL"`...), if given.
    pub sector: Option<String>,
}

/// One gold sentence in the current PLOVER ontology.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldSentence {
    /// Record id (`PLOVER-GSR01-AGREE-0001`).
    pub id: String,
    /// The sentence.
    pub text: String,
    /// The category as coded (0.5b1 name, e.g. `DEMAND`).
    pub category: String,
    /// The current event type.
    pub event: EventType,
    /// The mode as coded, if any.
    pub raw_mode: Option<String>,
    /// The PLOVER 2.0 mode (see the module doc).
    pub mode: Option<&'static str>,
    /// Contexts (the coded one, plus `military` for retired FIGHT).
    pub contexts: Vec<String>,
    /// The words the coder marked as the event (`eventText`).
    pub event_text: String,
    /// Source actors.
    pub sources: Vec<GoldActor>,
    /// Target actors.
    pub targets: Vec<GoldActor>,
}

/// The current type of a PLOVER category name, with the mode and context a retired name
/// implies. `None` for names that are neither current nor retired.
pub fn map_retired_category(name: &str) -> Option<(EventType, Option<&'static str>, Option<&'static str>)> {
    match name.trim().to_ascii_uppercase().as_str() {
        "DEMAND" => Some((EventType::Request, None, None)),
        "DISAPPROVE" => Some((EventType::Accuse, Some("disapprove"), None)),
        "INVESTIGATE" => Some((EventType::Accuse, Some("investigate"), None)),
        "FIGHT" => Some((EventType::Assault, None, Some("military"))),
        other => parse_event_type(other).map(|t| (t, None, None)),
    }
}

/// The 2.0 mode of a mode coded in 0.5b1 for `event` (see the module doc).
pub fn map_retired_mode(event: EventType, raw: &str) -> Option<&'static str> {
    let m = match raw.trim() {
        "host" => "visit",
        "strike-hun" => "hunger",
        "strike-gen" => "strike",
        "riot-spon" => "riot",
        "demo-org" | "demo-spon" => "demo",
        "assassinate" => "targeted",
        "confiscate" => "seize",
        "detain" => "arrest",
        "ban" | "political" => "restrict",
        other => other,
    };
    modes(event).iter().copied().find(|x| *x == m)
}

fn str_field(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

fn actors(v: &Value, key: &str) -> Vec<GoldActor> {
    v.get(key)
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .map(|a| GoldActor {
                    text: str_field(a, "actorText").unwrap_or_default(),
                    code: str_field(a, "code"),
                    sector: str_field(a, "sector"),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Parses the gold records from JSON text; `origin` names the input in errors. The
/// `DOCUMENT` header record is skipped.
pub fn parse_plover_gold(json: &str, origin: &str) -> Result<Vec<GoldSentence>> {
    let value: Value = serde_json::from_str(json)
        .map_err(|source| LexiconError::Json { path: origin.to_string(), source })?;
    let records = value.as_array().ok_or_else(|| LexiconError::Syntax {
        what: "PLOVER gold",
        line: 0,
        message: "top level is not an array".into(),
    })?;
    let mut out = Vec::new();
    for (i, r) in records.iter().enumerate() {
        let category = str_field(r, "event").unwrap_or_default();
        if category == "DOCUMENT" {
            continue;
        }
        let bad = |message: String| LexiconError::Syntax { what: "PLOVER gold", line: i + 1, message };
        let (event, implied_mode, implied_context) =
            map_retired_category(&category).ok_or_else(|| bad(format!("unknown category {category:?}")))?;
        let text = str_field(r, "text").ok_or_else(|| bad("record without text".into()))?;
        let raw_mode = str_field(r, "mode");
        let mode = raw_mode.as_deref().and_then(|m| map_retired_mode(event, m)).or(implied_mode);
        let mut contexts: Vec<String> = str_field(r, "context")
            .map(|c| c.split([';', ',']).map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect())
            .unwrap_or_default();
        if let Some(c) = implied_context
            && !contexts.iter().any(|x| x == c)
        {
            contexts.push(c.to_string());
        }
        out.push(GoldSentence {
            id: str_field(r, "id").unwrap_or_else(|| format!("record-{i}")),
            text,
            category,
            event,
            raw_mode,
            mode,
            contexts,
            event_text: str_field(r, "eventText").unwrap_or_default(),
            sources: actors(r, "source"),
            targets: actors(r, "target"),
        });
    }
    Ok(out)
}

/// Reads `PLOVER_GSR_CAMEO.json`.
pub fn load_plover_gold(path: impl AsRef<Path>) -> Result<Vec<GoldSentence>> {
    let path = path.as_ref();
    let text = std::fs::read_to_string(path)
        .map_err(|source| LexiconError::Io { path: path.display().to_string(), source })?;
    parse_plover_gold(&text, &path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"[
      {"id": "H", "event": "DOCUMENT", "eventText": "header"},
      {"id": "A1", "event": "DEMAND", "text": "Rebels demanded the release of prisoners.",
       "eventText": "demanded", "context": "legal",
       "source": [{"actorText": "Rebels", "code": "REB"}]},
      {"id": "A2", "event": "FIGHT", "mode": "heavy-weapons", "text": "Troops shelled the town.",
       "eventText": "shelled"},
      {"id": "A3", "event": "PROTEST", "mode": "strike-hun", "text": "Prisoners refused food.",
       "eventText": "refused food"},
      {"id": "A4", "event": "CONSULT", "mode": "host", "text": "Egypt hosted talks.",
       "eventText": "hosted"},
      {"id": "A5", "event": "DISAPPROVE", "mode": "", "text": "Paris criticized Rome.",
       "eventText": "criticized"}
    ]"#;

    #[test]
    fn maps_retired_names_and_modes() {
        let g = parse_plover_gold(SAMPLE, "sample").unwrap();
        assert_eq!(g.len(), 5);
        assert_eq!((g[0].event, g[0].category.as_str()), (EventType::Request, "DEMAND"));
        assert_eq!(g[0].sources[0].code.as_deref(), Some("REB"));
        assert_eq!(g[1].event, EventType::Assault);
        assert_eq!(g[1].mode, Some("heavy-weapons"));
        assert_eq!(g[1].contexts, vec!["military"]);
        assert_eq!(g[2].mode, Some("hunger"));
        assert_eq!(g[3].mode, Some("visit"));
        assert_eq!((g[4].event, g[4].mode), (EventType::Accuse, Some("disapprove")));
        assert_eq!(g[4].raw_mode, None);
    }

    #[test]
    fn rejects_bad_input() {
        assert!(parse_plover_gold("{}", "x").is_err());
        assert!(parse_plover_gold("[{\"event\": \"CRIME\", \"text\": \"t\"}]", "x").is_err());
        assert!(parse_plover_gold("not json", "x").is_err());
        assert!(load_plover_gold("/nonexistent/gold.json").is_err());
    }
}
