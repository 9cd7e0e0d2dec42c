//! Reader of the Phoenix agents dictionary (`Phoenix.agents.txt`): generic nouns such as
//! "police", "general" or "foreign ministry" with the CAMEO agent code they add to an actor.

use std::collections::HashMap;

use crate::model::Agent;
use crate::normalize::key;

/// Head words that name one person; other agent phrases name bodies or groups.
const PERSON_HEADS: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "official",
    "general",
    "commander",
    "minister",
    "president",
    "leader",
    "diplomat",
    "envoy",
    "ambassador",
    "militant",
    "fighter",
    "rebel",
    "insurgent",
    "chief",
    "agent",
    "secretary",
    "director",
    "colonel",
    "captain",
    "major",
    "lieutenant",
    "sergeant",
    "admiral",
    "marshal",
    "governor",
    "mayor",
    "senator",
    "lawmaker",
    "legislator",
    "judge",
    "prosecutor",
    "policeman",
    "policewoman",
    "officer",
    "soldier",
    "trooper",
    "guard",
    "representative",
    "negotiator",
    "premier",
    "chancellor",
    "king",
    "queen",
    "prince",
    "emir",
    "sheikh",
    "cleric",
    "imam",
    "activist",
    "journalist",
    "reporter",
    "analyst",
    "adviser",
    "advisor",
    "aide",
    "deputy",
    "head",
    "chairman",
    "chairwoman",
    "member",
    "operative",
    "sniper",
    "pilot",
    "veteran",
    "dictator",
    "strongman",
    "monarch",
    "consul",
];

/// Person-ness of an expanded, singular or plural phrase key.
fn is_person(k: &str) -> bool {
    let head = k.rsplit(' ').next().unwrap_or(k);
    PERSON_HEADS.contains(&head)
        || head.ends_with("man")
        || head.ends_with("woman")
        || head.ends_with("person")
}

/// Regular plural of a phrase (Phoenix rule: +S, Y → IES, SS → SSES).
fn plural(p: &str) -> String {
    if let Some(stem) = p.strip_suffix('Y').filter(|s| !s.ends_with(['A', 'E', 'O', 'U'])) {
        format!("{stem}IES")
    } else if p.ends_with("SS") || p.ends_with("CH") || p.ends_with("SH") || p.ends_with('X') {
        format!("{p}ES")
    } else if let Some(stem) = p.strip_suffix("MAN") {
        format!("{stem}MEN")
    } else {
        format!("{p}S")
    }
}

/// Parses the agents dictionary into agents (singular and plural forms, substitution sets
/// expanded). Plural forms never count as one person.
pub fn parse(text: &str) -> Vec<Agent> {
    let mut subs: HashMap<String, Vec<String>> = HashMap::new();
    let mut out = Vec::new();
    for raw in text.lines() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if line.starts_with('!')
            && let Some((name, list)) = line.split_once('=')
        {
            let items = list.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
            subs.insert(name.trim().to_string(), items);
            continue;
        }
        let Some(open) = line.find('[') else { continue };
        let close = line[open..].find([']', '}']).map_or(line.len(), |c| open + c);
        let code_raw = line[open + 1..close].trim();
        let prefix = code_raw.ends_with('~') && !code_raw.starts_with('~');
        let code = code_raw.trim_matches('~').to_string();
        let mut head = line[..open].trim();
        let mut explicit_plural: Option<String> = None;
        if let Some(a) = head.find('{') {
            let b = head[a..].find('}').map_or(head.len(), |b| a + b);
            explicit_plural = Some(head[a + 1..b].trim().to_string());
            head = head[..a].trim();
        }
        let phrases = expand(head, &subs);
        for p in phrases {
            let sub = head.contains('!');
            let mut forms = vec![(p.clone(), true)];
            match &explicit_plural {
                Some(pl) if pl.is_empty() => {}
                Some(pl) => forms.extend(expand(pl, &subs).into_iter().map(|x| (x, false))),
                None if !sub => forms.push((plural(&p), false)),
                None => {}
            }
            for (form, singular) in forms {
                let k = key(&form.replace('_', " "));
                if k.is_empty() {
                    continue;
                }
                // Substitution sets mix MAN and MEN: a form ending in "men" is plural.
                let singular = singular && !k.ends_with("men");
                out.push(Agent { person: singular && is_person(&k), key: k, code: code.clone(), prefix });
            }
        }
    }
    out
}

fn expand(phrase: &str, subs: &HashMap<String, Vec<String>>) -> Vec<String> {
    if let Some(a) = phrase.find('!')
        && let Some(b) = phrase[a + 1..].find('!')
    {
        let name = &phrase[a..a + b + 2];
        if let Some(items) = subs.get(name) {
            return items
                .iter()
                .flat_map(|it| expand(&format!("{}{}{}", &phrase[..a], it, &phrase[a + b + 2..]), subs))
                .collect();
        }
    }
    vec![phrase.to_string()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agents() {
        let text = "!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON\nSPOKES!PERSON!  [~MED]\nGENERAL_OF_THE_ARMY [~MIL]\nPOLICE {} [~COP]\nCHAMBER_OF_COMMERCE {CHAMBERS_OF_COMMERCE} [~BUS]\nCHARITY [NGO~]\n";
        let a = parse(text);
        let get = |k: &str| a.iter().find(|x| x.key == k).unwrap_or_else(|| panic!("{k}"));
        assert!(get("spokesman").person);
        assert!(!get("spokesmen").person);
        assert_eq!(get("general of the army").code, "MIL");
        assert_eq!(get("police").code, "COP");
        assert!(a.iter().all(|x| x.key != "polices"));
        assert_eq!(get("chambers of commerce").code, "BUS");
        assert!(get("charities").prefix);
    }
}
