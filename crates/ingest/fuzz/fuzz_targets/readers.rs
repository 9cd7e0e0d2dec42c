//! Feeds arbitrary bytes to every reader: none may panic, and every document they accept
//! must have non-empty normalized text.
#![no_main]

use claimgraph_ingest::{
    Format, ReadOptions, read_bytes, read_html, read_jsonl_line, read_text_bytes, sniff,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = ReadOptions::default();
    for loaded in [read_text_bytes(data, "f", &opts), read_html(data, "f", &opts)].into_iter().flatten() {
        assert!(!loaded.document.text().is_empty());
    }
    let _ = read_jsonl_line(data, "f:1", &opts);
    let _ = read_bytes(data, sniff(data), "f", &opts).count();
    let _ = read_bytes(data, Format::Jsonl, "f", &opts).count();
});
