//! Tokenizer and sentence-splitter throughput on the raw text of UD English EWT test.

use claimgraph_text::{Tokenizer, conllu, raw::raw_text};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    let path =
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/ud-english-ewt/en_ewt-ud-test.conllu");
    let Ok(data) = std::fs::read_to_string(path) else {
        eprintln!("{path} not found: nothing to benchmark");
        return;
    };
    let gold = conllu::parse(&data).expect("EWT test parses");
    let text = raw_text(&gold);
    let tok = Tokenizer::new();
    let n = tok.tokenize(&text).len() as u64;
    let mut g = c.benchmark_group("ewt-test");
    g.throughput(Throughput::Elements(n));
    g.bench_function("tokenize", |b| b.iter(|| tok.tokenize(std::hint::black_box(&text))));
    let tokens = tok.tokenize(&text);
    g.bench_function("split", |b| b.iter(|| tok.split(std::hint::black_box(&text), &tokens)));
    g.bench_function("analyze", |b| b.iter(|| tok.analyze(std::hint::black_box(&text))));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
