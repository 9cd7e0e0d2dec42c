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

/// JSON Lines piped in by a slow writer (a feed, `tail -f`) are stored and merged as they
/// come: the first record does not wait for a kilobyte of input, a chunk of inputs or a
/// full merge batch.
#[test]
fn a_slow_pipe_is_stored_and_merged_as_it_comes() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let line = |i: usize| {
        serde_json::json!({"text": report(i), "published": "2026-03-04", "title": format!("r{i}")})
            .to_string()
            + "\n"
    };
    let mut child = Command::new(bin())
        .current_dir(p)
        .args(["ingest", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    pipe.write_all(line(1).as_bytes()).unwrap();
    pipe.flush().unwrap();
    // The pipe stays open: the record has to get through on its own.
    let waited = Instant::now();
    let merged = loop {
        if p.join("claimgraph.db").exists() && doc_count(p, "claimgraph.db") == 1 {
            let o = run_in(p, &["incidents", "--json"], None);
            if o.status.success() && !json_lines(&o).is_empty() {
                break true;
            }
        }
        if waited.elapsed() > Duration::from_secs(60) {
            break false;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    pipe.write_all(line(2).as_bytes()).unwrap();
    drop(pipe);
    let status = child.wait().unwrap();
    assert!(merged, "the first record was not stored and merged while the pipe stayed open");
    assert!(status.success());
    assert_eq!(doc_count(p, "claimgraph.db"), 2);
}
