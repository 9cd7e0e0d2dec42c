//! Across reports: `ingest` merges, `incidents`, `incident`, `timeline`, `actor`, `grade`,
//! `merge --rebuild`, on the merge crate's own reports.

use std::path::PathBuf;

use super::util::*;

fn fixtures() -> PathBuf {
    repo().join("crates/merge/tests/fixtures")
}

fn validator() -> jsonschema::Validator {
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo().join("spec/incidents-v1.schema.json")).unwrap())
            .unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

/// A store with the fixture reports ingested (in the order given).
fn ingested(files: &[&str], jobs: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db").display().to_string();
    let mut args = vec!["--db", &db, "ingest", "--published", "2026-03-05", "-j", jobs];
    let paths: Vec<String> = files.iter().map(|f| fixtures().join(f).display().to_string()).collect();
    args.extend(paths.iter().map(String::as_str));
    let o = run_in(dir.path(), &args, None);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("near-duplicate"), "{}", stderr(&o));
    (dir, db)
}

const ALL: &[&str] = &[
    "kabul_ministry.txt",
    "kabul_officials_denial.txt",
    "kabul_ministry_copy.txt",
    "mali_rebels.txt",
    "mali_kidal.txt",
];

#[test]
fn incidents_json_follows_the_contract_and_the_order_does_not_matter() {
    let (dir, db) = ingested(ALL, "2");
    let o = run_in(dir.path(), &["--db", &db, "incidents", "--json"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines = json_lines(&o);
    let v = validator();
    for l in &lines {
        let errors: Vec<String> = v.iter_errors(l).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:?}\n{l}");
    }
    let contested: Vec<&serde_json::Value> = lines.iter().filter(|l| l["contested"] == true).collect();
    assert_eq!(contested.len(), 1);
    let k = contested[0];
    assert_eq!(k["documents"].as_array().unwrap().len(), 3);
    assert_eq!(k["independent_sources"], 2);
    assert_eq!(k["location"]["name"], "Kabul");
    assert_eq!(k["claims"]["denies"][0], "Taliban");

    let reversed: Vec<&str> = ALL.iter().rev().copied().collect();
    let (dir2, db2) = ingested(&reversed, "1");
    let o2 = run_in(dir2.path(), &["--db", &db2, "incidents", "--json"], None);
    assert_eq!(stdout(&o), stdout(&o2), "same incidents whatever the order");

    let o3 = run_in(dir2.path(), &["--db", &db2, "merge", "--rebuild"], None);
    assert!(o3.status.success(), "{}", stderr(&o3));
    let o4 = run_in(dir2.path(), &["--db", &db2, "incidents", "--json"], None);
    assert_eq!(stdout(&o), stdout(&o4), "a rebuild gives the same incidents");

    let filtered = run_in(dir.path(), &["--db", &db, "incidents", "--json", "--place", "Kabul"], None);
    assert_eq!(json_lines(&filtered).len(), 1);
    let filtered = run_in(dir.path(), &["--db", &db, "incidents", "--json", "--since", "2026-03-04"], None);
    assert_eq!(json_lines(&filtered).len(), 0);
    let bad = run_in(dir.path(), &["--db", &db, "incidents", "--type", "EXPLODE"], None);
    assert_eq!(bad.status.code(), Some(3), "{}", stderr(&bad));
}

#[test]
fn incident_actor_timeline_and_grades() {
    let (dir, db) = ingested(ALL, "2");
    let lines =
        json_lines(&run_in(dir.path(), &["--db", &db, "incidents", "--json", "--actor", "Taliban"], None));
    assert_eq!(lines.len(), 1);
    let id = lines[0]["id"].as_str().unwrap().to_string();

    let o = run_in(dir.path(), &["--db", &db, "incident", &id[..10]], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    for want in
        ["CONTESTED", "Sources disagree on: fatalities, injuries", "Timeline", "The Taliban", "denies"]
    {
        assert!(text.contains(want), "{want:?} missing in\n{text}");
    }
    let o = run_in(dir.path(), &["--db", &db, "incident", &id, "--json"], None);
    let d: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(d["reports"].as_array().unwrap().len(), d["events"].as_array().unwrap().len());
    assert!(d["timeline"].as_array().unwrap().len() >= 3);
    let missing = run_in(dir.path(), &["--db", &db, "incident", "ffffffffffff"], None);
    assert_eq!(missing.status.code(), Some(3));

    let o = run_in(dir.path(), &["--db", &db, "timeline"], None);
    assert_eq!(
        stdout(&o).lines().count(),
        json_lines(&run_in(dir.path(), &["--db", &db, "incidents", "--json"], None)).len()
    );

    let o = run_in(dir.path(), &["--db", &db, "actor", "Taliban", "--json"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let a: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(a["claims_denied"].as_array().unwrap().len(), 1);
    assert_eq!(a["as_actor"][0]["incident"], id.as_str());

    // Grades: bad ones are usage errors; a claim grade wins over the suggestion.
    assert_eq!(
        run_in(dir.path(), &["--db", &db, "grade", "source", "Reuters", "G"], None).status.code(),
        Some(2)
    );
    assert_eq!(
        run_in(dir.path(), &["--db", &db, "grade", "claim", "x#C1", "7"], None).status.code(),
        Some(2)
    );
    let o = run_in(dir.path(), &["--db", &db, "grade", "source", "Reuters", "b"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let claim = format!(
        "{}#C2",
        d["reports"].as_array().unwrap().iter().find(|r| r["status"] == "denied").unwrap()["document"]
            .as_str()
            .unwrap()
    );
    let o = run_in(dir.path(), &["--db", &db, "grade", "claim", &claim, "2"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run_in(dir.path(), &["--db", &db, "incident", &id, "--json"], None);
    let d: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let graded = d["claim_details"].as_array().unwrap().iter().find(|c| c["stance"] == "denies").unwrap();
    assert_eq!(graded["credibility"]["grade"], 2);
    assert_eq!(graded["credibility"]["by"], "analyst");
    let o = run_in(dir.path(), &["--db", &db, "grade", "list", "--json"], None);
    assert!(stdout(&o).contains("Reuters"));
}

/// Ingests `ALL` into `db` (a path or URL) from `dir`, checking it merged.
fn ingest_into(dir: &std::path::Path, db: &str) {
    let mut args = vec!["--db", db, "ingest", "--published", "2026-03-05", "-j", "2"];
    let paths: Vec<String> = ALL.iter().map(|f| fixtures().join(f).display().to_string()).collect();
    args.extend(paths.iter().map(String::as_str));
    let o = run_in(dir, &args, None);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("near-duplicate"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("note:"), "{}", stderr(&o));
}

#[test]
fn commands_across_reports_work_on_postgres_as_on_sqlite() {
    let Some(pg) = TestDb::postgres() else { return };
    let (dir, sqlite) = ingested(ALL, "2");
    let dir = dir.path();
    ingest_into(dir, &pg.locator);
    let url = pg.locator.as_str();
    assert!(pg.query_i64("SELECT count(*) FROM doc_signatures") == ALL.len() as i64);
    let on = |db: &str, args: &[&str]| {
        let mut all = vec!["--db", db];
        all.extend(args);
        let o = run_in(dir, &all, None);
        assert!(o.status.success(), "{args:?} on {db}: {}", stderr(&o));
        stdout(&o)
    };

    // The same incidents, in every field, and the same detail and timeline.
    let incidents = on(url, &["incidents", "--json"]);
    assert_eq!(incidents, on(&sqlite, &["incidents", "--json"]));
    let lines: Vec<serde_json::Value> = incidents.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let v = validator();
    assert!(lines.iter().all(|l| v.is_valid(l)));
    let contested: Vec<&serde_json::Value> = lines.iter().filter(|l| l["contested"] == true).collect();
    assert_eq!(contested.len(), 1);
    let id = contested[0]["id"].as_str().unwrap().to_string();
    assert_eq!(on(url, &["incident", &id, "--json"]), on(&sqlite, &["incident", &id, "--json"]));
    let text = on(url, &["incident", &id[..10]]);
    assert!(text.contains("CONTESTED") && text.contains("denies"), "{text}");
    assert_eq!(on(url, &["timeline"]), on(&sqlite, &["timeline"]));
    assert_eq!(json_lines_of(&on(url, &["incidents", "--json", "--place", "kabul"])).len(), 1);
    let a: serde_json::Value = serde_json::from_str(&on(url, &["actor", "Taliban", "--json"])).unwrap();
    assert_eq!(a["claims_denied"].as_array().unwrap().len(), 1);
    assert_eq!(a["as_actor"][0]["incident"], id.as_str());
    let missing = run_in(dir, &["--db", url, "incident", "ffffffffffff"], None);
    assert_eq!(missing.status.code(), Some(3));

    // Grades: validated as on SQLite, kept by a rebuild, shown instead of the suggestion.
    let bad = run_in(dir, &["--db", url, "grade", "source", "Reuters", "G"], None);
    assert_eq!(bad.status.code(), Some(2));
    on(url, &["grade", "source", "Reuters", "b"]);
    let detail: serde_json::Value = serde_json::from_str(&on(url, &["incident", &id, "--json"])).unwrap();
    let denied = detail["reports"].as_array().unwrap().iter().find(|r| r["status"] == "denied").unwrap();
    let claim = format!("{}#C2", denied["document"].as_str().unwrap());
    on(url, &["grade", "claim", &claim, "2"]);
    on(url, &["merge", "--rebuild"]);
    assert_eq!(on(url, &["incidents", "--json"]), incidents, "a rebuild gives the same incidents");
    let detail: serde_json::Value = serde_json::from_str(&on(url, &["incident", &id, "--json"])).unwrap();
    let graded =
        detail["claim_details"].as_array().unwrap().iter().find(|c| c["stance"] == "denies").unwrap();
    assert_eq!(
        (&graded["credibility"]["grade"], &graded["credibility"]["by"]),
        (&2.into(), &"analyst".into())
    );
    let grades: serde_json::Value = serde_json::from_str(&on(url, &["grade", "list", "--json"])).unwrap();
    assert_eq!(grades[0]["name"], "Reuters");
    assert_eq!(grades[0]["grade"], "B");

    // A second ingest of the same files changes nothing; `merge` finds nothing pending.
    ingest_again_changes_nothing(dir, url, &incidents);
}

fn ingest_again_changes_nothing(dir: &std::path::Path, url: &str, incidents: &str) {
    let mut args = vec!["--db", url, "ingest", "--published", "2026-03-05", "--json"];
    let paths: Vec<String> = ALL.iter().map(|f| fixtures().join(f).display().to_string()).collect();
    args.extend(paths.iter().map(String::as_str));
    let o = run_in(dir, &args, None);
    assert!(o.status.success(), "{}", stderr(&o));
    let summary: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(summary["unchanged"], ALL.len());
    let o = run_in(dir, &["--db", url, "merge", "--json"], None);
    let merged: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(merged["merged"], 0);
    let o = run_in(dir, &["--db", url, "incidents", "--json"], None);
    assert_eq!(stdout(&o), incidents);
}

fn json_lines_of(s: &str) -> Vec<serde_json::Value> {
    s.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).unwrap()).collect()
}
