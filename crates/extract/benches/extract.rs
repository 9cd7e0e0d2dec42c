//! Throughput of the date and casualty finders on the UD English EWT raw text (or the
//! reference article when EWT is not there).

use std::hint::black_box;
use std::path::Path;

use claimgraph_extract::quantity::find_casualties;
use claimgraph_extract::time::{Date, find_dates};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// The `# text = ` lines of a CoNLL-U file, one sentence a line.
fn conllu_text(path: &Path) -> Option<String> {
    let raw = std::fs::read_to_string(path).ok()?;
    let lines: Vec<&str> = raw.lines().filter_map(|l| l.strip_prefix("# text = ")).collect();
    (!lines.is_empty()).then(|| lines.join("\n"))
}

fn corpus() -> String {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    let ewt = shared.join("data/ud-english-ewt");
    if let Ok(dir) = std::fs::read_dir(&ewt) {
        let mut files: Vec<_> = dir.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        if let Some(text) =
            files.iter().find(|p| p.to_string_lossy().ends_with("train.conllu")).and_then(|p| conllu_text(p))
        {
            return text;
        }
    }
    std::fs::read_to_string(shared.join("examples/iran-bounties/article.txt")).unwrap_or_else(|_| {
        "The attack on December 11 killed two civilians and injured more than 70 others.".repeat(50)
    })
}

fn bench(c: &mut Criterion) {
    let text = corpus();
    let base = Date::new(2020, 8, 18).ok();
    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(10);
    g.bench_function("find_dates", |b| b.iter(|| black_box(find_dates(black_box(&text), base)).len()));
    g.bench_function("find_casualties", |b| b.iter(|| black_box(find_casualties(black_box(&text))).len()));
    g.finish();
}

/// Documents of about 40 sentences cut from the corpus (news-article sized).
fn documents(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().take(2000).collect();
    lines.chunks(40).map(|c| c.join(" ")).collect()
}

/// End-to-end extraction against the NLP core alone (tokenizer, tagger and parser when
/// embedded, recognizer), in words per second.
fn pipeline(c: &mut Criterion) {
    let Ok(x) = claimgraph_extract::Extractor::new() else { return };
    let docs: Vec<claimgraph_core::Document> = documents(&corpus())
        .iter()
        .map(|t| {
            let meta = claimgraph_core::Meta { published: Some("2020-08-18".into()), ..Default::default() };
            claimgraph_core::Document::new(t, meta)
        })
        .collect();
    let words: usize = docs.iter().map(|d| x.annotate(d.text()).words.len()).sum();
    let mut g = c.benchmark_group("pipeline");
    g.throughput(Throughput::Elements(words as u64));
    g.sample_size(10);
    g.bench_function("nlp_core", |b| {
        b.iter(|| docs.iter().map(|d| black_box(x.annotate(d.text())).words.len()).sum::<usize>())
    });
    g.bench_function("extract", |b| {
        b.iter(|| docs.iter().map(|d| black_box(x.extract(d)).events.len()).sum::<usize>())
    });
    g.finish();
}

criterion_group!(benches, bench, pipeline);
criterion_main!(benches);
