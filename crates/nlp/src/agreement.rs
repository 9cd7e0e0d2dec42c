//! Morphological features that depend on the tree, set after parsing.
//!
//! The tagger gives each word the most frequent FEATS of its form and tag
//! ([`crate::morph`]), which cannot know the features UD English takes from the clause:
//!
//! * **Person and Number of a finite indicative verb or auxiliary** follow its subject:
//!   `we 're` is `Number=Plur|Person=1`, `you 're` `Number=Sing|Person=2` (EWT's convention
//!   for *you*), `the troops have` `Number=Plur|Person=3`. The subject is the `nsubj` of the
//!   verb, or of the verb an auxiliary or copula belongs to, or, for a verb without one in a
//!   coordination (`they came and went`), of the first conjunct. A personal pronoun gives its
//!   own person and number, a noun its number (third person), subjects joined by *and* the
//!   plural, and a relative pronoun (`people who are`) those of the noun its clause modifies.
//! * **Imperative or infinitive** for a verb in its base form (`VB`): imperative
//!   (`Mood=Imp|VerbForm=Fin`) when it heads a main clause (root, `parataxis`, or a conjunct
//!   of an imperative) with no subject, auxiliary or marker (`Go home`, `please call`), else
//!   infinitive (`VerbForm=Inf`: `will go`, `to go`, `let him go`).
//! * **Case** of `it` and `you`, which do not show it: nominative as a subject, accusative
//!   as an object or oblique.
//! * **Gerund or participle** for an `-ing` verb (`VBG`), by its relation as EWT's trees
//!   decide it: with an auxiliary or as an adverbial, main or relative clause a participle
//!   (`Tense=Pres|VerbForm=Part`), as a modifier, complement or subject a gerund
//!   (`VerbForm=Ger`).
//! * **Relative or interrogative** for a wh-word: relative in a relative clause, else
//!   interrogative, as EWT marks them.
//! * **Voice** of a past participle: passive with a passive auxiliary or subject or as a
//!   noun's modifier (`the stolen car`), active with a perfect auxiliary or at the head of a
//!   main clause.
//!
//! Measured on EWT dev with our own tags and trees: UFeats 91.93 → 94.37 (see
//! `models/cards/tagger.md`). Every pass is linear in the sentence's length.

use std::borrow::Cow;

/// Subject relations.
const SUBJECTS: [&str; 3] = ["nsubj", "nsubj:pass", "nsubj:outer"];

/// Relations of a child that show a base-form verb is not an imperative.
const NOT_IMPERATIVE: [&str; 6] = ["nsubj", "nsubj:pass", "expl", "aux", "aux:pass", "mark"];

/// Relations of a child that make a participle passive.
const PASSIVE: [&str; 2] = ["aux:pass", "nsubj:pass"];

/// Wh-words that are relative or interrogative by their clause (`that` is always relative).
const WH_WORDS: [&str; 7] = ["who", "whom", "what", "where", "when", "how", "why"];

/// How far agreement follows conjuncts and relative clauses.
const MAX_HOPS: usize = 3;

/// Person and number of the personal pronouns, by lowercase form.
const PRONOUNS: [(&str, &str, &str); 11] = [
    ("i", "1", "Sing"),
    ("we", "1", "Plur"),
    ("you", "2", "Sing"),
    ("u", "2", "Sing"),
    ("ya", "2", "Sing"),
    ("ye", "2", "Sing"),
    ("he", "3", "Sing"),
    ("she", "3", "Sing"),
    ("it", "3", "Sing"),
    ("they", "3", "Plur"),
    ("thou", "2", "Sing"),
];

/// One analysed word as this pass reads it.
#[derive(Debug, Clone, Copy)]
pub struct Word<'a> {
    /// Word form.
    pub form: &'a str,
    /// UPOS.
    pub upos: &'a str,
    /// PTB tag.
    pub xpos: &'a str,
    /// FEATS from the tagger (`_` when none).
    pub feats: &'a str,
    /// 0 for the root, else the 1-based index of the head word.
    pub head: usize,
    /// Dependency relation.
    pub deprel: &'a str,
}

/// The value of feature `name` in `feats` (`Number=Sing|Person=3`).
pub fn feature<'a>(feats: &'a str, name: &str) -> Option<&'a str> {
    feats.split('|').find_map(|kv| kv.split_once('=').filter(|(k, _)| *k == name).map(|(_, v)| v))
}

/// `feats` with `set` features set (a `None` value removes it), in UD's order (sorted by
/// name, case-insensitively); `_` when none is left.
fn with_features(feats: &str, set: &[(&str, Option<&str>)]) -> String {
    let mut kept: Vec<(&str, &str)> = feats
        .split('|')
        .filter_map(|kv| kv.split_once('='))
        .filter(|(k, _)| !set.iter().any(|(s, _)| s == k))
        .collect();
    kept.extend(set.iter().filter_map(|(k, v)| v.map(|v| (*k, v))));
    kept.sort_by_key(|(k, _)| k.to_ascii_lowercase());
    if kept.is_empty() {
        return "_".to_string();
    }
    let mut out = String::with_capacity(feats.len() + 16);
    for (i, (k, v)) in kept.iter().enumerate() {
        if i > 0 {
            out.push('|');
        }
        out.push_str(k);
        out.push('=');
        out.push_str(v);
    }
    out
}

/// What the tree says about each word's children, gathered in one pass.
struct Children {
    /// The first subject child of each word.
    subject: Vec<Option<usize>>,
    /// Whether a word has a child that rules out the imperative.
    blocked: Vec<bool>,
    /// Whether a word is joined to a conjunct by *and* (`Kim and Lee`).
    coordinated: Vec<bool>,
    /// Whether a word has a passive auxiliary or subject.
    passive: Vec<bool>,
    /// Whether a word has an auxiliary (`has taken`).
    auxiliary: Vec<bool>,
}

impl Children {
    fn of(words: &[Word<'_>]) -> Children {
        let n = words.len();
        let mut subject = vec![None; n];
        let mut blocked = vec![false; n];
        let mut has_and = vec![false; n];
        let mut passive = vec![false; n];
        let mut auxiliary = vec![false; n];
        for (k, w) in words.iter().enumerate() {
            let Some(h) = w.head.checked_sub(1).filter(|&h| h < n) else { continue };
            passive[h] |= PASSIVE.contains(&w.deprel);
            auxiliary[h] |= w.deprel == "aux";
            if SUBJECTS.contains(&w.deprel) && subject[h].is_none() {
                subject[h] = Some(k);
            }
            if NOT_IMPERATIVE.contains(&w.deprel) {
                blocked[h] = true;
            }
            if w.deprel == "cc" && w.form.eq_ignore_ascii_case("and") {
                has_and[h] = true;
            }
        }
        let mut coordinated = vec![false; n];
        for (k, w) in words.iter().enumerate() {
            if w.deprel == "conj"
                && has_and[k]
                && let Some(h) = w.head.checked_sub(1).filter(|&h| h < n)
            {
                coordinated[h] = true;
            }
        }
        Children { subject, blocked, coordinated, passive, auxiliary }
    }
}

/// The head of word `i`, if it has one in the sentence.
fn head(words: &[Word<'_>], i: usize) -> Option<usize> {
    words[i].head.checked_sub(1).filter(|&h| h < words.len())
}

/// Person and number of the subject word `s`.
fn person_number(
    words: &[Word<'_>],
    c: &Children,
    s: usize,
    hops: usize,
) -> Option<(&'static str, &'static str)> {
    let w = &words[s];
    if c.coordinated[s] {
        return Some(("3", "Plur"));
    }
    match w.upos {
        "PRON" => {
            if let Some(&(_, p, n)) = PRONOUNS.iter().find(|(f, _, _)| w.form.eq_ignore_ascii_case(f)) {
                return Some((p, n));
            }
            if feature(w.feats, "PronType") == Some("Rel") {
                // who/which/that: the noun the relative clause modifies
                let clause = head(words, s)?;
                if words[clause].deprel != "acl:relcl" || hops >= MAX_HOPS {
                    return None;
                }
                return person_number(words, c, head(words, clause)?, hops + 1);
            }
            if feature(w.feats, "PronType") == Some("Prs") {
                return None;
            }
            third_person(feature(w.feats, "Number")?)
        }
        "NOUN" | "PROPN" => third_person(feature(w.feats, "Number")?),
        _ => None,
    }
}

fn third_person(number: &str) -> Option<(&'static str, &'static str)> {
    match number {
        "Sing" => Some(("3", "Sing")),
        "Plur" | "Ptan" => Some(("3", "Plur")),
        _ => None,
    }
}

/// Person and number of the subject of the finite verb or auxiliary `i`.
fn agreement(words: &[Word<'_>], c: &Children, i: usize) -> Option<(&'static str, &'static str)> {
    let mut verb = if matches!(words[i].deprel, "aux" | "aux:pass" | "cop") { head(words, i)? } else { i };
    for _ in 0..MAX_HOPS {
        if let Some(s) = c.subject[verb] {
            return person_number(words, c, s, 0);
        }
        // a later conjunct shares the first one's subject
        if words[verb].deprel != "conj" {
            return None;
        }
        verb = head(words, verb)?;
    }
    None
}

/// Whether the base-form verb `i` is an imperative.
fn imperative(words: &[Word<'_>], c: &Children, i: usize) -> bool {
    let mut verb = i;
    for _ in 0..MAX_HOPS {
        if c.blocked[verb] {
            return false;
        }
        match words[verb].deprel {
            "root" | "parataxis" => return true,
            "conj" => match head(words, verb) {
                Some(h) if words[h].xpos == "VB" && words[h].upos == "VERB" => verb = h,
                _ => return false,
            },
            _ => return false,
        }
    }
    false
}

/// Whether the `-ing` verb `i` is a gerund (`VerbForm=Ger`: `a sleeping bag`, `stop
/// talking`, `Smoking kills`) rather than a present participle (`Tense=Pres|VerbForm=Part`:
/// `is talking`, `left, saying ...`). EWT's gold trees of train decide this by the relation
/// alone: with an auxiliary, as an adverbial clause, a main clause or a relative clause, a
/// participle; as a noun's modifier, a complement or a subject, a gerund; a conjunct as its
/// first conjunct.
fn gerund(words: &[Word<'_>], c: &Children, i: usize) -> Option<bool> {
    let mut verb = i;
    for _ in 0..MAX_HOPS {
        if c.auxiliary[verb] || c.passive[verb] {
            return Some(false);
        }
        match words[verb].deprel {
            "acl" | "xcomp" | "amod" | "csubj" | "csubj:pass" | "ccomp" | "obj" | "nsubj" | "nsubj:pass"
            | "obl" | "nmod" | "compound" => return Some(true),
            "advcl" | "root" | "case" | "parataxis" | "acl:relcl" | "mark" => return Some(false),
            "conj" => verb = head(words, verb)?,
            _ => return None,
        }
        if words[verb].xpos != "VBG" {
            return None;
        }
    }
    None
}

/// Whether the wh-word `i` is relative (`PronType=Rel`: `people who left`) rather than
/// interrogative (`PronType=Int`): EWT calls it relative only in a relative clause
/// (`acl:relcl`, `advcl:relcl`), and interrogative elsewhere, in questions and embedded
/// questions alike (`when he left`, `I know who did it`).
fn relative(words: &[Word<'_>], i: usize) -> bool {
    head(words, i).is_some_and(|h| matches!(words[h].deprel, "acl:relcl" | "advcl:relcl"))
}

/// Case of a personal pronoun whose form does not tell (`it`, `you`), from its relation:
/// nominative as a subject, accusative as an object or oblique.
fn case(w: &Word<'_>) -> Option<&'static str> {
    if !["it", "you", "u", "ya"].iter().any(|f| w.form.eq_ignore_ascii_case(f)) {
        return None;
    }
    match w.deprel {
        "nsubj" | "nsubj:pass" | "nsubj:outer" | "expl" => Some("Nom"),
        "obj" | "iobj" | "nmod" => Some("Acc"),
        r if r.starts_with("obl") => Some("Acc"),
        _ => None,
    }
}

/// Voice of a past participle: passive with a passive auxiliary or subject, or as a
/// modifier of a noun (`the stolen car`); active (none) with a perfect auxiliary or as the
/// head of a main or coordinated clause; else the tagger's.
fn voice(words: &[Word<'_>], c: &Children, i: usize) -> Option<Option<&'static str>> {
    if c.passive[i] {
        return Some(Some("Pass"));
    }
    if c.auxiliary[i] {
        return Some(None);
    }
    match words[i].deprel {
        "amod" | "acl" => Some(Some("Pass")),
        "root" | "conj" | "parataxis" | "ccomp" => Some(None),
        _ => None,
    }
}

/// The FEATS of every word of a parsed sentence, with the tree-dependent features set;
/// borrowed from the tagger's where nothing changes.
pub fn apply<'a>(words: &[Word<'a>]) -> Vec<Cow<'a, str>> {
    let c = Children::of(words);
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if w.upos == "VERB" && w.xpos == "VB" {
                let set: [(&str, Option<&str>); 5] = if imperative(words, &c, i) {
                    [
                        ("Mood", Some("Imp")),
                        ("VerbForm", Some("Fin")),
                        ("Person", None),
                        ("Number", None),
                        ("Tense", None),
                    ]
                } else {
                    [
                        ("Mood", None),
                        ("VerbForm", Some("Inf")),
                        ("Person", None),
                        ("Number", None),
                        ("Tense", None),
                    ]
                };
                return Cow::Owned(with_features(w.feats, &set));
            }
            if w.upos == "VERB" && w.xpos == "VBG" {
                let set: [(&str, Option<&str>); 2] = match gerund(words, &c, i) {
                    Some(true) => [("Tense", None), ("VerbForm", Some("Ger"))],
                    Some(false) => [("Tense", Some("Pres")), ("VerbForm", Some("Part"))],
                    None => return Cow::Borrowed(w.feats),
                };
                return Cow::Owned(with_features(w.feats, &set));
            }
            if w.upos == "VERB" && w.xpos == "VBN" {
                return match voice(words, &c, i) {
                    Some(v) if feature(w.feats, "Voice") != v => {
                        Cow::Owned(with_features(w.feats, &[("Voice", v)]))
                    }
                    _ => Cow::Borrowed(w.feats),
                };
            }
            if matches!(w.xpos, "WP" | "WRB")
                && matches!(feature(w.feats, "PronType"), Some("Int" | "Rel"))
                && WH_WORDS.iter().any(|f| w.form.eq_ignore_ascii_case(f))
            {
                let t = if relative(words, i) { "Rel" } else { "Int" };
                return if feature(w.feats, "PronType") == Some(t) {
                    Cow::Borrowed(w.feats)
                } else {
                    Cow::Owned(with_features(w.feats, &[("PronType", Some(t))]))
                };
            }
            if w.upos == "PRON" && feature(w.feats, "Case").is_some() {
                return match case(w) {
                    Some(k) if feature(w.feats, "Case") != Some(k) => {
                        Cow::Owned(with_features(w.feats, &[("Case", Some(k))]))
                    }
                    _ => Cow::Borrowed(w.feats),
                };
            }
            // EWT marks `I was` as often third person (112 times in train) as first (63): the
            // tagger's table (third) is the better guess there.
            let finite = !w.form.eq_ignore_ascii_case("was")
                && feature(w.feats, "VerbForm") == Some("Fin")
                && feature(w.feats, "Mood") == Some("Ind")
                && feature(w.feats, "Person").is_some();
            match finite.then(|| agreement(words, &c, i)).flatten() {
                Some((p, n))
                    if feature(w.feats, "Person") != Some(p) || feature(w.feats, "Number") != Some(n) =>
                {
                    Cow::Owned(with_features(w.feats, &[("Number", Some(n)), ("Person", Some(p))]))
                }
                _ => Cow::Borrowed(w.feats),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (form, upos, xpos, feats, head, deprel)
    type Row = (&'static str, &'static str, &'static str, &'static str, usize, &'static str);

    fn run(rows: &[Row]) -> Vec<String> {
        let words: Vec<Word<'_>> = rows
            .iter()
            .map(|&(form, upos, xpos, feats, head, deprel)| Word { form, upos, xpos, feats, head, deprel })
            .collect();
        apply(&words).into_iter().map(Cow::into_owned).collect()
    }

    const ARE_3PL: &str = "Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin";

    #[test]
    fn a_pronoun_subject_sets_person_and_number() {
        let f = run(&[
            ("We", "PRON", "PRP", "Case=Nom|Number=Plur|Person=1|PronType=Prs", 3, "nsubj"),
            ("'re", "AUX", "VBP", "Mood=Ind|Number=Sing|Person=2|Tense=Pres|VerbForm=Fin", 3, "cop"),
            ("done", "ADJ", "JJ", "Degree=Pos", 0, "root"),
        ]);
        assert_eq!(f[1], "Mood=Ind|Number=Plur|Person=1|Tense=Pres|VerbForm=Fin");
        assert_eq!(f[0], "Case=Nom|Number=Plur|Person=1|PronType=Prs", "other words keep theirs");
    }

    #[test]
    fn nouns_coordination_relative_clauses_and_conjuncts() {
        // "troops who have (it) are ready": the tagger's `have` and `is` corrected
        let f = run(&[
            ("troops", "NOUN", "NNS", "Number=Plur", 5, "nsubj"),
            ("who", "PRON", "WP", "PronType=Rel", 3, "nsubj"),
            ("have", "VERB", "VBP", "Mood=Ind|Number=Sing|Person=1|Tense=Pres|VerbForm=Fin", 1, "acl:relcl"),
            ("is", "AUX", "VBZ", "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin", 5, "cop"),
            ("ready", "ADJ", "JJ", "Degree=Pos", 0, "root"),
        ]);
        assert_eq!(f[2], ARE_3PL, "who → troops");
        assert_eq!(f[3], ARE_3PL, "copula agrees with its clause's subject");
        let f = run(&[
            ("Kim", "PROPN", "NNP", "Number=Sing", 4, "nsubj"),
            ("and", "CCONJ", "CC", "_", 3, "cc"),
            ("Lee", "PROPN", "NNP", "Number=Sing", 1, "conj"),
            ("are", "AUX", "VBP", "Mood=Ind|Number=Sing|Person=2|Tense=Pres|VerbForm=Fin", 0, "root"),
        ]);
        assert_eq!(f[3], ARE_3PL, "Kim and Lee");
        let f = run(&[
            ("I", "PRON", "PRP", "Case=Nom|Number=Sing|Person=1|PronType=Prs", 2, "nsubj"),
            ("came", "VERB", "VBD", "Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin", 0, "root"),
            ("and", "CCONJ", "CC", "_", 4, "cc"),
            ("saw", "VERB", "VBD", "Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin", 2, "conj"),
        ]);
        assert_eq!(f[1], "Mood=Ind|Number=Sing|Person=1|Tense=Past|VerbForm=Fin");
        assert_eq!(f[3], f[1], "the second conjunct shares the subject");
    }

    #[test]
    fn unknown_subjects_leave_the_tagger_s_features() {
        let f = run(&[
            ("This", "PRON", "DT", "Number=Sing|PronType=Dem", 2, "nsubj"),
            ("is", "AUX", "VBZ", "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin", 0, "root"),
            ("Some", "DET", "DT", "_", 4, "det"),
            ("have", "VERB", "VBP", "Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin", 2, "parataxis"),
        ]);
        assert_eq!(f[1], "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin");
        assert_eq!(f[3], ARE_3PL, "no subject: unchanged");
    }

    #[test]
    fn base_forms_are_imperative_only_in_main_clauses_without_subject_or_auxiliary() {
        let f = run(&[
            ("Go", "VERB", "VB", "VerbForm=Inf", 0, "root"),
            ("and", "CCONJ", "CC", "_", 3, "cc"),
            ("call", "VERB", "VB", "VerbForm=Inf", 1, "conj"),
            ("to", "PART", "TO", "_", 5, "mark"),
            ("ask", "VERB", "VB", "Mood=Imp|VerbForm=Fin", 3, "advcl"),
        ]);
        assert_eq!(f[0], "Mood=Imp|VerbForm=Fin");
        assert_eq!(f[2], "Mood=Imp|VerbForm=Fin");
        assert_eq!(f[4], "VerbForm=Inf");
        let f = run(&[
            ("You", "PRON", "PRP", "Case=Nom|Person=2|PronType=Prs", 3, "nsubj"),
            ("should", "AUX", "MD", "VerbForm=Fin", 3, "aux"),
            ("go", "VERB", "VB", "Mood=Imp|VerbForm=Fin", 0, "root"),
        ]);
        assert_eq!(f[2], "VerbForm=Inf");
    }

    #[test]
    fn pronoun_case_and_participle_voice_follow_the_relation() {
        let f = run(&[
            ("They", "PRON", "PRP", "Case=Nom|Number=Plur|Person=3|PronType=Prs", 2, "nsubj"),
            ("saw", "VERB", "VBD", "Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin", 0, "root"),
            ("it", "PRON", "PRP", "Case=Nom|Gender=Neut|Number=Sing|Person=3|PronType=Prs", 2, "obj"),
            ("with", "ADP", "IN", "_", 5, "case"),
            ("you", "PRON", "PRP", "Case=Nom|Person=2|PronType=Prs", 2, "obl"),
        ]);
        assert_eq!(f[2], "Case=Acc|Gender=Neut|Number=Sing|Person=3|PronType=Prs");
        assert_eq!(f[4], "Case=Acc|Person=2|PronType=Prs");
        assert_eq!(f[0], "Case=Nom|Number=Plur|Person=3|PronType=Prs", "they tells its case itself");
        let part = "Tense=Past|VerbForm=Part";
        let pass = "Tense=Past|VerbForm=Part|Voice=Pass";
        let f = run(&[
            ("cars", "NOUN", "NNS", "Number=Plur", 0, "root"),
            ("stolen", "VERB", "VBN", part, 1, "acl"),
            ("were", "AUX", "VBD", "Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin", 4, "aux:pass"),
            ("found", "VERB", "VBN", part, 1, "acl:relcl"),
            ("has", "AUX", "VBZ", "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin", 6, "aux"),
            ("left", "VERB", "VBN", pass, 1, "conj"),
        ]);
        assert_eq!((f[1].as_str(), f[3].as_str(), f[5].as_str()), (pass, pass, part));
    }

    #[test]
    fn ing_forms_are_gerunds_or_participles_by_their_relation() {
        let part = "Tense=Pres|VerbForm=Part";
        let f = run(&[
            ("They", "PRON", "PRP", "Case=Nom|Number=Plur|Person=3|PronType=Prs", 3, "nsubj"),
            ("are", "AUX", "VBP", "Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin", 3, "aux"),
            ("talking", "VERB", "VBG", "VerbForm=Ger", 0, "root"),
            ("and", "CCONJ", "CC", "_", 5, "cc"),
            ("laughing", "VERB", "VBG", "VerbForm=Ger", 3, "conj"),
            ("without", "SCONJ", "IN", "_", 7, "mark"),
            ("stopping", "VERB", "VBG", part, 3, "advcl"),
            ("sleeping", "VERB", "VBG", part, 9, "amod"),
            ("bags", "NOUN", "NNS", "Number=Plur", 7, "obj"),
        ]);
        assert_eq!((f[2].as_str(), f[4].as_str(), f[6].as_str()), (part, part, part));
        assert_eq!(f[7], "VerbForm=Ger");
    }

    #[test]
    fn wh_words_are_relative_only_in_relative_clauses() {
        let f = run(&[
            ("people", "NOUN", "NNS", "Number=Plur", 0, "root"),
            ("who", "PRON", "WP", "PronType=Int", 3, "nsubj"),
            ("left", "VERB", "VBD", "Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin", 1, "acl:relcl"),
            ("know", "VERB", "VBP", "Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin", 1, "parataxis"),
            ("who", "PRON", "WP", "PronType=Rel", 6, "nsubj"),
            ("won", "VERB", "VBD", "Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin", 4, "ccomp"),
        ]);
        assert_eq!((f[1].as_str(), f[4].as_str()), ("PronType=Rel", "PronType=Int"));
    }

    #[test]
    fn features_are_written_in_ud_order() {
        assert_eq!(
            with_features("_", &[("Person", Some("1")), ("Number", Some("Plur"))]),
            "Number=Plur|Person=1"
        );
        assert_eq!(with_features("Mood=Imp|VerbForm=Fin", &[("Mood", None), ("VerbForm", None)]), "_");
        assert_eq!(feature("Case=Nom|Person=2", "Person"), Some("2"));
        assert_eq!(feature("_", "Person"), None);
    }

    #[test]
    fn heads_out_of_range_and_cycles_do_not_panic() {
        let f = run(&[
            ("they", "PRON", "PRP", "Case=Nom|Number=Plur|Person=3|PronType=Prs", 9, "nsubj"),
            ("are", "AUX", "VBP", "Mood=Ind|Number=Sing|Person=2|Tense=Pres|VerbForm=Fin", 3, "conj"),
            ("be", "VERB", "VB", "VerbForm=Inf", 2, "conj"),
        ]);
        assert_eq!(f.len(), 3);
    }
}
