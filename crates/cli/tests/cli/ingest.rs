//! `claimgraph ingest` and `demo`: idempotence, --reextract, --db and CLAIMGRAPH_DB.

use super::util::*;

#[test]
fn ingesting_twice_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::create_dir(p.join("reports")).unwrap();
    for i in 0..12 {
        std::fs::write(p.join(format!("reports/r{i:02}.txt")), report(i)).unwrap();
    }
    let first = run_in(p, &["ingest", "reports", "--json"], None);
    assert!(first.status.success(), "{}", stderr(&first));
    let s1: serde_json::Value = serde_json::from_slice(&first.stdout).unwrap();
    assert_eq!(s1["inserted"], 12);
    let second = run_in(p, &["ingest", "reports", "--json"], None);
    let s2: serde_json::Value = serde_json::from_slice(&second.stdout).unwrap();
    assert_eq!(s2["inserted"], 0);
    assert_eq!(s2["unchanged"], 12);
    assert_eq!(s1["store"], s2["store"]);
    let third = run_in(p, &["ingest", "reports", "--reextract", "--json"], None);
    let s3: serde_json::Value = serde_json::from_slice(&third.stdout).unwrap();
    assert_eq!(s3["replaced"], 12);
    assert_eq!(s1["store"], s3["store"]);
    assert!(p.join("claimgraph.db").exists());
}

#[test]
fn db_flag_and_environment() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join("a.txt"), report(3)).unwrap();
    let o = run_in(p, &["--db", "other.db", "ingest", "a.txt"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(p.join("other.db").exists());
    assert!(!p.join("claimgraph.db").exists());
    let o = std::process::Command::new(bin())
        .current_dir(p)
        .env("CLAIMGRAPH_DB", "env.db")
        .args(["ingest", "a.txt"])
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(p.join("env.db").exists());
}

#[test]
fn demo_runs_in_one_command() {
    let dir = tempfile::tempdir().unwrap();
    let o = run_in(dir.path(), &["demo"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("demo: ingested 4 documents (4 new"), "{out}");
    assert!(out.contains("Gunmen attack border post"), "{out}");
    assert_eq!(doc_count(dir.path(), "claimgraph.db"), 4);
    // a second run is idempotent
    let o = run_in(dir.path(), &["demo"], None);
    assert!(stdout(&o).contains("(0 new, 4 unchanged"), "{}", stdout(&o));
}
