//! Copies the shipped compiled KB (`kb/claimgraph.kb` at the repository root) into OUT_DIR
//! so that `Kb::embedded()` can `include_bytes!` it; an empty file when it does not exist
//! yet (first `claimgraph kb build`), which `Kb::embedded()` reports as an error.

use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let src = manifest.join("../../kb/claimgraph.kb");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo")).join("claimgraph.kb");
    println!("cargo:rerun-if-changed={}", src.display());
    let bytes = std::fs::read(&src).unwrap_or_default();
    std::fs::write(&out, bytes).expect("write OUT_DIR/claimgraph.kb");
}
