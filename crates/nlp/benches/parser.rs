//! Speed of both parsers (accurate: beam; fast: greedy) on UD EWT dev sentences (tags from
//! the embedded tagger), and of the whole tag + lemma + parse pipeline with each.

use claimgraph_nlp::parser::features::{NodeInfo, ROOT_INFO};
use claimgraph_nlp::parser::{ParseScratch, tag_hash};
use claimgraph_nlp::{Analysis, ParserKind, Pipeline, train::read_conllu};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    for kind in [ParserKind::Accurate, ParserKind::Fast] {
        bench_kind(c, kind);
    }
}

fn bench_kind(c: &mut Criterion, kind: ParserKind) {
    let Ok(pipe) = Pipeline::embedded_kind(kind) else { return };
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu");
    let Ok(sents) = read_conllu(&path) else { return };
    let forms: Vec<Vec<&str>> =
        sents.iter().take(500).map(|s| s.words.iter().map(|w| w.form.as_str()).collect()).collect();
    let words: usize = forms.iter().map(Vec::len).sum();
    // parser inputs prepared once, so the first benchmark times the parser alone
    let mut a = Analysis::default();
    let inputs: Vec<Vec<NodeInfo>> = forms
        .iter()
        .map(|f| {
            pipe.analyze(f, &mut a);
            let mut v = vec![ROOT_INFO];
            for (i, w) in f.iter().enumerate() {
                let word = claimgraph_nlp::hashing::hash_lower(w);
                v.push(NodeInfo { word, upos: tag_hash(pipe.upos(&a, i)), xpos: tag_hash(pipe.xpos(&a, i)) });
            }
            v
        })
        .collect();
    let mut g = c.benchmark_group(format!("parser_{}", kind.name()));
    g.throughput(Throughput::Elements(words as u64));
    let mut scratch = ParseScratch::default();
    let (mut heads, mut rels) = (Vec::new(), Vec::new());
    g.bench_function("parse_500_dev_sentences", |b| {
        b.iter(|| {
            for n in &inputs {
                pipe.parser().parse(n, &mut scratch, &mut heads, &mut rels);
            }
        })
    });
    g.bench_function("pipeline_500_dev_sentences", |b| {
        b.iter(|| {
            for f in &forms {
                pipe.analyze(f, &mut a);
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
