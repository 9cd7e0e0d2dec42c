//! Morphological features (UD FEATS) derived from the predicted tag and the word form: the
//! most frequent FEATS of (lowercased form, tag) in the treebank, else of the tag.

use std::collections::HashMap;

use crate::binio::{Reader, Writer};
use crate::error::Result;
use crate::hashing::{f2, hash_lower};
use crate::perceptron::FeatureMap;

/// FEATS lookup tables.
#[derive(Debug, Clone, Default)]
pub struct FeatsTable {
    names: Vec<String>,
    by_tag: Vec<u32>,
    by_word: FeatureMap<u32>,
}

/// The primary counts of `[secondary, primary]` when there are any, else the secondary.
fn first(m: &[HashMap<u32, u32>; 2]) -> &HashMap<u32, u32> {
    if m[1].is_empty() { &m[0] } else { &m[1] }
}

fn key(lower: u64, tag: u16) -> u64 {
    f2(900, lower, u64::from(tag))
}

impl FeatsTable {
    /// Learns the tables from `(form, tag, feats, primary)` rows: the most frequent FEATS of
    /// each (lowercased form, tag) and of each tag among the primary rows, and among the
    /// others only where the primary rows have none (a treebank's conventions win over an
    /// added corpus's).
    pub fn train<'a>(n_tags: usize, data: impl Iterator<Item = (&'a str, u16, &'a str, bool)>) -> Self {
        let mut names: Vec<String> = Vec::new();
        let mut ids: HashMap<String, u32> = HashMap::new();
        // [secondary, primary] counts
        let mut tag_counts: Vec<[HashMap<u32, u32>; 2]> = vec![Default::default(); n_tags];
        let mut word_counts: HashMap<u64, (u16, [HashMap<u32, u32>; 2])> = HashMap::new();
        for (form, tag, feats, primary) in data {
            let id = *ids.entry(feats.to_string()).or_insert_with(|| {
                names.push(feats.to_string());
                (names.len() - 1) as u32
            });
            let p = usize::from(primary);
            *tag_counts[tag as usize][p].entry(id).or_default() += 1;
            let e =
                word_counts.entry(key(hash_lower(form), tag)).or_insert_with(|| (tag, Default::default()));
            *e.1[p].entry(id).or_default() += 1;
        }

        let best = |m: &HashMap<u32, u32>| {
            m.iter().max_by_key(|(id, c)| (**c, std::cmp::Reverse(**id))).map(|(id, _)| *id)
        };
        let underscore = ids.get("_").copied();
        let by_tag: Vec<u32> =
            tag_counts.iter().map(|m| best(first(m)).or(underscore).unwrap_or(0)).collect();
        if names.is_empty() {
            names.push("_".into());
        }
        let mut by_word = FeatureMap::default();
        for (k, (tag, m)) in &word_counts {
            if let Some(b) = best(first(m))
                && b != by_tag[*tag as usize]
            {
                by_word.insert(*k, b);
            }
        }
        FeatsTable { names, by_tag, by_word }
    }

    /// FEATS of a word with tag `tag` and lowercased-form hash `lower`.
    pub fn feats(&self, lower: u64, tag: u16) -> &str {
        let id = self
            .by_word
            .get(&key(lower, tag))
            .copied()
            .or_else(|| self.by_tag.get(tag as usize).copied())
            .unwrap_or(0);
        self.names.get(id as usize).map_or("_", |s| s.as_str())
    }

    /// Serializes the tables.
    pub fn write(&self, w: &mut Writer) {
        w.strs(&self.names);
        w.u32(self.by_tag.len() as u32);
        for &t in &self.by_tag {
            w.u32(t);
        }
        let mut entries: Vec<(u64, u32)> = self.by_word.iter().map(|(k, v)| (*k, *v)).collect();
        entries.sort_unstable();
        w.u32(entries.len() as u32);
        for (k, v) in entries {
            w.u64(k);
            w.u32(v);
        }
    }

    /// Reads tables written by [`FeatsTable::write`].
    pub fn read(r: &mut Reader<'_>) -> Result<Self> {
        let names = r.strs()?;
        let n = r.len(4)?;
        let by_tag = (0..n).map(|_| r.u32()).collect::<Result<Vec<_>>>()?;
        let n = r.len(12)?;
        let mut by_word = FeatureMap::default();
        for _ in 0..n {
            let k = r.u64()?;
            by_word.insert(k, r.u32()?);
        }
        if by_tag.iter().chain(by_word.values()).any(|&i| i as usize >= names.len()) {
            return Err(r.corrupt("FEATS id out of range"));
        }
        Ok(FeatsTable { names, by_tag, by_word })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_specific_then_tag_default() {
        let data = [
            ("dogs", 1u16, "Number=Plur"),
            ("cats", 1, "Number=Plur"),
            ("he", 2, "Case=Nom|Person=3"),
            ("him", 2, "Case=Acc|Person=3"),
            ("him", 2, "Case=Acc|Person=3"),
            ("sheep", 1, "Number=Sing"),
        ];
        let t = FeatsTable::train(3, data.iter().map(|&(f, t, x)| (f, t, x, true)));
        assert_eq!(t.feats(hash_lower("Horses"), 1), "Number=Plur");
        assert_eq!(t.feats(hash_lower("sheep"), 1), "Number=Sing");
        assert_eq!(t.feats(hash_lower("He"), 2), "Case=Nom|Person=3");
        let mut w = Writer::with_header(b"CGTEST\0\0", 1);
        t.write(&mut w);
        let mut r = Reader::with_header(&w.buf, b"CGTEST\0\0", 1, "test").unwrap();
        let t2 = FeatsTable::read(&mut r).unwrap();
        assert_eq!(t2.feats(hash_lower("him"), 2), "Case=Acc|Person=3");
    }

    /// The primary rows' conventions win; the others decide only what the primary never saw.
    #[test]
    fn primary_rows_win() {
        let data = [
            ("really", 3u16, "_", true),
            ("really", 3, "Degree=Pos", false),
            ("really", 3, "Degree=Pos", false),
            ("fast", 3, "Degree=Pos", false),
            ("well", 3, "_", true),
            ("horses", 1, "Number=Plur", false),
        ];
        let t = FeatsTable::train(4, data.iter().copied());
        assert_eq!(t.feats(hash_lower("really"), 3), "_");
        assert_eq!(t.feats(hash_lower("fast"), 3), "Degree=Pos");
        assert_eq!(t.feats(hash_lower("unseen"), 3), "_", "the tag's default is the primary's");
        assert_eq!(t.feats(hash_lower("ponies"), 1), "Number=Plur", "a tag only the others have");
    }
}
