//! The export writes every table, partitioned by month, with rows that read back as stored.

use std::path::Path;

use arrow_array::{Array, Int64Array, RecordBatch, StringArray};
use claimgraph_core::extraction::{
    Claim, Claimant, ClaimantKind, Entity, EntityType, Event, EventStatus, EventType, Producer, Stance,
};
use claimgraph_core::{Document, Extraction, Meta, Span};
use claimgraph_parquet::{ExportFilter, Options, export};
use claimgraph_store::{SqliteStore, Store};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

fn span(doc: &Document, needle: &str) -> Span {
    let b = doc.text().find(needle).unwrap();
    doc.span_bytes(b, b + needle.len()).unwrap()
}

/// A report with one actor, one event and an asserting and a denying claim about it.
fn report(n: usize, published: Option<&str>, event_type: EventType) -> Extraction {
    let text = format!(
        "Dépêche {n}. Des combattants ont attaqué un poste près de Ménaka. La mairie l’a confirmé ; le groupe a démenti."
    );
    let doc = Document::new(
        &text,
        Meta {
            published: published.map(str::to_string),
            title: Some(format!("Dépêche {n}")),
            ..Meta::default()
        },
    );
    let mut x = Extraction::empty(&doc);
    x.entities = vec![Entity {
        id: "E1".into(),
        name: "combattants".into(),
        entity_type: EntityType::Norp,
        kind: None,
        country: None,
        kb_id: Some("actor:SLF".into()),
        aliases: vec!["le groupe".into()],
        mentions: vec![span(&doc, "combattants"), span(&doc, "le groupe")],
    }];
    x.events = vec![Event {
        id: "V1".into(),
        event_type,
        mode: None,
        cameo: None,
        actor: Some("E1".into()),
        target: None,
        date: None,
        location: None,
        fatalities: None,
        injuries: None,
        status: EventStatus::Reported,
        evidence: vec![span(&doc, "Des combattants ont attaqué un poste près de Ménaka")],
    }];
    let claim = |id: &str, name: &str, stance, ev: &str| Claim {
        id: id.into(),
        claimant: Claimant { entity: None, name: name.into(), kind: ClaimantKind::Official, count: None },
        stance,
        hedged: false,
        about: vec!["V1".into()],
        via: None,
        evidence: vec![span(&doc, ev)],
    };
    x.claims = vec![
        claim("C1", "La mairie", Stance::Confirms, "La mairie l’a confirmé"),
        claim("C2", "le groupe", Stance::Denies, "le groupe a démenti"),
    ];
    x.check_spans().unwrap();
    x
}

fn read(path: &Path) -> Vec<RecordBatch> {
    let f = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    ParquetRecordBatchReaderBuilder::try_new(f).unwrap().build().unwrap().map(|b| b.unwrap()).collect()
}

fn rows(path: &Path) -> usize {
    read(path).iter().map(RecordBatch::num_rows).sum()
}

fn strings(batches: &[RecordBatch], column: &str) -> Vec<Option<String>> {
    let mut out = Vec::new();
    for b in batches {
        let c = b.column_by_name(column).unwrap().as_any().downcast_ref::<StringArray>().unwrap();
        out.extend((0..c.len()).map(|i| c.is_valid(i).then(|| c.value(i).to_string())));
    }
    out
}

fn store() -> SqliteStore {
    let mut s = SqliteStore::open_in_memory().unwrap();
    let mut xs = [
        report(1, Some("2024-02-03"), EventType::Assault),
        report(2, Some("2024-02-20"), EventType::Assault),
        report(3, Some("2024-03-01"), EventType::Protest),
        report(4, None, EventType::Assault),
    ];
    // the undated report says what made it; the others do not
    xs[3].producer = Some(Producer {
        name: "claimgraph".into(),
        version: "9.9.9".into(),
        parser: Some("fast".into()),
        beam: Some(1),
        models: Some(format!("sha256:{}", "0f".repeat(32))),
        rules: Some(format!("sha256:{}", "1e".repeat(32))),
    });
    for x in &xs {
        s.put_extraction(x, "test", false).unwrap();
    }
    s
}

#[test]
fn writes_every_table_partitioned_by_month() {
    let s = store();
    let dir = tempfile::tempdir().unwrap();
    // Row groups of 1 row: several row groups per file are read back whole.
    let summary =
        export(&s, Some(&s), dir.path(), &ExportFilter::default(), Options { row_group_rows: 1 }).unwrap();
    assert_eq!(summary.rows["documents"], 4);
    assert_eq!(summary.rows["events"], 4);
    assert_eq!(summary.rows["claims"], 8);
    assert_eq!(summary.rows["claim_links"], 8);
    assert_eq!(summary.rows["mentions"], 8);
    assert_eq!(summary.months, 3);
    let p = dir.path();
    assert_eq!(rows(&p.join("documents/month=2024-02/part-0.parquet")), 2);
    assert_eq!(rows(&p.join("documents/month=2024-03/part-0.parquet")), 1);
    assert_eq!(rows(&p.join("documents/month=unknown/part-0.parquet")), 1);
    assert_eq!(rows(&p.join("events/month=2024-02/part-0.parquet")), 2);
    // No incidents were merged: the table is one empty, readable file.
    assert_eq!(rows(&p.join("incidents/part-0.parquet")), 0);
    // No temporary directory is left behind.
    let names: Vec<String> =
        std::fs::read_dir(p).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert!(names.iter().all(|n| !n.starts_with('.')), "{names:?}");

    let events = read(&p.join("events/month=2024-02/part-0.parquet"));
    assert_eq!(strings(&events, "actor"), [Some("combattants".into()), Some("combattants".into())]);
    assert_eq!(strings(&events, "actor_kb_id")[0].as_deref(), Some("actor:SLF"));
    assert_eq!(strings(&events, "type")[0].as_deref(), Some("ASSAULT"));
    // Offsets are char offsets into the text: the slice of the text is the mention.
    let docs = read(&p.join("documents/month=unknown/part-0.parquet"));
    let text = strings(&docs, "text")[0].clone().unwrap();
    assert_eq!(strings(&docs, "parser"), [Some("fast".into())], "what made the extraction");
    assert_eq!(strings(&docs, "producer_version"), [Some("9.9.9".into())]);
    assert_eq!(strings(&docs, "producer_models"), [Some(format!("sha256:{}", "0f".repeat(32)))]);
    assert_eq!(strings(&docs, "producer_rules"), [Some(format!("sha256:{}", "1e".repeat(32)))]);
    let beams = docs[0].column_by_name("beam").unwrap().as_any().downcast_ref::<Int64Array>().unwrap();
    assert_eq!(beams.value(0), 1);
    let dated = read(&p.join("documents/month=2024-03/part-0.parquet"));
    assert_eq!(strings(&dated, "parser"), [None], "an extraction that does not say");
    let mentions = read(&p.join("mentions/month=unknown/part-0.parquet"));
    let starts = mentions[0].column_by_name("start").unwrap().as_any().downcast_ref::<Int64Array>().unwrap();
    let ends = mentions[0].column_by_name("end").unwrap().as_any().downcast_ref::<Int64Array>().unwrap();
    let slice: String = text
        .chars()
        .skip(starts.value(0) as usize)
        .take((ends.value(0) - starts.value(0)) as usize)
        .collect();
    assert_eq!(slice, strings(&mentions, "text")[0].clone().unwrap());
    let claims = read(&p.join("claims/month=2024-03/part-0.parquet"));
    assert_eq!(strings(&claims, "stance"), [Some("confirms".into()), Some("denies".into())]);
}

#[test]
fn filters_select_documents_and_events() {
    let s = store();
    let dir = tempfile::tempdir().unwrap();
    let f = ExportFilter {
        since: Some("2024-02-10".into()),
        until: Some("2024-03".into()),
        ..Default::default()
    };
    let summary = export(&s, None, dir.path(), &f, Options::default()).unwrap();
    assert_eq!(summary.rows["documents"], 2);
    let f = ExportFilter { event_type: Some(EventType::Protest), ..Default::default() };
    let summary = export(&s, None, dir.path(), &f, Options::default()).unwrap();
    assert_eq!((summary.rows["documents"], summary.rows["events"], summary.rows["claims"]), (1, 1, 2));
    // A second export replaced the first: only the protest's month is there now.
    assert!(!dir.path().join("documents/month=2024-02").exists());
    assert!(dir.path().join("documents/month=2024-03/part-0.parquet").exists());
    let f = ExportFilter { actor: Some("slf".into()), ..Default::default() };
    assert_eq!(export(&s, None, dir.path(), &f, Options::default()).unwrap().rows["events"], 4);
    let f = ExportFilter { actor: Some("nobody".into()), ..Default::default() };
    let summary = export(&s, None, dir.path(), &f, Options::default()).unwrap();
    assert_eq!(summary.rows["documents"], 0);
    assert_eq!(rows(&dir.path().join("events/month=unknown/part-0.parquet")), 0, "empty but readable");
}

#[test]
fn a_file_in_the_way_is_an_error_and_nothing_is_lost() {
    let s = store();
    let dir = tempfile::tempdir().unwrap();
    export(&s, None, dir.path(), &ExportFilter::default(), Options::default()).unwrap();
    let before = rows(&dir.path().join("documents/month=2024-02/part-0.parquet"));
    let file = dir.path().join("not-a-dir");
    std::fs::write(&file, "x").unwrap();
    assert!(export(&s, None, &file, &ExportFilter::default(), Options::default()).is_err());
    assert_eq!(rows(&dir.path().join("documents/month=2024-02/part-0.parquet")), before);
}
