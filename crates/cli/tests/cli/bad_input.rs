//! Bad input: one clear message naming the file (and line), the batch goes on, exit 1.

use super::util::*;

#[test]
fn each_bad_input_is_named_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join("good.txt"), "A convoy was attacked near the border on Friday.").unwrap();
    std::fs::write(p.join("empty.txt"), "").unwrap();
    std::fs::write(p.join("blank.txt"), " \n\t \n").unwrap();
    let mut binary = b"\x7fELF\x02\x01\x01".to_vec();
    binary.extend((0..2000u32).map(|i| (i % 7) as u8));
    std::fs::write(p.join("binary.txt"), binary).unwrap();
    std::fs::write(p.join("broken.html"), "<html><body><script>only()</script><div></div>").unwrap();
    std::fs::write(p.join("big.txt"), "word ".repeat(400)).unwrap();
    std::fs::write(
        p.join("lines.jsonl"),
        "{\"text\": \"Fine line.\"}\nnot json at all\n{\"title\": \"no text\"}\n",
    )
    .unwrap();
    let o = run_in(
        p,
        &[
            "extract",
            "--max-bytes",
            "1000",
            "good.txt",
            "empty.txt",
            "blank.txt",
            "binary.txt",
            "broken.html",
            "big.txt",
            "lines.jsonl",
            "missing.txt",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    for needle in [
        "empty.txt",
        "blank.txt",
        "binary.txt",
        "broken.html",
        "big.txt",
        "lines.jsonl:2",
        "lines.jsonl:3",
        "missing.txt",
    ] {
        assert!(
            err.lines().any(|l| l.starts_with("error:") && l.contains(needle)),
            "no error for {needle}:\n{err}"
        );
    }
    assert!(err.contains("2 documents extracted, 8 failed"), "{err}");
    assert_eq!(json_lines(&o).len(), 2);
}

#[test]
fn invalid_utf8_that_is_no_legacy_encoding_or_cp1252() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    // Windows-1252 curly quotes and an e-acute: decoded with a warning.
    std::fs::write(
        p.join("cp1252.txt"),
        b"The minister\x92s \x93statement\x94 was issued in Bogot\xe1 on Monday.",
    )
    .unwrap();
    let o = run_in(p, &["extract", "cp1252.txt"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let x = &json_lines(&o)[0];
    assert_eq!(x["document"]["text"], "The minister’s “statement” was issued in Bogotá on Monday.");
    assert!(stderr(&o).contains("warning: cp1252.txt"), "{}", stderr(&o));
}

#[test]
fn bad_published_flag_is_a_usage_error_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Text.").unwrap();
    let o = run_in(dir.path(), &["extract", "--published", "last tuesday", "a.txt"], None);
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("--published"), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
}

#[test]
fn failures_do_not_touch_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join("one.txt"), report(1)).unwrap();
    let o = run_in(p, &["ingest", "one.txt"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let before = run_in(p, &["show", "--json", &first_id(p)], None);
    std::fs::write(p.join("bad.jsonl"), "{oops\n").unwrap();
    std::fs::write(p.join("empty.txt"), "").unwrap();
    let o = run_in(p, &["ingest", "bad.jsonl", "empty.txt"], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("0 failed") || stderr(&o).contains("2 failed"), "{}", stderr(&o));
    let after = run_in(p, &["show", "--json", &first_id(p)], None);
    assert_eq!(before.stdout, after.stdout);
    assert_eq!(doc_count(p, "claimgraph.db"), 1);
}

fn first_id(p: &std::path::Path) -> String {
    let o = run_in(p, &["docs", "--json"], None);
    let v: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    v[0]["id"].as_str().unwrap().to_string()
}
