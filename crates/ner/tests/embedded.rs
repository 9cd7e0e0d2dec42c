//! The shipped model: loads, round-trips, and tags sentences written for these tests.

use claimgraph_ner::{EntityLabel, EntitySpan, EntityTag, Ner, NerError};

fn words(s: &str) -> Vec<&str> {
    s.split(' ').collect()
}

fn has(spans: &[EntitySpan], ws: &[&str], text: &str, label: EntityLabel) -> bool {
    spans.iter().any(|e| e.label == label && ws[e.start_word..e.end_word].join(" ") == text)
}

#[test]
fn tags_a_spokesman_sentence() {
    let ner = Ner::embedded().expect("embedded model loads");
    let ws = words(
        "Zabihullah Mujahid , a Taliban spokesman , said in Kabul that the fighters had left the city .",
    );
    let spans = ner.entities(&ws);
    assert!(has(&spans, &ws, "Zabihullah Mujahid", EntityLabel::Per), "{spans:?}");
    assert!(has(&spans, &ws, "Kabul", EntityLabel::Loc), "{spans:?}");
    // nothing outside the names
    for e in &spans {
        assert!(
            ["Zabihullah Mujahid", "Taliban", "Kabul"]
                .contains(&ws[e.start_word..e.end_word].join(" ").as_str()),
            "unexpected entity {e:?}"
        );
    }
}

#[test]
fn tags_organizations_and_places() {
    let ner = Ner::embedded().unwrap();
    let ws = words("The Pentagon said on Tuesday that two American soldiers were wounded near Kandahar .");
    let spans = ner.entities(&ws);
    assert!(has(&spans, &ws, "Pentagon", EntityLabel::Org), "{spans:?}");
    assert!(has(&spans, &ws, "Kandahar", EntityLabel::Loc), "{spans:?}");
    let ws = words("Maria Lopez works for the World Bank in Washington .");
    let spans = ner.entities(&ws);
    assert!(has(&spans, &ws, "Maria Lopez", EntityLabel::Per), "{spans:?}");
    assert!(has(&spans, &ws, "World Bank", EntityLabel::Org), "{spans:?}");
    assert!(has(&spans, &ws, "Washington", EntityLabel::Loc), "{spans:?}");
}

#[test]
fn output_is_valid_iob2_and_handles_edge_cases() {
    let ner = Ner::embedded().unwrap();
    assert!(ner.tag::<&str>(&[]).is_empty());
    let ws = words("he said that it was fine .");
    let tags = ner.tag(&ws);
    assert_eq!(tags.len(), ws.len());
    assert!(tags.iter().all(|t| *t == EntityTag::O), "{tags:?}");
    let odd = ["", " ", "\u{1F600}", "ÉCOLE", "x".repeat(500).leak(), "--"];
    let tags = ner.tag(&odd);
    assert_eq!(tags.len(), odd.len());
    let mut prev = None;
    for t in tags {
        assert!(t.may_follow(prev));
        prev = Some(t);
    }
}

#[test]
fn shared_model_is_parsed_once() {
    let a = Ner::shared().unwrap();
    let b = Ner::shared().unwrap();
    assert!(std::ptr::eq(a, b));
    let started = std::time::Instant::now();
    let fresh = Ner::embedded().unwrap();
    eprintln!("embedded model parse: {:?}", started.elapsed());
    assert_eq!(fresh.n_features(), a.n_features());
}

#[test]
fn model_round_trips_through_a_file() {
    let ner = Ner::embedded().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("ner.bin");
    ner.save(&p).unwrap();
    let back = Ner::load(&p).unwrap();
    assert_eq!(back.n_features(), ner.n_features());
    assert_eq!(back.to_bytes(), ner.to_bytes());
    let ws = words("Angela Merkel met Emmanuel Macron in Berlin .");
    assert_eq!(back.tag(&ws), ner.tag(&ws));
}

#[test]
fn corrupt_model_files_give_typed_errors() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bad.bin");
    let mut bytes = Ner::embedded().unwrap().to_bytes();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0xff;
    std::fs::write(&p, &bytes).unwrap();
    assert!(matches!(Ner::load(&p), Err(NerError::Model(_))));
    std::fs::write(&p, b"hello").unwrap();
    assert!(matches!(Ner::load(&p), Err(NerError::Model(_))));
    assert!(matches!(Ner::load(&dir.path().join("missing.bin")), Err(NerError::Io { .. })));
}

#[test]
fn never_panics_on_odd_input() {
    let ner = Ner::embedded().unwrap();
    // deterministic pseudo-random words over a mixed alphabet
    let alphabet: Vec<char> = "aZ9-'.\u{e9}\u{130}\u{df}\u{fb01}\u{1F600}\u{0} _ÄÖ".chars().collect();
    let mut x: u64 = 7;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for _ in 0..200 {
        let n = (next() % 12) as usize;
        let words: Vec<String> = (0..n)
            .map(|_| {
                let len = (next() % 6) as usize;
                (0..len).map(|_| alphabet[(next() % alphabet.len() as u64) as usize]).collect()
            })
            .collect();
        let tags = ner.tag(&words);
        assert_eq!(tags.len(), words.len());
        for e in ner.entities(&words) {
            assert!(e.start_word < e.end_word && e.end_word <= words.len());
        }
    }
}
