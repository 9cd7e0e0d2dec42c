//! Directories, sniffed files, standard input, overrides and the streaming driver.

use std::io::Cursor;

use claimgraph_core::Meta;
use claimgraph_ingest::{ErrorKind, ReadOptions, Stats, read_inputs};

use crate::{fixture, read_one};

#[test]
fn directory_is_walked_recursively_in_sorted_order() {
    let mut inputs = read_inputs(&[fixture("corpus")], &ReadOptions::default());
    let sources: Vec<String> = inputs.by_ref().map(|r| r.unwrap().source).collect();
    let root = fixture("corpus").display().to_string();
    let rel: Vec<&str> = sources.iter().map(|s| s.strip_prefix(&root).unwrap()).collect();
    assert_eq!(rel, ["/a.txt", "/sub/b.html", "/sub/c.md", "/sub/d.ndjson:1"]);
    // data.csv, report.pdf and the hidden .cache directory
    assert_eq!(inputs.stats(), Stats { documents: 4, errors: 0, skipped_files: 3 });
}

#[test]
fn unknown_extension_is_sniffed() {
    let html = read_one("report.dat", &ReadOptions::default()).unwrap();
    assert_eq!(
        html.document.text(),
        "Delegations from both sides met in Lindau on Thursday for a new round of ceasefire talks, the mediators said."
    );
    assert_eq!(html.document.meta.title.as_deref(), Some("Ceasefire talks resume"));
    let text = read_one("notes.log", &ReadOptions::default()).unwrap();
    assert!(text.document.text().starts_with("Aid convoy reached"));
}

#[test]
fn stdin_is_sniffed() {
    let run = |input: &'static str| {
        read_inputs(&["-".into()], &ReadOptions::default())
            .with_stdin(Box::new(Cursor::new(input)))
            .collect::<Vec<_>>()
    };
    let text = run("Troops withdrew from the ridge.");
    assert_eq!(text.len(), 1);
    let l = text[0].as_ref().unwrap();
    assert_eq!((l.source.as_str(), l.document.text()), ("-", "Troops withdrew from the ridge."));

    let html = run("<html><body><p>Talks collapsed on Monday.</p></body></html>");
    assert_eq!(html[0].as_ref().unwrap().document.text(), "Talks collapsed on Monday.");

    let jsonl = run("{\"text\":\"one\"}\n{\"text\":\"two\"}\n");
    let sources: Vec<_> = jsonl.iter().map(|r| r.as_ref().unwrap().source.clone()).collect();
    assert_eq!(sources, ["-:1", "-:2"]);
}

#[test]
fn overrides_replace_found_metadata() {
    let opts = ReadOptions {
        overrides: Meta {
            title: Some("Given title".into()),
            published: Some("2024-03-19".into()),
            publisher: Some("Given".into()),
            ..Meta::default()
        },
        ..ReadOptions::default()
    };
    let l = read_one("page.html", &opts).unwrap();
    assert_eq!(l.document.meta.title.as_deref(), Some("Given title"));
    assert_eq!(l.document.meta.published.as_deref(), Some("2024-03-19"));
    assert_eq!(l.document.meta.publisher.as_deref(), Some("Given"));
    assert_eq!(l.document.meta.url.as_deref(), Some("https://courier.example/news/varnsley-flood"));
}

#[test]
fn bad_override_date_is_caught_up_front_and_per_document() {
    let opts = ReadOptions {
        overrides: Meta { published: Some("tomorrow".into()), ..Meta::default() },
        ..ReadOptions::default()
    };
    let e = opts.check("--published").unwrap_err();
    assert_eq!(e.to_string(), "--published: bad published date \"tomorrow\": expected YYYY-MM-DD");
    assert!(matches!(read_one("article.txt", &opts).unwrap_err().kind(), ErrorKind::BadDate(_)));
    assert!(ReadOptions::default().check("--published").is_ok());
}

#[test]
fn batch_goes_on_after_errors() {
    let paths = [fixture("empty.txt"), fixture("missing.txt"), fixture("article.txt"), fixture("binary.txt")];
    let mut inputs = read_inputs(&paths, &ReadOptions::default());
    let ok: Vec<bool> = inputs.by_ref().map(|r| r.is_ok()).collect();
    assert_eq!(ok, [false, false, true, false]);
    assert_eq!(inputs.stats(), Stats { documents: 1, errors: 3, skipped_files: 0 });
}
