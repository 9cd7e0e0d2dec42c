//! Query commands: tables, JSON, show, search, missing store.

use super::util::*;

#[test]
fn query_commands_after_demo() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    assert!(run_in(p, &["demo"], None).status.success());
    let docs: Vec<serde_json::Value> =
        serde_json::from_slice(&run_in(p, &["docs", "--json"], None).stdout).unwrap();
    assert_eq!(docs.len(), 4);
    let id = docs[0]["id"].as_str().unwrap().to_string();
    let prefix = &id["sha256:".len().."sha256:".len() + 10];
    let o = run_in(p, &["show", prefix, "--json"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let x: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(x["document"]["id"], id);
    assert_eq!(x["schema"], "claimgraph/extraction/v1");
    let o = run_in(p, &["show", prefix], None);
    assert!(stdout(&o).contains(&id));

    let o = run_in(p, &["search", "border post", "--json"], None);
    let hits: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert!(!hits.is_empty());
    for hostile in ["\"", "NEAR(", "'; DROP TABLE documents; --", "*", "a OR"] {
        let o = run_in(p, &["search", hostile], None);
        assert!(o.status.success(), "{hostile}: {}", stderr(&o));
    }
    for cmd in [["events"], ["claims"], ["entities"], ["docs"]] {
        let o = run_in(p, &cmd, None);
        assert!(o.status.success(), "{cmd:?}: {}", stderr(&o));
    }
    let o = run_in(p, &["events", "--type", "nonsense"], None);
    assert_eq!(o.status.code(), Some(3));
    let o = run_in(p, &["show", "ffffffffffff"], None);
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("no stored document"), "{}", stderr(&o));
}

#[test]
fn query_on_a_missing_store_is_an_error_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let o = run_in(dir.path(), &["docs"], None);
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("no store at"), "{}", stderr(&o));
    assert!(!dir.path().join("claimgraph.db").exists());
}
