//! GUM's document splits (`splits.md` beside its `dep/` folder of CoNLL-U files).
//!
//! GUM (the Georgetown University Multilayer corpus) lists its dev and test documents under
//! `## dev` and `## test` headings; every other document is training data. Only the GUM
//! genres whose texts are openly licensed are in `../shared/data/gum`, so a listed document
//! may be missing there: the lists are filtered by what is present.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Which GUM documents to take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GumSplit {
    /// Documents of no dev or test list (the official train split).
    Train,
    /// Documents of the official dev split.
    Dev,
    /// Documents of the official test split.
    Test,
}

/// Document names listed under `## <section>` in the text of `splits.md`.
pub fn listed(splits_md: &str, section: &str) -> HashSet<String> {
    let mut in_section = false;
    let mut out = HashSet::new();
    for line in splits_md.lines() {
        if let Some(h) = line.strip_prefix("## ") {
            in_section = h.trim() == section;
        } else if in_section && let Some(doc) = line.trim().strip_prefix("* ") {
            out.insert(doc.trim().to_string());
        }
    }
    out
}

/// The CoNLL-U files of `gum_dir/dep` in `splits`, sorted by name.
pub fn documents(gum_dir: &Path, splits: &[GumSplit]) -> std::io::Result<Vec<PathBuf>> {
    let md = std::fs::read_to_string(gum_dir.join("splits.md"))?;
    let (dev, test) = (listed(&md, "dev"), listed(&md, "test"));
    let split_of = |name: &str| {
        if test.contains(name) {
            GumSplit::Test
        } else if dev.contains(name) {
            GumSplit::Dev
        } else {
            GumSplit::Train
        }
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(gum_dir.join("dep"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "conllu"))
        .filter(|p| p.file_stem().and_then(|s| s.to_str()).is_some_and(|n| splits.contains(&split_of(n))))
        .collect();
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_split_lists() {
        let md = "## dev\n\n  * GUM_a\n\n## test\n  * GUM_b\n  * GUM_c\n## train\n * GUM_d\n";
        assert_eq!(listed(md, "test"), HashSet::from(["GUM_b".to_string(), "GUM_c".to_string()]));
        assert_eq!(listed(md, "dev"), HashSet::from(["GUM_a".to_string()]));
        assert!(listed(md, "test2").is_empty());
    }

    #[test]
    fn sorts_present_documents_into_splits() {
        let dir = std::env::temp_dir().join(format!("cg-gum-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("dep")).unwrap();
        std::fs::write(dir.join("splits.md"), "## dev\n * GUM_a\n## test\n * GUM_b\n * GUM_gone\n").unwrap();
        for n in ["GUM_a", "GUM_b", "GUM_c", "GUM_d"] {
            std::fs::write(dir.join("dep").join(format!("{n}.conllu")), "").unwrap();
        }
        std::fs::write(dir.join("dep/notes.txt"), "").unwrap();
        let names = |s: &[GumSplit]| -> Vec<String> {
            documents(&dir, s)
                .unwrap()
                .iter()
                .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
                .collect()
        };
        assert_eq!(names(&[GumSplit::Train]), ["GUM_c", "GUM_d"]);
        assert_eq!(names(&[GumSplit::Test]), ["GUM_b"]);
        assert_eq!(names(&[GumSplit::Train, GumSplit::Dev]), ["GUM_a", "GUM_c", "GUM_d"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
