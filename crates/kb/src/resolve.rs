//! Resolution of a mention in context to one entry: candidate filtering by NER label and
//! role, context scores (document countries, nearby places, date), "X, Y" qualifiers, title
//! stripping, and agent composition ("a Taliban spokesman", "Iranian general").

use claimgraph_core::extraction::{EntityKind, EntityType};

use crate::kb::{Candidate, Kb};
use crate::model::{AliasKind, Entry};
use crate::normalize::{is_acronym, key};

/// How the extraction stage uses the mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MentionRole {
    /// Unknown: place readings win over metonyms.
    #[default]
    Any,
    /// The mention acts, speaks or is acted upon ("Tehran said"): actors only.
    Actor,
    /// The mention is where something happened ("in Tehran"): places and states only.
    Place,
}

/// What is known around a mention.
#[derive(Debug, Clone, Copy, Default)]
pub struct ResolveContext<'a> {
    /// NER label of the mention, if any.
    pub ner_label: Option<EntityType>,
    /// Role of the mention.
    pub role: MentionRole,
    /// ISO alpha-3 countries of the document, dominant first ([`Kb::doc_countries`]).
    pub doc_countries: &'a [String],
    /// `kb_id`s of places already resolved near the mention.
    pub nearby: &'a [String],
    /// Date of the report (`YYYY-MM-DD`), to pick a person's role.
    pub date: Option<&'a str>,
}

/// The chosen reading of a mention.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    /// KB id, or `None` for a composed actor that has no entry of its own ("a Taliban
    /// spokesman" is a person without an id, acting for `actor:TALIBAN`).
    pub kb_id: Option<String>,
    /// Canonical name (the mention itself for composed persons).
    pub name: String,
    /// Entity type.
    pub entity_type: EntityType,
    /// Kind.
    pub kind: EntityKind,
    /// ISO alpha-3 country.
    pub country: Option<String>,
    /// CAMEO code (for persons: the role held at the context date when known).
    pub cameo: Option<String>,
    /// Actor the entity is part of (`actor:IRNGOV` → `actor:IRN`).
    pub parent: Option<String>,
    /// For agents: the actor the person or body acts for.
    pub acting_for: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// GeoNames id.
    pub geonames_id: Option<i64>,
    /// Final score.
    pub score: f32,
    /// Why it was chosen, in words.
    pub why: String,
}

/// Minimum score for a reading to be chosen; below it the mention stays unresolved.
pub const MIN_SCORE: f32 = 0.55;

const DETERMINERS: &[&str] = &[
    "a",
    "an",
    "the",
    "one",
    "two",
    "three",
    "four",
    "five",
    "several",
    "some",
    "many",
    "senior",
    "top",
    "former",
    "unnamed",
    "anonymous",
    "high",
    "ranking",
    "high ranking",
    "other",
    "another",
    "local",
    "all",
    "most",
    "few",
    "dozens",
    "hundreds",
    "thousands",
    "of",
    "his",
    "her",
    "their",
];

const TITLES: &[&str] = &[
    "president",
    "general",
    "gen",
    "lt",
    "col",
    "colonel",
    "maj",
    "major",
    "capt",
    "captain",
    "adm",
    "admiral",
    "sgt",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "sir",
    "gov",
    "governor",
    "sen",
    "senator",
    "rep",
    "prime",
    "minister",
    "foreign",
    "defense",
    "defence",
    "secretary",
    "state",
    "ayatollah",
    "sheikh",
    "imam",
    "king",
    "queen",
    "prince",
    "emir",
    "chancellor",
    "premier",
    "commander",
    "lieutenant",
    "marshal",
    "field",
    "brig",
    "brigadier",
    "vice",
    "deputy",
    "chief",
    "mullah",
    "maulvi",
    "judge",
    "justice",
    "mayor",
    "ambassador",
    "envoy",
    "spokesman",
    "spokeswoman",
    "leader",
    "supreme",
    "u",
    "s",
    "us",
    "then",
];

fn is_place(e: &Entry) -> bool {
    e.kb_id.starts_with("place:")
}

impl Kb {
    /// Resolves a mention in context; `None` when nothing in the KB fits well enough, so
    /// unknown names stay entities without a `kb_id` rather than being forced onto one.
    pub fn resolve(&self, mention: &str, ctx: &ResolveContext) -> Option<Resolved> {
        let mention = mention.trim();
        if mention.is_empty() {
            return None;
        }
        if let Some(r) = self.resolve_qualified(mention, ctx) {
            return Some(r);
        }
        let mut cands = self.lookup(mention);
        if ["the ", "The ", "THE "].iter().any(|p| mention.starts_with(p)) {
            // "the Union", "the Alamo": a city's name does not take an article.
            cands.retain(|c| {
                !(c.entry.kb_id.starts_with("place:geonames:") && c.entry.kind == EntityKind::Place)
            });
        }
        if let Some(r) = self.choose(&cands, ctx, "") {
            return Some(r);
        }
        if !cands.is_empty() && !self.generic_agent(mention) {
            // The name is known but nothing fits the context: do not guess further.
            return None;
        }
        if let Some(r) = self.compose(mention, ctx) {
            return Some(r);
        }
        if let Some(r) = self.strip_place_words(mention, ctx) {
            return Some(r);
        }
        self.strip_titles(mention, ctx)
    }

    /// "the State of Texas", "Taipei City", "the Republic of Albania": drop the generic
    /// words around a place name (places and states only).
    fn strip_place_words(&self, mention: &str, ctx: &ResolveContext) -> Option<Resolved> {
        if matches!(ctx.role, MentionRole::Actor)
            || matches!(ctx.ner_label, Some(EntityType::Per | EntityType::Org | EntityType::Norp))
        {
            return None;
        }
        let k = key(mention);
        const HEADS: [&str; 8] = [
            "state of ",
            "city of ",
            "republic of ",
            "municipality of ",
            "province of ",
            "kingdom of ",
            "commonwealth of ",
            "town of ",
        ];
        // Not " province": a province's name is usually also its capital's, and the KB has
        // the city only.
        const TAILS: [&str; 2] = [" city", " state"];
        let rest = HEADS
            .iter()
            .find_map(|h| k.strip_prefix(h))
            .or_else(|| TAILS.iter().find_map(|t| k.strip_suffix(t)))?;
        let pctx = ResolveContext { role: MentionRole::Place, ..*ctx };
        let mut cands = Vec::new();
        self.lookup_key(rest, false, &mut cands);
        self.choose(&cands, &pctx, &format!("generic place words dropped: \"{rest}\""))
    }

    fn generic_agent(&self, mention: &str) -> bool {
        self.agents.contains_key(&key(mention))
    }

    /// Scores a candidate in context; `None` when the context rules it out.
    pub fn score(&self, c: &Candidate, ctx: &ResolveContext) -> Option<(f32, String)> {
        let e = c.entry;
        let place = is_place(e);
        let state = e.kind == EntityKind::State;
        let actor_only = matches!(c.alias, AliasKind::Demonym | AliasKind::Metonym | AliasKind::Locale);
        if c.alias == AliasKind::Locale && ctx.role != MentionRole::Actor {
            return None;
        }
        match ctx.role {
            MentionRole::Actor if place => return None,
            MentionRole::Place if !(place || state) || actor_only => return None,
            _ => {}
        }
        let mut s = c.score;
        let mut why = c.why();
        if c.common && place {
            // "Summit", "Mobile": only large places, in a document about their country.
            if e.population < 100_000 || !e.country.as_ref().is_some_and(|cc| ctx.doc_countries.contains(cc))
            {
                return None;
            }
            s -= 0.2;
            why.push_str("; a common word (-0.20)");
        }
        // A place known here only by another language's or a transliteration's name ("Tiba"
        // for Chiba, Japan) needs its country in the document: a village in Burkina Faso
        // named Tiba is not Chiba.
        if place
            && c.alias == AliasKind::AltName
            && !ctx.doc_countries.is_empty()
            && !e.country.as_ref().is_some_and(|cc| ctx.doc_countries.contains(cc))
        {
            return None;
        }
        // Dictionary persons are many and their names often common: a person from the
        // Phoenix lists needs their country in the document.
        if e.kind == EntityKind::Person
            && e.source == crate::model::Source::Phoenix
            && !ctx.doc_countries.is_empty()
            && !e.country.as_ref().is_some_and(|cc| ctx.doc_countries.contains(cc))
        {
            return None;
        }
        match ctx.ner_label {
            Some(EntityType::Per) if e.kind != EntityKind::Person => return None,
            Some(EntityType::Loc | EntityType::Fac) if !(place || state) || actor_only => return None,
            Some(EntityType::Gpe) if e.kind == EntityKind::Person => return None,
            Some(EntityType::Gpe) if ctx.role == MentionRole::Any && c.alias == AliasKind::Metonym => {
                return None;
            }
            Some(EntityType::Org) if e.kind == EntityKind::Person || place => return None,
            Some(EntityType::Norp) if e.kind == EntityKind::Person || place => return None,
            Some(EntityType::Gpe) if !(place || state) => {
                s -= 0.2;
                why.push_str("; not a place (-0.20)");
            }
            None if ctx.role == MentionRole::Any && c.alias == AliasKind::Metonym => {
                s -= 0.1;
                why.push_str("; metonym without actor role (-0.10)");
            }
            _ => {}
        }
        if let Some(cc) = e.country.as_deref()
            && let Some(pos) = ctx.doc_countries.iter().position(|d| d == cc)
        {
            let bonus = if pos == 0 { 0.3 } else { 0.25 };
            s += bonus;
            why.push_str(&format!("; document country {cc} (+{bonus:.2})"));
        }
        if place {
            let mut same_country = false;
            let mut same_admin = false;
            for n in ctx.nearby.iter().filter_map(|id| self.get(id)) {
                if n.kb_id == e.kb_id || n.country.is_none() || n.country != e.country {
                    continue;
                }
                same_country = true;
                same_admin |= n.admin1.is_some() && n.admin1 == e.admin1;
            }
            if same_admin {
                s += 0.3;
                why.push_str("; near a place in the same division (+0.30)");
            } else if same_country {
                s += 0.15;
                why.push_str("; near a place in the same country (+0.15)");
            }
        }
        if let Some(d) = ctx.date
            && e.roles.iter().any(|r| r.covers(d))
        {
            s += 0.1;
            why.push_str(&format!("; holds a role on {d} (+0.10)"));
        }
        Some((s, why))
    }

    /// Picks the best of `cands` in context.
    fn choose(&self, cands: &[Candidate], ctx: &ResolveContext, note: &str) -> Option<Resolved> {
        let mut best: Option<(f32, String, &Candidate)> = None;
        for c in cands {
            if let Some((s, why)) = self.score(c, ctx)
                && best
                    .as_ref()
                    .is_none_or(|(b, _, bc)| s > *b || (s == *b && c.entry.population > bc.entry.population))
            {
                best = Some((s, why, c));
            }
        }
        let (score, why, c) = best?;
        if score < MIN_SCORE {
            return None;
        }
        let mut r = self.resolved(c.entry, score, why, ctx.date);
        if !note.is_empty() {
            r.why = format!("{note}; {}", r.why);
        }
        Some(r)
    }

    fn resolved(&self, e: &Entry, score: f32, why: String, date: Option<&str>) -> Resolved {
        let role_code = date.and_then(|d| e.roles.iter().rev().find(|r| r.covers(d))).map(|r| r.code.clone());
        Resolved {
            kb_id: Some(e.kb_id.clone()),
            name: e.name.clone(),
            entity_type: e.entity_type,
            kind: e.kind,
            country: e.country.clone(),
            cameo: role_code.or_else(|| e.cameo.clone()),
            parent: e.parent.clone(),
            acting_for: None,
            lat: e.lat,
            lon: e.lon,
            geonames_id: e.geonames_id,
            score,
            why,
        }
    }

    /// "Paris, Texas": the part after the comma restricts the country or division.
    fn resolve_qualified(&self, mention: &str, ctx: &ResolveContext) -> Option<Resolved> {
        let (head, qual) = mention.split_once(',')?;
        let qctx = ResolveContext { role: MentionRole::Place, ner_label: None, ..*ctx };
        let q = self.resolve(qual.trim(), &qctx)?;
        let qe = self.get(q.kb_id.as_deref()?)?;
        let cands: Vec<Candidate> = self
            .lookup(head.trim())
            .into_iter()
            .filter(|c| {
                c.entry.kb_id != qe.kb_id
                    && c.entry.country.is_some()
                    && c.entry.country == qe.country
                    && (qe.kind == EntityKind::State || (qe.admin1.is_some() && c.entry.admin1 == qe.admin1))
            })
            .collect();
        self.choose(&cands, ctx, &format!("qualified by {}", qe.name))
    }

    /// Best actor reading of a phrase (for composition).
    fn actor_reading(&self, phrase: &str, ctx: &ResolveContext) -> Option<(Resolved, &Entry)> {
        let actx = ResolveContext { role: MentionRole::Actor, ner_label: None, ..*ctx };
        let r = self.choose(&self.lookup(phrase), &actx, "")?;
        let e = self.get(r.kb_id.as_deref()?)?;
        Some((r, e))
    }

    /// "a Taliban spokesman", "Iranian General", "spokesman for the Taliban", "Iran's
    /// foreign ministry": an actor plus an agent noun.
    fn compose(&self, mention: &str, ctx: &ResolveContext) -> Option<Resolved> {
        let k = key(mention);
        let mut words: Vec<&str> = k.split(' ').collect();
        while words.len() > 1 && DETERMINERS.contains(&words[0]) {
            words.remove(0);
        }
        let n = words.len();
        if n < 2 {
            return None;
        }
        // ACTOR AGENT: the longest agent suffix first.
        for split in 1..n {
            let agent_key = words[split..].join(" ");
            let Some(agent) = self.agents.get(&agent_key) else { continue };
            let actor_text = words[..split].join(" ");
            let actor_text = if is_acronym(mention) { actor_text.to_uppercase() } else { actor_text };
            if let Some((base, e)) = self.actor_reading(&actor_text, ctx) {
                return Some(self.with_agent(
                    mention,
                    &base,
                    e,
                    agent,
                    ctx.ner_label == Some(EntityType::Per),
                ));
            }
        }
        // AGENT of/for/from ACTOR.
        for (i, w) in words.iter().enumerate().skip(1) {
            if !matches!(*w, "of" | "for" | "from" | "in") || i + 1 >= n {
                continue;
            }
            let agent_key = words[..i].join(" ");
            let Some(agent) = self.agents.get(&agent_key) else { continue };
            let rest = words[i + 1..].join(" ");
            if let Some((base, e)) = self.actor_reading(&rest, ctx) {
                return Some(self.with_agent(
                    mention,
                    &base,
                    e,
                    agent,
                    ctx.ner_label == Some(EntityType::Per),
                ));
            }
        }
        None
    }

    fn with_agent(
        &self,
        mention: &str,
        base: &Resolved,
        e: &Entry,
        agent: &crate::model::Agent,
        ner_person: bool,
    ) -> Resolved {
        let state_base = e.kind == EntityKind::State;
        let base_code = e.cameo.clone().unwrap_or_default();
        let code = if state_base && !agent.code.is_empty() {
            if agent.prefix {
                format!("{}{}", agent.code, base_code)
            } else {
                format!("{base_code}{}", agent.code)
            }
        } else {
            base_code.clone()
        };
        let body = if state_base {
            self.get(&format!("actor:{code}"))
        } else if e.kind == EntityKind::Person && !agent.person {
            // "the regime of Assad": the body the person's role code names.
            base.cameo.as_deref().and_then(|c| self.get(&format!("actor:{c}")))
        } else {
            None
        };
        let why = format!("agent \"{}\" of {} ({})", agent.key, e.name, base.why);
        if agent.person || ner_person {
            let kind = crate::model::kind_of_sector(&agent.code)
                .filter(|_| state_base)
                .unwrap_or(EntityKind::Person);
            return Resolved {
                kb_id: None,
                name: mention.trim().to_string(),
                entity_type: EntityType::Per,
                kind,
                country: e.country.clone(),
                cameo: Some(code).filter(|c| !c.is_empty()),
                parent: None,
                acting_for: Some(body.map_or(e.kb_id.clone(), |b| b.kb_id.clone())),
                lat: None,
                lon: None,
                geonames_id: None,
                score: base.score,
                why,
            };
        }
        match body {
            Some(b) => self.resolved(b, base.score, why, None),
            None if state_base && !agent.code.is_empty() => Resolved {
                kb_id: None,
                name: mention.trim().to_string(),
                entity_type: EntityType::Org,
                kind: crate::model::kind_of_sector(&agent.code).unwrap_or(EntityKind::Organization),
                country: e.country.clone(),
                cameo: Some(code),
                parent: None,
                acting_for: Some(e.kb_id.clone()),
                lat: None,
                lon: None,
                geonames_id: None,
                score: base.score,
                why,
            },
            // "Taliban fighters": the group itself.
            None => Resolved { why, ..self.resolved(e, base.score, String::new(), None) },
        }
    }

    /// "General Qasem Soleimani", "President Rouhani": drop leading titles, look up the
    /// rest as a person.
    fn strip_titles(&self, mention: &str, ctx: &ResolveContext) -> Option<Resolved> {
        let k = key(mention);
        let words: Vec<&str> = k.split(' ').collect();
        let mut i = 0;
        while i + 1 < words.len() && (TITLES.contains(&words[i]) || DETERMINERS.contains(&words[i])) {
            i += 1;
        }
        if i == 0 {
            return None;
        }
        let rest = words[i..].join(" ");
        let pctx = ResolveContext { ner_label: Some(EntityType::Per), ..*ctx };
        let mut cands = Vec::new();
        self.lookup_key(&rest, false, &mut cands);
        self.choose(&cands, &pctx, &format!("title stripped: \"{rest}\""))
    }
}
