//! Computes, at build time, what an extraction's `producer` says about the build that made it
//! (see `src/provenance.rs`), so that no process hashes 40 MB or its own sources at start:
//! - the sha256 of every model file and of the knowledge base that this build embeds (the
//!   other crates `include_bytes!` the same files): `OUT_DIR/embedded_models.rs`, a table of
//!   (component, path, sha256);
//! - the sha256 of every source file of the crates that turn a document's text into an
//!   extraction (`producer.rules`): `OUT_DIR/rule_sources.rs`, a table of (path, sha256).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use claimgraph_core::digest::sha256_hex;

/// (component, path from the repository root). A missing file hashes as empty: the crate
/// that embeds it then reports "no embedded model" at run time.
const FILES: [(&str, &str); 6] = [
    ("tokenizer", "models/tokenizer/en_ewt.model"),
    ("tagger", "models/tagger.bin"),
    ("parser", "models/parser.bin"),
    ("parser-fast", "models/parser-fast.bin"),
    ("ner", "models/ner.bin"),
    ("kb", "kb/claimgraph.kb"),
];

/// The source folders whose code decides what an extraction holds, from the repository
/// root: the document model and normalization (`core`), tokenizer and sentence splitter
/// (`text`), tagger, lemmatizer and parsers (`nlp`), recognizer (`ner`), knowledge-base
/// lookups (`kb`), the extraction rules themselves (`extract`) and the trigger tables they
/// embed (`extract/data`: CAMEO verbs and the CAMEO to PLOVER table).
const RULE_SOURCES: [&str; 7] = [
    "crates/core/src",
    "crates/text/src",
    "crates/nlp/src",
    "crates/ner/src",
    "crates/kb/src",
    "crates/extract/src",
    "crates/extract/data",
];

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo")).join("../..");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo"));

    let mut table = String::from("&[\n");
    for (component, path) in FILES {
        let file = root.join(path);
        println!("cargo:rerun-if-changed={}", file.display());
        let bytes = std::fs::read(&file).unwrap_or_default();
        let hex = sha256_hex(&bytes);
        let _ =
            writeln!(table, "    ModelFile {{ component: {component:?}, path: {path:?}, sha256: {hex:?} }},");
    }
    table.push_str("]\n");
    std::fs::write(out.join("embedded_models.rs"), table).expect("write OUT_DIR/embedded_models.rs");

    let mut files = Vec::new();
    for dir in RULE_SOURCES {
        // A folder: cargo reruns this script when any file under it changes.
        println!("cargo:rerun-if-changed={}", root.join(dir).display());
        collect(&root, &root.join(dir), &mut files);
    }
    files.sort();
    let mut table = String::from("&[\n");
    for (path, hex) in &files {
        let _ = writeln!(table, "    ({path:?}, {hex:?}),");
    }
    table.push_str("]\n");
    std::fs::write(out.join("rule_sources.rs"), table).expect("write OUT_DIR/rule_sources.rs");
}

/// Every file under `dir`, as (path from `root` with `/` separators, sha256 of its bytes with
/// CRLF line ends read as LF, so that a Windows checkout digests the same).
fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, files);
        } else if let Ok(bytes) = std::fs::read(&path) {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let rel: Vec<String> =
                rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            let hex = match std::str::from_utf8(&bytes) {
                Ok(text) => sha256_hex(text.replace("\r\n", "\n").as_bytes()),
                Err(_) => sha256_hex(&bytes),
            };
            files.push((rel.join("/"), hex));
        }
    }
}
