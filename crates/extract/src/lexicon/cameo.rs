//! CAMEO code → PLOVER type and mode, from the shipped table `data/cameo_plover.tsv`
//! (compiled from CAMEO2PLOVER-2021 with the 2.0 mode changes of
//! [`super::compile::cameo2plover`]).

use std::collections::HashMap;
use std::sync::LazyLock;

use claimgraph_core::extraction::EventType;

use super::plover::{modes, parse_event_type};

/// The PLOVER coding of a CAMEO code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PloverCode {
    /// PLOVER event type.
    pub event: EventType,
    /// PLOVER 2.0 mode, if any.
    pub mode: Option<&'static str>,
    /// Contexts, `;`-separated (`"military;legal"`), possibly empty.
    pub contexts: &'static str,
    /// CAMEO description of the code.
    pub description: &'static str,
}

pub(crate) const CAMEO_TABLE: &str = include_str!("../../data/cameo_plover.tsv");

static TABLE: LazyLock<HashMap<&'static str, PloverCode>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for line in CAMEO_TABLE.lines() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let f: Vec<&'static str> = line.split('\t').collect();
        if f.len() < 5 {
            continue;
        }
        let Some(event) = parse_event_type(f[1]) else {
            continue;
        };
        let mode = modes(event).iter().copied().find(|m| *m == f[2]);
        map.entry(f[0]).or_insert(PloverCode { event, mode, contexts: f[3], description: f[4] });
    }
    map
});

/// Looks `code` up, then its 3-digit parent, then its 2-digit cue category.
pub(crate) fn lookup_with_fallback<T>(code: &str, get: impl Fn(&str) -> Option<T>) -> Option<T> {
    let code = code.trim();
    if code.len() < 2 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    get(code)
        .or_else(|| (code.len() > 3).then(|| get(&code[..3])).flatten())
        .or_else(|| (code.len() > 2).then(|| get(&code[..2])).flatten())
}

/// The PLOVER coding of a CAMEO code (`"0871"` → RETREAT `ceasefire`); codes absent from
/// the table fall back to their parent code. `None` for CAMEO 01 and 02 (dropped by
/// PLOVER) and for anything that is not a code.
pub fn cameo_to_plover(code: &str) -> Option<&'static PloverCode> {
    let table: &'static HashMap<&'static str, PloverCode> = &TABLE;
    lookup_with_fallback(code, |c| table.get(c))
}

/// Number of rows in the shipped table.
pub fn cameo_table_len() -> usize {
    TABLE.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_codes() {
        let c = cameo_to_plover("0871").unwrap();
        assert_eq!((c.event, c.mode), (EventType::Retreat, Some("ceasefire")));
        let c = cameo_to_plover("183").unwrap();
        assert_eq!((c.event, c.mode), (EventType::Assault, Some("explosives")));
        let c = cameo_to_plover("1831").unwrap();
        assert_eq!(c.mode, Some("suicide-attack"));
        assert_eq!(cameo_to_plover("173").unwrap().event, EventType::Coerce);
        assert_eq!(cameo_to_plover("072").unwrap().event, EventType::Aid);
        assert_eq!(cameo_to_plover("112").unwrap().event, EventType::Accuse);
        assert_eq!(cameo_to_plover("100").unwrap().event, EventType::Request);
        assert_eq!(cameo_to_plover("186").unwrap().mode, Some("targeted"));
    }

    #[test]
    fn fallback_and_dropped() {
        // 0256 is under 02 (APPEAL), dropped by PLOVER.
        assert!(cameo_to_plover("0256").is_none());
        assert!(cameo_to_plover("010").is_none());
        assert!(cameo_to_plover("abc").is_none());
        // 1952 is not in the table: its parent 195 is.
        assert_eq!(cameo_to_plover("1952").unwrap().mode, Some("aerial"));
        assert!(cameo_table_len() > 250);
    }
}
