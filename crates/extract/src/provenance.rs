//! Which models made an extraction: the sha256 of every model file and of the knowledge
//! base this build embeds (computed by `build.rs` from the same files the other crates
//! `include_bytes!`), and the `producer.models` digest that sums up the ones an extractor
//! uses.
//!
//! The digest is `sha256:` of a manifest with one line per file used, `component sha256`, in
//! a fixed order: `tokenizer`, then `tagger` and `parser` or `parser-fast` when sentences are
//! parsed, `ner`, `kb`, and one `kb-extra` line per user dictionary added to the knowledge
//! base. [`manifest`] writes it, so anyone can recompute the digest from `sha256sum` output.
//!
//! The `producer.rules` digest says which code made an extraction: `sha256:` of
//! [`rules_manifest`], one `path sha256` line per source file of the crates that turn a
//! document's text into an extraction (`core`, `text`, `nlp`, `ner`, `kb`, `extract`) and per
//! trigger table the extraction embeds (`crates/extract/data`), in path order. A build whose rules changed, even with the same version and models, writes another
//! digest, so `claimgraph reextract` knows its stored extractions are stale. Any edit counts,
//! a comment's too: the digest cannot tell which edits change output, and extracting again
//! is always safe.

use claimgraph_core::digest::sha256_hex;
use claimgraph_nlp::ParserKind;

/// One file embedded in this build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ModelFile {
    /// What it is: `tokenizer`, `tagger`, `parser`, `parser-fast`, `ner` or `kb`.
    pub component: &'static str,
    /// Its path in the repository.
    pub path: &'static str,
    /// The sha256 of its bytes, 64 lowercase hex digits.
    pub sha256: &'static str,
}

/// Every model file and the knowledge base embedded in this build.
pub const EMBEDDED: &[ModelFile] = include!(concat!(env!("OUT_DIR"), "/embedded_models.rs"));

/// The embedded file of a component.
pub fn embedded(component: &str) -> Option<&'static ModelFile> {
    EMBEDDED.iter().find(|f| f.component == component)
}

/// The manifest behind [`models_digest`]: the files an extractor with this parser (`None`:
/// no tagger or parser) and these user dictionaries (their sha256, see
/// `Kb::extra_sha256`) analyses with, one `component sha256` line each.
pub fn manifest(parser: Option<ParserKind>, kb_extra_sha256: &[String]) -> String {
    let parser = parser.map(|kind| match kind {
        ParserKind::Accurate => "parser",
        ParserKind::Fast => "parser-fast",
    });
    let components = ["tokenizer"]
        .into_iter()
        .chain(parser.map(|p| ["tagger", p]).into_iter().flatten())
        .chain(["ner", "kb"]);
    let mut out = String::new();
    for f in components.filter_map(embedded) {
        out.push_str(&format!("{} {}\n", f.component, f.sha256));
    }
    for sha in kb_extra_sha256 {
        out.push_str(&format!("kb-extra {sha}\n"));
    }
    out
}

/// `sha256:` of [`manifest`]: what `producer.models` holds.
pub fn models_digest(parser: Option<ParserKind>, kb_extra_sha256: &[String]) -> String {
    format!("sha256:{}", sha256_hex(manifest(parser, kb_extra_sha256).as_bytes()))
}

/// Every source file behind the extraction rules of this build, as (path from the repository
/// root, sha256 of its text with LF line ends), in path order.
pub const RULE_SOURCES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/rule_sources.rs"));

/// The manifest behind [`rules_digest`]: one `path sha256` line per file of [`RULE_SOURCES`].
pub fn rules_manifest() -> String {
    RULE_SOURCES.iter().map(|(path, sha)| format!("{path} {sha}\n")).collect()
}

/// `sha256:` of [`rules_manifest`]: what `producer.rules` holds.
pub fn rules_digest() -> &'static str {
    static DIGEST: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DIGEST.get_or_init(|| format!("sha256:{}", sha256_hex(rules_manifest().as_bytes())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_holds_the_digest_of_each_file_in_the_repository() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        assert_eq!(EMBEDDED.len(), 6);
        for f in EMBEDDED {
            let bytes = std::fs::read(root.join(f.path)).unwrap_or_default();
            assert_eq!(f.sha256, sha256_hex(&bytes), "{}", f.path);
        }
    }

    #[test]
    fn the_rules_digest_covers_each_source_file_of_the_extraction_crates() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let paths: Vec<&str> = RULE_SOURCES.iter().map(|(p, _)| *p).collect();
        assert!(paths.windows(2).all(|w| w[0] < w[1]), "sorted, no repeats");
        for must in [
            "crates/extract/src/provenance.rs",
            "crates/nlp/src/lib.rs",
            "crates/text/src/lib.rs",
            "crates/extract/data/cameo_verbs.txt",
        ] {
            assert!(paths.contains(&must), "{must}");
        }
        for (path, sha) in RULE_SOURCES {
            let text = std::fs::read_to_string(root.join(path)).unwrap_or_default();
            assert_eq!(*sha, sha256_hex(text.replace("\r\n", "\n").as_bytes()), "{path}");
        }
        // nothing else in those folders: a new source file is covered too
        let mut on_disk = 0;
        let mut stack: Vec<_> =
            ["core/src", "text/src", "nlp/src", "ner/src", "kb/src", "extract/src", "extract/data"]
                .iter()
                .map(|c| root.join("crates").join(c))
                .collect();
        while let Some(dir) = stack.pop() {
            for e in std::fs::read_dir(&dir).unwrap().flatten() {
                if e.path().is_dir() {
                    stack.push(e.path());
                } else {
                    on_disk += 1;
                }
            }
        }
        assert_eq!(on_disk, RULE_SOURCES.len());
        let digest = rules_digest();
        assert!(digest.starts_with("sha256:") && digest.len() == 71, "{digest}");
        assert_eq!(digest, format!("sha256:{}", sha256_hex(rules_manifest().as_bytes())));
        assert!(rules_manifest().contains("crates/extract/src/provenance.rs "));
    }

    #[test]
    fn the_manifest_lists_what_is_used_in_a_fixed_order() {
        let m = manifest(Some(ParserKind::Accurate), &[]);
        let names: Vec<&str> = m.lines().map(|l| l.split(' ').next().unwrap()).collect();
        assert_eq!(names, ["tokenizer", "tagger", "parser", "ner", "kb"]);
        let m = manifest(Some(ParserKind::Fast), &["ab".repeat(32)]);
        let names: Vec<&str> = m.lines().map(|l| l.split(' ').next().unwrap()).collect();
        assert_eq!(names, ["tokenizer", "tagger", "parser-fast", "ner", "kb", "kb-extra"]);
        assert!(m.ends_with(&format!("kb-extra {}\n", "ab".repeat(32))));
        let m = manifest(None, &[]);
        let names: Vec<&str> = m.lines().map(|l| l.split(' ').next().unwrap()).collect();
        assert_eq!(names, ["tokenizer", "ner", "kb"]);
    }

    #[test]
    fn digests_differ_with_the_parser_and_the_dictionaries() {
        let accurate = models_digest(Some(ParserKind::Accurate), &[]);
        assert!(accurate.starts_with("sha256:") && accurate.len() == 71, "{accurate}");
        assert_eq!(accurate, models_digest(Some(ParserKind::Accurate), &[]));
        assert_ne!(accurate, models_digest(Some(ParserKind::Fast), &[]));
        assert_ne!(accurate, models_digest(None, &[]));
        assert_ne!(accurate, models_digest(Some(ParserKind::Accurate), &["00".repeat(32)]));
    }
}
