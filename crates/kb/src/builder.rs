//! In-memory accumulation of entries and aliases while compiling the KB, with the merge
//! rules that keep one entry per actor or place.

use std::collections::{BTreeMap, HashMap};

use crate::format::KbData;
use crate::model::{Agent, AliasKind, Entry, Posting};
use crate::normalize::{is_acronym, key};

/// Collects entries, aliases and agents; [`KbBuilder::finish`] makes the compiled tables.
#[derive(Debug, Default)]
pub struct KbBuilder {
    pub(crate) entries: Vec<Entry>,
    by_id: HashMap<String, u32>,
    aliases: BTreeMap<String, Vec<Posting>>,
    pub(crate) agents: BTreeMap<String, Agent>,
    /// Common English words ([`crate::sources::common`]).
    pub(crate) common: std::collections::HashSet<String>,
    /// While true, new links are recorded as curated (see [`KbBuilder::finish`]).
    pub(crate) curating: bool,
    curated_links: std::collections::HashSet<(String, u32)>,
}

impl KbBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// A builder over existing entries (a loaded KB), collecting only new aliases and
    /// agents: used for user dictionaries at run time.
    pub fn over(entries: Vec<Entry>) -> Self {
        let by_id = entries.iter().enumerate().map(|(i, e)| (e.kb_id.clone(), i as u32)).collect();
        KbBuilder { entries, by_id, ..Self::default() }
    }

    /// Entries, new alias postings by key, and agents.
    pub fn into_parts(self) -> (Vec<Entry>, BTreeMap<String, Vec<Posting>>, Vec<Agent>) {
        (self.entries, self.aliases, self.agents.into_values().collect())
    }

    /// Index of the entry with this id, if any.
    pub fn find(&self, kb_id: &str) -> Option<u32> {
        self.by_id.get(kb_id).copied()
    }

    /// The entry at `idx`.
    pub fn entry(&self, idx: u32) -> &Entry {
        &self.entries[idx as usize]
    }

    /// Mutable entry at `idx`.
    pub fn entry_mut(&mut self, idx: u32) -> &mut Entry {
        &mut self.entries[idx as usize]
    }

    /// Adds `entry`, or returns the index of the entry that already has its id (unchanged).
    pub fn add(&mut self, entry: Entry) -> u32 {
        if let Some(&i) = self.by_id.get(&entry.kb_id) {
            return i;
        }
        let i = self.entries.len() as u32;
        self.by_id.insert(entry.kb_id.clone(), i);
        let name = entry.name.clone();
        self.entries.push(entry);
        self.alias(i, &name, AliasKind::Name);
        i
    }

    /// Adds `entry`, replacing every field of an entry with the same id (its aliases stay).
    pub fn upsert(&mut self, entry: Entry) -> u32 {
        if let Some(&i) = self.by_id.get(&entry.kb_id) {
            let name = entry.name.clone();
            self.entries[i as usize] = entry;
            self.alias(i, &name, AliasKind::Name);
            return i;
        }
        self.add(entry)
    }

    /// Links `surface` to entry `idx`. Empty keys are ignored; a second link of the same
    /// key to the same entry keeps the stronger kind.
    pub fn alias(&mut self, idx: u32, surface: &str, kind: AliasKind) {
        let k = key(surface);
        if k.is_empty() {
            return;
        }
        // Acronyms only match in capitals: "US" must not catch "us". Longer all-caps
        // phrases from the Phoenix files ("IRAN") are just upper-cased names.
        let acronym = is_acronym(surface) && k.len() <= 5 && !k.contains(' ');
        let common = !k.contains(' ') && self.common.contains(&k);
        // GeoNames alternate names that are codes ("PHX", "KSC") or common words
        // ("Downtown") name other things far more often.
        if kind == AliasKind::AltName && (common || is_acronym(surface)) {
            return;
        }
        if kind == AliasKind::Demonym
            && let Some(pl) = demonym_plural(&k)
        {
            self.link(pl, idx, kind, acronym, false);
        }
        self.link(k, idx, kind, acronym, common);
    }

    fn link(&mut self, k: String, idx: u32, kind: AliasKind, acronym: bool, common: bool) {
        if self.curating {
            self.curated_links.insert((k.clone(), idx));
        }
        let list = self.aliases.entry(k).or_default();
        if let Some(p) = list.iter_mut().find(|p| p.entry == idx) {
            if kind < p.kind {
                p.kind = kind;
            }
            p.acronym &= acronym;
            return;
        }
        list.push(Posting { entry: idx, kind, acronym, common });
    }

    /// Entries an alias key points to.
    pub fn postings(&self, k: &str) -> &[Posting] {
        self.aliases.get(k).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Adds or replaces an agent noun.
    pub fn agent(&mut self, agent: Agent) {
        self.agents.insert(agent.key.clone(), agent);
    }

    /// Number of distinct alias keys so far.
    pub fn alias_count(&self) -> usize {
        self.aliases.len()
    }

    /// Makes the compiled tables. Curated actor aliases shadow dictionary actor aliases of
    /// the same key, so a hand-checked "Pentagon → US military" wins over a dictionary line;
    /// place readings of the key stay.
    pub fn finish(mut self) -> KbData {
        let entries = &self.entries;
        let curated_links = std::mem::take(&mut self.curated_links);
        let mut keys = Vec::with_capacity(self.aliases.len());
        let mut postings = Vec::new();
        for (k, mut list) in std::mem::take(&mut self.aliases) {
            let is_curated = |p: &Posting| curated_links.contains(&(k.clone(), p.entry));
            let shadow = list.iter().any(|p| {
                is_curated(p)
                    && matches!(p.kind, AliasKind::Name | AliasKind::Alias | AliasKind::Demonym)
                    && !entries[p.entry as usize].kb_id.starts_with("place:")
            });
            if shadow {
                list.retain(|p| is_curated(p) || entries[p.entry as usize].kb_id.starts_with("place:"));
            }
            list.sort_by(|a, b| a.kind.cmp(&b.kind).then(a.entry.cmp(&b.entry)));
            let start = postings.len() as u64;
            postings.extend_from_slice(&list);
            keys.push((k, (start << 16) | (list.len() as u64).min(0xffff)));
        }
        KbData { entries: self.entries, postings, agents: self.agents.into_values().collect(), keys }
    }
}

/// "iranian" → "iranians"; none for demonyms that do not take an -s ("british", "chinese").
pub fn demonym_plural(k: &str) -> Option<String> {
    let no_s = ["s", "sh", "ch", "ese", "x", "z"];
    (!k.contains(' ') && !no_s.iter().any(|e| k.ends_with(e))).then(|| format!("{k}s"))
}
