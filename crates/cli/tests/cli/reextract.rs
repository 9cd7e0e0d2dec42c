//! `claimgraph reextract`: stored documents extracted again from their stored text when
//! another producer made them.

use super::util::*;

fn on(dir: &std::path::Path, db: &str, args: &[&str]) -> std::process::Output {
    let mut all = vec!["--db", db];
    all.extend_from_slice(args);
    run_in(dir, &all, None)
}

fn json(o: &std::process::Output) -> serde_json::Value {
    assert!(o.status.success(), "{}", stderr(o));
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

/// The whole cycle on one store: what is stale, re-extraction, nothing left, dictionaries
/// and `--all`.
fn stale_documents_are_extracted_again(dir: &std::path::Path, db: &str) {
    for i in 0..3 {
        std::fs::write(dir.join(format!("r{i}.txt")), report(i)).unwrap();
    }
    std::fs::write(
        dir.join("local.toml"),
        "[[actor]]\nid = \"GOMAWATCH\"\nname = \"Goma Watch\"\nkind = \"armed_group\"\n",
    )
    .unwrap();
    // two documents with the fast parser, one with the default
    assert!(on(dir, db, &["--parser", "fast", "ingest", "r0.txt", "r1.txt"]).status.success());
    assert!(on(dir, db, &["ingest", "r2.txt"]).status.success());
    let incidents_before = stdout(&on(dir, db, &["incidents", "--json"])).lines().count();
    assert!(incidents_before > 0);

    let plan = json(&on(dir, db, &["reextract", "--dry-run", "--json"]));
    assert_eq!((plan["documents"].as_u64(), plan["stale"].as_u64()), (Some(3), Some(2)), "{plan}");
    assert_eq!(plan["made_by"][0]["producer"]["parser"], "fast", "{plan}");
    assert_eq!(plan["made_by"][0]["documents"], 2, "{plan}");
    assert_eq!(plan["current"]["parser"], "accurate", "{plan}");
    let text = stdout(&on(dir, db, &["reextract", "--dry-run"]));
    assert!(text.contains("2 of 3 stored documents") && text.contains("fast parser, beam 1"), "{text}");
    // a dry run changes nothing
    assert_eq!(json(&on(dir, db, &["reextract", "--dry-run", "--json"]))["stale"], 2);

    let done = json(&on(dir, db, &["reextract", "--json"]));
    assert_eq!((done["replaced"].as_u64(), done["unchanged"].as_u64()), (Some(2), Some(1)), "{done}");
    assert_eq!((done["inserted"].as_u64(), done["failed"].as_u64()), (Some(0), Some(0)), "{done}");
    assert_eq!(done["store"]["documents"], 3, "{done}");
    let listed = json(&on(dir, db, &["docs", "--json"]));
    assert!(listed.as_array().unwrap().iter().all(|d| d["producer"]["parser"] == "accurate"), "{listed}");
    // the same texts: the same incidents
    assert_eq!(stdout(&on(dir, db, &["incidents", "--json"])).lines().count(), incidents_before);

    // nothing left to do
    assert_eq!(json(&on(dir, db, &["reextract", "--dry-run", "--json"]))["stale"], 0);
    let again = json(&on(dir, db, &["reextract", "--json"]));
    assert_eq!((again["replaced"].as_u64(), again["unchanged"].as_u64()), (Some(0), Some(3)), "{again}");
    let o = on(dir, db, &["reextract"]);
    assert!(stderr(&o).contains("reextract: 3 documents (0 new, 3 unchanged, 0 replaced)"), "{}", stderr(&o));

    // a dictionary is part of what made an extraction
    let with = json(&on(dir, db, &["reextract", "--kb-extra", "local.toml", "--json"]));
    assert_eq!(with["replaced"], 3, "{with}");
    assert_eq!(
        json(&on(dir, db, &["reextract", "--kb-extra", "local.toml", "--dry-run", "--json"]))["stale"],
        0
    );
    assert_eq!(json(&on(dir, db, &["reextract", "--dry-run", "--json"]))["stale"], 3);
    // --all: every document
    let all = json(&on(dir, db, &["reextract", "--all", "--kb-extra", "local.toml", "--json"]));
    assert_eq!((all["replaced"].as_u64(), all["unchanged"].as_u64()), (Some(3), Some(0)), "{all}");
}

#[test]
fn reextract_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    stale_documents_are_extracted_again(dir.path(), "cg.db");
}

#[test]
fn reextract_on_postgres() {
    let Some(pg) = TestDb::postgres() else { return };
    let dir = tempfile::tempdir().unwrap();
    stale_documents_are_extracted_again(dir.path(), &pg.locator);
}

/// No store: an error, and no store created.
#[test]
fn reextract_needs_a_store() {
    let dir = tempfile::tempdir().unwrap();
    let o = run_in(dir.path(), &["reextract"], None);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("no store at"), "{}", stderr(&o));
    assert!(!dir.path().join("claimgraph.db").exists());
}

/// A stored document whose text this version would give another id is not extracted again
/// (that would store it twice): an error naming it, and the store keeps it as it was.
#[test]
fn a_document_that_would_change_its_id_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join("r.txt"), report(1)).unwrap();
    assert!(on(p, "cg.db", &["--parser", "fast", "ingest", "r.txt"]).status.success());
    // Damage the stored text behind the store's back (as a normalization change would).
    let conn = rusqlite::Connection::open(p.join("cg.db")).unwrap();
    conn.execute("UPDATE documents SET text = text || ' Extra.'", []).unwrap();
    drop(conn);
    let o = on(p, "cg.db", &["reextract", "--json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("normalizes its text differently"), "{}", stderr(&o));
    let listed = json(&on(p, "cg.db", &["docs", "--json"]));
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["producer"]["parser"], "fast");
}

/// A document extracted by a build with other extraction rules (same version, parser and
/// models, as between two commits) or by one that did not record its rules is stale; it is
/// extracted again and then carries this build's rules digest.
#[test]
fn other_rules_make_a_document_stale() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    for i in 0..3 {
        std::fs::write(p.join(format!("r{i}.txt")), report(i)).unwrap();
    }
    assert!(on(p, "cg.db", &["ingest", "r0.txt", "r1.txt", "r2.txt"]).status.success());
    let current = json(&on(p, "cg.db", &["reextract", "--dry-run", "--json"]));
    assert_eq!(current["stale"], 0, "{current}");
    let rules = current["current"]["rules"].as_str().unwrap().to_string();
    assert!(rules.starts_with("sha256:") && rules.len() == 71, "{current}");
    let version = stdout(&run_in(p, &["--version"], None));
    assert!(
        version.contains(&format!("producer.rules (the extraction code of this build):\n  {rules}")),
        "{version}"
    );

    // Rewrite two stored producers behind the store's back: other rules, and none recorded.
    let conn = rusqlite::Connection::open(p.join("cg.db")).unwrap();
    let stored: Vec<(String, String)> = {
        let mut q = conn.prepare("SELECT id, producer FROM documents ORDER BY id").unwrap();
        q.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
    };
    assert!(stored.iter().all(|(_, producer)| producer.contains(&rules)));
    let other = stored[0].1.replace(&rules, &format!("sha256:{}", "0".repeat(64)));
    let unrecorded = stored[1].1.replace(&format!(",\"rules\":\"{rules}\""), "");
    assert!(!unrecorded.contains("rules"), "{unrecorded}");
    conn.execute("UPDATE documents SET producer = ?1 WHERE id = ?2", [&other, &stored[0].0]).unwrap();
    conn.execute("UPDATE documents SET producer = ?1 WHERE id = ?2", [&unrecorded, &stored[1].0]).unwrap();
    drop(conn);

    let plan = json(&on(p, "cg.db", &["reextract", "--dry-run", "--json"]));
    assert_eq!(plan["stale"], 2, "{plan}");
    let text = stdout(&on(p, "cg.db", &["reextract", "--dry-run"]));
    assert!(text.contains(", rules sha256:000000000000"), "{text}");
    let done = json(&on(p, "cg.db", &["reextract", "--json"]));
    assert_eq!((done["replaced"].as_u64(), done["unchanged"].as_u64()), (Some(2), Some(1)), "{done}");
    let listed = json(&on(p, "cg.db", &["docs", "--json"]));
    assert!(listed.as_array().unwrap().iter().all(|d| d["producer"]["rules"] == rules.as_str()), "{listed}");
}
