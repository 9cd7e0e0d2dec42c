//! Tagger speed (tag + lemma hashing) on UD EWT dev sentences with the embedded model.

use claimgraph_nlp::{Tagger, train::read_conllu};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    let Ok(tagger) = Tagger::embedded() else { return };
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu");
    let Ok(sents) = read_conllu(&path) else { return };
    let forms: Vec<Vec<&str>> =
        sents.iter().take(500).map(|s| s.words.iter().map(|w| w.form.as_str()).collect()).collect();
    let words: usize = forms.iter().map(Vec::len).sum();
    let mut g = c.benchmark_group("tagger");
    g.throughput(Throughput::Elements(words as u64));
    let (mut toks, mut scores, mut tags) = (Vec::new(), Vec::new(), Vec::new());
    g.bench_function("tag_500_dev_sentences", |b| {
        b.iter(|| {
            for f in &forms {
                tagger.hash_tokens(f, &mut toks);
                tagger.tag(&toks, &mut scores, &mut tags);
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
