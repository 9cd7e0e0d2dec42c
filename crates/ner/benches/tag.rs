//! Tagging throughput of the embedded model on UNER English-EWT test sentences (or on a few
//! built-in sentences when the shared data folder is absent).

use claimgraph_ner::{Ner, read_iob2};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;

fn sentences() -> Vec<Vec<String>> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/uner-english-ewt/en_ewt-ud-test.iob2");
    match read_iob2(&p) {
        Ok(s) => s.into_iter().map(|s| s.words).collect(),
        Err(_) => [
            "Zabihullah Mujahid , a Taliban spokesman , said in Kabul that the attack was over .",
            "The Pentagon said on Tuesday that two soldiers were killed near Kandahar .",
        ]
        .iter()
        .map(|s| s.split(' ').map(str::to_string).collect())
        .collect(),
    }
}

fn bench(c: &mut Criterion) {
    let ner = Ner::embedded().expect("embedded model");
    let sents = sentences();
    let words: usize = sents.iter().map(Vec::len).sum();
    let refs: Vec<Vec<&str>> = sents.iter().map(|s| s.iter().map(String::as_str).collect()).collect();
    let mut g = c.benchmark_group("ner");
    g.throughput(Throughput::Elements(words as u64));
    g.sample_size(10);
    g.bench_function("tag_uner_test", |b| {
        let mut out = Vec::new();
        b.iter(|| {
            for s in &refs {
                ner.tag_into(black_box(s), &mut out);
                black_box(&out);
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
