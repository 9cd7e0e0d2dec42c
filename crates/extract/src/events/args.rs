//! Actor and target of a trigger from word order within its clause: the subject before an
//! active verb, the object or a `to`/`against`/`on`/`with` phrase after it, the `by` phrase
//! of a passive, and for nominal triggers a name right before ("US airstrikes"), a
//! possessive ("their attack"), `by`/`from` after, or the subject of a light verb
//! ("carried out attacks").

use claimgraph_core::extraction::EventType;

use super::trigger::{Trigger, hostile, is_aux_or_adverb, is_determiner};
use crate::annotate::Annotation;
use crate::entities::EntityTable;
use crate::lexicon;

/// How far (in words) arguments are looked for.
const WINDOW: usize = 20;

/// Words that end the search for an argument.
pub fn is_boundary(lower: &str) -> bool {
    matches!(
        lower,
        ";" | "\u{2014}"
            | "\u{2013}"
            | "--"
            | "but"
            | "which"
            | "who"
            | "whom"
            | "while"
            | "because"
            | "although"
            | "though"
            | "whereas"
            | "\u{201c}"
            | "\u{201d}"
            | "\""
            | "("
            | ")"
            | ":"
            | "that"
            | "as"
            | "after"
            | "before"
            | "since"
            | "when"
            | "if"
            | "unless"
    )
}

/// Prepositions after which a name is not a direct object.
fn is_preposition(lower: &str) -> bool {
    matches!(
        lower,
        "in" | "at"
            | "on"
            | "of"
            | "to"
            | "for"
            | "from"
            | "with"
            | "by"
            | "against"
            | "into"
            | "near"
            | "across"
            | "throughout"
            | "over"
            | "under"
            | "about"
            | "around"
            | "between"
            | "among"
            | "toward"
            | "towards"
            | "despite"
            | "without"
            | "within"
            | "including"
    )
}

/// The preposition that governs a mention starting at word `m` (skipping articles and
/// modifiers back to the previous function word).
fn governing_prep<'a>(a: &'a Annotation<'_>, m: usize, floor: usize) -> Option<&'a str> {
    let mut i = m;
    while i > floor {
        let l = a.lower(i - 1);
        // "at hundreds of traders", "on a crowd of protesters": the quantity's preposition
        if l == "of" && i >= floor + 2 && is_quantity_noun(a.lower(i - 2)) {
            i -= 2;
            continue;
        }
        if is_preposition(l) {
            return Some(a.words[i - 1].lower.as_str());
        }
        if is_determiner(l)
            || l.chars().all(|c| c.is_ascii_digit())
            || (!is_boundary(l)
                && !a.words[i - 1].lower.ends_with("ed")
                && !l.chars().all(|c| !c.is_alphanumeric())
                && i + 3 > m)
        {
            i -= 1;
            continue;
        }
        return None;
    }
    None
}

/// Nouns that count or gather the people named after their "of" ("hundreds of traders").
fn is_quantity_noun(lower: &str) -> bool {
    matches!(
        lower,
        "hundreds"
            | "thousands"
            | "dozens"
            | "scores"
            | "tens"
            | "millions"
            | "crowd"
            | "crowds"
            | "group"
            | "groups"
            | "number"
            | "handful"
            | "convoy"
            | "column"
    ) || lower.chars().all(|c| c.is_ascii_digit())
}

/// True when the words between a nominal trigger and a name are "to" and one verb
/// (quotes allowed): "a strike to terminate X".
fn purpose_object(a: &Annotation<'_>, from: usize, m: usize) -> bool {
    let words: Vec<&str> =
        (from..m).map(|i| a.lower(i)).filter(|l| l.chars().any(char::is_alphanumeric)).collect();
    words.len() == 2 && words[0] == "to"
}

/// True when a word form looks like a verb (participle or past form).
fn is_verbish(lower: &str, lemma: &str) -> bool {
    let irregular_verb = lower != lemma
        && !lower.ends_with('s')
        && !lower.ends_with("er")
        && (!lexicon::triggers(lemma, lexicon::TriggerPos::Verb).is_empty()
            || lexicon::attribution_verb(lemma).is_some());
    lower.chars().all(char::is_alphabetic)
        && lower.len() > 2
        && (lower.ends_with("ed") || lower.ends_with("ing") || irregular_verb)
}

/// Actor and target (entity indices) of a trigger.
pub fn arguments(a: &Annotation<'_>, t: &EntityTable, tr: &Trigger) -> (Option<usize>, Option<usize>) {
    let sent = a.sentence_of(tr.head).words.clone();
    let ty = tr.sense.plover;
    if tr.nominal {
        return nominal_arguments(a, t, tr, sent);
    }
    let passive = is_passive(a, tr.head, sent.start);
    // After the verb.
    let (mut by, mut object, mut oblique, mut from) = (None, None, None, None);
    let end = (tr.words.end + WINDOW).min(sent.end);
    let mut stop = end;
    for w in tr.words.end..end {
        let l = a.lower(w);
        // A comma ends the verb phrase unless it sets off an identification ("a
        // government, identified to CNN as Iran, to ...").
        let comma_stop = l == "," && !t.skipped(w + 1) && !(w > 0 && t.skipped(w - 1));
        if (is_boundary(l) && !(l == "as" && t.skipped(w))) || comma_stop || new_clause(a, t, w) {
            stop = w;
            break;
        }
    }
    let ms: Vec<_> = t.mentions_in(tr.words.end..stop).collect();
    for (k, m) in ms.iter().enumerate() {
        if t.skipped(m.words.start) || m.as_place {
            continue;
        }
        // "Iranian General Qasem Soleimani": the name the modifiers lead to.
        if let Some(n) = ms.get(k + 1)
            && (m.words.end..n.words.start).all(|i| a.words[i].capitalized)
            && n.words.start <= m.words.end + 2
        {
            continue;
        }
        match governing_prep(a, m.words.start, tr.words.end) {
            Some("by") if by.is_none() => by = Some(m.entity),
            None if object.is_none() && oblique.is_none() && by.is_none() => object = Some(m.entity),
            // "supplied X to Y", "cut supplies to Y", "clashed with Y"; an attack "to" a
            // place is not its target.
            Some("to") if oblique.is_none() && ty != EventType::Assault => oblique = Some(m.entity),
            Some("with") if oblique.is_none() && (!hostile(ty) || ty == EventType::Assault) => {
                oblique = Some(m.entity)
            }
            Some("against" | "on" | "at") if oblique.is_none() && hostile(ty) => oblique = Some(m.entity),
            Some("from") if from.is_none() => from = Some(m.entity),
            _ => {}
        }
    }
    let controlled = controller_object(a, tr.words.start, sent.start);
    let mut subject = match &controlled {
        // "urged the authorities to release": the authorities would act, if anyone
        Some(obj) => t.mentions_in(obj.clone()).find(|m| !m.as_place).map(|m| m.entity),
        // "jihadists killed 14 villagers and burned dozens of homes": a verb joined to
        // another shares its subject, not the object just before it
        None => shared_subject(a, t, tr.head).or_else(|| subject_of(a, t, tr.words.start, sent.start)),
    };
    if subject.is_none() && controlled.is_none() {
        subject = conjunct_subject(a, t, tr.words.start, sent.start);
    }
    if subject.is_none() && controlled.is_none() {
        subject = parsed_subject(a, t, tr.head);
    }
    // "was ambushed on Monday, after days of clashes, by gunmen": an agent phrase after
    // commas that set off adverbials, before any other clause starts.
    if passive && by.is_none() {
        let far = (stop + 15).min(sent.end);
        for w in stop..far {
            let l = a.lower(w);
            if matches!(l, "and" | "but" | "which" | "who" | "that" | ";" | "\u{201c}" | "\"")
                || lexicon::attribution_verb(&a.words[w].lemma).is_some()
            {
                break;
            }
            if l == "by" {
                by = t
                    .mentions_in(w + 1..(w + 4).min(sent.end))
                    .find(|m| !m.as_place && (w + 1..m.words.start).all(|k| !a.words[k].capitalized))
                    .map(|m| m.entity);
                break;
            }
        }
    }
    // "was shelled on Tuesday, after weeks of fighting, by X": the parse's agent.
    if passive && by.is_none() {
        by = a.dependents(tr.head, "obl:agent").into_iter().find_map(|k| {
            t.mention_at(k)
                .or_else(|| t.mentions_in(k.saturating_sub(3)..k).find(|m| m.words.end == k))
                .filter(|m| !m.as_place)
                .map(|m| m.entity)
        });
    }
    // "soldiers died in a clash": the subject of a verb of dying is a victim, not a party
    // that acts (PETRARCH's dictionary codes "die in &FIGHT" as fighting by the subject);
    // an agent may follow ("died in an attack by X").
    let dying = tr.words.clone().any(|k| is_dying(&a.words[k].lemma));
    // "X received weapons from Y": Y gives, X receives (PETRARCH files these patterns under
    // the receiving verb, its subject first). Aid only: "accepted the ceasefire" agrees,
    // "received the envoy" hosts, and their subjects act.
    let receiving = !passive
        && ty == EventType::Aid
        && matches!(a.words[tr.head].lemma.as_str(), "receive" | "get" | "obtain" | "acquire" | "accept");
    if receiving {
        return (from, subject);
    }
    let (actor, target) =
        if passive || dying { (by, subject.or(oblique).or(object)) } else { (subject, object.or(oblique)) };
    // "Ukraine and Poland signed an agreement": the other conjunct is the other party; and
    // "delegations from Sudan's army and the RSF met": the two conjuncts right before the
    // verb are both parties.
    if matches!(ty, EventType::Agree | EventType::Consult | EventType::Cooperate) && target.is_none() {
        let ms: Vec<_> = t.mentions_in(sent.start..tr.words.start).filter(|m| !m.as_place).collect();
        for pair in ms.windows(2).rev() {
            let (x, y) = (pair[0], pair[1]);
            if x.entity == y.entity || !coordinated(a, x.words.end..y.words.start) {
                continue;
            }
            match actor {
                // symmetric: the parties in the text's order
                Some(s) if s == x.entity || s == y.entity => return (Some(x.entity), Some(y.entity)),
                None if (y.words.end..tr.words.start).len() <= 2
                    && (y.words.end..tr.words.start)
                        .all(|i| !a.words[i].capitalized && is_np_filler(a.lower(i))) =>
                {
                    return (Some(x.entity), Some(y.entity));
                }
                _ => {}
            }
        }
    }
    (actor, target)
}

/// True when words `r` between two names join them as conjuncts: "and", around it only
/// articles, possessives and the nouns they own ("Sudan['s army] and [the] RSF").
fn coordinated(a: &Annotation<'_>, r: std::ops::Range<usize>) -> bool {
    let ands = r.clone().filter(|&i| a.lower(i) == "and").count();
    ands == 1 && r.len() <= 5 && r.clone().all(|i| a.lower(i) == "and" || is_np_filler(a.lower(i)))
}

/// Words that may end or open a noun phrase around a name: articles, the possessive and
/// the nouns of a party's delegation ("'s army", "the", "delegations").
fn is_np_filler(lower: &str) -> bool {
    matches!(
        lower,
        "the"
            | "'s"
            | "\u{2019}s"
            | "army"
            | "military"
            | "government"
            | "delegation"
            | "delegations"
            | "forces"
            | "leaders"
            | "officials"
            | "representatives"
            | "negotiators"
            | "envoys"
    )
}

/// Verbs of dying: their subject is a victim, not a party that acts.
fn is_dying(lemma: &str) -> bool {
    matches!(lemma, "die" | "perish")
}

/// True when "and" at `w` opens a new clause: a name and a verb follow ("marched in Minsk
/// and police arrested ...").
fn new_clause(a: &Annotation<'_>, t: &EntityTable, w: usize) -> bool {
    if a.lower(w) != "and" {
        return false;
    }
    let mut k = w + 1;
    if matches!(a.lower(k), "the" | "a" | "an") {
        k += 1;
    }
    let Some(m) = t.mention_at(k).filter(|m| m.words.start == k) else { return false };
    let next = m.words.end;
    next < a.words.len()
        && (is_verbish(&a.words[next].lower, &a.words[next].lemma) || trigger_is_verb(a, next))
}

/// True when word `i` reads as a verb of the trigger lexicon after a name ("police arrested").
fn trigger_is_verb(a: &Annotation<'_>, i: usize) -> bool {
    !lexicon::triggers(&a.words[i].lemma, lexicon::TriggerPos::Verb).is_empty()
        && a.words[i].lower != a.words[i].lemma
}

/// "A engaged in X and were killed": the second verb shares the first one's subject, the
/// first name of the sentence that no preposition governs.
fn conjunct_subject(a: &Annotation<'_>, t: &EntityTable, v: usize, floor: usize) -> Option<usize> {
    let mut i = v;
    while i > floor && is_aux_or_adverb(a.lower(i - 1)) {
        i -= 1;
    }
    if i == floor || a.lower(i - 1) != "and" {
        return None;
    }
    t.mentions_in(floor..i)
        .find(|m| !m.as_place && governing_prep(a, m.words.start, floor).is_none())
        .map(|m| m.entity)
}

/// True when the verb at `v` is a passive participle ("were paid", "was killed"), also
/// in a toll whose auxiliary is left out ("27 were killed and 130 injured").
fn is_passive(a: &Annotation<'_>, v: usize, floor: usize) -> bool {
    let w = &a.words[v];
    if v > floor
        && w.lower != w.lemma
        && w.lower.ends_with("ed")
        && super::attrs::is_toll_verb(&w.lemma)
        && crate::quantity::parse_number(a.lower(v - 1)).is_some()
    {
        return true;
    }
    let mut i = v;
    while i > floor {
        let l = a.lower(i - 1);
        if matches!(l, "was" | "were" | "been" | "be" | "being" | "is" | "are" | "get" | "got") {
            let w = &a.words[v];
            return w.lower != w.lemma;
        }
        if !is_aux_or_adverb(l) {
            return false;
        }
        i -= 1;
    }
    false
}

/// The subject a verb at `v` shares with the verb it is joined to by "and" (`conj`, no
/// subject of its own, "and" right before it), when the parse gives that verb one.
fn shared_subject(a: &Annotation<'_>, t: &EntityTable, v: usize) -> Option<usize> {
    let heads = a.heads.as_ref()?;
    if a.deprel(v) != Some("conj") || !a.dependents(v, "nsubj").is_empty() {
        return None;
    }
    let mut i = v;
    while i > 0 && is_aux_or_adverb(a.lower(i - 1)) {
        i -= 1;
    }
    if i == 0 || a.lower(i - 1) != "and" {
        return None;
    }
    let h = heads[v]?;
    if a.words[h].pos != crate::annotate::Pos::Verb || h > v {
        return None;
    }
    a.dependents(h, "nsubj").into_iter().find_map(|k| {
        t.mention_at(k)
            .or_else(|| t.mentions_in(k.saturating_sub(3)..k + 1).find(|m| m.words.end == k + 1))
            .filter(|m| !m.as_place)
            .map(|m| m.entity)
    })
}

/// The words of the object of an object-control verb whose infinitive is the verb at `v`
/// ("urged the authorities to release", "ordered troops to withdraw", "allowed refugees to
/// return"): whoever is to act is that object, not the subject of the governing verb.
fn controller_object(a: &Annotation<'_>, v: usize, floor: usize) -> Option<std::ops::Range<usize>> {
    if v < floor + 3 || a.lower(v - 1) != "to" {
        return None;
    }
    let to = v - 1;
    for k in (to.saturating_sub(7).max(floor)..to.saturating_sub(1)).rev() {
        let l = a.lower(k);
        if is_boundary(l) || l == "," {
            return None;
        }
        if matches!(
            a.words[k].lemma.as_str(),
            "urge"
                | "ask"
                | "order"
                | "tell"
                | "force"
                | "compel"
                | "press"
                | "pressure"
                | "persuade"
                | "encourage"
                | "instruct"
                | "direct"
                | "invite"
                | "allow"
                | "permit"
                | "authorize"
                | "authorise"
        ) && a.words[k].pos != crate::annotate::Pos::Noun
        {
            let mut start = k + 1;
            if a.lower(start) == "on" {
                start += 1;
            }
            return (start < to).then_some(start..to);
        }
    }
    None
}

/// The subject of a verb starting at `v`: the nearest name before it in its clause that
/// no preposition governs; through a relative pronoun, the name before the pronoun.
pub fn subject_of(a: &Annotation<'_>, t: &EntityTable, v: usize, floor: usize) -> Option<usize> {
    // "Houthi fighters, who had crossed ..., attacked": the subject stands before the
    // relative clause set off by commas.
    if v > floor + 1 && a.lower(v - 1) == "," {
        let open = (floor..v - 1)
            .rev()
            .take(30)
            .find(|&i| a.lower(i) == "," && i + 1 < v && matches!(a.lower(i + 1), "who" | "which"));
        if let Some(open) = open {
            return subject_of(a, t, open, floor);
        }
    }
    let lo = v.saturating_sub(WINDOW).max(floor);
    let mut start = lo;
    for w in (lo..v).rev() {
        let l = a.lower(w);
        if is_boundary(l)
            || lexicon::attribution_verb(&a.words[w].lemma).is_some() && w + 1 < v && a.lower(w + 1) == "that"
        {
            let own = t.mentions_in(w + 1..v).any(|m| !m.as_place);
            if matches!(l, "who" | "which" | "that") && !own {
                // Relative clause: the antecedent just before the pronoun.
                let before = w.saturating_sub(4).max(floor);
                return t.mentions_in(before..w).filter(|m| !m.as_place).last().map(|m| m.entity);
            }
            start = w + 1;
            break;
        }
    }
    let cands: Vec<_> =
        t.mentions_in(start..v).filter(|m| !m.as_place && !t.skipped(m.words.start)).collect();
    cands
        .iter()
        .rev()
        .find(|m| governing_prep(a, m.words.start, start).is_none())
        .or(cands.last())
        .map(|m| m.entity)
}

/// The subject the parse gives a verb: its own `nsubj`, else, for a controlled verb
/// ("rebels vowed to attack the town", `xcomp`), the subject of the verb governing it.
fn parsed_subject(a: &Annotation<'_>, t: &EntityTable, v: usize) -> Option<usize> {
    // The mention of the head noun, or a name right before it ("Houthi fighters").
    let mention = |k: usize| {
        t.mention_at(k)
            .or_else(|| t.mentions_in(k.saturating_sub(3)..k).find(|m| m.words.end == k))
            .filter(|m| !m.as_place)
            .map(|m| m.entity)
    };
    if let Some(e) = a.dependents(v, "nsubj").into_iter().find_map(mention) {
        return Some(e);
    }
    if a.deprel(v) == Some("xcomp") {
        let h = a.heads.as_ref()?.get(v).copied()??;
        return a.dependents(h, "nsubj").into_iter().find_map(mention);
    }
    None
}

/// Arguments of a nominal trigger.
fn nominal_arguments(
    a: &Annotation<'_>,
    t: &EntityTable,
    tr: &Trigger,
    sent: std::ops::Range<usize>,
) -> (Option<usize>, Option<usize>) {
    let ty = tr.sense.plover;
    let mut actor = None;
    // A name or possessive right before the noun phrase ("US airstrikes", "their attack").
    let mut i = tr.words.start;
    while i > sent.start && i + 5 > tr.words.start {
        if let Some(m) = t.mention_at(i - 1) {
            if !m.as_place && !t.entities[m.entity].is_place {
                actor = Some(m.entity);
            }
            break;
        }
        let w = &a.words[i - 1];
        let l = w.lower.as_str();
        let modifier = l.chars().all(char::is_alphabetic)
            && !is_preposition(l)
            && !is_boundary(l)
            && !is_verbish(&w.lower, &w.lemma)
            && !matches!(l, "a" | "an" | "the" | "any" | "some" | "no");
        if !(modifier
            || matches!(l, "and" | "\u{201c}" | "\u{201d}" | "-")
            || l.chars().all(|c| c.is_ascii_digit()))
        {
            break;
        }
        i -= 1;
    }
    while i < tr.words.start && !a.words[i].lower.chars().any(char::is_alphanumeric) {
        i += 1;
    }
    // Skip the determiner and quantifier of the phrase.
    let mut j0 = i;
    while j0 > sent.start && j0 + 4 > i {
        let l = a.lower(j0 - 1);
        if is_determiner(l)
            || matches!(l, "a" | "an" | "the" | "least" | "at" | "most")
            || l.chars().all(|c| c.is_ascii_digit())
            || crate::quantity::parse_number(l).is_some()
        {
            j0 -= 1;
        } else {
            break;
        }
    }
    let i = j0;
    // After the noun: by/from → actor, against/on/with/to → target.
    let mut target = None;
    let end = (tr.words.end + 6).min(sent.end);
    let mut stop = end;
    for w in tr.words.end..end {
        let l = a.lower(w);
        // A verb or a conjunction starts another predicate ("promise of removing troops
        // from X", "the explosion and were killed by Y").
        let after_to = (tr.words.end..w)
            .rev()
            .find(|&k| a.lower(k).chars().any(char::is_alphanumeric))
            .is_some_and(|k| a.lower(k) == "to");
        let verb =
            w > tr.words.end && is_verbish(l, &a.words[w].lemma) && t.mention_at(w).is_none() && !after_to;
        if (is_boundary(l) && !matches!(l, "\u{201c}" | "\u{201d}" | "\"")) || l == "," || l == "and" || verb
        {
            stop = w;
            break;
        }
    }
    for m in t.mentions_in(tr.words.end..stop) {
        if t.skipped(m.words.start) || m.as_place || t.entities[m.entity].is_place {
            continue;
        }
        if target.is_none() && purpose_object(a, tr.words.end, m.words.start) {
            target = Some(m.entity);
            continue;
        }
        match governing_prep(a, m.words.start, tr.words.end) {
            Some("by" | "from") if actor.is_none() => actor = Some(m.entity),
            Some("against" | "on") if target.is_none() && hostile(ty) => target = Some(m.entity),
            Some("with") if target.is_none() => target = Some(m.entity),
            Some("to") if target.is_none() && !hostile(ty) => target = Some(m.entity),
            Some("of") if target.is_none() && !hostile(ty) => target = Some(m.entity),
            _ => {}
        }
    }
    // Object of a light verb: its subject acts ("carry out attacks", "launched a strike"),
    // or receives ("was getting assistance").
    let mut j = i;
    while (actor.is_none() || target.is_none()) && j > sent.start && j + 3 > i {
        let w = &a.words[j - 1];
        if matches!(w.lower.as_str(), "\u{201c}" | "\u{201d}" | "\"") {
            j -= 1;
            continue;
        }
        match w.lemma.as_str() {
            "out" | "in" => {}
            "carry" | "launch" | "conduct" | "stage" | "mount" | "commit" | "perpetrate" | "order"
            | "plot" | "plan" | "make" | "sign" | "reach" | "provide" | "give" | "offer" | "pay"
            | "engage" | "threaten" | "vow" => {
                // "for conducting attacks": a gerund after a preposition has no subject here.
                let gerund = w.lower.ends_with("ing") && j >= 2 && is_preposition(a.lower(j - 2));
                if actor.is_none() && !gerund {
                    actor = subject_of(a, t, j - 1, sent.start);
                }
                break;
            }
            "receive" | "get" | "accept" | "obtain" | "seek" | "request" | "need" => {
                if target.is_none() {
                    target = subject_of(a, t, j - 1, sent.start);
                }
                break;
            }
            _ => break,
        }
        j -= 1;
    }
    // A light-verb pattern ("carry out attacks") holds its verb: the verb's subject acts;
    // that of a verb of dying ("died in an attack") is the victim.
    if tr.head > tr.words.start
        && !lexicon::triggers(&a.words[tr.words.start].lemma, lexicon::TriggerPos::Verb).is_empty()
    {
        if is_dying(&a.words[tr.words.start].lemma) {
            if target.is_none() {
                target = subject_of(a, t, tr.words.start, sent.start);
            }
        } else if actor.is_none() {
            actor = subject_of(a, t, tr.words.start, sent.start);
        }
    }
    let target = target.filter(|&x| Some(x) != actor);
    // Parties of symmetric events are interchangeable: a lone party acts.
    if actor.is_none() && matches!(ty, EventType::Consult | EventType::Agree | EventType::Cooperate) {
        return (target, None);
    }
    (actor, target)
}
