//! Compiles the shipped lexicon files (`crates/extract/data/`) from the upstream sources in
//! `shared/data`: the PETRARCH2 verb dictionary (`CAMEO.2.0.txt`, MIT) and the CAMEO → PLOVER
//! conversion table (`CAMEO2PLOVER-2021.txt`).
//!
//! The output is deterministic; a unit test checks that the shipped files equal a fresh
//! compilation whenever the sources are present, and the ignored test
//! `regenerate_shipped_data` rewrites them.

pub mod cameo2plover;
pub mod petrarch;

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::Path;

use self::cameo2plover::{CameoMapping, parse_cameo2plover};
use self::petrarch::{PatternElement, VerbDictionary, parse_verb_dictionary};
use crate::lexicon::cameo::lookup_with_fallback;
use crate::lexicon::error::{LexiconError, Result};
use crate::lexicon::lemma::Lemmatizer;
use crate::lexicon::plover::event_type_name;
use crate::lexicon::vocab::curated_words;

/// File name of the compiled CAMEO → PLOVER table.
pub const CAMEO_TABLE_FILE: &str = "cameo_plover.tsv";
/// File name of the compiled verb lexicon.
pub const VERB_LEXICON_FILE: &str = "cameo_verbs.txt";

/// Sizes of a compilation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CompileStats {
    /// Rows of the CAMEO → PLOVER table.
    pub cameo_codes: usize,
    /// Verb blocks.
    pub blocks: usize,
    /// Verbs (single and multi-word).
    pub verbs: usize,
    /// Patterns kept (their code maps to a PLOVER type).
    pub patterns_kept: usize,
    /// Patterns dropped (null code, CAMEO 01/02, or nothing but the verb).
    pub patterns_dropped: usize,
    /// Inflected forms listed.
    pub forms: usize,
}

/// The compiled CAMEO → PLOVER table: `code TAB TYPE TAB mode TAB contexts TAB description`.
pub fn compile_cameo_table(cameo2plover: &str) -> Result<String> {
    let rows = parse_cameo2plover(cameo2plover)?;
    let mut out = String::from(
        "# CAMEO code -> PLOVER type, mode (manual 2.0), contexts, description.\n\
         # Compiled by claimgraph_extract::lexicon::compile from CAMEO2PLOVER-2021.txt\n\
         # (openeventdata/PLOVER, CC BY-SA 4.0); see data/SOURCE.md. Do not edit.\n",
    );
    for r in &rows {
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}",
            r.code,
            event_type_name(r.event),
            r.mode.unwrap_or(""),
            r.contexts.join(";"),
            r.description.replace('\t', " ")
        );
    }
    Ok(out)
}

/// The compiled verb lexicon (format in `data/SOURCE.md`) and its sizes.
pub fn compile_verb_lexicon(verb_dict: &str, cameo2plover: &str) -> Result<(String, CompileStats)> {
    let dict = parse_verb_dictionary(verb_dict)?;
    let rows = parse_cameo2plover(cameo2plover)?;
    let table: HashMap<&str, &CameoMapping> = rows.iter().map(|r| (r.code.as_str(), r)).collect();
    let maps = |code: &str| lookup_with_fallback(code, |c| table.get(c).copied()).is_some();
    let lem = compile_lemmatizer(&dict);
    let mut stats =
        CompileStats { cameo_codes: rows.len(), blocks: dict.blocks.len(), ..CompileStats::default() };
    let mut out = String::from(
        "# PETRARCH2 CAMEO verb lexicon, compiled by claimgraph_extract::lexicon::compile from\n\
         # CAMEO.2.0.txt (openeventdata/petrarch2, MIT, Copyright (c) 2015 Open Event Data\n\
         # Alliance). Patterns keep only codes with a PLOVER category. Do not edit.\n",
    );
    let mut used_sets: BTreeMap<&str, ()> = BTreeMap::new();
    let mut body = String::new();
    for b in &dict.blocks {
        let _ = writeln!(body, "B\t{}\t{}", b.name, b.code.as_deref().unwrap_or(""));
        for v in &b.verbs {
            stats.verbs += 1;
            let code = if v.null_code { "---" } else { v.code.as_deref().unwrap_or("") };
            let _ = writeln!(body, "V\t{}\t{}\t{}", v.words.join(" "), v.head, code);
        }
        let mut seen: Vec<(String, &str)> = Vec::new();
        for p in &b.patterns {
            // PETRARCH ignores patterns that use an undefined synonym set; so do we.
            let defined = p.elements.iter().all(|e| match e {
                PatternElement::Synset(s) => dict.synsets.iter().any(|d| &d.name == s),
                _ => true,
            });
            let keep = defined
                && p.code.as_deref().is_some_and(maps)
                && p.elements.iter().any(|e| *e != PatternElement::Verb);
            if !keep {
                stats.patterns_dropped += 1;
                continue;
            }
            let code = p.code.as_deref().unwrap_or_default();
            let elems: Vec<String> = p
                .elements
                .iter()
                .map(|e| match e {
                    PatternElement::Verb => "*".to_string(),
                    PatternElement::Word(w) => lem.lemma(w),
                    PatternElement::Synset(s) => {
                        used_sets.insert(s.as_str(), ());
                        format!("&{s}")
                    }
                })
                .collect();
            let key = (elems.join(" "), code);
            if seen.contains(&key) {
                stats.patterns_dropped += 1;
                continue;
            }
            stats.patterns_kept += 1;
            let _ = writeln!(body, "P\t{}\t{}", key.1, key.0);
            seen.push(key);
        }
    }
    for s in &dict.synsets {
        if !used_sets.contains_key(s.name.as_str()) {
            continue;
        }
        let phrases: Vec<String> =
            s.phrases.iter().map(|p| p.iter().map(|w| lem.lemma(w)).collect::<Vec<_>>().join(" ")).collect();
        let _ = writeln!(out, "S\t{}\t{}", s.name, phrases.join("|"));
    }
    let mut forms: BTreeMap<String, String> = BTreeMap::new();
    for b in &dict.blocks {
        for v in &b.verbs {
            for f in &v.forms {
                forms.entry(f.clone()).or_insert_with(|| v.words[v.head].clone());
            }
        }
    }
    stats.forms = forms.len();
    for (f, l) in &forms {
        let _ = writeln!(out, "F\t{f}\t{l}");
    }
    out.push_str(&body);
    Ok((out, stats))
}

/// The lemmatizer used for pattern words: listed forms, verb words and curated words.
fn compile_lemmatizer(dict: &VerbDictionary) -> Lemmatizer {
    let mut irregular = Vec::new();
    let mut known = Vec::new();
    for b in &dict.blocks {
        for v in &b.verbs {
            known.extend(v.words.iter().cloned());
            for f in &v.forms {
                irregular.push((f.clone(), v.words[v.head].clone()));
            }
        }
    }
    lemmatizer_from(irregular, known)
}

/// Builds a lemmatizer where the first listed lemma of a form wins, as in the compiled file,
/// and the curated words are preferred lemmas.
pub(crate) fn lemmatizer_from(irregular: Vec<(String, String)>, known: Vec<String>) -> Lemmatizer {
    let mut first: BTreeMap<String, String> = BTreeMap::new();
    for (f, l) in irregular {
        first.entry(f).or_insert(l);
    }
    let preferred = curated_words().into_iter().map(str::to_string);
    Lemmatizer::new(first, known, preferred)
}

/// Reads the sources under `shared_data` (`petrarch2-dictionaries/CAMEO.2.0.txt`,
/// `plover/CAMEO2PLOVER-2021.txt`) and writes both compiled files into `out_dir`.
pub fn compile_to_dir(shared_data: &Path, out_dir: &Path) -> Result<CompileStats> {
    let read = |p: &Path| {
        std::fs::read_to_string(p)
            .map_err(|source| LexiconError::Io { path: p.display().to_string(), source })
    };
    let verbs = read(&shared_data.join("petrarch2-dictionaries/CAMEO.2.0.txt"))?;
    let table = read(&shared_data.join("plover/CAMEO2PLOVER-2021.txt"))?;
    let (lexicon, stats) = compile_verb_lexicon(&verbs, &table)?;
    let cameo = compile_cameo_table(&table)?;
    let write = |name: &str, text: &str| {
        let p = out_dir.join(name);
        std::fs::write(&p, text).map_err(|source| LexiconError::Io { path: p.display().to_string(), source })
    };
    write(CAMEO_TABLE_FILE, &cameo)?;
    write(VERB_LEXICON_FILE, &lexicon)?;
    Ok(stats)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn shared_data() -> Option<PathBuf> {
        let p = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data"));
        p.join("plover/CAMEO2PLOVER-2021.txt").exists().then_some(p)
    }

    fn data_dir() -> PathBuf {
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/data"))
    }

    #[test]
    fn shipped_files_match_sources() {
        let Some(shared) = shared_data() else {
            return; // sources not present on this machine
        };
        let verbs = std::fs::read_to_string(shared.join("petrarch2-dictionaries/CAMEO.2.0.txt")).unwrap();
        let table = std::fs::read_to_string(shared.join("plover/CAMEO2PLOVER-2021.txt")).unwrap();
        let (lexicon, stats) = compile_verb_lexicon(&verbs, &table).unwrap();
        assert!(stats.blocks > 300 && stats.patterns_kept > 2000, "{stats:?}");
        let shipped = std::fs::read_to_string(data_dir().join(VERB_LEXICON_FILE)).unwrap();
        assert!(
            shipped == lexicon,
            "shipped verb lexicon is stale: run the ignored test regenerate_shipped_data"
        );
        let cameo = compile_cameo_table(&table).unwrap();
        let shipped = std::fs::read_to_string(data_dir().join(CAMEO_TABLE_FILE)).unwrap();
        assert!(shipped == cameo, "shipped CAMEO table is stale");
    }

    #[test]
    #[ignore = "rewrites crates/extract/data from shared/data"]
    fn regenerate_shipped_data() {
        let shared = shared_data().expect("shared/data not found");
        let stats = compile_to_dir(&shared, &data_dir()).unwrap();
        eprintln!("{stats:?}");
    }

    #[test]
    fn small_compilation() {
        let dict = "&WEAPON\n+GUN\n####### VERB PATTERNS #######\n--- SEND [---] ---\n\
                    SEND {SENDS SENDING SENT}\n- * &WEAPON [072]\n- * GREETINGS [017]\n- * [072]\n";
        let table = "07: AID\n072: AID,   ,   military # Provide military aid\n";
        let (text, stats) = compile_verb_lexicon(dict, table).unwrap();
        assert_eq!(stats.patterns_kept, 1);
        assert_eq!(stats.patterns_dropped, 2);
        assert!(text.contains("S\tWEAPON\tgun\n"), "{text}");
        assert!(text.contains("F\tsent\tsend\n"));
        assert!(text.contains("P\t072\t* &WEAPON\n"));
        let cameo = compile_cameo_table(table).unwrap();
        assert!(cameo.contains("072\tAID\t\tmilitary\tProvide military aid\n"));
    }
}
