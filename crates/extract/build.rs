//! Computes the sha256 of every model file and of the knowledge base that this build embeds
//! (the other crates `include_bytes!` the same files), so that an extraction can say which
//! models made it (`producer.models`) without hashing 40 MB each time a process starts.
//! Writes `OUT_DIR/embedded_models.rs`: a table of (component, path, sha256).

use std::fmt::Write as _;
use std::path::PathBuf;

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

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo")).join("../..");
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
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo")).join("embedded_models.rs");
    std::fs::write(out, table).expect("write OUT_DIR/embedded_models.rs");
}
