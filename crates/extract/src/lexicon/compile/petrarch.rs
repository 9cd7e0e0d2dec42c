//! Reader of the PETRARCH2 CAMEO verb-pattern dictionary (`CAMEO.2.0.txt`): synonym sets,
//! verb blocks with their verbs and CAMEO codes, and the patterns of each block.
//!
//! Only what a parser-independent lexicon needs is kept: the verbs (with their irregular
//! forms), the block and verb codes, and each pattern as a flat sequence of words, synonym
//! sets and the verb slot. Transformations (`~` lines) are skipped.

use crate::lexicon::error::{LexiconError, Result};

/// The parsed verb dictionary.
#[derive(Debug, Clone, Default)]
pub struct VerbDictionary {
    /// Synonym sets (`&NAME` with `+PHRASE` members), in file order.
    pub synsets: Vec<Synset>,
    /// Verb blocks (`--- NAME [code] ---`), in file order.
    pub blocks: Vec<VerbBlock>,
}

/// A synonym set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Synset {
    /// Name without `&`, upper case as in the file.
    pub name: String,
    /// Member phrases, each as lowercase words.
    pub phrases: Vec<Vec<String>>,
}

/// A block of synonymous verbs sharing patterns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbBlock {
    /// Block name (`KILL`).
    pub name: String,
    /// Code of the block (`190`), `None` for the null code `---`.
    pub code: Option<String>,
    /// The verbs.
    pub verbs: Vec<VerbEntry>,
    /// The patterns.
    pub patterns: Vec<Pattern>,
}

/// One verb (possibly multi-word, like `CALL_OFF`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbEntry {
    /// Lowercase words of the base form (`["call", "off"]`).
    pub words: Vec<String>,
    /// Index of the verb word among `words`.
    pub head: usize,
    /// The verb's own code, when it has one; `None` means the block code applies, and
    /// `Some("---")` is never stored (it becomes [`VerbEntry::null_code`]).
    pub code: Option<String>,
    /// True when the verb carries the null code `[---]` explicitly.
    pub null_code: bool,
    /// Listed inflected forms of the verb word (lowercase), from `{...}`.
    pub forms: Vec<String>,
}

/// One element of a flattened pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternElement {
    /// The position of the block's verb (`*`).
    Verb,
    /// A literal word, lowercase.
    Word(String),
    /// A synonym set reference (name without `&`).
    Synset(String),
}

/// A pattern of a verb block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// The elements in text order; phrase brackets and actor slots are dropped.
    pub elements: Vec<PatternElement>,
    /// Primary CAMEO code (`042` of `[042:043]`, `173` of `[:173]`), `None` for `---`.
    pub code: Option<String>,
    /// 1-based line number in the dictionary.
    pub line: usize,
}

const WHAT: &str = "CAMEO verb dictionary";

fn syntax(line: usize, message: impl Into<String>) -> LexiconError {
    LexiconError::Syntax { what: WHAT, line, message: message.into() }
}

/// Parses the text of `CAMEO.2.0.txt`.
pub fn parse_verb_dictionary(text: &str) -> Result<VerbDictionary> {
    let mut dict = VerbDictionary::default();
    let mut in_verbs = false;
    for (i, raw) in text.lines().enumerate() {
        let lineno = i + 1;
        if raw.starts_with("####### VERB PATTERNS") {
            in_verbs = true;
            continue;
        }
        if raw.starts_with("######## TRANSFORMATIONS") {
            break;
        }
        let line = strip_comment(raw).trim_end();
        if line.trim().is_empty() {
            continue;
        }
        if !in_verbs {
            if let Some(name) = line.strip_prefix('&') {
                dict.synsets.push(Synset { name: name.trim().to_string(), phrases: Vec::new() });
            } else if let Some(member) = line.strip_prefix('+') {
                let set = dict.synsets.last_mut().ok_or_else(|| syntax(lineno, "synonym before any &SET"))?;
                let words = phrase_words(member.trim());
                if !words.is_empty() {
                    set.phrases.push(words);
                }
            }
            continue;
        }
        if line.starts_with("---") {
            let inner = line.trim_matches('-').trim();
            let (name, code) = match inner.find('[') {
                Some(p) => (inner[..p].trim(), bracket_code(&inner[p..])),
                None => (inner, None),
            };
            dict.blocks.push(VerbBlock {
                name: name.to_string(),
                code,
                verbs: Vec::new(),
                patterns: Vec::new(),
            });
            continue;
        }
        let block =
            dict.blocks.last_mut().ok_or_else(|| syntax(lineno, "verb or pattern before any block"))?;
        if let Some(body) = line.strip_prefix('-') {
            let (body, code_part) = match body.rfind('[') {
                Some(p) => (&body[..p], &body[p..]),
                None => return Err(syntax(lineno, "pattern without [code]")),
            };
            block.patterns.push(Pattern {
                elements: pattern_elements(body),
                code: bracket_code(code_part),
                line: lineno,
            });
        } else if let Some(v) = parse_verb(line) {
            block.verbs.push(v);
        }
    }
    if dict.blocks.is_empty() {
        return Err(syntax(0, "no verb blocks found"));
    }
    Ok(dict)
}

fn strip_comment(s: &str) -> &str {
    s.split('#').next().unwrap_or("")
}

/// `KRONE_` → `["krone"]`, `IS_TO` → `["is", "to"]`.
fn phrase_words(s: &str) -> Vec<String> {
    s.split(['_', ' ']).filter(|w| !w.is_empty()).map(|w| w.trim_start_matches('+').to_lowercase()).collect()
}

/// The primary code of `[042:043]`, `[:173]`, `[190]`; `None` for `[---]` or junk.
fn bracket_code(s: &str) -> Option<String> {
    let inner = s.trim().trim_start_matches('[');
    let inner = inner.split(']').next().unwrap_or("").trim();
    let mut parts = inner.split(':');
    let first = parts.next().unwrap_or("").trim();
    let second = parts.next().unwrap_or("").trim();
    let pick = if first.is_empty() { second } else { first };
    if !pick.is_empty() && pick.len() <= 4 && pick.bytes().all(|b| b.is_ascii_digit()) {
        Some(pick.to_string())
    } else {
        None
    }
}

/// A verb line: `SAY {SAYS SAID SAYING}`, `MURDER [190]`, `+CALL_OFF [160]`.
fn parse_verb(line: &str) -> Option<VerbEntry> {
    let (before_brace, forms_part) = match (line.find('{'), line.find('}')) {
        (Some(a), Some(b)) if b > a => (format!("{} {}", &line[..a], &line[b + 1..]), &line[a + 1..b]),
        _ => (line.to_string(), ""),
    };
    let (main, code_part) = match before_brace.find('[') {
        Some(p) => (before_brace[..p].to_string(), Some(&before_brace[p..])),
        None => (before_brace.clone(), None),
    };
    let token = main.split_whitespace().next()?;
    let parts: Vec<&str> = token.split('_').filter(|p| !p.is_empty()).collect();
    if parts.is_empty() {
        return None;
    }
    let head = parts.iter().position(|p| p.starts_with('+')).unwrap_or(0);
    let words: Vec<String> = parts.iter().map(|p| p.trim_start_matches('+').to_lowercase()).collect();
    // `KILLED_AND`, `SHOT_AND`: coordination hacks of the TABARI era, not verbs.
    if words.iter().any(|w| w.is_empty() || w == "and" || w == "or") {
        return None;
    }
    let mut forms = Vec::new();
    for f in forms_part.split_whitespace() {
        let fparts: Vec<&str> = f.split('_').filter(|p| !p.is_empty()).collect();
        let fh = fparts.iter().position(|p| p.starts_with('+')).unwrap_or(0);
        if let Some(w) = fparts.get(fh) {
            let w = w.trim_start_matches('+').to_lowercase();
            if !w.is_empty() && !forms.contains(&w) {
                forms.push(w);
            }
        }
    }
    let code_text = code_part.unwrap_or("");
    let null_code = code_text.contains("---");
    Some(VerbEntry { words, head, code: bracket_code(code_text), null_code, forms })
}

/// Flattens a pattern body (`* (IN {AIR RAID}) $`) into elements.
fn pattern_elements(body: &str) -> Vec<PatternElement> {
    // `FIGHTER_&AIRCRAFT` joins a word and a synonym set: split at `_` too.
    let spaced: String = body.chars().map(|c| if "(){}_".contains(c) { ' ' } else { c }).collect();
    let mut out = Vec::new();
    for tok in spaced.split_whitespace() {
        match tok {
            "*" => out.push(PatternElement::Verb),
            "$" | "+" | "%" | "^" | "|" => {}
            t if t.starts_with('&') => out.push(PatternElement::Synset(t[1..].to_string())),
            t => out.push(PatternElement::Word(t.to_lowercase())),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
&WEAPON
+GUN
+CAR_BOMB
####### VERB PATTERNS #######
---  KILL   [190]  ---
+SHOOT_DOWN {+SHOOTS_DOWN +SHOOTING_DOWN +SHOT_DOWN } # comment
MURDER [190]
SLAY {SLAYS SLAIN SLAYING}
RECONVENE[---]
- * (IN GUNBATTLE)                                    [193:193]     # KILL
- &WEAPON *                                           [183]         # KILL
- * (BEFORE COURT)                                    [:173]        # APPEAR
- FIGHTER_&WEAPON *                                   [195]         # BOMB
- * (IN ACCIDENT)                                     [---]         # KILL
######## TRANSFORMATIONS ##########
~ a (a b ATTACK) SAY = a b 015
";

    #[test]
    fn parses_blocks_verbs_patterns() {
        let d = parse_verb_dictionary(SAMPLE).unwrap();
        assert_eq!(d.synsets.len(), 1);
        assert_eq!(d.synsets[0].phrases[1], vec!["car", "bomb"]);
        let b = &d.blocks[0];
        assert_eq!(b.name, "KILL");
        assert_eq!(b.code.as_deref(), Some("190"));
        assert_eq!(b.verbs.len(), 4);
        assert_eq!(b.verbs[0].words, vec!["shoot", "down"]);
        assert_eq!(b.verbs[0].forms, vec!["shoots", "shooting", "shot"]);
        assert_eq!(b.verbs[1].code.as_deref(), Some("190"));
        assert_eq!(b.verbs[2].forms, vec!["slays", "slain", "slaying"]);
        assert!(b.verbs[3].null_code);
        assert_eq!(b.patterns.len(), 5);
        assert_eq!(
            b.patterns[3].elements,
            vec![
                PatternElement::Word("fighter".into()),
                PatternElement::Synset("WEAPON".into()),
                PatternElement::Verb
            ]
        );
        assert_eq!(
            b.patterns[0].elements,
            vec![
                PatternElement::Verb,
                PatternElement::Word("in".into()),
                PatternElement::Word("gunbattle".into())
            ]
        );
        assert_eq!(b.patterns[0].code.as_deref(), Some("193"));
        assert_eq!(b.patterns[1].elements[0], PatternElement::Synset("WEAPON".into()));
        assert_eq!(b.patterns[2].code.as_deref(), Some("173"));
        assert_eq!(b.patterns[4].code, None);
    }

    #[test]
    fn rejects_orphan_lines() {
        assert!(parse_verb_dictionary("####### VERB PATTERNS #######\nKILL\n").is_err());
        assert!(parse_verb_dictionary("nothing here").is_err());
    }
}
