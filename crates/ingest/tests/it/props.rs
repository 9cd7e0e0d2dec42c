//! Arbitrary bytes never make a reader panic.

use claimgraph_ingest::{
    Format, ReadOptions, read_bytes, read_html, read_jsonl_line, read_text_bytes, sniff,
};
use proptest::prelude::*;

/// Byte strings biased towards markup, JSON and high bytes, to reach deeper paths.
fn inputs() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..40),
        Just(b"<html><head><meta charset=\"koi8-r\"><title>".to_vec()),
        Just(b"<p>Some words here.</p>".to_vec()),
        Just(b"<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":".to_vec()),
        Just(b"{\"text\":\"".to_vec()),
        Just(b"{\"html\":\"<p>x</p>\",\"published\":\"".to_vec()),
        Just("“é” — ".as_bytes().to_vec()),
        Just(vec![0xff, 0xfe]),
        Just(b"\n".to_vec()),
    ];
    prop::collection::vec(piece, 0..12).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn readers_never_panic(bytes in inputs()) {
        let opts = ReadOptions::default();
        let _ = read_text_bytes(&bytes, "p", &opts);
        let _ = read_html(&bytes, "p", &opts);
        let _ = read_jsonl_line(&bytes, "p:1", &opts);
        let _ = read_bytes(&bytes, sniff(&bytes), "p", &opts).count();
        let _ = read_bytes(&bytes, Format::Jsonl, "p", &opts).count();
    }

    #[test]
    fn documents_are_never_empty(bytes in inputs()) {
        if let Ok(l) = read_text_bytes(&bytes, "p", &ReadOptions::default()) {
            prop_assert!(!l.document.text().is_empty());
        }
    }
}
