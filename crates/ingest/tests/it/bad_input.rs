//! One test per kind of bad input: each is a typed error naming the file (and the line
//! for JSON Lines).

use claimgraph_ingest::{ErrorKind, IngestError, ReadOptions, read_inputs};

use crate::{fixture, read_one};

fn err(name: &str) -> IngestError {
    read_one(name, &ReadOptions::default()).unwrap_err()
}

#[test]
fn binary_file() {
    let e = err("binary.txt");
    assert!(matches!(e.kind(), ErrorKind::Binary(_)), "{e}");
    assert!(e.source_name().ends_with("binary.txt"));
    assert!(e.to_string().contains("binary.txt: binary content"), "{e}");
}

#[test]
fn empty_file_and_blank_file() {
    assert!(matches!(err("empty.txt").kind(), ErrorKind::Empty));
    let e = err("blank.txt");
    assert!(matches!(e.kind(), ErrorKind::Empty), "{e}");
    assert!(e.to_string().ends_with("blank.txt: empty: no text"), "{e}");
}

#[test]
fn invalid_utf8_that_is_no_legacy_encoding() {
    let e = err("invalid-utf8.txt");
    assert!(matches!(e.kind(), ErrorKind::Encoding(m) if m.contains("invalid UTF-8 at byte")), "{e}");
    assert!(e.source_name().ends_with("invalid-utf8.txt"));
}

#[test]
fn html_without_text() {
    let e = err("no-text.html");
    assert!(matches!(e.kind(), ErrorKind::NoHtmlText), "{e}");
    assert!(e.source_name().ends_with("no-text.html"));
}

#[test]
fn file_over_the_limit() {
    let opts = ReadOptions { max_bytes: 100, ..ReadOptions::default() };
    let e = read_one("article.txt", &opts).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::TooLarge { size: 303, limit: 100 }), "{e}");
    // stdin stops reading at the limit
    let endless = std::io::repeat(b'a');
    let items: Vec<_> = read_inputs(&["-".into()], &opts).with_stdin(Box::new(endless)).collect();
    assert!(matches!(items[0].as_ref().unwrap_err().kind(), ErrorKind::TooLarge { size: 101, limit: 100 }));
    // a JSON Lines line over the limit is skipped, the next one is read
    let long = format!("{{\"text\":\"{}\"}}\n{{\"text\":\"short\"}}\n", "x".repeat(200));
    let items: Vec<_> =
        read_inputs(&["-".into()], &opts).with_stdin(Box::new(std::io::Cursor::new(long))).collect();
    assert_eq!(items.len(), 2);
    let e = items[0].as_ref().unwrap_err();
    assert_eq!(e.source_name(), "-:1");
    assert!(matches!(e.kind(), ErrorKind::TooLarge { .. }));
    assert_eq!(items[1].as_ref().unwrap().document.text(), "short");
}

#[test]
fn bad_jsonl_lines_name_their_line() {
    let items: Vec<_> = read_inputs(&[fixture("bad-lines.jsonl")], &ReadOptions::default()).collect();
    assert_eq!(items.len(), 6);
    let line = |i: usize| {
        let e = items[i].as_ref().unwrap_err();
        assert!(e.source_name().ends_with(&format!("bad-lines.jsonl:{}", i + 1)), "{e}");
        e.kind()
    };
    assert!(items[0].is_ok());
    assert!(matches!(line(1), ErrorKind::Json(_)));
    assert!(matches!(line(2), ErrorKind::MissingText));
    assert!(matches!(line(3), ErrorKind::BadDate(d) if d == "18/03/2024"));
    assert!(matches!(line(4), ErrorKind::Json(m) if m.contains("object")));
    assert!(items[5].is_ok());
}

#[test]
fn unreadable_path() {
    let e =
        read_inputs(&[fixture("does-not-exist.txt")], &ReadOptions::default()).next().unwrap().unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::NotFound), "{e}");
    assert!(e.to_string().contains("does-not-exist.txt: cannot read"), "{e}");
}

#[test]
fn html_nested_too_deep_is_refused_quickly() {
    let html =
        format!("<html><body>{}<p>x</p>{}</body></html>", "<div>".repeat(20_000), "</div>".repeat(20_000));
    let start = std::time::Instant::now();
    let e = claimgraph_ingest::read_html(html.as_bytes(), "deep.html", &ReadOptions::default()).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::HtmlTooDeep { depth: 20_002, limit: 1000 }), "{e}");
    assert!(start.elapsed().as_secs() < 5, "the check runs before parsing");
}
