//! PLOVER event types by name and their modes, as the PLOVER manual (draft 2.0, Tables 3.1 to
//! 3.11) lists them.

use claimgraph_core::extraction::EventType;

/// Every PLOVER event type, in manual order.
pub const EVENT_TYPES: [EventType; 16] = [
    EventType::Agree,
    EventType::Consult,
    EventType::Support,
    EventType::Concede,
    EventType::Cooperate,
    EventType::Aid,
    EventType::Retreat,
    EventType::Request,
    EventType::Accuse,
    EventType::Reject,
    EventType::Threaten,
    EventType::Protest,
    EventType::Sanction,
    EventType::Mobilize,
    EventType::Coerce,
    EventType::Assault,
];

/// The upper-case PLOVER name of an event type (`"ASSAULT"`).
pub fn event_type_name(t: EventType) -> &'static str {
    match t {
        EventType::Agree => "AGREE",
        EventType::Consult => "CONSULT",
        EventType::Support => "SUPPORT",
        EventType::Concede => "CONCEDE",
        EventType::Cooperate => "COOPERATE",
        EventType::Aid => "AID",
        EventType::Retreat => "RETREAT",
        EventType::Request => "REQUEST",
        EventType::Accuse => "ACCUSE",
        EventType::Reject => "REJECT",
        EventType::Threaten => "THREATEN",
        EventType::Protest => "PROTEST",
        EventType::Sanction => "SANCTION",
        EventType::Mobilize => "MOBILIZE",
        EventType::Coerce => "COERCE",
        EventType::Assault => "ASSAULT",
    }
}

/// The event type of a current PLOVER name (case-insensitive); retired names are not
/// accepted here (see [`super::gold::map_retired_category`]).
pub fn parse_event_type(name: &str) -> Option<EventType> {
    let upper = name.trim().to_ascii_uppercase();
    EVENT_TYPES.iter().copied().find(|t| event_type_name(*t) == upper)
}

/// The modes the PLOVER manual (draft 2.0) defines for an event type; empty when the type
/// has none (AGREE, SUPPORT, CONCEDE, COOPERATE, AID).
pub fn modes(t: EventType) -> &'static [&'static str] {
    match t {
        EventType::Consult => &["visit", "third-party", "multilateral", "phone"],
        EventType::Retreat => &["withdraw", "release", "disarm", "ceasefire", "access", "resign"],
        // REQUEST and REJECT share their modes (Tables 3.3 and 3.5).
        EventType::Request | EventType::Reject => &["assist", "change", "yield", "meet"],
        EventType::Accuse => &["disapprove", "investigate", "allege"],
        EventType::Threaten => &["restrict", "arrest", "relations", "expel", "territory", "violence"],
        EventType::Protest => &["demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"],
        EventType::Sanction => &["convict", "expel", "withdraw", "discontinue"],
        EventType::Mobilize => &["troops", "weapons", "police", "militia"],
        EventType::Coerce => &[
            "seize",
            "restrict",
            "censor",
            "curfew",
            "martial-law",
            "arrest",
            "deport",
            "withhold",
            "misinformation",
            "cyber",
        ],
        EventType::Assault => &[
            "abduct",
            "beat",
            "torture",
            "sexual",
            "targeted",
            "destroy",
            "primitive",
            "firearms",
            "explosives",
            "suicide-attack",
            "aerial",
            "drone",
            "heavy-weapons",
            "crowd-control",
            "unconventional",
        ],
        EventType::Agree
        | EventType::Support
        | EventType::Concede
        | EventType::Cooperate
        | EventType::Aid => &[],
    }
}

/// True when `mode` is one of the manual's modes of `t`.
pub fn is_mode_of(t: EventType, mode: &str) -> bool {
    modes(t).contains(&mode)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for t in EVENT_TYPES {
            assert_eq!(parse_event_type(event_type_name(t)), Some(t));
        }
        assert_eq!(parse_event_type("assault"), Some(EventType::Assault));
        assert_eq!(parse_event_type("DEMAND"), None);
    }

    #[test]
    fn manual_modes() {
        assert!(is_mode_of(EventType::Assault, "suicide-attack"));
        assert!(is_mode_of(EventType::Coerce, "arrest"));
        assert!(!is_mode_of(EventType::Assault, "assassinate"));
        assert!(modes(EventType::Aid).is_empty());
        assert_eq!(modes(EventType::Request), modes(EventType::Reject));
    }
}
