//! `claimgraph export`: every format from a demo store, filters, and usage errors.

use super::util::*;

#[test]
fn export_every_format_after_demo() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    assert!(run_in(p, &["demo", "--json"], None).status.success());
    let events: Vec<serde_json::Value> =
        serde_json::from_slice(&run_in(p, &["events", "--json", "--limit", "1000"], None).stdout).unwrap();

    let o = run_in(p, &["export", "--format", "jsonl", "--out", "-"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 4);
    assert!(lines.iter().all(|x| x["schema"] == "claimgraph/extraction/v1"));

    let o = run_in(p, &["export", "--format", "csv", "--out", "tables"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let events_csv = std::fs::read_to_string(p.join("tables/events.csv")).unwrap();
    assert!(events_csv.starts_with("event_id,incident_id,doc_id,event_date,"));
    assert_eq!(csv_rows(&events_csv).len(), events.len());
    assert!(p.join("tables/claims.csv").is_file());

    for (format, file) in [("stix", "bundle.json"), ("graphml", "actors.graphml"), ("gexf", "actors.gexf")] {
        let o = run_in(p, &["export", "--format", format, "--out", file], None);
        assert!(o.status.success(), "{format}: {}", stderr(&o));
        assert!(stderr(&o).contains("export: 4 of 4 documents"), "{}", stderr(&o));
        let text = std::fs::read_to_string(p.join(file)).unwrap();
        assert!(!text.is_empty());
    }
    let bundle: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(p.join("bundle.json")).unwrap()).unwrap();
    assert_eq!(bundle["type"], "bundle");

    // Filters: ASSAULT only, and an actor nobody matches.
    let o = run_in(p, &["export", "--format", "csv", "--type", "assault", "--out", "assault"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let rows = csv_rows(&std::fs::read_to_string(p.join("assault/events.csv")).unwrap());
    let assaults = events.iter().filter(|e| e["type"] == "ASSAULT").count();
    assert_eq!(rows.len(), assaults);
    let o = run_in(p, &["export", "--format", "jsonl", "--actor", "no such actor", "--out", "-"], None);
    assert!(o.status.success());
    assert!(o.stdout.is_empty());

    // After `merge`, events carry their incident and its independent sources.
    let o = run_in(p, &["merge", "--json"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run_in(p, &["export", "--format", "csv", "--out", "merged"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(p.join("merged/events.csv")).unwrap();
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let headers = r.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert!(rows.iter().all(|row| !row[col("incident_id")].is_empty()), "every event is in an incident");
    let max_sources = rows.iter().map(|row| row[col("n_sources")].parse::<u32>().unwrap()).max().unwrap();
    assert!(max_sources >= 2, "the demo reports corroborate one incident: {max_sources}");
}

#[test]
fn export_errors() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    // No store: an error, and no store or output is created.
    let o = run_in(p, &["export", "--format", "stix", "--out", "b.json"], None);
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("no store"), "{}", stderr(&o));
    assert!(!p.join("claimgraph.db").exists() && !p.join("b.json").exists());
    // Usage errors.
    for args in [
        &["export", "--format", "stix", "--out", "b.json", "--type", "BOMBING"][..],
        &["export", "--format", "stix", "--out", "b.json", "--since", "2024-13-01"],
        &["export", "--format", "xml", "--out", "b.xml"],
        &["export", "--format", "stix"],
    ] {
        let o = run_in(p, args, None);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    }
    assert!(run_in(p, &["demo", "--json"], None).status.success());
    // Parquet writes a directory: stdout is refused, a directory gets the month-partitioned lake.
    let o = run_in(p, &["export", "--format", "parquet", "--out", "-"], None);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let o = run_in(p, &["export", "--format", "parquet", "--out", "pq"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(p.join("pq/events").is_dir() && p.join("pq/documents").is_dir(), "{}", stderr(&o));
    let o = run_in(p, &["export", "--format", "csv", "--out", "-"], None);
    assert_eq!(o.status.code(), Some(3));
    // A failed export leaves an existing file as it was.
    std::fs::write(p.join("keep.json"), "old").unwrap();
    let o = run_in(p, &["export", "--format", "stix", "--out", "keep.json", "--db", "missing.db"], None);
    assert_eq!(o.status.code(), Some(3));
    assert_eq!(std::fs::read_to_string(p.join("keep.json")).unwrap(), "old");
}

/// Data rows of a CSV text (header excluded).
fn csv_rows(text: &str) -> Vec<csv::StringRecord> {
    csv::Reader::from_reader(text.as_bytes()).records().map(Result::unwrap).collect()
}
