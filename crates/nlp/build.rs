//! Copies the trained models from `models/` into `OUT_DIR` so that the library can embed them
//! with `include_bytes!`; a missing model becomes an empty file (the library then reports
//! "no embedded model" instead of failing to compile before the first training run).

use std::path::PathBuf;

fn main() {
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));
    let models =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("manifest dir")).join("../../models");
    for name in ["tagger.bin", "parser.bin", "parser-fast.bin"] {
        let src = models.join(name);
        println!("cargo:rerun-if-changed={}", src.display());
        let bytes = std::fs::read(&src).unwrap_or_default();
        std::fs::write(out.join(name), bytes).expect("write model copy");
    }
}
