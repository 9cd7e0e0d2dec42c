//! Lookup speed on exact aliases (target: ≥ 1 million lookups per second per core), plus
//! resolution in context and decoding of the embedded KB.
//!
//! `cargo bench -p claimgraph-kb --bench lookup`

use std::hint::black_box;

use claimgraph_kb::{Kb, ResolveContext};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// 1,000 canonical names spread over the whole KB (countries, cities, persons, groups).
fn names(kb: &Kb) -> Vec<String> {
    let entries = kb.entries();
    let step = (entries.len() / 1000).max(1);
    entries.iter().step_by(step).take(1000).map(|e| e.name.clone()).collect()
}

fn bench(c: &mut Criterion) {
    let kb = Kb::shared().expect("embedded KB");
    let names = names(kb);
    let mut g = c.benchmark_group("kb");
    g.throughput(Throughput::Elements(names.len() as u64));
    g.bench_function("lookup_exact_1000", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for m in &names {
                n += kb.lookup(black_box(m)).len();
            }
            n
        })
    });
    g.bench_function("resolve_1000", |b| {
        let ctx = ResolveContext::default();
        b.iter(|| names.iter().filter(|m| kb.resolve(black_box(m), &ctx).is_some()).count())
    });
    g.finish();
    let mut g = c.benchmark_group("kb_load");
    g.sample_size(10);
    g.bench_function("embedded_decode", |b| b.iter(|| Kb::embedded().expect("embedded").entries().len()));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
