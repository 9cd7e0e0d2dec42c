//! Reader of the CAMEO → PLOVER conversion table (`CAMEO2PLOVER-2021.txt`, manual draft 0.8)
//! with its modes brought up to the mode lists of the PLOVER manual draft 2.0.
//!
//! Mode changes (0.8 → 2.0), applied after the per-code overrides below:
//! `assassinate`/`massacre` → `targeted`; `ban`/`political` → `restrict`; `return`, `ease`,
//! `cleansing`, `pro_autocracy` (a context, not a mode) → none; any other mode the 2.0 manual
//! does not list for the category → none.
//! Per-code overrides (2.0 manual wording): 183 (non-military bombing) → `explosives`
//! (1831 suicide bombing keeps `suicide-attack`); 1712 (destroy property) → `destroy`;
//! 195 (aerial weapons) → `aerial`; 1823 (kill by physical assault) → `beat`;
//! 163 (impose embargo, boycott or sanctions) → SANCTION `discontinue`, because the 2.0
//! manual codes international sanctions as SANCTION `discontinue` where the 0.8 table
//! said COERCE `restrict`.

use claimgraph_core::extraction::EventType;

use crate::lexicon::error::{LexiconError, Result};
use crate::lexicon::plover::{is_mode_of, modes, parse_event_type};

/// One row of the conversion table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CameoMapping {
    /// CAMEO code (`"0871"`), or a two-digit root (`"08"`).
    pub code: String,
    /// PLOVER event type.
    pub event: EventType,
    /// PLOVER 2.0 mode, if any.
    pub mode: Option<&'static str>,
    /// PLOVER contexts (`military`, `legal`...).
    pub contexts: Vec<String>,
    /// The CAMEO description from the comment.
    pub description: String,
}

const WHAT: &str = "CAMEO2PLOVER";

/// Parses the table; duplicated codes keep their first row.
pub fn parse_cameo2plover(text: &str) -> Result<Vec<CameoMapping>> {
    let mut out: Vec<CameoMapping> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with('~') {
            continue;
        }
        let (body, description) = match line.find('#') {
            Some(p) => (&line[..p], line[p + 1..].trim()),
            None => (line, ""),
        };
        let Some((code, rest)) = body.split_once(':') else {
            return Err(LexiconError::Syntax {
                what: WHAT,
                line: i + 1,
                message: format!("no `code:` in {line:?}"),
            });
        };
        let code = code.trim();
        if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(LexiconError::Syntax {
                what: WHAT,
                line: i + 1,
                message: format!("bad code {code:?}"),
            });
        }
        let mut fields = rest.split(',').map(str::trim);
        let name = fields.next().unwrap_or("");
        let event = parse_event_type(name).ok_or_else(|| LexiconError::Syntax {
            what: WHAT,
            line: i + 1,
            message: format!("unknown PLOVER category {name:?}"),
        })?;
        let raw_mode = fields.next().unwrap_or("");
        let contexts: Vec<String> = fields
            .next()
            .unwrap_or("")
            .split(';')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect();
        let (event, mode) = normalize(code, event, raw_mode);
        if out.iter().any(|m| m.code == code) {
            continue;
        }
        out.push(CameoMapping {
            code: code.to_string(),
            event,
            mode,
            contexts,
            description: description.to_string(),
        });
    }
    Ok(out)
}

/// Applies the per-code overrides and the 0.8 → 2.0 mode changes (see the module doc).
pub fn normalize(code: &str, event: EventType, raw_mode: &str) -> (EventType, Option<&'static str>) {
    let (event, mode) = match code {
        "183" => (EventType::Assault, "explosives"),
        "1712" => (EventType::Assault, "destroy"),
        "195" => (EventType::Assault, "aerial"),
        "1823" => (EventType::Assault, "beat"),
        "163" => (EventType::Sanction, "discontinue"),
        _ => {
            let m = match raw_mode.trim() {
                "assassinate" | "massacre" => "targeted",
                "ban" | "political" => "restrict",
                other => other,
            };
            (event, m)
        }
    };
    let mode = modes(event).iter().copied().find(|m| *m == mode);
    debug_assert!(mode.is_none_or(|m| is_mode_of(event, m)));
    (event, mode)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
# header
08: CONCEDE
0871: RETREAT, ceasefire, military # Declare truce, ceasefire
163: COERCE, restrict,   diplomatic # Impose embargo, boycott, or sanctions
186: ASSAULT, assassinate,    # Assassinate
175: ASSAULT, pro_autocracy , military # Use violent repression
175: ASSAULT, pro_autocracy , military # duplicate
091: ACCUSE, investigate, crime; corruption # Investigate crime, corruption
~~~~~
";

    #[test]
    fn parses_and_normalizes() {
        let rows = parse_cameo2plover(SAMPLE).unwrap();
        assert_eq!(rows.len(), 6);
        assert_eq!(rows[0].code, "08");
        assert_eq!(rows[0].event, EventType::Concede);
        assert_eq!(rows[1].mode, Some("ceasefire"));
        assert_eq!(rows[1].contexts, vec!["military"]);
        assert_eq!(rows[2].event, EventType::Sanction);
        assert_eq!(rows[2].mode, Some("discontinue"));
        assert_eq!(rows[3].mode, Some("targeted"));
        assert_eq!(rows[4].mode, None);
        assert_eq!(rows[5].contexts, vec!["crime", "corruption"]);
        assert_eq!(rows[5].description, "Investigate crime, corruption");
    }

    #[test]
    fn rejects_unknown_category() {
        assert!(parse_cameo2plover("10: DEMAND\n").is_err());
        assert!(parse_cameo2plover("x1: AGREE\n").is_err());
    }
}
