//! Words of casualty statements.

use super::casualty::CasualtyKind;

/// Active verbs whose object is the victims: `killed two civilians`, `wounding 5`.
pub(crate) fn active_verb(w: &str) -> Option<CasualtyKind> {
    Some(match w {
        "killed" | "killing" | "kills" | "kill" | "slew" | "slaying" | "massacred" | "massacring" => {
            CasualtyKind::Killed
        }
        "injured" | "injuring" | "injures" | "injure" | "wounded" | "wounding" | "wounds" | "wound" => {
            CasualtyKind::Injured
        }
        _ => return None,
    })
}

/// Words saying what happened to the victims after them: `two civilians were killed`,
/// `12 dead`, `five hurt`.
pub(crate) fn outcome(w: &str) -> Option<CasualtyKind> {
    Some(match w {
        "killed" | "dead" | "died" | "slain" | "perished" | "executed" | "murdered" => CasualtyKind::Killed,
        "injured" | "wounded" | "hurt" => CasualtyKind::Injured,
        _ => return None,
    })
}

/// A killing said by how it was done, at the start of `w` (the next three words): `shot
/// dead`, `gunned down`, `beaten to death`, `burned to death`; how many words it takes.
pub(crate) fn violent_death(w: &[&str; 3]) -> Option<usize> {
    let how = matches!(
        w[0],
        "shot"
            | "gunned"
            | "beaten"
            | "stabbed"
            | "hacked"
            | "burned"
            | "burnt"
            | "stoned"
            | "clubbed"
            | "crushed"
    );
    match (w[1], w[2]) {
        ("dead", _) if how => Some(2),
        ("down", _) if w[0] == "gunned" => Some(2),
        ("to", "death") if how => Some(3),
        _ => None,
    }
}

/// Nouns counting casualties: `30 deaths`, `12 injuries`.
pub(crate) fn count_noun(w: &str) -> Option<CasualtyKind> {
    Some(match w {
        "deaths" | "fatalities" | "death" | "fatality" => CasualtyKind::Killed,
        "injuries" | "injury" => CasualtyKind::Injured,
        _ => return None,
    })
}

/// Words that may stand between the victims and the outcome: `were`, `have been`,
/// `reportedly`.
pub(crate) fn is_aux(w: &str) -> bool {
    matches!(
        w,
        "were"
            | "was"
            | "are"
            | "is"
            | "have"
            | "has"
            | "had"
            | "been"
            | "being"
            | "be"
            | "reportedly"
            | "reported"
            | "confirmed"
            | "believed"
            | "thought"
            | "said"
            | "to"
            | "also"
            | "later"
            | "all"
            | "subsequently"
            | "feared"
            | "now"
            | "allegedly"
            | "initially"
            | "either"
            | "seriously"
            | "critically"
            | "badly"
            | "slightly"
            | "lightly"
            | "fatally"
            | "mortally"
            | "instantly"
            | "immediately"
    )
}

/// Words that end the victims' noun phrase.
pub(crate) fn ends_phrase(w: &str) -> bool {
    matches!(
        w,
        "in" | "on"
            | "at"
            | "by"
            | "from"
            | "with"
            | "after"
            | "before"
            | "during"
            | "since"
            | "into"
            | "near"
            | "across"
            | "over"
            | "under"
            | "through"
            | "for"
            | "to"
            | "and"
            | "or"
            | "but"
            | "who"
            | "whom"
            | "which"
            | "that"
            | "when"
            | "while"
            | "as"
            | "than"
            | "of"
            | "the"
            | "a"
            | "an"
            | "this"
            | "these"
            | "those"
            | "their"
            | "his"
            | "her"
            | "its"
            | "our"
            | "had"
            | "has"
            | "have"
            | "including"
            | "among"
            | "if"
            | "because"
            | "so"
            | "lost"
    ) || is_aux(w)
        || active_verb(w).is_some()
        || outcome(w).is_some()
}

/// Units after a number that make it something other than people.
pub(crate) fn is_unit(w: &str) -> bool {
    matches!(
        w,
        "year"
            | "years"
            | "day"
            | "days"
            | "week"
            | "weeks"
            | "month"
            | "months"
            | "hour"
            | "hours"
            | "minute"
            | "minutes"
            | "second"
            | "seconds"
            | "percent"
            | "per"
            | "times"
            | "km"
            | "kilometres"
            | "kilometers"
            | "miles"
            | "metres"
            | "meters"
            | "feet"
            | "dollars"
            | "euros"
            | "pounds"
            | "tons"
            | "tonnes"
            | "am"
            | "pm"
            | "attacks"
            | "attack"
            | "bombings"
            | "strikes"
            | "rockets"
            | "missiles"
            | "shells"
            | "vehicles"
            | "buildings"
            | "homes"
            | "houses"
            | "kg"
            | "o"
    )
}

/// Singular nouns for one victim (`killed a soldier`).
pub(crate) fn singular_victim(w: &str) -> bool {
    matches!(
        w,
        "person"
            | "soldier"
            | "civilian"
            | "man"
            | "woman"
            | "child"
            | "boy"
            | "girl"
            | "policeman"
            | "officer"
            | "worker"
            | "journalist"
            | "fighter"
            | "militant"
            | "guard"
            | "student"
            | "teenager"
            | "resident"
            | "farmer"
            | "driver"
            | "passenger"
            | "contractor"
            | "doctor"
            | "nurse"
            | "teacher"
            | "member"
            | "pilot"
            | "marine"
            | "trooper"
            | "protester"
            | "demonstrator"
            | "bystander"
            | "villager"
            | "commander"
            | "official"
            | "servicemember"
            | "infant"
            | "baby"
    )
}
