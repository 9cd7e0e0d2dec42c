//! A SIGKILL in the middle of an ingest, then a re-run: no duplicate, no half document, on
//! both backends.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::util::*;

#[test]
fn killed_ingest_resumes_without_duplicates_or_partial_documents() {
    let dir = tempfile::tempdir().unwrap();
    let wal = dir.path().join("claimgraph.db-wal");
    // Kill once some documents are stored, but (very likely) not all of them.
    kill_and_resume(dir.path(), "claimgraph.db", &|| {
        std::fs::metadata(&wal).map(|m| m.len() > 32 * 1024).unwrap_or(false)
    });
}

#[test]
fn killed_ingest_resumes_without_duplicates_or_partial_documents_postgres() {
    let Some(db) = TestDb::postgres() else { return };
    let dir = tempfile::tempdir().unwrap();
    kill_and_resume(dir.path(), &db.locator, &|| {
        db.query_i64("SELECT count(*) FROM pg_tables WHERE tablename = 'documents'") == 1
            && db.query_i64("SELECT count(*) FROM documents") >= 64
    });
}

/// Ingests 3,000 reports into `db`, kills the ingest with SIGKILL once `started` holds,
/// re-runs it, and checks that every document is stored once and whole.
fn kill_and_resume(p: &std::path::Path, db: &str, started: &dyn Fn() -> bool) {
    let n = 3_000;
    let mut jsonl = String::new();
    for i in 0..n {
        let rec =
            serde_json::json!({"text": report(i), "title": format!("Report {i}"), "published": "2024-02-03"});
        jsonl.push_str(&rec.to_string());
        jsonl.push('\n');
    }
    std::fs::write(p.join("batch.jsonl"), &jsonl).unwrap();

    let mut child = Command::new(bin())
        .current_dir(p)
        .args(["--db", db, "ingest", "batch.jsonl"])
        .env_remove("CLAIMGRAPH_DB")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(60) {
        if started() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL on Unix
    let status = child.wait().unwrap();
    assert!(!status.success(), "the ingest finished before it could be killed");

    let partial = doc_count(p, db);
    assert!(partial < n, "killed after all {n} documents were stored");

    let o = run_in(p, &["--db", db, "ingest", "batch.jsonl", "--json"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let s: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(s["inserted"].as_u64().unwrap() + s["unchanged"].as_u64().unwrap(), n as u64);
    assert_eq!(s["unchanged"].as_u64().unwrap(), partial as u64);
    assert_eq!(s["store"]["documents"], n);
    assert_eq!(doc_count(p, db), n);

    // Every stored document is whole: its extraction reads back and every span is exact.
    let docs: Vec<serde_json::Value> =
        serde_json::from_slice(&run_in(p, &["--db", db, "docs", "--json", "--limit", "100000"], None).stdout)
            .unwrap();
    for d in docs.iter().step_by(149) {
        let o = run_in(p, &["--db", db, "show", "--json", d["id"].as_str().unwrap()], None);
        assert!(o.status.success());
        let x: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let text = x["document"]["text"].as_str().unwrap();
        assert!(text.starts_with("Report "), "{text}");
        assert_eq!(x["document"]["published"], "2024-02-03");
    }
}
