//! The shipped `kb/claimgraph.kb` is exactly what `build` makes from `../shared/data` and
//! `kb/curated/`: the build is reproducible and the shipped file is not stale.

use std::path::Path;

#[test]
fn shipped_kb_is_what_the_build_makes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let data = root.join("../shared/data");
    assert!(data.join("geonames").is_dir(), "../shared/data is missing beside the repository");
    let out = tempfile::tempdir().unwrap();
    std::fs::create_dir(out.path().join("curated")).unwrap();
    for f in std::fs::read_dir(root.join("kb/curated")).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, out.path().join("curated").join(f.file_name().unwrap())).unwrap();
    }
    let report = claimgraph_kb::build(&data, out.path()).unwrap();
    let built = std::fs::read(&report.path).unwrap();
    let shipped = std::fs::read(root.join("kb").join(claimgraph_kb::KB_FILE)).unwrap();
    assert_eq!(built.len(), shipped.len(), "kb/claimgraph.kb is stale: run `claimgraph kb build`");
    assert!(built == shipped, "kb/claimgraph.kb differs from a fresh build: run `claimgraph kb build`");
}
