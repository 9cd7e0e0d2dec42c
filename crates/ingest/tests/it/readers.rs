//! One test per reader on well-formed input.

use claimgraph_ingest::{ReadOptions, read_html, read_text_bytes};

use crate::{fixture, read_one};

#[test]
fn plain_utf8_text() {
    let l = read_one("article.txt", &ReadOptions::default()).unwrap();
    let text = l.document.text();
    assert!(text.starts_with("HARLOW BAY — Two fishing boats were seized"));
    assert!(text.contains("this month.\n\nThe owners said"), "paragraph break kept: {text:?}");
    assert_eq!(l.document.meta.language.as_deref(), Some("en"));
    assert!(l.warnings.is_empty());
    assert!(l.source.ends_with("article.txt"));
    assert!(l.document.id().starts_with("sha256:"));
}

#[test]
fn windows_1252_text_is_decoded_with_a_warning() {
    let l = read_one("cp1252.txt", &ReadOptions::default()).unwrap();
    assert_eq!(
        l.document.text(),
        "“We will not leave,” said Renée Castel, the café owner. The mayor’s office said the market would reopen on Friday – after the inspection."
    );
    assert_eq!(l.warnings.len(), 1);
    assert!(l.warnings[0].contains("windows-1252"), "{:?}", l.warnings);
}

#[test]
fn utf16_text_with_bom() {
    let l = read_one("utf16le.txt", &ReadOptions::default()).unwrap();
    assert!(
        l.document.text().starts_with("Protesters gathered outside the ministry on Monday.\nPolice said 300")
    );
    assert!(l.document.text().contains("2,000 — a figure the ministry called “invented”."));
    assert!(l.warnings[0].contains("UTF-16LE"));
}

#[test]
fn html_main_text_and_metadata() {
    let l = read_one("page.html", &ReadOptions::default()).unwrap();
    let d = &l.document;
    let text = d.text();
    assert!(text.contains("Rescue crews evacuated forty-two residents of Varnsley by boat"));
    assert!(text.contains("“The water rose faster than anyone expected,” said station manager Ilse Dorran"));
    assert!(text.ends_with("The work has not started."), "{text:?}");
    // paragraphs are separated by one blank line
    assert!(text.contains("at the scene.\n\nThe Environment Office said"), "{text:?}");
    // navigation, ads, scripts, comments, sidebar and footer are gone
    for noise in [
        "Home",
        "ADVERTISEMENT",
        "Roverline",
        "Sponsored",
        "trackPage",
        "renderComments",
        "editor:",
        "Most read",
        "All rights reserved",
        "border:",
    ] {
        assert!(!text.contains(noise), "{noise:?} leaked into {text:?}");
    }
    assert_eq!(d.meta.title.as_deref(), Some("Flooding cuts the only road to Varnsley"));
    assert_eq!(d.meta.publisher.as_deref(), Some("Northfield Courier Ltd"), "JSON-LD publisher.name wins");
    assert_eq!(d.meta.published.as_deref(), Some("2024-03-18"));
    assert_eq!(d.meta.url.as_deref(), Some("https://courier.example/news/varnsley-flood"));
    assert_eq!(d.meta.language.as_deref(), Some("en"));
}

#[test]
fn html_with_declared_legacy_charset() {
    let bytes = std::fs::read(fixture("latin1.html")).unwrap();
    let l = read_html(&bytes, "latin1.html", &ReadOptions::default()).unwrap();
    assert!(l.document.text().starts_with("Le marché de Saint-Aubin restera fermé jusqu'à lundi"));
    assert_eq!(l.document.meta.title.as_deref(), Some("Marché fermé"));
    assert_eq!(l.document.meta.language.as_deref(), Some("fr"));
    assert!(l.warnings.iter().any(|w| w.contains("windows-1252")), "{:?}", l.warnings);
}

#[test]
fn jsonl_records() {
    let items: Vec<_> =
        claimgraph_ingest::read_inputs(&[fixture("docs.jsonl")], &ReadOptions::default()).collect();
    assert_eq!(items.len(), 3, "blank line skipped");
    let first = items[0].as_ref().unwrap();
    assert!(first.source.ends_with("docs.jsonl:1"));
    assert_eq!(first.document.meta.title.as_deref(), Some("Police post attacked"));
    assert_eq!(first.document.meta.url.as_deref(), Some("https://wire.example/1"));
    assert_eq!(first.document.meta.publisher.as_deref(), Some("Example Wire"));
    assert_eq!(first.document.meta.published.as_deref(), Some("2023-11-03"));
    assert_eq!(first.document.meta.language.as_deref(), Some("en"));

    let html = items[1].as_ref().unwrap();
    assert!(html.source.ends_with("docs.jsonl:3"), "line numbers count the blank line");
    assert_eq!(
        html.document.text(),
        "The port of Selm reopened on Saturday after a three-day strike by dock workers ended with a pay deal.\n\nShipping agents said about forty vessels were waiting offshore."
    );
    assert_eq!(html.document.meta.title.as_deref(), Some("Port reopens"));
    assert_eq!(html.document.meta.published.as_deref(), Some("2023-11-04"));
    assert_eq!(html.document.meta.publisher.as_deref(), Some("Harbour Times"));

    let fr = items[2].as_ref().unwrap();
    assert_eq!(fr.document.meta.language.as_deref(), Some("fr"));
}

#[test]
fn in_memory_text_for_an_api() {
    let l =
        read_text_bytes("Shelling hit the market.".as_bytes(), "request", &ReadOptions::default()).unwrap();
    assert_eq!((l.source.as_str(), l.document.text()), ("request", "Shelling hit the market."));
}

#[test]
fn reference_article_reads_as_its_normalized_text() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/examples/iran-bounties/article.txt");
    let Ok(raw) = std::fs::read_to_string(&path) else {
        // the shared folder sits beside the repository on the project machines and in CI
        eprintln!("skipped: {} not found", path.display());
        return;
    };
    let opts = ReadOptions {
        overrides: claimgraph_core::Meta { published: Some("2020-08-18".into()), ..Default::default() },
        ..ReadOptions::default()
    };
    let l = claimgraph_ingest::read_inputs(&[path], &opts).next().unwrap().unwrap();
    assert_eq!(l.document.text(), claimgraph_core::normalize::normalize(&raw));
    assert_eq!(l.document.meta.published.as_deref(), Some("2020-08-18"));
    assert_eq!(l.document.meta.language.as_deref(), Some("en"));
    assert!(l.warnings.is_empty());
}
